package dev.plc.telemetry;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The result of appending one record. */
public record TelemetryResult(
        @JsonPropertyDescription("True: the line was appended.")
        boolean recorded,
        @JsonPropertyDescription("The local file the line was appended to.")
        String path,
        @JsonPropertyDescription("The line, as written.")
        TelemetryRecord record) {
}
