package dev.plc.mcp;

import dev.plc.json.Json;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * The start-up work that does not depend on the main thread's, done on a second core while the main thread sets
 * up logging and builds the server: the SDK's JSON mapper, the build's tool schemas, the default time zone and the
 * secure random (the session ids), and one initialize exchange and one tools/list answer read and written with the
 * protocol's mappers. Jackson learns each type it meets once (reflection, annotations) and caches what it learned in
 * the mapper: done here, the first real answers do not pay for it. Nothing is sent; a failure only costs the head
 * start. Started by the entry point (app.Main) before anything else, so it must not log before it has worked (no static
 * logger: that would configure logging on the main thread first).
 */
public final class ProtocolWarmup {

    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
            + "\"capabilities\":{\"roots\":{\"listChanged\":true},\"sampling\":{},\"elicitation\":{}},\"clientInfo\":{\"name\":\"warmup\",\"version\":\"1\"}}}";

    private ProtocolWarmup() {
    }

    public static void start() {
        Thread thread = new Thread(ProtocolWarmup::run, "plc-protocol-warmup");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    private static void run() {
        try {
            McpJsonMapper mapper = McpJsonDefaults.getMapper();
            ToolSchemas.preload();
            java.util.TimeZone.getDefault();
            java.util.UUID.randomUUID();
            Json.MAPPER.readTree(INITIALIZE);
            McpSchema.JSONRPCMessage message = McpSchema.deserializeJsonRpcMessage(mapper, INITIALIZE);
            if (message instanceof McpSchema.JSONRPCRequest request) {
                mapper.convertValue(request.params(), McpSchema.InitializeRequest.class);
            }
            McpSchema.InitializeResult initialized = new McpSchema.InitializeResult("2025-06-18",
                    McpSchema.ServerCapabilities.builder().tools(false).resources(false, false).prompts(false).logging().build(),
                    new McpSchema.Implementation("warmup", "1"), "warmup", null);
            mapper.writeValueAsString(new McpSchema.JSONRPCResponse(McpSchema.JSONRPC_VERSION, 1, initialized, null));
            McpSchema.Tool tool = McpSchema.Tool.builder().name("warmup").title("warmup").description("warmup")
                    .inputSchema(Map.of("type", "object", "properties", Map.of("repo", Map.of("type", "string"))))
                    .outputSchema(Map.of("type", "object"))
                    .annotations(new McpSchema.ToolAnnotations("warmup", true, false, true, false, null))
                    .build();
            mapper.writeValueAsString(new McpSchema.JSONRPCResponse(McpSchema.JSONRPC_VERSION, 2, new McpSchema.ListToolsResult(List.of(tool), null), null));
        } catch (Exception | LinkageError e) {
            LoggerFactory.getLogger(ProtocolWarmup.class).debug("protocol warm-up failed (the first answers are only slower): {}", e.toString());
        }
    }
}
