package dev.plc.mcp;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.plc.repo.RepoPaths;
import dev.plc.telemetry.TelemetryEntry;
import dev.plc.telemetry.TelemetryLog;
import dev.plc.telemetry.TelemetryResult;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code log_telemetry}: the last step, one JSON line in a local file about what the change did. */
final class LogTelemetryTool implements McpTool {

    static final String NAME = "log_telemetry";

    @JsonClassDescription("Arguments of log_telemetry")
    record Args(
            @JsonPropertyDescription("Path of the repository the change was made in (absolute, or relative to the server's working directory). Default: the server's working directory.")
            String repo,
            @JsonPropertyDescription("The skill that drove the change. Default: backend/persistence-layer-change.")
            String skill,
            @JsonPropertyDescription("Required. The plan's migration_type: additive, staged or destructive.")
            String migrationType,
            @JsonPropertyDescription("Migration files written (repo-relative paths), e.g. the paths write_migration returned.")
            List<String> artifactsWritten,
            @JsonPropertyDescription("Other files changed for the change: data-access code, entities, tests.")
            List<String> filesTouched,
            @JsonPropertyDescription("Required. success (checks passed), partial (some steps left for later releases or failing checks) or blocked (stopped: no framework, no approval, ...).")
            String outcome,
            @JsonPropertyDescription("The plan_id of the plan_change result, when there was one.")
            String planId,
            @JsonPropertyDescription("Short free text: what was done or why it stopped. Secrets (passwords, tokens) are redacted before writing.")
            String notes) {
    }

    private static final String DESCRIPTION = """
            Record the outcome of a schema change: call this last, once per task, also when the change was blocked. \
            Appends one JSON line (skill, migration_type, outcome, artifacts_written, files_touched, plan_id, notes, \
            plus time, repo, git commit and server version) to a local file: $PLC_TELEMETRY_FILE, else \
            $XDG_STATE_HOME/persistence-layer-change/telemetry.jsonl (~/.local/state/...). Nothing is sent over a network; \
            passwords and tokens are redacted from every field. migration_type must be additive, staged or destructive; \
            outcome must be success, partial or blocked. Appends only: never changes the repository or earlier lines.""";

    private final TelemetryLog log;
    private final Path workingDirectory;

    LogTelemetryTool(TelemetryLog log, Path workingDirectory) {
        this.log = log;
        this.workingDirectory = workingDirectory;
    }

    @Override
    public McpServerFeatures.SyncToolSpecification specification() {
        McpSchema.Tool tool = McpSchema.Tool.builder()
                .name(NAME)
                .title("Log telemetry")
                .description(DESCRIPTION)
                .inputSchema(withEnums(ToolSchemas.input(Args.class)))
                .outputSchema(gitCommitNullable(ToolSchemas.output(TelemetryResult.class)))
                .annotations(new McpSchema.ToolAnnotations("Log telemetry", false, false, false, false, null))
                .build();
        return McpServerFeatures.SyncToolSpecification.builder()
                .tool(tool)
                .callHandler((exchange, request) -> ToolCalls.run(NAME, request, Args.class, args -> {
                    TelemetryResult result = log.record(new TelemetryEntry(args.skill(), args.migrationType(), args.artifactsWritten(),
                            args.filesTouched(), args.outcome(), args.planId(), args.notes(), RepoPaths.resolve(args.repo(), workingDirectory)));
                    return new ToolCalls.Outcome(result, "Recorded " + result.record().outcome() + " (" + result.record().migrationType()
                            + ") in " + result.path());
                }))
                .build();
    }

    /** The allowed values in the schema too; the handler still checks them and names them in its error. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> withEnums(Map<String, Object> schema) {
        Map<String, Object> copy = new LinkedHashMap<>(schema);
        Map<String, Object> props = new LinkedHashMap<>((Map<String, Object>) schema.get("properties"));
        props.put("migration_type", withEnum((Map<String, Object>) props.get("migration_type"), TelemetryLog.MIGRATION_TYPES));
        props.put("outcome", withEnum((Map<String, Object>) props.get("outcome"), TelemetryLog.OUTCOMES));
        copy.put("properties", props);
        copy.put("required", List.of("migration_type", "outcome"));
        return copy;
    }

    /** {@code git_commit} is written as null outside git (not left out), so the schema must allow null. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> gitCommitNullable(Map<String, Object> schema) {
        Map<String, Object> defs = (Map<String, Object>) schema.get("$defs");
        Map<String, Object> record = (Map<String, Object>) defs.get("TelemetryRecord");
        Map<String, Object> props = new LinkedHashMap<>((Map<String, Object>) record.get("properties"));
        Map<String, Object> commit = new LinkedHashMap<>((Map<String, Object>) props.get("git_commit"));
        commit.put("type", List.of("string", "null"));
        props.put("git_commit", commit);
        Map<String, Object> newRecord = new LinkedHashMap<>(record);
        newRecord.put("properties", props);
        Map<String, Object> newDefs = new LinkedHashMap<>(defs);
        newDefs.put("TelemetryRecord", newRecord);
        Map<String, Object> copy = new LinkedHashMap<>(schema);
        copy.put("$defs", newDefs);
        return copy;
    }

    private static Map<String, Object> withEnum(Map<String, Object> property, List<String> values) {
        Map<String, Object> copy = new LinkedHashMap<>(property);
        copy.put("enum", values);
        return copy;
    }
}
