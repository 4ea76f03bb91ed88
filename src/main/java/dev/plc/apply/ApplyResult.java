package dev.plc.apply;

import java.util.List;

/**
 * The outcome of applying migrations to a throwaway database.
 *
 * @param applied  migrations applied successfully
 * @param failure  the first failure, or null
 * @param warnings Flyway's warnings and what was skipped
 * @param millis   wall time of the apply
 */
public record ApplyResult(int applied, Failure failure, List<String> warnings, long millis) {

    /** How a timed-out apply's message starts. */
    public static final String TIMED_OUT = "applying the migrations did not finish within ";

    public boolean ok() {
        return failure == null;
    }

    /**
     * @param file      repo-relative file of the failing migration (null when the failure is not in a file)
     * @param line      line of the failing statement in that file (0 when unknown)
     * @param statement the failing statement (shortened)
     * @param message   the database's error
     * @param sqlState  the SQLSTATE, when the database gave one
     */
    public record Failure(String file, int line, String statement, String message, String sqlState) {

        /**
         * Whether the apply could not run at all, so nothing was proven about the migrations: the scratch database
         * refused the connection or the login (SQLSTATE classes 08 and 28, 3D000 no such database), or the bound ran out.
         */
        public boolean couldNotRun() {
            if (file != null) {
                return false;
            }
            boolean unavailable = sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("28") || sqlState.equals("3D000"));
            return unavailable || (message != null && message.startsWith(TIMED_OUT));
        }
    }
}
