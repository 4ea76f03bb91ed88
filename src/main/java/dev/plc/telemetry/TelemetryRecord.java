package dev.plc.telemetry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** One line of the telemetry log, exactly as written (secrets already redacted). */
public record TelemetryRecord(
        @JsonPropertyDescription("When it was recorded, UTC, ISO-8601.")
        String time,
        @JsonPropertyDescription("The skill that drove the change.")
        String skill,
        @JsonPropertyDescription("additive | staged | destructive")
        String migrationType,
        @JsonPropertyDescription("success | partial | blocked")
        String outcome,
        @JsonPropertyDescription("Migration files written.")
        List<String> artifactsWritten,
        @JsonPropertyDescription("Other files changed (data access, tests).")
        List<String> filesTouched,
        @JsonPropertyDescription("The plan_change plan id, when there was one.")
        String planId,
        @JsonPropertyDescription("Free text, secrets redacted.")
        String notes,
        @JsonPropertyDescription("Absolute path of the repository.")
        String repo,
        @JsonPropertyDescription("HEAD commit of the repository; null outside git.")
        @JsonInclude(JsonInclude.Include.ALWAYS)
        String gitCommit,
        @JsonPropertyDescription("Version of persistence-layer-change that recorded it.")
        String serverVersion) {
}
