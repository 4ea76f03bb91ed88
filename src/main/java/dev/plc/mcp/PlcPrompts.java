package dev.plc.mcp;

import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;

/** The server's prompts: {@code persistence-layer-change}, the whole workflow for one desired change. */
final class PlcPrompts {

    static final String NAME = "persistence-layer-change";

    private PlcPrompts() {
    }

    static List<McpServerFeatures.SyncPromptSpecification> all() {
        McpSchema.Prompt prompt = new McpSchema.Prompt(NAME, "Safe database schema change",
                "Walks you through a safe schema change in this repository with the five tools: inspect_repo, plan_change, "
                        + "write_migration, run_checks, log_telemetry.",
                List.of(new McpSchema.PromptArgument("change", "Desired change",
                        "The schema change you want, in words or DDL, e.g. 'add a nullable column note text to orders'.", true),
                        new McpSchema.PromptArgument("repo", "Repository", "Absolute path of the repository (default: the server's working directory).", false)));
        return List.of(new McpServerFeatures.SyncPromptSpecification(prompt, (exchange, request) -> {
            Object change = request.arguments() == null ? null : request.arguments().get("change");
            if (change == null || change.toString().isBlank()) {
                throw new IllegalArgumentException("the prompt needs the argument 'change': the schema change you want");
            }
            Object repo = request.arguments().get("repo");
            String text = message(change.toString().strip(), repo == null || repo.toString().isBlank() ? null : repo.toString().strip());
            return new McpSchema.GetPromptResult("Safe schema change: " + change,
                    List.of(new McpSchema.PromptMessage(McpSchema.Role.USER, new McpSchema.TextContent(text))));
        }));
    }

    static String message(String change, String repo) {
        String repoArg = repo == null ? "" : " with repo=\"" + repo + "\"";
        return """
                Make this database schema change safely: %s

                Follow the persistence-layer-change workflow (the plc://skill resource has the details) and use its tools%s:

                1. Identify the mechanism: call inspect_repo. Note primary_framework, dialect, data_access and validations, \
                and read the current schema. If it reports no migration framework, STOP: recommend establishing one (e.g. \
                Flyway) and do not write ad-hoc DDL; call log_telemetry with outcome=blocked.
                2. Choose the strategy: call plan_change with change={"sql": "<DDL in the repo's dialect>"} (or \
                change={"operations": [...]}) and a description. Read migration_type (additive | staged | destructive), the \
                ordered steps and their releases, hazards (rule ids and safe alternatives) and impacted_code. When \
                production constraints (table sizes, traffic, downtime windows) are unknown, prefer the conservative \
                additive expand step first and leave contract steps for a later release.
                3. If the plan is destructive or requires_approval is true: show the user the staged plan and the data it \
                can lose, and ask for explicit approval. Only after the user approves, pass the plan's approval token as \
                write_migration's approval. Never invent approval.
                4. Implement the migration: call write_migration with plan_id (files follow the repo's convention; it \
                never overwrites existing migrations).
                5. Update the data access: change the code listed in impacted_code (entities, queries, mappers, generated \
                code) so that it works in every step of the rollout (dual-write, reads tolerant of both states).
                6. Add tests for the new schema and the changed data access.
                7. Run validations: call run_checks with plan_id (applies every migration to a throwaway database, lints, \
                round-trips, compares with the plan, runs the repo's validations). Fix every failing check and run again.
                8. Log: call log_telemetry with migration_type, outcome (success | partial | blocked), \
                artifacts_written (the migration files), files_touched (the other files) and plan_id.

                Finish with a short report: the plan's steps and releases, the files written and changed, the checks' \
                results, and what remains for later releases.""".formatted(change, repoArg);
    }
}
