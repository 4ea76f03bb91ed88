package dev.plc.schema.catalog;

import dev.plc.db.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads the current database of MariaDB (10.6+) or MySQL 8 from information_schema, one query per object kind. Index,
 * constraint and trigger definitions are rebuilt from the rows in one fixed form, so two equal schemas render equal.
 * The view definitions lose the database qualifier ({@code `db`.`t`} becomes {@code `t`}), so two scratch databases
 * with the same views compare equal.
 */
final class MysqlCatalogReader implements CatalogReader {

    private static final Set<String> NUMERIC = Set.of("tinyint", "smallint", "mediumint", "int", "integer", "bigint", "decimal",
            "numeric", "float", "double", "real", "bit", "year");

    @Override
    public Catalog read(Connection connection) throws SQLException {
        String db;
        boolean mariadb;
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT DATABASE(), VERSION()")) {
            rs.next();
            db = rs.getString(1);
            mariadb = rs.getString(2).toLowerCase(Locale.ROOT).contains("mariadb");
        }
        if (db == null) {
            throw new SQLException("the connection has no current database (connect to one, or USE it)");
        }
        Map<String, String> ids = tableIds(connection, db, mariadb);
        Map<String, List<Catalog.Column>> columns = columns(connection, db, mariadb);
        Map<String, List<Catalog.Index>> indexes = indexes(connection, db, mariadb);
        Map<String, List<Catalog.Constraint>> constraints = constraints(connection, db, mariadb, indexes);
        Map<String, List<Catalog.Trigger>> triggers = triggers(connection, db);
        Map<String, String> views = views(connection, db);
        Map<String, List<String>> partitions = partitions(connection, db);
        List<Catalog.Relation> relations = new ArrayList<>();
        List<Catalog.Sequence> sequences = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT TABLE_NAME, TABLE_TYPE, ENGINE, TABLE_COLLATION, CREATE_OPTIONS, "
                + "TABLE_COMMENT FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME")) {
            ps.setString(1, db);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    String type = rs.getString(2);
                    if ("SEQUENCE".equals(type)) { // MariaDB sequences are tables of their own kind
                        sequences.add(new Catalog.Sequence(db, name, ids.get(name), "bigint", 0, 0, 0, 0, false, null));
                        continue;
                    }
                    boolean view = "VIEW".equals(type);
                    List<String> options = new ArrayList<>();
                    if (!view) {
                        options.add("ENGINE=" + rs.getString(3));
                        options.add("COLLATE=" + rs.getString(4));
                        if ("SYSTEM VERSIONED".equals(type)) {
                            options.add("WITH SYSTEM VERSIONING");
                        }
                        String create = rs.getString(5);
                        if (create != null) {
                            for (String opt : create.trim().split("\\s+")) {
                                if (!opt.isEmpty() && !opt.equals("partitioned")) {
                                    options.add(opt);
                                }
                            }
                        }
                        options.addAll(partitions.getOrDefault(name, List.of()));
                    }
                    String comment = rs.getString(6);
                    if (view || comment == null || comment.isEmpty()) {
                        comment = null; // MariaDB says "VIEW" as the comment of every view
                    }
                    relations.add(new Catalog.Relation(db, name, view ? null : ids.get(name), view ? "VIEW" : "TABLE",
                            columns.getOrDefault(name, List.of()), constraints.getOrDefault(name, List.of()),
                            indexes.getOrDefault(name, List.of()), triggers.getOrDefault(name, List.of()), comment,
                            view ? views.get(name) : null, null, null, List.copyOf(options)));
                }
            }
        }
        return new Catalog(mariadb ? Dialect.MARIADB : Dialect.MYSQL, db, relations, List.of(), sequences, routines(connection, db),
                List.of(db), List.of());
    }

    /**
     * The InnoDB table id. It survives RENAME TABLE but not a rebuild (ALGORITHM=COPY, ENGINE=InnoDB, FORCE): the diff
     * matches tables by name first and uses the id only to find renames. Needs the PROCESS privilege; without it, no ids.
     */
    private static Map<String, String> tableIds(Connection c, String db, boolean mariadb) {
        String table = mariadb ? "information_schema.INNODB_SYS_TABLES" : "information_schema.INNODB_TABLES";
        Map<String, String> out = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT NAME, TABLE_ID FROM " + table + " WHERE NAME LIKE ?")) {
            ps.setString(1, db.replace("\\", "\\\\").replace("_", "\\_").replace("%", "\\%") + "/%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1).substring(db.length() + 1);
                    out.put(decodeFilename(name), rs.getString(2));
                }
            }
        } catch (SQLException e) {
            return Map.of();
        }
        return out;
    }

    /** InnoDB names are file names: characters outside [A-Za-z0-9_] are written as @XXXX. */
    private static String decodeFilename(String name) {
        if (name.indexOf('@') < 0) {
            return name;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (ch == '@' && i + 4 < name.length() + 0 && name.substring(i + 1, Math.min(name.length(), i + 5)).matches("[0-9a-f]{4}")) {
                sb.append((char) Integer.parseInt(name.substring(i + 1, i + 5), 16));
                i += 4;
            } else {
                sb.append(ch);
            }
        }
        return sb.toString();
    }

    private static Map<String, List<Catalog.Column>> columns(Connection c, String db, boolean mariadb) throws SQLException {
        Map<String, List<Catalog.Column>> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT TABLE_NAME, COLUMN_NAME, ORDINAL_POSITION, COLUMN_DEFAULT, IS_NULLABLE, "
                + "COLUMN_TYPE, EXTRA, GENERATION_EXPRESSION, COLLATION_NAME, COLUMN_COMMENT, DATA_TYPE "
                + "FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, ORDINAL_POSITION")) {
            ps.setString(1, db);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String extraText = rs.getString(7) == null ? "" : rs.getString(7);
                    String identity = null;
                    String generated = null;
                    List<String> extra = new ArrayList<>();
                    boolean defaultIsExpression = false;
                    String lower = extraText.toLowerCase(Locale.ROOT);
                    if (lower.contains("auto_increment")) {
                        identity = "AUTO_INCREMENT";
                        lower = lower.replace("auto_increment", "");
                    }
                    if (lower.contains("virtual generated") || lower.contains("stored generated") || lower.contains("persistent generated")) {
                        generated = rs.getString(8) + (lower.contains("virtual") ? " VIRTUAL" : " STORED");
                        lower = lower.replaceAll("(virtual|stored|persistent) generated", "");
                    }
                    if (lower.contains("default_generated")) { // MySQL 8: the default is an expression
                        defaultIsExpression = true;
                        lower = lower.replace("default_generated", "");
                    }
                    java.util.regex.Matcher onUpdate = java.util.regex.Pattern.compile("on update ([a-z_]+)(\\(\\d*\\))?").matcher(lower);
                    if (onUpdate.find()) {
                        // MySQL writes "on update CURRENT_TIMESTAMP", MariaDB "on update current_timestamp()"
                        extra.add("on update " + onUpdate.group(1) + (onUpdate.group(2) == null ? "()" : onUpdate.group(2)));
                        lower = lower.substring(0, onUpdate.start()) + lower.substring(onUpdate.end());
                    }
                    for (String word : lower.trim().split("\\s+")) {
                        if (!word.isEmpty()) {
                            extra.add(word);
                        }
                    }
                    String dflt = generated != null ? null
                            : normaliseDefault(rs.getString(4), mariadb, defaultIsExpression, rs.getString(11));
                    String comment = rs.getString(10);
                    out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Catalog.Column(rs.getString(2), rs.getInt(3),
                            rs.getString(6), "NO".equals(rs.getString(5)), dflt, identity, generated, rs.getString(9),
                            comment == null || comment.isEmpty() ? null : comment, List.copyOf(extra)));
                }
            }
        }
        return out;
    }

    /**
     * The default as SQL text. MariaDB (10.2.7+) already gives SQL: {@code 'abc'}, {@code 1}, {@code current_timestamp()},
     * and the word NULL for "no default" on a nullable column. MySQL gives the bare value ({@code abc}) and marks
     * expressions with DEFAULT_GENERATED.
     */
    static String normaliseDefault(String raw, boolean mariadb, boolean expression, String dataType) {
        if (raw == null) {
            return null;
        }
        if (mariadb) {
            return raw.equals("NULL") ? null : raw;
        }
        if (expression) {
            String lower = raw.toLowerCase(Locale.ROOT);
            if (lower.matches("current_timestamp(\\(\\d*\\))?|now\\(\\)")) {
                return lower.endsWith(")") ? lower : lower + "()";
            }
            return "(" + raw + ")";
        }
        if (NUMERIC.contains(dataType.toLowerCase(Locale.ROOT)) && !raw.startsWith("b'")) {
            return raw;
        }
        return "'" + raw.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    private static Map<String, List<Catalog.Index>> indexes(Connection c, String db, boolean mariadb) throws SQLException {
        String hidden = mariadb ? "IGNORED = 'YES'" : "IS_VISIBLE = 'NO'";
        String expression = mariadb ? "NULL" : "EXPRESSION";
        record Part(String column, String expression, Integer sub, String collation) {
        }
        record Head(String table, String name, boolean unique, String type, boolean hidden, String comment, List<Part> parts) {
        }
        Map<String, Head> heads = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, SEQ_IN_INDEX, COLUMN_NAME, SUB_PART, "
                + "INDEX_TYPE, COLLATION, " + hidden + ", INDEX_COMMENT, " + expression
                + " FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX")) {
            ps.setString(1, db);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String table = rs.getString(1);
                    String name = rs.getString(2);
                    Head head = heads.computeIfAbsent(table + "\u0000" + name, k -> {
                        try {
                            return new Head(table, name, rs.getInt(3) == 0, rs.getString(7), rs.getBoolean(9), rs.getString(10),
                                    new ArrayList<>());
                        } catch (SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    int subPart = rs.getInt(6);
                    Integer sub = rs.wasNull() ? null : subPart;
                    head.parts().add(new Part(rs.getString(5), rs.getString(11), sub, rs.getString(8)));
                }
            }
        }
        Map<String, List<Catalog.Index>> out = new LinkedHashMap<>();
        for (Head h : heads.values()) {
            List<String> keys = new ArrayList<>();
            List<String> rendered = new ArrayList<>();
            for (Part p : h.parts()) {
                String key = p.column() != null ? p.column() : "(" + p.expression() + ")";
                keys.add(key);
                String r = p.column() != null ? quote(p.column()) : "(" + p.expression() + ")";
                if (p.sub() != null) {
                    r += "(" + p.sub() + ")";
                }
                if ("D".equals(p.collation())) {
                    r += " DESC";
                }
                rendered.add(r);
            }
            boolean primary = h.name().equals("PRIMARY");
            String kind = switch (h.type()) {
                case "FULLTEXT" -> "FULLTEXT ";
                case "SPATIAL" -> "SPATIAL ";
                default -> h.unique() ? "UNIQUE " : "";
            };
            StringBuilder def = new StringBuilder("CREATE ").append(kind).append("INDEX ").append(quote(h.name())).append(" ON ")
                    .append(quote(h.table())).append(" (").append(String.join(", ", rendered)).append(')');
            if (h.type().equals("HASH") || h.type().equals("RTREE")) {
                def.append(" USING ").append(h.type());
            }
            if (h.hidden()) {
                def.append(mariadb ? " IGNORED" : " INVISIBLE");
            }
            if (h.comment() != null && !h.comment().isEmpty()) {
                def.append(" COMMENT '").append(h.comment().replace("'", "''")).append('\'');
            }
            out.computeIfAbsent(h.table(), k -> new ArrayList<>()).add(new Catalog.Index(h.name(), def.toString(), h.unique(), primary,
                    true, List.copyOf(keys), h.unique() ? h.name() : null));
        }
        return out;
    }

    private static Map<String, List<Catalog.Constraint>> constraints(Connection c, String db, boolean mariadb,
                                                                       Map<String, List<Catalog.Index>> indexes) throws SQLException {
        Map<String, List<Catalog.Constraint>> out = new LinkedHashMap<>();
        // key columns of every PRIMARY KEY / UNIQUE / FOREIGN KEY, with the referenced columns
        record Key(String table, String name, List<String> columns, String refTable, List<String> refColumns) {
        }
        Map<String, Key> keys = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT TABLE_NAME, CONSTRAINT_NAME, COLUMN_NAME, REFERENCED_TABLE_SCHEMA, "
                + "REFERENCED_TABLE_NAME, REFERENCED_COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA = ? "
                + "ORDER BY TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION")) {
            ps.setString(1, db);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String refSchema = rs.getString(4);
                    String ref = rs.getString(5) == null ? null : (db.equals(refSchema) ? rs.getString(5) : refSchema + "." + rs.getString(5));
                    Key k = keys.computeIfAbsent(rs.getString(1) + "\u0000" + rs.getString(2), x -> {
                        try {
                            return new Key(rs.getString(1), rs.getString(2), new ArrayList<>(), ref, new ArrayList<>());
                        } catch (SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    k.columns().add(rs.getString(3));
                    if (rs.getString(6) != null) {
                        k.refColumns().add(rs.getString(6));
                    }
                }
            }
        }
        Map<String, String[]> rules = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT TABLE_NAME, CONSTRAINT_NAME, UPDATE_RULE, DELETE_RULE "
                + "FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = ?")) {
            ps.setString(1, db);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rules.put(rs.getString(1) + "\u0000" + rs.getString(2), new String[] {rs.getString(3), rs.getString(4)});
                }
            }
        }
        Map<String, String> checks = new TreeMap<>();
        // MariaDB: a column-level CHECK is named after its column (LEVEL = 'Column'); both land in CHECK_CONSTRAINTS
        try (PreparedStatement ps = c.prepareStatement("SELECT TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS "
                + "WHERE CONSTRAINT_SCHEMA = ?")) {
            ps.setString(1, db);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    checks.put(rs.getString(1) + "\u0000" + rs.getString(2), rs.getString(3));
                }
            }
        } catch (SQLException e) {
            // MySQL 8's CHECK_CONSTRAINTS has no TABLE_NAME: the TABLE_CONSTRAINTS join below finds the table
            try (PreparedStatement ps = c.prepareStatement("SELECT tc.TABLE_NAME, cc.CONSTRAINT_NAME, cc.CHECK_CLAUSE "
                    + "FROM information_schema.CHECK_CONSTRAINTS cc JOIN information_schema.TABLE_CONSTRAINTS tc "
                    + "ON tc.CONSTRAINT_SCHEMA = cc.CONSTRAINT_SCHEMA AND tc.CONSTRAINT_NAME = cc.CONSTRAINT_NAME "
                    + "AND tc.CONSTRAINT_TYPE = 'CHECK' WHERE cc.CONSTRAINT_SCHEMA = ?")) {
                ps.setString(1, db);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        checks.put(rs.getString(1) + "\u0000" + rs.getString(2), rs.getString(3));
                    }
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT TABLE_NAME, CONSTRAINT_NAME, CONSTRAINT_TYPE FROM information_schema.TABLE_CONSTRAINTS "
                + "WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, CONSTRAINT_NAME")) {
            ps.setString(1, db);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String table = rs.getString(1);
                    String name = rs.getString(2);
                    String id = table + "\u0000" + name;
                    Key key = keys.get(id);
                    List<String> cols = key == null ? List.of() : List.copyOf(key.columns());
                    String cols1 = String.join(", ", cols.stream().map(MysqlCatalogReader::quote).toList());
                    Catalog.Constraint con = switch (rs.getString(3)) {
                        case "PRIMARY KEY" -> new Catalog.Constraint(name, "PRIMARY_KEY", "PRIMARY KEY (" + cols1 + ")", true, cols, null, null);
                        case "UNIQUE" -> new Catalog.Constraint(name, "UNIQUE", "UNIQUE (" + cols1 + ")", true, cols, null, null);
                        case "FOREIGN KEY" -> {
                            String[] r = rules.getOrDefault(id, new String[] {"RESTRICT", "RESTRICT"});
                            String def = "FOREIGN KEY (" + cols1 + ") REFERENCES " + (key == null ? "?" : quoteQualified(key.refTable())) + " ("
                                    + (key == null ? "" : String.join(", ", key.refColumns().stream().map(MysqlCatalogReader::quote).toList()))
                                    + ")" + (r[1].equals("RESTRICT") ? "" : " ON DELETE " + r[1])
                                    + (r[0].equals("RESTRICT") ? "" : " ON UPDATE " + r[0]);
                            yield new Catalog.Constraint(name, "FOREIGN_KEY", def, true, cols, key == null ? null : key.refTable(), null);
                        }
                        case "CHECK" -> new Catalog.Constraint(name, "CHECK", "CHECK (" + checks.getOrDefault(id, "?") + ")", true, cols,
                                null, null);
                        default -> null;
                    };
                    if (con != null) {
                        out.computeIfAbsent(table, k -> new ArrayList<>()).add(con);
                    }
                }
            }
        }
        return out;
    }

    private static Map<String, List<Catalog.Trigger>> triggers(Connection c, String db) throws SQLException {
        Map<String, List<Catalog.Trigger>> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT EVENT_OBJECT_TABLE, TRIGGER_NAME, ACTION_TIMING, EVENT_MANIPULATION, "
                + "ACTION_ORIENTATION, ACTION_STATEMENT, ACTION_ORDER FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = ? "
                + "ORDER BY EVENT_OBJECT_TABLE, TRIGGER_NAME")) {
            ps.setString(1, db);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String def = "CREATE TRIGGER " + quote(rs.getString(2)) + " " + rs.getString(3) + " " + rs.getString(4) + " ON "
                            + quote(rs.getString(1)) + " FOR EACH " + rs.getString(5) + " " + rs.getString(6);
                    out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Catalog.Trigger(rs.getString(2), def, true));
                }
            }
        }
        return out;
    }

    private static Map<String, String> views(Connection c, String db) throws SQLException {
        Map<String, String> out = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT TABLE_NAME, VIEW_DEFINITION, CHECK_OPTION, SECURITY_TYPE, ALGORITHM "
                + "FROM information_schema.VIEWS WHERE TABLE_SCHEMA = ?")) {
            ps.setString(1, db);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String def = rs.getString(2).replace(quote(db) + ".", "");
                    if (rs.getString(3) != null && !rs.getString(3).equals("NONE")) {
                        def += " WITH " + rs.getString(3) + " CHECK OPTION";
                    }
                    if ("INVOKER".equals(rs.getString(4))) {
                        def += " SQL SECURITY INVOKER";
                    }
                    if (rs.getString(5) != null && !rs.getString(5).equals("UNDEFINED")) {
                        def += " ALGORITHM=" + rs.getString(5);
                    }
                    out.put(rs.getString(1), def);
                }
            }
        }
        return out;
    }

    /** "PARTITION BY RANGE (expr)" and one "PARTITION p0 VALUES LESS THAN (10)" per partition, as table options. */
    private static Map<String, List<String>> partitions(Connection c, String db) throws SQLException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT TABLE_NAME, PARTITION_NAME, PARTITION_METHOD, PARTITION_EXPRESSION, "
                + "PARTITION_DESCRIPTION, SUBPARTITION_NAME, SUBPARTITION_METHOD, SUBPARTITION_EXPRESSION FROM information_schema.PARTITIONS "
                + "WHERE TABLE_SCHEMA = ? AND PARTITION_NAME IS NOT NULL ORDER BY TABLE_NAME, PARTITION_ORDINAL_POSITION, SUBPARTITION_ORDINAL_POSITION")) {
            ps.setString(1, db);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<String> opts = out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>());
                    String method = rs.getString(3);
                    if (opts.isEmpty()) {
                        opts.add("PARTITION BY " + method + " (" + rs.getString(4) + ")"
                                + (rs.getString(7) == null ? "" : " SUBPARTITION BY " + rs.getString(7) + " (" + rs.getString(8) + ")"));
                    }
                    String values = rs.getString(5) == null ? "" : method.startsWith("RANGE") ? " VALUES LESS THAN (" + rs.getString(5) + ")"
                            : method.startsWith("LIST") ? " VALUES IN (" + rs.getString(5) + ")" : "";
                    String p = "PARTITION " + rs.getString(2) + values;
                    if (rs.getString(6) != null) {
                        p += " SUBPARTITION " + rs.getString(6);
                    }
                    opts.add(p);
                }
            }
        }
        return out;
    }

    private static List<Catalog.Routine> routines(Connection c, String db) throws SQLException {
        List<Catalog.Routine> out = new ArrayList<>();
        // ROUTINE_DEFINITION is the body; the parameter list comes from PARAMETERS
        Map<String, List<String>> params = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT SPECIFIC_NAME, ROUTINE_TYPE, PARAMETER_MODE, PARAMETER_NAME, DTD_IDENTIFIER "
                + "FROM information_schema.PARAMETERS WHERE SPECIFIC_SCHEMA = ? AND ORDINAL_POSITION > 0 ORDER BY SPECIFIC_NAME, ORDINAL_POSITION")) {
            ps.setString(1, db);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String mode = rs.getString(3) == null || rs.getString(2).equals("FUNCTION") ? "" : rs.getString(3) + " ";
                    params.computeIfAbsent(rs.getString(2) + " " + rs.getString(1), k -> new ArrayList<>())
                            .add(mode + rs.getString(4) + " " + rs.getString(5));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT ROUTINE_NAME, ROUTINE_TYPE, DTD_IDENTIFIER, IS_DETERMINISTIC, "
                + "SHA2(CONCAT_WS('\\n', ROUTINE_DEFINITION, SQL_DATA_ACCESS, SECURITY_TYPE, IS_DETERMINISTIC, ROUTINE_COMMENT), 256) "
                + "FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = ? ORDER BY ROUTINE_NAME, ROUTINE_TYPE")) {
            ps.setString(1, db);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    String type = rs.getString(2);
                    String sig = name + "(" + String.join(", ", params.getOrDefault(type + " " + name, List.of())) + ")";
                    out.add(new Catalog.Routine(db, name, type, sig, rs.getString(3),
                            "YES".equals(rs.getString(4)) ? "DETERMINISTIC" : "NOT DETERMINISTIC", rs.getString(5)));
                }
            }
        }
        return out;
    }

    private static String quoteQualified(String name) {
        int dot = name.indexOf('.');
        return dot < 0 ? quote(name) : quote(name.substring(0, dot)) + "." + quote(name.substring(dot + 1));
    }

    static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }
}
