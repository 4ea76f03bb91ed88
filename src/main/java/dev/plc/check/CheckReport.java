package dev.plc.check;

import dev.plc.db.DatabaseInfo;
import java.util.List;

/**
 * What {@code run_checks} found.
 *
 * @param ok            true only when no check is {@code fail} or {@code error} ({@code pass}, {@code warn} and
 *                      {@code not_applicable} do not fail the gate)
 * @param checks        every check that was asked for, in order
 * @param database      the throwaway database the migrations ran on, and whether it was an approximation
 * @param newMigrations the migrations this change adds or edits (what lint and the round trip look at)
 * @param millis        wall time
 */
public record CheckReport(boolean ok, List<Check> checks, DatabaseInfo database, List<String> newMigrations, long millis) {

    /**
     * @param name                apply, validate, immutability, lint, roundtrip, expectation, data_safety, validations, impact, compatibility
     * @param status              pass, fail, warn, error (the check could not do its job: see reason) or not_applicable
     * @param notApplicableReason with not_applicable, which case (also kept when a check named in {@code checks} turned
     *                            out not applicable and is reported as error); null otherwise
     * @param reason              a one-line summary; for error and not_applicable, why, with the database's or system's message
     * @param millis              how long it took
     * @param findings            what it found, each with file:line where there is one
     */
    public record Check(String name, CheckStatus status, NotApplicableReason notApplicableReason, String reason, long millis,
                        List<Finding> findings) {

        public Check(String name, CheckStatus status, String reason, long millis, List<Finding> findings) {
            this(name, status, null, reason, millis, findings);
        }

        /** Nothing to check here: {@code why} says which case, {@code text} in words. */
        public static Check notApplicable(String name, NotApplicableReason why, String text) {
            return new Check(name, CheckStatus.NOT_APPLICABLE, why, text, 0, List.of());
        }

        /** The check could not do its job: {@code message} says why (the database's or system's own words), also as a finding. */
        public static Check error(String name, String message, String help) {
            return new Check(name, CheckStatus.ERROR, null, message, 0, List.of(Finding.error(null, 0, name, message, help)));
        }

        Check withReason(String value) {
            return new Check(name, status, notApplicableReason, value, millis, findings);
        }

        Check withMillis(long value) {
            return new Check(name, status, notApplicableReason, reason, value, findings);
        }
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
     * @param approved          a data-loss finding in a statement written from a plan the user approved (its
     *                          {@code plc:approved} stamp still matches the statements): reported, and it does not fail
     * @param approval          the approval: plan id and token
     */
    public record Finding(String file, int line, String rule, String severity, String message, String help, boolean suppressed,
                          String suppressionReason, boolean approved, String approval) {

        public Finding(String file, int line, String rule, String severity, String message, String help, boolean suppressed,
                       String suppressionReason) {
            this(file, line, rule, severity, message, help, suppressed, suppressionReason, false, null);
        }

        public static Finding error(String file, int line, String rule, String message, String help) {
            return new Finding(file, line, rule, "error", message, help, false, null);
        }

        public static Finding warning(String file, int line, String rule, String message, String help) {
            return new Finding(file, line, rule, "warning", message, help, false, null);
        }

        /** Neither suppressed nor approved: it counts for the check's status. */
        public boolean counts() {
            return !suppressed && !approved;
        }
    }
}
