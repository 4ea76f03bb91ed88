package dev.plc.mcp;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.plc.core.PlcException;
import dev.plc.migration.MigrationWriter;
import dev.plc.migration.WriteReport;
import dev.plc.migration.WrittenMigrations;
import dev.plc.plan.ChangePlan;
import dev.plc.plan.PlanStore;
import dev.plc.repo.RepoPaths;
import io.modelcontextprotocol.server.McpServerFeatures;
import java.nio.file.Path;

/** {@code write_migration}: the migration files of one release of a plan, in the repo's own convention. */
final class WriteMigrationTool implements McpTool {

    static final String NAME = "write_migration";

    record Args(
            @JsonPropertyDescription("Path of the repository (absolute, or relative to the server's working directory). Default: the server's working directory.")
            String repo,
            @JsonPropertyDescription("The plan_id returned by plan_change in this server.")
            String planId,
            @JsonPropertyDescription("The plan object returned by plan_change (instead of plan_id, e.g. after a server restart).")
            ChangePlan plan,
            @JsonPropertyDescription("File name part after the version (default: from the plan's description), e.g. add_order_priority.")
            String name,
            @JsonPropertyDescription("Write down/undo scripts (default: what the repo already does).")
            Boolean includeDown,
            @JsonPropertyDescription("Write for this migration framework instead of the repo's primary one (it must be present in the repo).")
            String framework,
            @JsonPropertyDescription("The plan's approval token. Required when the release has destructive steps; pass it only with the user's explicit consent.")
            String approval,
            @JsonPropertyDescription("Which release of the plan to write (default 1). Write release n+1 only after release n runs everywhere.")
            Integer release,
            @JsonPropertyDescription("Also apply the plan's code_changes of this release to the repo's files (default false): only where a file still has the content the plan's diff was made for, each file replaced atomically, all files or none.")
            Boolean includeCode) {
    }

    private static final String DESCRIPTION = """
            Write the migration files for one release of a plan from plan_change, in the repository's own convention: \
            Flyway V<next>__<name>.sql (with a .sql.conf executeInTransaction=false for steps that cannot run in a \
            transaction, and undo scripts where wanted), golang-migrate <n>_<name>.up.sql/.down.sql, dbmate and goose \
            annotated files, Liquibase changeSets (with rollback) in the repo's changelog format (XML, YAML, formatted \
            SQL). One migration per step of the release (Liquibase: one changelog file); steps of later releases are \
            listed as a rollout note in the first file and are written later with release=<n>. Creates new files inside \
            the repo only; the one existing file it may edit without include_code is a Liquibase master changelog, to add \
            one include line (atomically). It never edits or overwrites a migration (a file already there with the same bytes is \
            reported 'unchanged', so calling it twice is safe; a different one is an error). Destructive steps need the plan's \
            approval token. For frameworks it cannot write yet it returns the SQL to place by hand. With include_code=true it also applies \
            the release's code_changes (the plan's unified diffs) to the repo's files: only where a file's sha256 is still \
            the plan's, atomically per file, all or none (a file that changed since the plan makes the call fail before \
            anything is written; one that already holds the edit is 'unchanged'), and creates the plan's new files (the test \
            of the new access path; never over an existing file); places the plan could not rewrite are \
            returned as 'manual' with what to do. Returns the files (path, kind, sha256, status), the code files \
            (file, status updated/unchanged/manual/none, why) and the next steps (code left to update, run_checks).""";

    private final MigrationWriter writer;
    private final PlanStore plans;
    private final Path workingDirectory;

    WriteMigrationTool(MigrationWriter writer, PlanStore plans, Path workingDirectory) {
        this.writer = writer;
        this.plans = plans;
        this.workingDirectory = workingDirectory;
    }

    @Override
    public McpServerFeatures.SyncToolSpecification specification() {
        return ToolCalls.tool(NAME, "Write migration files", DESCRIPTION, Args.class, WrittenMigrations.class, ToolCalls.Hints.WRITES_IDEMPOTENT, (args, progress) -> {
                    if (args.planId() != null && args.plan() != null && !args.planId().equals(args.plan().planId())) {
                        throw PlcException.invalid("plan_id " + args.planId() + " and plan.plan_id " + args.plan().planId() + " differ: give one");
                    }
                    ChangePlan plan = MigrationWriter.resolve(plans, args.planId(), args.plan());
                    WrittenMigrations written = writer.write(new MigrationWriter.Request(RepoPaths.resolve(args.repo(), workingDirectory), plan,
                            args.name(), args.includeDown(), args.framework(), args.approval(), args.release() == null ? 1 : args.release(),
                            Boolean.TRUE.equals(args.includeCode())),
                            progress);
                    return new ToolCalls.Outcome(written, WriteReport.summary(written));
        });
    }
}
