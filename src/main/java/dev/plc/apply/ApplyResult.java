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
    }
}
