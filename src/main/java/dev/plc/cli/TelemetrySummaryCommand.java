package dev.plc.cli;

import dev.plc.json.Json;
import dev.plc.telemetry.TelemetrySummary;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "summary", mixinStandardHelpOptions = true,
        description = "Counts of the telemetry log by outcome and by migration type. Malformed lines are counted as skipped.")
final class TelemetrySummaryCommand implements Callable<Integer> {

    @Mixin
    TelemetryCommand.FileOption file;

    @Option(names = "--json", description = "Print the summary as JSON (what the plc://telemetry/summary resource returns).")
    boolean json;

    @Override
    public Integer call() {
        TelemetrySummary s = file.log().summarize();
        System.out.println(json ? Json.pretty(s) : text(s));
        return ExitCode.OK;
    }

    static String text(TelemetrySummary s) {
        StringBuilder out = new StringBuilder("Telemetry log: ").append(s.path());
        if (!s.exists()) {
            return out.append("\n(no records yet: the file does not exist)").toString();
        }
        out.append("\nRecords: ").append(s.total());
        if (s.skipped() > 0) {
            out.append(" (").append(s.skipped()).append(" malformed lines skipped)");
        }
        if (s.firstTime() != null) {
            out.append("\nFrom ").append(s.firstTime()).append(" to ").append(s.lastTime());
        }
        out.append("\nBy outcome:");
        counts(out, s.byOutcome());
        out.append("\nBy migration type:");
        counts(out, s.byMigrationType());
        return out.toString();
    }

    private static void counts(StringBuilder out, Map<String, Integer> counts) {
        if (counts.isEmpty()) {
            out.append(" none");
        }
        counts.forEach((k, v) -> out.append("\n  ").append(k).append(": ").append(v));
    }
}
