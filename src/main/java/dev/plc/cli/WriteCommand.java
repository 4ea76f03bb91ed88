package dev.plc.cli;

import dev.plc.db.ScratchDatabases;
import dev.plc.json.Json;
import dev.plc.migration.MigrationWriter;
import dev.plc.migration.WriteReport;
import dev.plc.migration.WrittenMigrations;
import dev.plc.plan.ChangePlan;
import dev.plc.repo.RepoPaths;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "write", mixinStandardHelpOptions = true,
        description = "Write the migration files of one release of a plan (the write_migration tool). "
                + "The plan file is the output of 'plan --json'.")
final class WriteCommand implements Callable<Integer> {

    @Mixin
    RepoOptions repoOptions;

    @Option(names = "--plan-file", required = true, paramLabel = "FILE", description = "The plan, as printed by 'plan --json'.")
    Path planFile;

    @Option(names = "--name", description = "File name part after the version (default: from the plan).")
    String name;

    @Option(names = "--include-down", negatable = true, description = "Write down/undo scripts (default: what the repo already does).")
    Boolean includeDown;

    @Option(names = "--framework", description = "Write for this framework instead of the repo's primary one.")
    String framework;

    @Option(names = "--approval", description = "The plan's approval token (required for destructive steps).")
    String approval;

    @Option(names = "--include-code", description = "Also apply the release's code_changes to the repo's files (all or none, "
            + "only where a file still has the content the plan's diff was made for).")
    boolean includeCode;

    @Option(names = "--release", defaultValue = "1", description = "Which release of the plan to write (default ${DEFAULT-VALUE}).")
    int release;

    @Override
    public Integer call() {
        Path repo = RepoPaths.resolve(repoOptions.repo, Path.of("").toAbsolutePath());
        ChangePlan plan = PlanFiles.read(planFile);
        WrittenMigrations written = new MigrationWriter(ScratchDatabases.fromEnvironment()).write(
                new MigrationWriter.Request(repo, plan, name, includeDown, framework, approval, release, includeCode), repoOptions.progress());
        System.out.println(repoOptions.json ? Json.pretty(written) : WriteReport.summary(written));
        return written.unsupported() != null ? ExitCode.FINDINGS : ExitCode.OK;
    }
}
