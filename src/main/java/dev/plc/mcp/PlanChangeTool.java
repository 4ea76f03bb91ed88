package dev.plc.mcp;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.plc.core.PlcException;
import dev.plc.plan.ChangePlan;
import dev.plc.plan.ChangePlanner;
import dev.plc.plan.Operation;
import dev.plc.plan.PlanReport;
import dev.plc.repo.RepoPaths;
import io.modelcontextprotocol.server.McpServerFeatures;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** {@code plan_change}: a zero-downtime rollout plan for a schema change, proven on a throwaway database. */
final class PlanChangeTool implements McpTool {

    static final String NAME = "plan_change";

    record Args(
            @JsonPropertyDescription("Path of the repository (absolute, or relative to the server's working directory). Default: the server's working directory.")
            String repo,
            @JsonPropertyDescription("The change: {\"sql\": \"ALTER TABLE ...\"} (any statements of the repo's dialect) or {\"operations\": [{\"op\": \"add_column\", \"table\": ..., ...}]}.")
            Change change,
            @JsonPropertyDescription("One line saying what the change is for (used in file names and headers).")
            String description,
            @JsonPropertyDescription("Running code must keep working at every step (default true). False allows single-step renames and type changes.")
            Boolean zeroDowntime,
            @JsonPropertyDescription("Row counts per table, e.g. {\"orders\": 50000000}. Tables with no size are treated as large.")
            Map<String, Long> tableSizes,
            @JsonPropertyDescription("Optional JDBC URL of the production database (or a replica) to read table sizes from its statistics, read-only.")
            String databaseUrl,
            @JsonPropertyDescription("Upper bound in seconds for building the schema on the throwaway database (default 120).")
            Integer timeoutS,
            @JsonPropertyDescription("The production server's version, e.g. \"11\", \"16.4\", \"10.6\", \"8.0.29\" (default: the throwaway server's). "
                    + "Advice depends on it: PostgreSQL before 11 rewrites the table on ADD COLUMN with a default, before 12 SET NOT NULL "
                    + "scans despite a validated check; MySQL 8.0.12+ / MariaDB 10.3+ add columns instantly.")
            String targetVersion,
            @JsonPropertyDescription("Names of differences the plan's proof on seeded rows found (verification.differences[].name, e.g. "
                    + "\"data:customers.full_name\") that are intended. Without it, a plan whose releases do not end in the same schema and "
                    + "rows as the change as written is an error that lists them.")
            List<String> acceptDifferences) {
    }

    record Change(
            @JsonPropertyDescription("Statements in the repo's dialect (any the database accepts: DDL, UPDATE/INSERT ... SELECT backfills, DO blocks), e.g. ALTER TABLE orders ADD COLUMN note text NOT NULL DEFAULT ''")
            String sql,
            @JsonPropertyDescription("The change as structured operations.")
            List<Operation> operations) {
    }

    private static final String DESCRIPTION = """
            Plan a database schema change for a zero-downtime rollout, before writing any migration. Give the change as \
            SQL (change.sql: any statements valid for the repo's dialect, DDL or DML backfills) or as operations \
            (change.operations: create_table, drop_table, rename_table, add_column, drop_column, rename_column, \
            alter_column_type, set_not_null, drop_not_null, set_default, drop_default, add_index, drop_index, \
            add_foreign_key, drop_foreign_key, add_unique, add_check, drop_constraint, sql). The change is run as written \
            on a copy of the repo's schema built from its migrations on a throwaway database, and what it does is read \
            from the database's catalog: the database is the parser, so a statement it refuses is an error with its own \
            message, and one that no planner stages specially is planned as written, in one step, with its lock and \
            hazards. The plan's steps are then run in order on another copy and must end in the same schema. Returns: \
            migration_type (additive | staged | destructive); ordered steps with their release, phase (expand, backfill, \
            switch, contract), SQL, whether they can run in a transaction, and what the application code must do at that \
            point; hazards (rule id, lock, risk, safe alternative, and which steps apply it); read-only prechecks to run on \
            production first (duplicates before UNIQUE, NULLs before NOT NULL, orphans before a foreign key); impacted code \
            (file:line) and code_changes (per file and release: a unified diff to apply, or why it is manual; a new JUnit 5 \
            test of the new access path, proven on the releases' states, where the repo has JUnit 5 and Flyway/Liquibase); \
            expected_schema; rollback notes; verification (the proof: the affected tables are seeded with 200 rows each, the change as written runs on one \
            copy and the plan's releases on another, with the old code's writes between releases, then schema and rows are \
            compared; a difference is an error unless accept_differences names it); and plan_id for write_migration. Destructive plans carry an \
            approval token: show the plan to the user and pass the token to write_migration only with their consent. \
            Read-only: changes no file and no existing database.""";

    private final ChangePlanner planner;
    private final Path workingDirectory;

    PlanChangeTool(ChangePlanner planner, Path workingDirectory) {
        this.planner = planner;
        this.workingDirectory = workingDirectory;
    }

    @Override
    public McpServerFeatures.SyncToolSpecification specification() {
        return ToolCalls.tool(NAME, "Plan schema change", DESCRIPTION, Args.class, ChangePlan.class, ToolCalls.Hints.READ_ONLY, (args, progress) -> {
                    ChangePlan plan = planner.plan(toRequest(args, workingDirectory), progress);
                    return new ToolCalls.Outcome(plan, PlanReport.summary(plan));
        });
    }

    static ChangePlanner.Request toRequest(Args args, Path workingDirectory) {
        if (args.change() == null || ((args.change().sql() == null || args.change().sql().isBlank())
                && (args.change().operations() == null || args.change().operations().isEmpty()))) {
            throw PlcException.invalid("'change' is required: {\"sql\": \"ALTER TABLE ...\"} or {\"operations\": [...]}");
        }
        if (args.change().sql() != null && !args.change().sql().isBlank()
                && args.change().operations() != null && !args.change().operations().isEmpty()) {
            throw PlcException.invalid("give change.sql or change.operations, not both");
        }
        int timeout = args.timeoutS() == null ? 120 : args.timeoutS();
        if (timeout < 1 || timeout > 3600) {
            throw PlcException.invalid("timeout_s must be between 1 and 3600 seconds, got " + timeout);
        }
        return new ChangePlanner.Request(RepoPaths.resolve(args.repo(), workingDirectory), args.change().operations(), args.change().sql(),
                args.description(), args.zeroDowntime() == null || args.zeroDowntime(), args.tableSizes(), args.databaseUrl(),
                Duration.ofSeconds(timeout), args.targetVersion(), args.acceptDifferences());
    }
}
