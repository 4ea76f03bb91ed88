package dev.plc.mcp;

import dev.plc.apply.ReplayCache;
import dev.plc.check.CheckRunner;
import dev.plc.core.Version;
import dev.plc.db.ScratchDatabases;
import dev.plc.inspect.RepoInspector;
import dev.plc.migration.MigrationWriter;
import dev.plc.plan.ChangePlanner;
import dev.plc.plan.PlanStore;
import dev.plc.telemetry.TelemetryLog;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
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

    /** How many replayed schemas a server keeps as PostgreSQL templates (one per distinct set of migrations). */
    static final int REPLAY_TEMPLATES = 3;

    private PlcServer() {
    }

    /** Every tool the server lists. Only implemented tools are here. */
    static List<McpTool> tools(Path workingDirectory, ScratchDatabases scratch, PlanStore plans) {
        return tools(workingDirectory, scratch, plans, TelemetryLog.fromEnvironment(Version.current()));
    }

    static List<McpTool> tools(Path workingDirectory, ScratchDatabases scratch, PlanStore plans, TelemetryLog telemetry) {
        return tools(workingDirectory, scratch, plans, telemetry, new ReplayCache(scratch, 0));
    }

    static List<McpTool> tools(Path workingDirectory, ScratchDatabases scratch, PlanStore plans, TelemetryLog telemetry, ReplayCache replays) {
        return List.of(
                new InspectRepoTool(new RepoInspector(scratch), workingDirectory),
                new PlanChangeTool(new ChangePlanner(scratch, plans, replays), workingDirectory),
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
        // stdout and stdin go through our guards: the SDK's transport only sees well-formed JSON-RPC lines, and
        // the errors for the others are written between its messages (see ProtocolInput for why)
        InFlight inFlight = new InFlight();
        ProtocolOutput protocolOut = new ProtocolOutput(out, inFlight);
        TelemetryLog telemetry = TelemetryLog.fromEnvironment(Version.current());
        ScratchDatabases scratch = ScratchDatabases.fromEnvironment();
        // the schemas plan_change builds, kept as template databases for the next call on the same migrations; dropped on
        // the way out (stdin closed here; a process told to stop drops them with every other open scratch database)
        ReplayCache replays = new ReplayCache(scratch, REPLAY_TEMPLATES);
        List<McpServerFeatures.SyncToolSpecification> specs = tools(workingDirectory, scratch, new PlanStore(), telemetry, replays)
                .stream().map(McpTool::specification).toList();
        List<String> toolNames = specs.stream().map(spec -> spec.tool().name()).toList();
        InputStream watched = new ProtocolInput(in, protocolOut, inFlight, ToolCalls.CANCELLATIONS::onMessage, inputClosed::countDown, toolNames);
        // the SDK's own mapper: ours writes snake_case, which is our tools' contract but not the protocol's
        StdioServerTransportProvider transport = new StdioServerTransportProvider(McpJsonDefaults.getMapper(), watched, protocolOut);
        McpSyncServer server = McpServer.sync(transport)
                .serverInfo(NAME, Version.current())
                .instructions("Safe database schema changes: call inspect_repo first (migration framework, dialect, data access, "
                        + "validations, current schema), then plan_change for a zero-downtime rollout plan, then write_migration to write its files, then run_checks to prove them, then log_telemetry. "
                        + "The persistence-layer-change prompt and the plc://skill resource describe the whole workflow.")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).resources(false, false).prompts(false).logging().build())
                .requestTimeout(Duration.ofMinutes(30))
                // our argument parser answers with the allowed arguments and how to fix the call
                .validateToolInputs(false)
                .jsonSchemaValidator(new DeferredSchemaValidator())
                .tools(specs)
                .resources(PlcResources.all(telemetry))
                .prompts(PlcPrompts.all())
                .build();
        LOG.info("{} {} serving MCP on stdio ({} tools)", NAME, Version.current(), specs.size());
        inputClosed.await();
        LOG.info("stdin closed; shutting down");
        server.closeGracefully();
        replays.close();
    }
}
