package dev.plc.cli;

import dev.plc.core.Version;
import dev.plc.telemetry.TelemetryLog;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

@Command(name = "telemetry", mixinStandardHelpOptions = true,
        description = "The local telemetry log (the log_telemetry tool): append a record, or summarize the log.",
        subcommands = {TelemetryLogCommand.class, TelemetrySummaryCommand.class})
final class TelemetryCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "telemetry needs a command: log or summary");
    }

    /** The {@code --file} option both subcommands share. */
    static final class FileOption {

        @Option(names = "--file", paramLabel = "FILE",
                description = "The log file (default: $PLC_TELEMETRY_FILE, else $XDG_STATE_HOME/persistence-layer-change/telemetry.jsonl).")
        Path file;

        TelemetryLog log() {
            return file == null ? TelemetryLog.fromEnvironment(Version.current()) : new TelemetryLog(file, Version.current());
        }
    }
}
