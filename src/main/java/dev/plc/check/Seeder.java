package dev.plc.check;

import dev.plc.db.Dialect;
import dev.plc.db.ScratchDatabase;
import dev.plc.db.Secrets;
import dev.plc.schema.RowSeeder;
import dev.plc.schema.SchemaSnapshot;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Puts a few generated rows into the tables a change touches (and the tables they reference), so that migrations
 * meet the data a production table has: NOT NULL without a default, a UNIQUE over duplicates, a narrowing type
 * change or a check fail here as they would there. The first row leaves every nullable column NULL.
 */
final class Seeder {

    static final int ROWS = 3;

    private Seeder() {
    }

    /** Seeds the tables; returns what could not be seeded (a warning each). */
    static List<String> seed(ScratchDatabase db, SchemaSnapshot schema, Set<String> touched) {
        List<String> problems = new ArrayList<>();
        Set<String> order = new LinkedHashSet<>();
        for (String table : touched) {
            schema.table(table).ifPresent(t -> parentsFirst(schema, t, order, new LinkedHashSet<>()));
        }
        try (Connection c = db.connect()) {
            c.setAutoCommit(true);
            RowSeeder seeder = new RowSeeder(c, db.dialect(), schema);
            for (String table : order) {
                SchemaSnapshot.Table t = schema.table(table).orElseThrow();
                for (int row = 1; row <= ROWS; row++) {
                    String sql = insert(db.dialect(), schema, t, row, c, seeder);
                    try (Statement s = c.createStatement()) {
                        s.execute(sql);
                    } catch (SQLException e) {
                        problems.add("could not seed " + t.name() + " (" + Secrets.redact(e.getMessage()).lines().findFirst().orElse("")
                                + "); the data check of migrations touching it is weaker");
                        break;
                    }
                }
            }
        } catch (SQLException e) {
            problems.add("could not seed: " + Secrets.redact(e.getMessage()));
        }
        return problems;
    }

    private static void parentsFirst(SchemaSnapshot schema, SchemaSnapshot.Table t, Set<String> order, Set<String> visiting) {
        if (order.contains(t.name()) || !visiting.add(t.name())) {
            return;
        }
        for (SchemaSnapshot.ForeignKey fk : t.foreignKeys()) {
            schema.table(fk.referencedTable()).filter(p -> !p.name().equals(t.name()))
                    .ifPresent(p -> parentsFirst(schema, p, order, visiting));
        }
        order.add(t.name());
    }

    private static String insert(Dialect dialect, SchemaSnapshot schema, SchemaSnapshot.Table t, int row, Connection c, RowSeeder seeder)
            throws SQLException {
        List<String> columns = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (SchemaSnapshot.Column col : t.columns()) {
            if (col.identity()) {
                continue;
            }
            String fkValue = referencedValue(schema, t, col, row, c, dialect);
            String value;
            if (fkValue != null) {
                value = fkValue;
            } else if (col.nullable() && row == 1) {
                value = "NULL";
            } else if (col.defaultValue() != null && row == 1) {
                continue;
            } else {
                // the proof's seeder knows the database's own types: enum labels, arrays, the values a CHECK lists
                value = seeder.literals(t, List.of(col), row).get(0);
            }
            columns.add(quote(dialect, col.name()));
            values.add(value);
        }
        if (columns.isEmpty()) {
            return dialect.isMysqlFamily() ? "INSERT INTO " + quote(dialect, t.name()) + " () VALUES ()"
                    : "INSERT INTO " + quote(dialect, t.name()) + " DEFAULT VALUES";
        }
        return "INSERT INTO " + quote(dialect, t.name()) + " (" + String.join(", ", columns) + ") VALUES (" + String.join(", ", values) + ")";
    }

    /** A foreign key column gets a key that exists in the parent (seeded first); null when the column is no FK. */
    private static String referencedValue(SchemaSnapshot schema, SchemaSnapshot.Table t, SchemaSnapshot.Column col, int row, Connection c,
                                          Dialect dialect) throws SQLException {
        for (SchemaSnapshot.ForeignKey fk : t.foreignKeys()) {
            int i = fk.columns().indexOf(col.name());
            if (i < 0) {
                continue;
            }
            String parentColumn = fk.referencedColumns().get(i);
            String sql = "SELECT " + quote(dialect, parentColumn) + " FROM " + quote(dialect, fk.referencedTable()) + " ORDER BY 1 LIMIT 1 OFFSET "
                    + ((row - 1) % ROWS);
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                if (rs.next() && rs.getString(1) != null) {
                    return "'" + rs.getString(1).replace("'", "''") + "'";
                }
            }
            return col.nullable() ? "NULL" : null;
        }
        return null;
    }

    /** A value of the type as a string literal: both engines coerce quoted literals to the column's type on INSERT. */
    static String literal(Dialect dialect, String type, int row) {
        String t = type.toLowerCase(Locale.ROOT);
        if (t.contains("bool") || t.equals("bit") || t.startsWith("tinyint(1)")) {
            return dialect.isMysqlFamily() ? "'" + (row % 2) + "'" : "'" + (row % 2 == 0) + "'";
        }
        if (t.contains("int") || t.contains("numeric") || t.contains("decimal") || t.contains("real") || t.contains("double")
                || t.contains("float") || t.contains("serial")) {
            return "'" + row + "'";
        }
        if (t.contains("timestamp") || t.contains("datetime")) {
            return "'2024-01-0" + row + " 00:00:00'";
        }
        if (t.startsWith("date")) {
            return "'2024-01-0" + row + "'";
        }
        if (t.startsWith("time")) {
            return "'00:00:0" + row + "'";
        }
        if (t.contains("uuid")) {
            return "'00000000-0000-4000-8000-00000000000" + row + "'";
        }
        if (t.contains("json")) {
            return "'{}'";
        }
        String text = "plc seed " + row;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\((\\d+)\\)").matcher(t);
        if (m.find()) {
            int max = Integer.parseInt(m.group(1));
            text = text.length() > max ? text.substring(text.length() - max) : text;
        }
        return "'" + text + "'";
    }

    private static String quote(Dialect dialect, String name) {
        return dialect.isMysqlFamily() ? "`" + name + "`" : "\"" + name + "\"";
    }
}
