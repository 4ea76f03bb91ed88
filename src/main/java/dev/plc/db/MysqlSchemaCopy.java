package dev.plc.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies one MariaDB/MySQL database into another on the same server: tables (from {@code SHOW CREATE TABLE}, with their
 * AUTO_INCREMENT counters), their rows (generated columns are computed again, not copied), sequences, views, triggers,
 * procedures and functions. MariaDB/MySQL have no template databases and their DDL commits by itself, so a copy is how a
 * statement is tried without touching the original.
 */
final class MysqlSchemaCopy {

    private MysqlSchemaCopy() {
    }

    /** @param c a connection whose current database is {@code to} */
    static void copy(Connection c, String from, String to) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET SESSION FOREIGN_KEY_CHECKS = 0");
            Map<String, String> kinds = new LinkedHashMap<>();
            try (ResultSet rs = s.executeQuery("SELECT TABLE_NAME, TABLE_TYPE FROM information_schema.TABLES WHERE TABLE_SCHEMA = '"
                    + from + "' ORDER BY TABLE_NAME")) {
                while (rs.next()) {
                    kinds.put(rs.getString(1), rs.getString(2));
                }
            }
            List<String> views = new ArrayList<>();
            for (Map.Entry<String, String> e : kinds.entrySet()) {
                String table = e.getKey();
                switch (e.getValue()) {
                    case "VIEW", "SYSTEM VIEW" -> views.add(table);
                    case "SEQUENCE" -> {
                        s.execute(showCreate(s, "SEQUENCE", from, table, 2));
                        copySequenceState(s, from, to, table);
                    }
                    default -> {
                        s.execute(showCreate(s, "TABLE", from, table, 2));
                        copyRows(s, from, to, table);
                    }
                }
            }
            createViews(s, from, to, views);
            for (String trigger : names(s, "SELECT TRIGGER_NAME FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = '" + from
                    + "' ORDER BY EVENT_OBJECT_TABLE, ACTION_ORDER")) {
                s.execute(showCreate(s, "TRIGGER", from, trigger, 3));
            }
            try (ResultSet rs = s.executeQuery("SELECT ROUTINE_NAME, ROUTINE_TYPE FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = '"
                    + from + "' ORDER BY ROUTINE_NAME")) {
                List<String[]> routines = new ArrayList<>();
                while (rs.next()) {
                    routines.add(new String[] {rs.getString(1), rs.getString(2)});
                }
                rs.close();
                for (String[] r : routines) {
                    s.execute(showCreate(s, r[1], from, r[0], 3));
                }
            }
            s.execute("SET SESSION FOREIGN_KEY_CHECKS = 1");
        }
    }

    private static String showCreate(Statement s, String kind, String schema, String name, int column) throws SQLException {
        try (ResultSet rs = s.executeQuery("SHOW CREATE " + kind + " " + q(schema) + "." + q(name))) {
            if (!rs.next()) {
                throw new SQLException("SHOW CREATE " + kind + " " + name + " returned nothing");
            }
            return rs.getString(column);
        }
    }

    private static void copyRows(Statement s, String from, String to, String table) throws SQLException {
        List<String> columns = names(s, "SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '" + from
                + "' AND TABLE_NAME = '" + table.replace("'", "''") + "' AND (GENERATION_EXPRESSION IS NULL OR GENERATION_EXPRESSION = '')"
                + " AND EXTRA NOT LIKE '%GENERATED%' ORDER BY ORDINAL_POSITION");
        if (columns.isEmpty()) {
            return;
        }
        String list = String.join(", ", columns.stream().map(MysqlSchemaCopy::q).toList());
        s.execute("INSERT INTO " + q(to) + "." + q(table) + " (" + list + ") SELECT " + list + " FROM " + q(from) + "." + q(table));
    }

    private static void copySequenceState(Statement s, String from, String to, String sequence) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT next_not_cached_value FROM " + q(from) + "." + q(sequence))) {
            if (rs.next()) {
                long next = rs.getLong(1);
                rs.close();
                s.execute("SELECT SETVAL(" + q(to) + "." + q(sequence) + ", " + next + ", 0)");
            }
        }
    }

    /** Views may read other views: create those whose dependencies exist, until none is left or no progress is made. */
    private static void createViews(Statement s, String from, String to, List<String> views) throws SQLException {
        Map<String, String> pending = new LinkedHashMap<>();
        for (String view : views) {
            // the view's text names the source database in every column reference
            pending.put(view, showCreate(s, "VIEW", from, view, 2).replace(q(from) + ".", q(to) + "."));
        }
        while (!pending.isEmpty()) {
            SQLException last = null;
            int before = pending.size();
            for (var it = pending.entrySet().iterator(); it.hasNext(); ) {
                var e = it.next();
                try {
                    s.execute(e.getValue());
                    it.remove();
                } catch (SQLException ex) {
                    last = ex;
                }
            }
            if (pending.size() == before) {
                throw last;
            }
        }
    }

    private static List<String> names(Statement s, String query) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static String q(String name) {
        return "`" + name.replace("`", "``") + "`";
    }
}
