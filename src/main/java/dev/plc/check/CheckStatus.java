package dev.plc.check;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What one check of {@code run_checks} concluded. Only {@link #FAIL} and {@link #ERROR} fail the gate: a check that
 * could not do its job proved nothing, so it never counts as a pass.
 */
public enum CheckStatus {
    /** It ran and found nothing wrong. */
    PASS,
    /** It ran and found something wrong (findings say what, with file:line). */
    FAIL,
    /** It ran; what it found deserves a look but does not fail the gate. */
    WARN,
    /** It could not do its job (an exception, a database that is unavailable, a timeout); the reason carries the database's or system's message. */
    ERROR,
    /** Nothing for it to check in this repository or call; {@code not_applicable_reason} says which case, {@code reason} in words. */
    NOT_APPLICABLE;

    /** The JSON spelling: pass, fail, warn, error, not_applicable. */
    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether this status fails the gate ({@code ok} is false). */
    public boolean failsTheGate() {
        return this == FAIL || this == ERROR;
    }
}
