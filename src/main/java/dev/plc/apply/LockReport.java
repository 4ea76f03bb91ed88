package dev.plc.apply;

import dev.plc.db.Dialect;
import dev.plc.db.ScratchDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Which statement of a stuck apply is waiting, for which lock, held by whom: asked from a second session. */
final class LockReport {

    private LockReport() {
    }

    static String describe(ScratchDatabase db) {
        String sql = switch (db.dialect()) {
            case POSTGRESQL -> "SELECT a.query, l.locktype, l.mode, coalesce(c.relname, ''), "
                    + "(SELECT string_agg(b.pid || ': ' || left(b.query, 200), '; ') FROM pg_stat_activity b WHERE b.pid = ANY (pg_blocking_pids(a.pid))) "
                    + "FROM pg_stat_activity a JOIN pg_locks l ON l.pid = a.pid AND NOT l.granted "
                    + "LEFT JOIN pg_class c ON c.oid = l.relation "
                    + "WHERE a.datname = current_database() AND a.pid <> pg_backend_pid() LIMIT 1";
            case MYSQL, MARIADB -> "SELECT INFO, STATE, '', DB, '' FROM information_schema.PROCESSLIST "
                    + "WHERE DB = DATABASE() AND STATE LIKE 'Waiting for%' AND ID <> CONNECTION_ID() LIMIT 1";
            default -> null;
        };
        if (sql == null) {
            return null;
        }
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.setQueryTimeout(5);
            try (ResultSet rs = s.executeQuery(sql)) {
                if (!rs.next()) {
                    return null;
                }
                String query = shorten(rs.getString(1));
                if (db.dialect() == Dialect.POSTGRESQL) {
                    return "`" + query + "` was waiting for a " + rs.getString(3) + " lock (" + rs.getString(2)
                            + (rs.getString(4).isEmpty() ? "" : " on " + rs.getString(4)) + ")"
                            + (rs.getString(5) == null ? "" : " held by " + shorten(rs.getString(5)));
                }
                return "`" + query + "` was in state '" + rs.getString(2) + "'";
            }
        } catch (SQLException e) {
            return null;
        }
    }

    private static String shorten(String s) {
        if (s == null) {
            return "?";
        }
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() > 200 ? one.substring(0, 200) + "..." : one;
    }
}
