package dev.plc.compat;

import dev.plc.db.Dialect;
import dev.plc.db.ScratchDatabase;
import dev.plc.db.Secrets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks the application's queries against the schema at each rollout state, without touching data: each query is
 * prepared, never run (PostgreSQL {@code PREPARE ... AS} + {@code DEALLOCATE}; MariaDB/MySQL {@code PREPARE ... FROM}
 * + {@code DEALLOCATE PREPARE}, which resolve every table and column; elsewhere the driver's prepare).
 *
 * <p>Which code runs in which state: the code in the repo now is the old code. It runs before the change (state 0)
 * and during release 1's deploy window (state 1: release 1's migrations are in, old instances still serve); code
 * changes a plan lists in its steps' {@code app_code} ship with their release, so from state 2 on the old code is
 * gone. Later states are still checked and reported (which queries must change, and by when) but do not fail.
 */
public final class CompatibilityChecker {

    /** The last state the repo's current code runs against: release 1's deploy window. */
    public static final int LAST_OLD_CODE_STATE = 1;

    /** The SQL of one release of a plan, in step order. */
    public record Release(int number, List<String> sql) {
    }

    private final QueryExtractor.Extraction extraction;
    private final Dialect dialect;
    private final List<CompatibilityReport.State> states = new ArrayList<>();
    private final List<CompatibilityReport.Failure> failures = new ArrayList<>();
    private final Set<QueryExtractor.Query> failedBefore = new HashSet<>();

    /** @param dialect the dialect of the database the states are built on (the queries must be extracted for it) */
    public CompatibilityChecker(QueryExtractor.Extraction extraction, Dialect dialect) {
        this.extraction = extraction;
        this.dialect = dialect;
    }

    /**
     * Builds every state on {@code db}, which must hold state 0 (the repo's migrations before the change), by running
     * each release's SQL in order, and checks the queries at each state. A release whose SQL fails ends the check
     * with a note: later states cannot be built.
     */
    public static CompatibilityReport check(ScratchDatabase db, QueryExtractor.Extraction extraction, List<Release> releases) throws SQLException {
        CompatibilityChecker checker = new CompatibilityChecker(extraction, db.dialect());
        try (Connection c = db.connect()) {
            c.setAutoCommit(true);
            checker.checkState(c, 0, "before the change");
            for (Release release : releases) {
                for (String sql : release.sql()) {
                    try (Statement s = c.createStatement()) {
                        s.execute(stripSemicolon(sql));
                    } catch (SQLException e) {
                        return checker.report("release " + release.number() + "'s SQL does not apply on " + db.info().dialect() + ": "
                                + firstLine(e) + " -- statement: " + sql + "; later states were not checked");
                    }
                }
                checker.checkState(c, release.number(), "after release " + release.number() + "'s migrations");
            }
        }
        return checker.report(null);
    }

    /** Prepares every query against the schema {@code c} has now, recorded as {@code state}. */
    public void checkState(Connection c, int state, String description) {
        boolean live = state <= LAST_OLD_CODE_STATE;
        int failing = 0;
        for (QueryExtractor.Query query : extraction.queries()) {
            String error = prepare(c, query.sql());
            if (error == null) {
                continue;
            }
            failing++;
            if (state == 0) {
                failedBefore.add(query);
            }
            failures.add(new CompatibilityReport.Failure(query.file(), lineOf(c, query, error), query.kind(), state, live,
                    !failedBefore.contains(query), error, query.sql()));
        }
        states.add(new CompatibilityReport.State(state, description, live, extraction.queries().size(), failing));
    }

    public CompatibilityReport report(String note) {
        return new CompatibilityReport(extraction.found(), extraction.queries().size(), extraction.unchecked().size(), List.copyOf(states),
                List.copyOf(failures), extraction.unchecked(), note);
    }

    /** The database's error, or null when the statement prepares. */
    private String prepare(Connection c, String sql) {
        try {
            switch (dialect) {
                case POSTGRESQL -> {
                    try (Statement s = c.createStatement()) {
                        s.execute("PREPARE plc_q AS " + sql);
                        s.execute("DEALLOCATE plc_q");
                    }
                }
                case MARIADB, MYSQL -> {
                    try (Statement s = c.createStatement()) {
                        s.execute("PREPARE plc_q FROM '" + sql.replace("\\", "\\\\").replace("'", "\\'") + "'");
                        s.execute("DEALLOCATE PREPARE plc_q");
                    }
                }
                default -> {
                    try (PreparedStatement p = c.prepareStatement(sql)) {
                        p.getParameterMetaData();
                    }
                }
            }
            return null;
        } catch (SQLException e) {
            if ("42P18".equals(e.getSQLState())) {
                return null; // PostgreSQL resolved every name but cannot infer a parameter's type (SELECT $1): not a schema problem
            }
            return firstLine(e);
        }
    }

    /** For an entity or jOOQ table: the line of the mapped column the schema lacks (probed one by one), else the query's line. */
    private int lineOf(Connection c, QueryExtractor.Query query, String error) {
        if (query.columns().isEmpty()) {
            return query.line();
        }
        if (prepare(c, "SELECT 1 FROM " + query.table()) != null) {
            return query.line();
        }
        for (var column : query.columns()) {
            if (prepare(c, "SELECT " + column.name() + " FROM " + query.table()) != null) {
                return column.line();
            }
        }
        return query.line();
    }

    private static String firstLine(SQLException e) {
        return Secrets.redact(String.valueOf(e.getMessage())).lines().findFirst().orElse("").strip();
    }

    private static String stripSemicolon(String sql) {
        String s = sql.strip();
        return s.endsWith(";") ? s.substring(0, s.length() - 1) : s;
    }
}
