package dev.plc.telemetry;

import java.nio.file.Path;
import java.util.List;

/**
 * What the caller reports about one finished (or abandoned) schema change. {@code migrationType} and
 * {@code outcome} are checked against {@link TelemetryLog#MIGRATION_TYPES} and {@link TelemetryLog#OUTCOMES}.
 *
 * @param repo the repository's real path (already resolved)
 */
public record TelemetryEntry(String skill, String migrationType, List<String> artifactsWritten, List<String> filesTouched,
                             String outcome, String planId, String notes, Path repo) {
}
