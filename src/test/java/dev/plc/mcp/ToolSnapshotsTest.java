package dev.plc.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plc.db.ScratchDatabases;
import dev.plc.json.Json;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every tool's name, description, annotations and schemas are kept in src/test/resources/toolsnaps, so any
 * change to what agents see shows up in review. After an intended change, regenerate with
 * {@code mvn test -Dtest=ToolSnapshotsTest -Dplc.updateToolsnaps=true} and commit the files.
 */
class ToolSnapshotsTest {

    private static final Path SNAPS = Path.of("src/test/resources/toolsnaps");

    @Test
    void toolDefinitionsMatchTheirSnapshots() throws Exception {
        List<McpSchema.Tool> tools = PlcServer.tools(Path.of("."), ScratchDatabases.fromEnvironment(), new dev.plc.plan.PlanStore()).stream()
                .map(t -> t.specification().tool()).toList();
        boolean update = Boolean.getBoolean("plc.updateToolsnaps");
        for (McpSchema.Tool tool : tools) {
            Map<String, Object> snap = new LinkedHashMap<>();
            snap.put("name", tool.name());
            snap.put("title", tool.title());
            snap.put("description", tool.description());
            snap.put("annotations", tool.annotations());
            snap.put("input_schema", tool.inputSchema());
            snap.put("output_schema", tool.outputSchema());
            String actual = Json.pretty(snap) + "\n";
            Path file = SNAPS.resolve(tool.name() + ".json");
            if (update || !Files.exists(file)) {
                Files.writeString(file, actual);
            }
            assertThat(actual).as("toolsnap of %s differs: review it, then regenerate with -Dplc.updateToolsnaps=true", tool.name())
                    .isEqualTo(Files.readString(file));
        }
        assertThat(SNAPS.toFile().list()).as("a snapshot without a tool").hasSize(tools.size());
    }

    @Test
    void argumentSchemasForbidUnknownPropertiesAndUseSnakeCase() {
        for (var spec : PlcServer.tools(Path.of("."), ScratchDatabases.fromEnvironment(), new dev.plc.plan.PlanStore())) {
            Map<String, Object> input = spec.specification().tool().inputSchema();
            assertThat(input).containsEntry("additionalProperties", false);
            @SuppressWarnings("unchecked")
            Map<String, Object> props = (Map<String, Object>) input.get("properties");
            assertThat(props).containsKey("repo");
            assertThat(props.keySet()).allMatch(k -> k.equals(k.toLowerCase()), "snake_case");
        }
    }
}
