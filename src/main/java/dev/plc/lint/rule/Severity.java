package dev.plc.lint.rule;

import java.util.Locale;

/** error: takes a blocking lock, rewrites a table, loses data or breaks running code. warning: a better way exists. */
public enum Severity {
    ERROR, WARNING;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
