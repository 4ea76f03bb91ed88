package dev.plc.mcp;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.plc.core.PlcException;
import dev.plc.inspect.InspectionReport;
import dev.plc.inspect.RepoInspection;
import dev.plc.inspect.RepoInspector;
import dev.plc.repo.RepoPaths;
import io.modelcontextprotocol.server.McpServerFeatures;
import java.nio.file.Path;
import java.time.Duration;

/** {@code inspect_repo}: everything an agent must know about a repository before it changes the schema. */
final class InspectRepoTool implements McpTool {

    static final String NAME = "inspect_repo";

    @JsonClassDescription("Arguments of inspect_repo")
    record Args(
            @JsonPropertyDescription("Path of the repository to inspect (absolute, or relative to the server's working directory). Default: the server's working directory.")
            String repo,
            @JsonPropertyDescription("Optional JDBC URL of a live database whose schema is read instead of building it from the migrations. Opened read-only; nothing is written. Example: jdbc:postgresql://host:5432/app?user=readonly")
            String databaseUrl,
            @JsonPropertyDescription("Read the current schema (default true). False skips the throwaway database and answers in well under a second.")
            Boolean introspect,
            @JsonPropertyDescription("Upper bound in seconds for applying the migrations to the throwaway database (default 120).")
            Integer timeoutS) {
    }

    private static final String DESCRIPTION = """
            Inspect a code repository before changing its database schema. Call this first, once per task. \
            Returns, with file:line evidence: the migration framework(s) and their conventions (locations, naming \
            pattern with an example, last and next version, whether down/undo scripts exist) and the primary one to \
            use; the SQL dialect (with confidence); the data-access layers (jOOQ, JPA, MyBatis, JdbcTemplate, ...) and \
            where they live; the validation commands (REPO_PROFILE.json, else inferred from the build); and the current \
            schema (tables, columns, keys, indexes, foreign keys, checks), built by applying the repo's migrations from \
            scratch to a throwaway database that is dropped afterwards (or read read-only from database_url). If the \
            migrations fail to apply it reports the failing file:line and the database error. If no migration \
            framework exists it says so and recommends establishing one: do not write ad-hoc DDL then. \
            Read-only: never modifies the repository or any existing database.""";

    private final RepoInspector inspector;
    private final Path workingDirectory;

    InspectRepoTool(RepoInspector inspector, Path workingDirectory) {
        this.inspector = inspector;
        this.workingDirectory = workingDirectory;
    }

    @Override
    public McpServerFeatures.SyncToolSpecification specification() {
        return ToolCalls.tool(NAME, "Inspect repository", DESCRIPTION, Args.class, RepoInspection.class, ToolCalls.Hints.READ_ONLY, (args, progress) -> {
                    int timeout = args.timeoutS() == null ? 120 : args.timeoutS();
                    if (timeout < 1 || timeout > 3600) {
                        throw PlcException.invalid("timeout_s must be between 1 and 3600 seconds, got " + timeout);
                    }
                    RepoInspector.Request req = new RepoInspector.Request(
                            RepoPaths.resolve(args.repo(), workingDirectory),
                            args.databaseUrl(),
                            args.introspect() == null || args.introspect(),
                            Duration.ofSeconds(timeout));
                    RepoInspection inspection = inspector.inspect(req, progress);
                    return new ToolCalls.Outcome(inspection, InspectionReport.summary(inspection));
        });
    }
}
