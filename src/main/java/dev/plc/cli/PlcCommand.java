package dev.plc.cli;

import dev.plc.core.PlcException;
import dev.plc.core.Version;
import picocli.CommandLine.Command;
import picocli.CommandLine;

@Command(name = "persistence-layer-change", mixinStandardHelpOptions = true, versionProvider = PlcCommand.VersionProvider.class,
        description = {"Safe database schema changes for coding agents.",
                "Without a command: serve MCP over stdio (what Claude Code, Codex and the MCP Inspector start)."},
        subcommands = {ServeCommand.class, InspectCommand.class, PlanCommand.class, WriteCommand.class, CheckCommand.class,
                TelemetryCommand.class, BenchCommand.class, EmbeddedPostgresCommand.class})
public final class PlcCommand implements Runnable {

    @Override
    public void run() {
        throw new IllegalStateException("unreachable: Main serves when there are no arguments");
    }

    /** Runs the command line and returns the exit code. */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new PlcCommand());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof PlcException plc) {
                cmd.getErr().println(plc.code() + ": " + plc.getMessage());
                return plc.code() == PlcException.Code.INVALID_ARGUMENT ? ExitCode.USAGE : ExitCode.ERROR;
            }
            cmd.getErr().println("INTERNAL: " + e);
            e.printStackTrace(cmd.getErr());
            return ExitCode.ERROR;
        });
        return cli.execute(args);
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"persistence-layer-change " + Version.current()};
        }
    }
}
