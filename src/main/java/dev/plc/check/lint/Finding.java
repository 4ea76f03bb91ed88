package dev.plc.check.lint;

/**
 * One hazard in one statement of a migration file. {@code message} says what the statement does
 * to the table (the lock, the rewrite, the breakage, the data loss) with the real names; {@code help}
 * gives the safe SQL, filled in. A suppressed finding is still returned, with the reason given in
 * its {@code plc:ignore} comment.
 */
public record Finding(String rule, String severity, String file, int line, String message, String help,
                      boolean suppressed, String suppressionReason) {

    Finding suppress(String reason) {
        return new Finding(rule, severity, file, line, message, help, true, reason);
    }
}
