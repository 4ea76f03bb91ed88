package dev.plc.plan.impact;

/** STUB until the impact branch lands. */
public record ImpactedCode(String file, int line, String kind, String table, String column, String reason, String text) {
}
