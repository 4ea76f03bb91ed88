package dev.plc.mcp;

import dev.plc.core.PlcException;
import dev.plc.json.Json;
import dev.plc.lint.RuleDocs;
import dev.plc.lint.Rules;
import dev.plc.lint.rule.Rule;
import dev.plc.telemetry.TelemetryLog;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The server's resources: the skill (SKILL.md, packaged in the jar), the rule catalogue as JSON, one markdown
 * page per rule, and the telemetry summary. An explicit list, like the tools.
 */
final class PlcResources {

    static final String SKILL_URI = "plc://skill";
    static final String RULES_URI = "plc://rules";
    static final String TELEMETRY_SUMMARY_URI = "plc://telemetry/summary";
    /** Where the pom puts the repository's SKILL.md inside the jar. */
    static final String SKILL_RESOURCE = "/plc/SKILL.md";

    private PlcResources() {
    }

    static List<McpServerFeatures.SyncResourceSpecification> all(TelemetryLog telemetry) {
        List<McpServerFeatures.SyncResourceSpecification> all = new ArrayList<>();
        all.add(resource(SKILL_URI, "skill", "The persistence-layer-change skill (SKILL.md)",
                "The workflow an agent follows for a safe schema change with this server's five tools, its failure modes, "
                        + "and how to do the same steps with the CLI.",
                "text/markdown", PlcResources::skill));
        all.add(resource(RULES_URI, "rules", "Lint rule catalogue",
                "Every lint rule as JSON: id, dialects, severity, summary, explanation, safe_alternative.",
                "application/json", () -> Json.pretty(RuleDocs.catalogue())));
        for (Rule rule : Rules.all()) {
            all.add(resource(RULES_URI + "/" + rule.id(), "rule-" + rule.id(), "Rule " + rule.id(),
                    rule.summary() + ": the problem and the safe alternative.", "text/markdown", () -> RuleDocs.markdown(rule)));
        }
        all.add(resource(TELEMETRY_SUMMARY_URI, "telemetry-summary", "Telemetry summary",
                "Counts of the local telemetry log (log_telemetry) by outcome and migration type, as JSON.",
                "application/json", () -> Json.pretty(telemetry.summarize())));
        return all;
    }

    private static McpServerFeatures.SyncResourceSpecification resource(String uri, String name, String title, String description,
                                                                        String mimeType, Supplier<String> text) {
        McpSchema.Resource resource = McpSchema.Resource.builder()
                .uri(uri).name(name).title(title).description(description).mimeType(mimeType).build();
        return new McpServerFeatures.SyncResourceSpecification(resource,
                (exchange, request) -> new McpSchema.ReadResourceResult(List.of(new McpSchema.TextResourceContents(uri, mimeType, text.get()))));
    }

    static String skill() {
        try (InputStream in = PlcResources.class.getResourceAsStream(SKILL_RESOURCE)) {
            if (in == null) {
                throw new PlcException(PlcException.Code.INTERNAL, "SKILL.md is missing from the jar (" + SKILL_RESOURCE + "): rebuild it with mvn package");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PlcException(PlcException.Code.INTERNAL, "cannot read SKILL.md from the jar: " + e.getMessage(), e);
        }
    }
}
