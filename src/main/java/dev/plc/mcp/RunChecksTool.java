package dev.plc.mcp;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.plc.check.CheckReport;
import dev.plc.check.CheckReports;
import dev.plc.check.CheckRunner;
import dev.plc.core.PlcException;
import dev.plc.migration.MigrationWriter;
import dev.plc.plan.ChangePlan;
import dev.plc.plan.PlanStore;
import dev.plc.repo.RepoPaths;
import io.modelcontextprotocol.server.McpServerFeatures;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** {@code run_checks}: the gate before merging, on throwaway databases. */
final class RunChecksTool implements McpTool {

    static final String NAME = "run_checks";

    record Args(
            @JsonPropertyDescription("Path of the repository (absolute, or relative to the server's working directory). Default: the server's working directory.")
            String repo,
            @JsonPropertyDescription("Checks to run: apply, validate, immutability, lint, roundtrip, expectation, data_safety, validations, impact, "
                    + "compatibility. "
                    + "Default: all of them; validations then runs the repo's required commands (see `validations`).")
            List<String> checks,
            @JsonPropertyDescription("Git ref the change is compared with (default: the default branch, via merge-base).")
            String base,
            @JsonPropertyDescription("plan_id from plan_change in this server: enables the expectation and compatibility checks.")
            String planId,
            @JsonPropertyDescription("The plan object (instead of plan_id).")
            ChangePlan plan,
            @JsonPropertyDescription("JDBC URL of a server to create the scratch databases in (e.g. a CI PostgreSQL); the database in the URL is "
                    + "only used to create and drop them.")
            String databaseUrl,
            @JsonPropertyDescription("Upper bound in seconds for each apply (default 300).")
            Integer timeoutS,
            @JsonPropertyDescription("Lint every migration, not only the new or changed ones (default false).")
            Boolean lintAll,
            @JsonPropertyDescription("Accept status not_applicable for the checks named in `checks` (default false: a check you name that has "
                    + "nothing to check, e.g. roundtrip without down scripts, is reported as error with its not_applicable_reason, and ok is "
                    + "false). Checks left to the default list may always be not_applicable.")
            Boolean allowNotApplicable,
            @JsonPropertyDescription("The repo's own validation commands (REPO_PROFILE.json, else inferred: mvn/gradle/go/pytest/npm test). "
                    + "Default: with the default checks, the required ones run (every profile entry unless it says \"required\": false, "
                    + "and an inferred test command), each bounded by its timeout_s, after the migration checks; naming validations in "
                    + "`checks` runs all of them. true: run all of them. false: skip them; the result says they were skipped on request.")
            Boolean validations) {
    }

    private static final String DESCRIPTION = """
            Prove the repository's migrations before merging: applies every migration from scratch on a fresh throwaway \
            database of the repo's dialect (apply), runs Flyway validate (validate), flags migrations that already exist \
            on the base branch and were edited or deleted (immutability), lints the new or changed migrations with the \
            hazard catalogue (lint; inline '-- plc:ignore <rule> <reason>' suppressions are reported, not hidden), runs \
            up -> down -> up where down scripts exist and compares schemas (roundtrip), compares the result with the \
            plan's expected schema (expectation, with plan_id), applies the new migrations over generated rows \
            (data_safety), finds code that still uses what the change drops or renames (impact), prepares the repo's own \
            queries (SQL strings, native queries, MyBatis, .sql files, JPA entities, jOOQ tables) against the schema \
            before the plan's change and after each release (compatibility, with plan_id), and runs the repo's own \
            required validation commands, e.g. its test suite (validations; validations=false skips them). Returns ok, each check's status (pass, fail, warn, \
            error: the check could not run, with the database's message; not_applicable: with not_applicable_reason and \
            reason) with file:line findings, and which database was used and whether it was the real dialect. ok is \
            true only when no check is fail or error. Sends progress notifications. Throwaway databases are always dropped; nothing else is changed.""";

    private final CheckRunner runner;
    private final PlanStore plans;
    private final Path workingDirectory;

    RunChecksTool(CheckRunner runner, PlanStore plans, Path workingDirectory) {
        this.runner = runner;
        this.plans = plans;
        this.workingDirectory = workingDirectory;
    }

    @Override
    public McpServerFeatures.SyncToolSpecification specification() {
        return ToolCalls.tool(NAME, "Check migrations", DESCRIPTION, Args.class, CheckReport.class, ToolCalls.Hints.WRITES_IDEMPOTENT, (args, progress) -> {
                    ChangePlan plan = args.plan() != null || args.planId() != null ? MigrationWriter.resolve(plans, args.planId(), args.plan()) : null;
                    int timeout = args.timeoutS() == null ? 300 : args.timeoutS();
                    if (timeout < 1 || timeout > 3600) {
                        throw PlcException.invalid("timeout_s must be between 1 and 3600 seconds, got " + timeout);
                    }
                    CheckReport report = runner.run(new CheckRunner.Request(RepoPaths.resolve(args.repo(), workingDirectory), args.checks(), args.base(),
                            plan, args.databaseUrl(), Duration.ofSeconds(timeout), Boolean.TRUE.equals(args.lintAll()),
                            Boolean.TRUE.equals(args.allowNotApplicable()), args.validations()), progress);
                    return new ToolCalls.Outcome(report, CheckReports.text(report));
        });
    }
}
