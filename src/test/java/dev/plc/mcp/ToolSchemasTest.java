package dev.plc.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plc.db.ScratchDatabases;
import dev.plc.json.Json;
import dev.plc.plan.PlanStore;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;

/**
 * The server reads its tool schemas from the file the build generated (plc/tool-schemas.json) instead of
 * generating them on every start: that file must be exactly what the records generate now, and every schema
 * must be a valid JSON Schema (the server skips the SDK's start-up meta-validation, see DeferredSchemaValidator).
 */
class ToolSchemasTest {

    @Test
    void theBuildsSchemaFileIsWhatTheRecordsGenerate() throws Exception {
        Map<String, Map<String, Object>> stored;
        try (InputStream in = ToolSchemas.class.getResourceAsStream(ToolSchemas.RESOURCE)) {
            assertThat(in).as("%s on the classpath: the process-classes step writes it (mvn process-classes)", ToolSchemas.RESOURCE).isNotNull();
            stored = Json.MAPPER.readValue(in.readAllBytes(), new TypeReference<Map<String, Map<String, Object>>>() { });
        }
        Map<String, Map<String, Object>> fresh = ToolSchemas.generateAll();
        assertThat(stored.keySet()).containsExactlyElementsOf(fresh.keySet());
        fresh.forEach((key, schema) -> assertThat(Json.compact(stored.get(key))).as(key).isEqualTo(Json.compact(schema)));
    }

    @Test
    @SuppressWarnings("unchecked")
    void argumentsCarryTheDefaultTheirDescriptionStates() {
        Map<String, Object> inspect = ToolSchemas.generateAll().get("input:dev.plc.mcp.InspectRepoTool$Args");
        Map<String, Map<String, Object>> properties = (Map<String, Map<String, Object>>) inspect.get("properties");
        assertThat(properties.get("introspect")).containsEntry("default", true);
        assertThat(properties.get("timeout_s")).containsEntry("default", 120);
        assertThat(properties.get("repo")).doesNotContainKey("default"); // "Default: the server's working directory" is no value
        assertThat(ToolSchemas.defaultOf("Apply (default false).", Boolean.class)).isEqualTo(false);
        assertThat(ToolSchemas.defaultOf("Rows (default 120).", Boolean.class)).isNull();
        assertThat(ToolSchemas.defaultOf("Base (default: the default branch)", String.class)).isNull();
    }

    @Test
    void everyListedSchemaIsAValidJsonSchema() {
        JsonSchemaValidator validator = McpJsonDefaults.getSchemaValidator();
        for (McpTool tool : PlcServer.tools(Path.of("."), ScratchDatabases.fromEnvironment(), new PlanStore())) {
            McpSchema.Tool definition = tool.specification().tool();
            assertThat(validator.validateSchema(definition.inputSchema()).valid()).as("%s inputSchema", definition.name()).isTrue();
            assertThat(validator.validateSchema(definition.outputSchema()).valid()).as("%s outputSchema", definition.name()).isTrue();
        }
    }

    @Test
    void theDeferredValidatorStillChecksResultsAgainstTheOutputSchema() {
        Map<String, Object> schema = Map.of("type", "object", "properties", Map.of("ok", Map.of("type", "boolean")), "required", java.util.List.of("ok"));
        DeferredSchemaValidator validator = new DeferredSchemaValidator();
        assertThat(validator.validate(schema, Map.of("ok", true)).valid()).isTrue();
        assertThat(validator.validate(schema, Map.of("ok", "yes")).valid()).isFalse();
    }
}
