package dev.plc.mcp;

import dev.plc.db.ScratchDatabases;
import dev.plc.check.CheckRunner;
import dev.plc.migration.MigrationWriter;
import dev.plc.plan.ChangePlanner;
import dev.plc.plan.PlanStore;
import dev.plc.repo.RepoInspector;
import dev.plc.telemetry.TelemetryLog;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The MCP stdio server: the explicit list of tools, wired to the services. */
public final class PlcServer {

    private static final Logger LOG = LoggerFactory.getLogger(PlcServer.class);
    public static final String NAME = "persistence-layer-change";

    private PlcServer() {
    }

    /** Every tool the server lists. Only implemented tools are here. */
    static List<McpTool> tools(Path workingDirectory, ScratchDatabases scratch, PlanStore plans) {
        return tools(workingDirectory, scratch, plans, TelemetryLog.fromEnvironment(Version.current()));
    }

    static List<McpTool> tools(Path workingDirectory, ScratchDatabases scratch, PlanStore plans, TelemetryLog telemetry) {
        return List.of(
                new InspectRepoTool(new RepoInspector(scratch), workingDirectory),
                new PlanChangeTool(new ChangePlanner(scratch, plans), workingDirectory),
                new WriteMigrationTool(new MigrationWriter(scratch), plans, workingDirectory),
                new RunChecksTool(new CheckRunner(scratch), plans, workingDirectory),
                new LogTelemetryTool(telemetry, workingDirectory));
    }

    /**
     * Serves MCP on the given streams until the input ends. The caller must already have pointed
     * {@code System.out} elsewhere: {@code out} is the protocol channel and nothing else may write to it.
     */
    public static void serve(InputStream in, OutputStream out, Path workingDirectory) throws InterruptedException {
        CountDownLatch inputClosed = new CountDownLatch(1);
        InputStream watched = new FilterInputStream(in) {
            private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    see((byte) b);
                }
                return eof(b);
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                for (int i = 0; i < n; i++) {
                    see(b[off + i]);
                }
                return eof(n);
            }

            // each complete line goes to the cancellation watcher; lines longer than 1 MB are not JSON-RPC we act on
            private void see(byte b) {
                if (b == '\n') {
                    ToolCalls.CANCELLATIONS.onInput(line.toString(java.nio.charset.StandardCharsets.UTF_8));
                    line.reset();
                } else if (line.size() < 1_048_576) {
                    line.write(b);
                }
            }

            private int eof(int n) {
                if (n < 0) {
                    inputClosed.countDown();
                }
                return n;
            }
        };
        // the SDK's own mapper: ours writes snake_case, which is our tools' contract but not the protocol's
        StdioServerTransportProvider transport = new StdioServerTransportProvider(McpJsonDefaults.getMapper(), watched, out);
        TelemetryLog telemetry = TelemetryLog.fromEnvironment(Version.current());
        List<McpServerFeatures.SyncToolSpecification> specs = tools(workingDirectory, ScratchDatabases.fromEnvironment(), new PlanStore(), telemetry)
                .stream().map(McpTool::specification).toList();
        McpSyncServer server = McpServer.sync(transport)
                .serverInfo(NAME, Version.current())
                .instructions("Safe database schema changes: call inspect_repo first (migration framework, dialect, data access, "
                        + "validations, current schema), then plan_change for a zero-downtime rollout plan, then write_migration to write its files, then run_checks to prove them, then log_telemetry. "
                        + "The persistence-layer-change prompt and the plc://skill resource describe the whole workflow.")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).resources(false, false).prompts(false).logging().build())
                .requestTimeout(Duration.ofMinutes(30))
                // our argument parser answers with the allowed arguments and how to fix the call
                .validateToolInputs(false)
                .tools(specs)
                .resources(PlcResources.all(telemetry))
                .prompts(PlcPrompts.all())
                .build();
        LOG.info("{} {} serving MCP on stdio ({} tools)", NAME, Version.current(), specs.size());
        inputClosed.await();
        LOG.info("stdin closed; shutting down");
        server.closeGracefully();
    }
}
