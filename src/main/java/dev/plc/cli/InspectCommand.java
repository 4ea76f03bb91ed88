package dev.plc.cli;

import dev.plc.core.PlcException;
import dev.plc.db.ScratchDatabases;
import dev.plc.inspect.InspectionReport;
import dev.plc.inspect.RepoInspection;
import dev.plc.inspect.RepoInspector;
import dev.plc.json.Json;
import dev.plc.repo.RepoPaths;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Report the repository's migration framework, dialect, data access, validations and current schema "
                + "(the inspect_repo tool). Exit code 1 when the migrations fail to apply.")
final class InspectCommand implements Callable<Integer> {

    @Mixin
    RepoOptions repoOptions;

    @Option(names = "--database-url", paramLabel = "URL",
            description = "Read the schema from this live database (read-only) instead of applying the migrations.")
    String databaseUrl;

    @Option(names = "--no-introspect", description = "Do not read the schema (fast).")
    boolean noIntrospect;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120",
            description = "Upper bound for applying the migrations (default ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    public Integer call() {
        Path repo = RepoPaths.resolve(repoOptions.repo, Path.of("").toAbsolutePath());
        RepoInspector inspector = new RepoInspector(ScratchDatabases.fromEnvironment());
        RepoInspection result = inspector.inspect(new RepoInspector.Request(repo, databaseUrl, !noIntrospect,
                Duration.ofSeconds(timeoutSeconds)), repoOptions.progress());
        System.out.println(repoOptions.json ? Json.pretty(result) : InspectionReport.full(result));
        return "failed".equals(result.schemaSource().status()) ? ExitCode.FINDINGS : ExitCode.OK;
    }
}
