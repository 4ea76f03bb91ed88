package dev.plc.plan.impact;

/** STUB until the impact branch lands. */
public record SchemaReference(String table, String column, String change) {
}
