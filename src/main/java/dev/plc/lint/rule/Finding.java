package dev.plc.lint.rule;

/**
 * One hazard in one statement of a migration file. {@code message} says what the statement does
 * to the table (the lock, the rewrite, the breakage, the data loss) with the real names; {@code help}
 * gives the safe SQL, filled in. A suppressed finding is still returned, with the reason given in
 * its {@code plc:ignore} comment. An approved finding is one about data loss in a statement written from a plan
 * whose destructive steps the user approved ({@link dev.plc.sql.ApprovalStamp}): reported, and it does not fail.
 *
 * @param approval the approval ("plan-… approve-…") when the finding is approved, else null
 */
public record Finding(String rule, String severity, String file, int line, String message, String help,
                      boolean suppressed, String suppressionReason, String approval) {

    public Finding(String rule, String severity, String file, int line, String message, String help, boolean suppressed,
                   String suppressionReason) {
        this(rule, severity, file, line, message, help, suppressed, suppressionReason, null);
    }

    public boolean approved() {
        return approval != null;
    }

    public Finding suppress(String reason) {
        return new Finding(rule, severity, file, line, message, help, true, reason, approval);
    }

    public Finding approve(String by) {
        return new Finding(rule, severity, file, line, message, help, suppressed, suppressionReason, by);
    }
}
