package dev.plc.sql;

/** A comment of a migration file: its 1-based line and its text without the comment markers. */
public record SqlComment(int line, String text) {
}
