package dev.plc.check;

import dev.plc.db.DatabaseInfo;
import java.util.List;

/**
 * What {@code run_checks} found.
 *
 * @param ok            true when no check failed (warnings and skipped checks do not fail)
 * @param checks        every check that was asked for, in order
 * @param database      the throwaway database the migrations ran on, and whether it was an approximation
 * @param newMigrations the migrations this change adds or edits (what lint and the round trip look at)
 * @param millis        wall time
 */
public record CheckReport(boolean ok, List<Check> checks, DatabaseInfo database, List<String> newMigrations, long millis) {

    /**
     * @param name     apply, validate, immutability, lint, roundtrip, expectation, data_safety, validations, impact, compatibility
     * @param status   pass, fail, warn, or skipped (see reason)
     * @param reason   why it was skipped, or a one-line summary
     * @param millis   how long it took
     * @param findings what it found, each with file:line where there is one
     */
    public record Check(String name, String status, String reason, long millis, List<Finding> findings) {
    }

    /**
     * @param file              repo-relative, or null
     * @param line              1-based, 0 when not about a line
     * @param rule              the lint rule id, or the check's own name
     * @param severity          error or warning
     * @param message           what is wrong
     * @param help              what to do instead
     * @param suppressed        an inline plc:ignore with a reason suppressed it (reported, not hidden)
     * @param suppressionReason the reason written in the suppression
     */
    public record Finding(String file, int line, String rule, String severity, String message, String help, boolean suppressed,
                          String suppressionReason) {

        public static Finding error(String file, int line, String rule, String message, String help) {
            return new Finding(file, line, rule, "error", message, help, false, null);
        }

        public static Finding warning(String file, int line, String rule, String message, String help) {
            return new Finding(file, line, rule, "warning", message, help, false, null);
        }
    }
}
