package dev.plc.cli;

import dev.plc.check.CheckReport;
import dev.plc.check.CheckReports;
import dev.plc.check.CheckRunner;
import dev.plc.check.CheckStatus;
import dev.plc.db.ScratchDatabases;
import dev.plc.json.Json;
import dev.plc.plan.ChangePlan;
import dev.plc.repo.RepoPaths;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Prove the repository's migrations on throwaway databases (the run_checks tool). Exit 0 when ok, 1 when a check fails, "
                + "3 when a check could not run (status error) and none failed.")
final class CheckCommand implements Callable<Integer> {

    enum Format { text, json, sarif, lines }

    @Mixin
    RepoOptions repoOptions;

    @Option(names = "--checks", split = ",", paramLabel = "CHECK", description = "Checks to run (default: all; validations then runs the required ones): ${COMPLETION-CANDIDATES}")
    List<String> checks;

    @Option(names = "--base", paramLabel = "REF", description = "Git ref to compare with (default: the default branch).")
    String base;

    @Option(names = "--plan-file", paramLabel = "FILE", description = "The plan (from 'plan --json'): enables the expectation and compatibility checks.")
    Path planFile;

    @Option(names = "--database-url", paramLabel = "URL", description = "A server to create the scratch databases in.")
    String databaseUrl;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300", description = "Bound for each apply (default ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--lint-all", description = "Lint every migration, not only the new or changed ones.")
    boolean lintAll;

    @Option(names = "--allow-not-applicable", description = "Accept not_applicable for the checks named in --checks (without it such a check is an error).")
    boolean allowNotApplicable;

    @Option(names = "--validations", negatable = true, description = "Run all of the repo's validation commands (--validations), or none "
            + "(--no-validations: recorded as skipped on request). Default: the required ones (REPO_PROFILE.json entries unless "
            + "\"required\": false, an inferred test command).")
    Boolean validations;

    @Option(names = "--format", defaultValue = "text", description = "text, json, sarif, or lines (file:line: rule: message).")
    Format format;

    @Override
    public Integer call() {
        Path repo = RepoPaths.resolve(repoOptions.repo, Path.of("").toAbsolutePath());
        ChangePlan plan = planFile == null ? null : PlanFiles.read(planFile);
        CheckReport report = new CheckRunner(ScratchDatabases.fromEnvironment()).run(new CheckRunner.Request(repo, checks, base, plan, databaseUrl,
                Duration.ofSeconds(timeoutSeconds), lintAll, allowNotApplicable, validations), repoOptions.progress());
        Format chosen = repoOptions.json ? Format.json : format;
        String out = switch (chosen) {
            case json -> Json.pretty(report);
            case sarif -> CheckReports.sarif(report);
            case lines -> CheckReports.lines(report);
            case text -> CheckReports.text(report);
        };
        System.out.print(out.endsWith("\n") ? out : out + "\n");
        return exitCode(report);
    }

    /** A failed check is a finding (1); a check that could not run, with none failed, is an error (3): nothing was proven. */
    static int exitCode(CheckReport report) {
        if (report.checks().stream().anyMatch(c -> c.status() == CheckStatus.FAIL)) {
            return ExitCode.FINDINGS;
        }
        if (report.checks().stream().anyMatch(c -> c.status() == CheckStatus.ERROR)) {
            return ExitCode.ERROR;
        }
        return report.ok() ? ExitCode.OK : ExitCode.FINDINGS;
    }
}
