package dev.plc.telemetry;

import java.util.Map;

/**
 * Counts over the telemetry log. Lines that are not a JSON object are {@code skipped}, never fatal.
 *
 * @param firstTime the earliest {@code time} seen, or null when there is none
 */
public record TelemetrySummary(String path, boolean exists, int total, int skipped, Map<String, Integer> byOutcome,
                               Map<String, Integer> byMigrationType, String firstTime, String lastTime) {
}
