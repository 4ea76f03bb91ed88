package dev.plc.cli;

import dev.plc.json.Json;
import dev.plc.repo.RepoPaths;
import dev.plc.telemetry.TelemetryEntry;
import dev.plc.telemetry.TelemetryLog;
import dev.plc.telemetry.TelemetryResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "log", mixinStandardHelpOptions = true,
        description = "Append one record to the telemetry log (the log_telemetry tool). Nothing is sent over a network.")
final class TelemetryLogCommand implements Callable<Integer> {

    @Option(names = "--repo", paramLabel = "DIR", description = "The repository (default: the current directory).")
    String repo;

    @Mixin
    TelemetryCommand.FileOption file;

    @Option(names = "--skill", paramLabel = "NAME", description = "Default: " + TelemetryLog.DEFAULT_SKILL + ".")
    String skill;

    @Option(names = "--migration-type", required = true, paramLabel = "TYPE", description = "additive, staged or destructive.")
    String migrationType;

    @Option(names = "--outcome", required = true, paramLabel = "OUTCOME", description = "success, partial or blocked.")
    String outcome;

    @Option(names = "--artifacts-written", split = ",", paramLabel = "FILE", description = "Migration files written (repeat, or comma-separated).")
    List<String> artifactsWritten = new ArrayList<>();

    @Option(names = "--files-touched", split = ",", paramLabel = "FILE", description = "Other files changed (repeat, or comma-separated).")
    List<String> filesTouched = new ArrayList<>();

    @Option(names = "--plan-id", paramLabel = "ID")
    String planId;

    @Option(names = "--notes", paramLabel = "TEXT", description = "Free text; passwords and tokens are redacted.")
    String notes;

    @Option(names = "--json", description = "Print the tool's structured result.")
    boolean json;

    @Override
    public Integer call() {
        Path dir = RepoPaths.resolve(repo, Path.of("").toAbsolutePath());
        TelemetryResult result = file.log().record(new TelemetryEntry(skill, migrationType, artifactsWritten, filesTouched,
                outcome, planId, notes, dir));
        System.out.println(json ? Json.pretty(result)
                : "Recorded " + result.record().outcome() + " (" + result.record().migrationType() + ") in " + result.path()
                        + "\n" + Json.compact(result.record()));
        return ExitCode.OK;
    }
}
