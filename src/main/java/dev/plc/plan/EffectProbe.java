package dev.plc.plan;

import dev.plc.core.PlcException;
import dev.plc.db.DatabaseErrors;
import dev.plc.db.Dialect;
import dev.plc.db.ScratchDatabase;
import dev.plc.schema.catalog.Catalog;
import dev.plc.schema.catalog.CatalogDiff;
import dev.plc.schema.catalog.CatalogReader;
import dev.plc.schema.catalog.Effect;
import dev.plc.sql.AlterAction;
import dev.plc.sql.SqlStatement;
import dev.plc.sql.StatementKind;
import dev.plc.sql.Verb;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs a change as written, statement by statement, on a copy of the repo's current schema and reads what each statement
 * did from the catalog before and after it. The database is the parser: a statement it accepts is valid, whatever our own
 * reader makes of it, and a statement it refuses is refused with the database's own message.
 *
 * <p>On MariaDB/MySQL an ALTER TABLE is first tried with {@code ALGORITHM=INSTANT}, then {@code INPLACE, LOCK=NONE}, then
 * {@code INPLACE}, before it is run as written: the clauses only constrain how the server does the change, never what it
 * does, so the first one the server accepts tells how the statement will run in production, at no extra cost.
 */
final class EffectProbe {

    /** The change ran; {@code after} is the catalog once every statement ran. */
    record Result(List<StatementEffect> statements, Catalog before, Catalog after) {
    }

    private static final List<String> ALGORITHMS = List.of("INSTANT", "INPLACE, LOCK=NONE", "INPLACE");

    private EffectProbe() {
    }

    static Result run(ScratchDatabase copy, List<SqlStatement> statements) throws SQLException {
        Dialect dialect = copy.dialect();
        CatalogReader reader = CatalogReader.of(dialect);
        List<StatementEffect> out = new ArrayList<>();
        try (Connection c = copy.connect()) {
            c.setAutoCommit(true);
            Catalog first = reader.read(c);
            Catalog before = first;
            for (int i = 0; i < statements.size(); i++) {
                SqlStatement s = statements.get(i);
                boolean probed = dialect.isMysqlFamily() && probesAlgorithm(s);
                String algorithm = probed ? tryAlgorithms(c, s) : null;
                long rows = -1;
                if (algorithm == null) {
                    rows = execute(c, s, i, statements.size(), copy);
                    algorithm = probed ? "COPY" : null;
                }
                Catalog after = reader.read(c);
                List<Effect> effects = CatalogDiff.diff(before, after, columnRenames(s));
                out.add(new StatementEffect(i, s, effects, s.kind().writesRows() ? rows : -1, algorithm, before, after));
                before = after;
            }
            return new Result(List.copyOf(out), first, before);
        }
    }

    /**
     * PostgreSQL: the same run inside one transaction on {@code db} itself, rolled back at the end, so the schema is
     * untouched and no copy is needed. A statement that cannot run in a transaction block runs without its CONCURRENTLY
     * (the effect is the same; only the lock differs); VACUUM and ANALYZE change no catalog entry and are skipped. Empty
     * when a statement cannot be tried this way (a database or tablespace statement, transaction control of its own, or
     * an error that only a transaction causes, such as using an enum label added in the same transaction): the caller
     * then runs the change on a copy.
     */
    static java.util.Optional<Result> runInTransaction(ScratchDatabase db, List<SqlStatement> statements) throws SQLException {
        for (SqlStatement s : statements) {
            StatementKind kind = s.kind();
            if (kind.isTransactionControl() || !kind.transactional(Dialect.POSTGRESQL, 99) && !kind.has(dev.plc.sql.Flag.CONCURRENTLY)
                    && kind.verb() != Verb.VACUUM && kind.verb() != Verb.ANALYZE
                    || kind.actions().stream().anyMatch(a -> a.has(dev.plc.sql.Flag.CONCURRENTLY))) {
                return java.util.Optional.empty();
            }
        }
        CatalogReader reader = CatalogReader.of(Dialect.POSTGRESQL);
        List<StatementEffect> out = new ArrayList<>();
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            try {
                Catalog first = reader.read(c);
                Catalog before = first;
                for (int i = 0; i < statements.size(); i++) {
                    SqlStatement s = statements.get(i);
                    StatementKind kind = s.kind();
                    long rows = -1;
                    if (kind.verb() != Verb.VACUUM && kind.verb() != Verb.ANALYZE) {
                        String text = stripSemicolon(s.text());
                        if (kind.has(dev.plc.sql.Flag.CONCURRENTLY)) {
                            text = text.replaceFirst("(?i)\\s+CONCURRENTLY\\b", "");
                        }
                        try (Statement st = c.createStatement()) {
                            boolean resultSet = st.execute(text);
                            rows = resultSet ? -1 : st.getUpdateCount();
                        } catch (SQLException e) {
                            // 55P04 unsafe use of a new enum value, 25xxx transaction state: only the transaction is to blame
                            if ("55P04".equals(e.getSQLState()) || e.getSQLState() != null && e.getSQLState().startsWith("25")) {
                                return java.util.Optional.empty();
                            }
                            throw refused(e, s, i, statements.size(), db);
                        }
                    }
                    Catalog after = reader.read(c);
                    out.add(new StatementEffect(i, s, CatalogDiff.diff(before, after, columnRenames(s)), kind.writesRows() ? rows : -1,
                            null, before, after));
                    before = after;
                }
                return java.util.Optional.of(new Result(List.copyOf(out), first, before));
            } finally {
                c.rollback();
            }
        }
    }

    /** An ALTER TABLE that does not name its own ALGORITHM or LOCK. */
    static boolean probesAlgorithm(SqlStatement s) {
        StatementKind kind = s.kind();
        return kind.verb() == Verb.ALTER && "TABLE".equals(kind.object()) && !kind.actions().isEmpty()
                && kind.actions().stream().noneMatch(a -> a.action().equals("ALGORITHM") || a.action().equals("LOCK")
                || a.action().contains("PARTITION") || a.action().equals("OTHER"));
    }

    /** The first ALGORITHM clause the server accepts for the statement (it then ran), or null when none did. */
    private static String tryAlgorithms(Connection c, SqlStatement s) throws SQLException {
        String text = stripSemicolon(s.text());
        for (String algorithm : ALGORITHMS) {
            try (Statement st = c.createStatement()) {
                st.execute(text + ", ALGORITHM=" + algorithm);
                return algorithm;
            } catch (SQLException e) {
                // 0A000 feature_not_supported (ER_ALTER_OPERATION_NOT_SUPPORTED[_REASON]): try the next, weaker algorithm;
                // any other error is the statement's own and is reported when it runs as written
                if (!"0A000".equals(e.getSQLState())) {
                    return null;
                }
            }
        }
        return null;
    }

    private static long execute(Connection c, SqlStatement s, int i, int total, ScratchDatabase copy) throws SQLException {
        try (Statement st = c.createStatement()) {
            boolean resultSet = st.execute(stripSemicolon(s.text()));
            return resultSet ? -1 : st.getUpdateCount();
        } catch (SQLException e) {
            throw refused(e, s, i, total, copy);
        }
    }

    /** The caller's statement was refused: the database's own message, where it stopped, and which statement it was. */
    private static PlcException refused(SQLException e, SqlStatement s, int i, int total, ScratchDatabase db) {
        return PlcException.invalid("statement " + (i + 1) + (total > 1 ? " of " + total : "") + " (line " + s.line() + ") is refused by "
                + db.info().dialect() + " " + db.info().version() + " on the repo's current schema: "
                + databaseMessage(e) + position(e, s) + " -- " + shorten(s.text()));
    }

    /** The database's own message, first line, with its SQLSTATE; never a Java class name. */
    static String databaseMessage(SQLException e) {
        String message = String.valueOf(DatabaseErrors.clean(e.getMessage())).lines().findFirst().orElse("").strip();
        message = message.replaceFirst("^\\([^)]*\\)\\s*", ""); // MariaDB's "(conn=123) " prefix
        return message + (e.getSQLState() == null ? "" : " [SQLSTATE " + e.getSQLState() + "]");
    }

    /** PostgreSQL reports where in the statement it stopped: as line:column of the change. */
    private static String position(SQLException e, SqlStatement s) {
        if (e instanceof org.postgresql.util.PSQLException p && p.getServerErrorMessage() != null
                && p.getServerErrorMessage().getPosition() > 0) {
            int offset = p.getServerErrorMessage().getPosition() - 1;
            String text = s.text();
            int line = s.line();
            int col = 1;
            for (int k = 0; k < Math.min(offset, text.length()); k++) {
                if (text.charAt(k) == '\n') {
                    line++;
                    col = 1;
                } else {
                    col++;
                }
            }
            return " (at line " + line + ", column " + col + ")";
        }
        return "";
    }

    /** MariaDB/MySQL keep no column identity across a rename: the statement's CHANGE / RENAME COLUMN says which it was. */
    static java.util.Map<String, String> columnRenames(SqlStatement s) {
        java.util.Map<String, String> renames = new java.util.HashMap<>();
        StatementKind kind = s.kind();
        if (kind.verb() != Verb.ALTER || kind.target() == null) {
            return renames;
        }
        for (AlterAction a : kind.actions()) {
            if ((a.action().equals("RENAME COLUMN") || a.action().equals("CHANGE COLUMN")) && a.column() != null && a.newName() != null
                    && !a.column().equals(a.newName())) {
                renames.put(kind.target().name() + "." + a.column(), a.newName());
            }
        }
        return renames;
    }

    static String stripSemicolon(String sql) {
        String s = sql.strip();
        return s.endsWith(";") ? s.substring(0, s.length() - 1).strip() : s;
    }

    private static String shorten(String sql) {
        String one = sql.strip().replaceAll("\\s+", " ");
        return one.length() > 160 ? one.substring(0, 157) + "..." : one;
    }
}
