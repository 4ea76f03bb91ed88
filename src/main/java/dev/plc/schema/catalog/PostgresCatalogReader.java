package dev.plc.schema.catalog;

import dev.plc.db.Dialect;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the PostgreSQL catalog: one query per object kind over every non-system schema, so the cost does not grow with
 * the number of round trips per table. Objects that belong to an extension (pg_depend deptype 'e') are left out: the
 * extension and its version stand for them.
 */
final class PostgresCatalogReader implements CatalogReader {

    // every schema but the system ones; pg_temp_N / pg_toast_temp_N are per-session
    private static final String USER_NSP = "n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') "
            + "AND n.nspname NOT LIKE 'pg\\_temp\\_%' AND n.nspname NOT LIKE 'pg\\_toast\\_temp\\_%'";

    private static final String NOT_EXTENSION_MEMBER = "NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = %s::regclass "
            + "AND e.objid = %s AND e.deptype = 'e')";

    /** The relations read: r table, p partitioned table, v view, m materialized view, f foreign table. */
    private static final String RELS = "SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            + "WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND " + USER_NSP + " AND "
            + NOT_EXTENSION_MEMBER.formatted("'pg_class'", "c.oid");

    /** A relation's name as the catalog model shows it: bare in the current schema, qualified elsewhere. */
    private static String displayName(String nsp, String rel) {
        return "CASE WHEN " + nsp + " = current_schema() THEN " + rel + " ELSE " + nsp + " || '.' || " + rel + " END";
    }

    @Override
    public Catalog read(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement()) {
            String current = scalar(st, "SELECT current_schema()");
            List<String> schemas = strings(st, "SELECT n.nspname FROM pg_namespace n WHERE " + USER_NSP + " AND "
                    + NOT_EXTENSION_MEMBER.formatted("'pg_namespace'", "n.oid") + " ORDER BY 1");
            List<String> extensions = strings(st, "SELECT extname || ' ' || extversion FROM pg_extension ORDER BY extname");

            Map<String, List<Catalog.Column>> columns = columns(st);
            Map<String, List<Catalog.Constraint>> constraints = constraints(st);
            Map<String, List<Catalog.Index>> indexes = indexes(st);
            Map<String, List<Catalog.Trigger>> triggers = triggers(st);
            List<Catalog.Relation> relations = relations(st, columns, constraints, indexes, triggers);
            return new Catalog(Dialect.POSTGRESQL, current, relations, types(st), sequences(st), routines(st), schemas, extensions);
        }
    }

    private static List<Catalog.Relation> relations(Statement st, Map<String, List<Catalog.Column>> columns,
                                                    Map<String, List<Catalog.Constraint>> constraints,
                                                    Map<String, List<Catalog.Index>> indexes,
                                                    Map<String, List<Catalog.Trigger>> triggers) throws SQLException {
        String sql = "SELECT c.oid, n.nspname, c.relname, c.relkind, c.relpersistence, c.reloptions, ts.spcname, "
                + "obj_description(c.oid, 'pg_class'), "
                + "CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid) END, "
                + "(SELECT " + displayName("pn.nspname", "p.relname") + " FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent "
                + "  JOIN pg_namespace pn ON pn.oid = p.relnamespace WHERE i.inhrelid = c.oid AND c.relispartition), "
                + "CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END, "
                + "(SELECT string_agg(" + displayName("pn.nspname", "p.relname") + ", ', ' ORDER BY i.inhseqno) FROM pg_inherits i "
                + "  JOIN pg_class p ON p.oid = i.inhparent JOIN pg_namespace pn ON pn.oid = p.relnamespace "
                + "  WHERE i.inhrelid = c.oid AND NOT c.relispartition), "
                + "(SELECT s.srvname FROM pg_foreign_table ft JOIN pg_foreign_server s ON s.oid = ft.ftserver WHERE ft.ftrelid = c.oid) "
                + "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace LEFT JOIN pg_tablespace ts ON ts.oid = c.reltablespace "
                + "WHERE c.oid IN (" + RELS + ") ORDER BY n.nspname, c.relname";
        List<Catalog.Relation> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                String oid = rs.getString(1);
                String kind = switch (rs.getString(4)) {
                    case "p" -> "PARTITIONED_TABLE";
                    case "v" -> "VIEW";
                    case "m" -> "MATERIALIZED_VIEW";
                    case "f" -> "FOREIGN_TABLE";
                    default -> "TABLE";
                };
                List<String> options = new ArrayList<>(array(rs, 6));
                if ("u".equals(rs.getString(5))) {
                    options.add("UNLOGGED");
                }
                if (rs.getString(7) != null) {
                    options.add("TABLESPACE " + rs.getString(7));
                }
                if (rs.getString(12) != null) {
                    options.add("INHERITS (" + rs.getString(12) + ")");
                }
                if (rs.getString(13) != null) {
                    options.add("SERVER " + rs.getString(13));
                }
                out.add(new Catalog.Relation(rs.getString(2), rs.getString(3), oid, kind, columns.getOrDefault(oid, List.of()),
                        constraints.getOrDefault(oid, List.of()), indexes.getOrDefault(oid, List.of()),
                        triggers.getOrDefault(oid, List.of()), rs.getString(8), rs.getString(9), rs.getString(10),
                        rs.getString(11), List.copyOf(options)));
            }
        }
        return out;
    }

    private static Map<String, List<Catalog.Column>> columns(Statement st) throws SQLException {
        String sql = "SELECT a.attrelid, a.attname, a.attnum, format_type(a.atttypid, a.atttypmod), a.attnotnull, "
                + "pg_get_expr(d.adbin, d.adrelid), a.attidentity, a.attgenerated, "
                + "CASE WHEN a.attcollation <> t.typcollation THEN "
                + "  (SELECT CASE WHEN cn.nspname = 'pg_catalog' THEN quote_ident(co.collname) ELSE quote_ident(cn.nspname) || '.' || quote_ident(co.collname) END "
                + "   FROM pg_collation co JOIN pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = a.attcollation) END, "
                + "col_description(a.attrelid, a.attnum), a.attstattarget, a.attstorage, t.typstorage "
                + "FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid "
                + "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
                + "WHERE a.attrelid IN (" + RELS + ") AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attrelid, a.attnum";
        Map<String, List<Catalog.Column>> out = new LinkedHashMap<>();
        try (ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                String expr = rs.getString(6);
                String identity = switch (rs.getString(7)) {
                    case "a" -> "ALWAYS";
                    case "d" -> "BY DEFAULT";
                    default -> null;
                };
                String gen = rs.getString(8);
                String generated = null;
                if ("s".equals(gen) || "v".equals(gen)) { // 'v': PG18 virtual generated columns
                    generated = expr + ("s".equals(gen) ? " STORED" : " VIRTUAL");
                    expr = null;
                }
                List<String> extra = new ArrayList<>();
                // before PG17 attstattarget is -1 for "default"; from PG17 it is null
                int stat = rs.getInt(11);
                if (!rs.wasNull() && stat >= 0) {
                    extra.add("statistics " + stat);
                }
                if (!rs.getString(12).equals(rs.getString(13))) {
                    extra.add("storage " + storage(rs.getString(12)));
                }
                out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Catalog.Column(rs.getString(2), rs.getInt(3),
                        rs.getString(4), rs.getBoolean(5), expr, identity, generated, rs.getString(9), rs.getString(10), List.copyOf(extra)));
            }
        }
        return out;
    }

    private static String storage(String code) {
        return switch (code) {
            case "p" -> "PLAIN";
            case "e" -> "EXTERNAL";
            case "m" -> "MAIN";
            case "x" -> "EXTENDED";
            default -> code;
        };
    }

    private static Map<String, List<Catalog.Constraint>> constraints(Statement st) throws SQLException {
        String sql = "SELECT con.conrelid, con.conname, con.contype, pg_get_constraintdef(con.oid), con.convalidated, "
                + "ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(num, ord) "
                + "  JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num ORDER BY k.ord), "
                + "(SELECT " + displayName("fn.nspname", "f.relname") + " FROM pg_class f JOIN pg_namespace fn ON fn.oid = f.relnamespace "
                + "  WHERE f.oid = con.confrelid), "
                + "obj_description(con.oid, 'pg_constraint') "
                + "FROM pg_constraint con WHERE con.conrelid IN (" + RELS + ") ORDER BY con.conrelid, con.conname";
        Map<String, List<Catalog.Constraint>> out = new LinkedHashMap<>();
        try (ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                String kind = switch (rs.getString(3)) {
                    case "p" -> "PRIMARY_KEY";
                    case "u" -> "UNIQUE";
                    case "f" -> "FOREIGN_KEY";
                    case "c" -> "CHECK";
                    case "x" -> "EXCLUDE";
                    case "n" -> "NOT_NULL";
                    case "t" -> "TRIGGER";
                    default -> rs.getString(3);
                };
                out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Catalog.Constraint(rs.getString(2), kind,
                        rs.getString(4), rs.getBoolean(5), array(rs, 6), rs.getString(7), rs.getString(8)));
            }
        }
        return out;
    }

    private static Map<String, List<Catalog.Index>> indexes(Statement st) throws SQLException {
        // pg_get_indexdef(oid, k, true) renders key column k: its name, or the expression text for an expression key;
        // indnkeyatts leaves out INCLUDE columns (they are in the definition)
        String sql = "SELECT i.indrelid, ic.relname, pg_get_indexdef(i.indexrelid), i.indisunique, i.indisprimary, i.indisvalid, "
                + "ARRAY(SELECT pg_get_indexdef(i.indexrelid, k, true) FROM generate_series(1, i.indnkeyatts) k ORDER BY k), "
                + "(SELECT con.conname FROM pg_constraint con WHERE con.conindid = i.indexrelid AND con.conrelid = i.indrelid "
                + "  AND con.contype IN ('p', 'u', 'x') LIMIT 1) "
                + "FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid "
                + "WHERE i.indrelid IN (" + RELS + ") ORDER BY i.indrelid, ic.relname";
        Map<String, List<Catalog.Index>> out = new LinkedHashMap<>();
        try (ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Catalog.Index(rs.getString(2), rs.getString(3),
                        rs.getBoolean(4), rs.getBoolean(5), rs.getBoolean(6), array(rs, 7), rs.getString(8)));
            }
        }
        return out;
    }

    private static Map<String, List<Catalog.Trigger>> triggers(Statement st) throws SQLException {
        String sql = "SELECT t.tgrelid, t.tgname, pg_get_triggerdef(t.oid), t.tgenabled <> 'D' FROM pg_trigger t "
                + "WHERE NOT t.tgisinternal AND t.tgrelid IN (" + RELS + ") ORDER BY t.tgrelid, t.tgname";
        Map<String, List<Catalog.Trigger>> out = new LinkedHashMap<>();
        try (ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                        .add(new Catalog.Trigger(rs.getString(2), rs.getString(3), rs.getBoolean(4)));
            }
        }
        return out;
    }

    private static List<Catalog.TypeDef> types(Statement st) throws SQLException {
        // e enum, d domain, c composite (only free-standing ones: a table's row type has typrelid of a table), r range;
        // array types (typelem with typarray) and the multiranges PG14 makes for each range come with their base type
        String sql = "SELECT t.oid, n.nspname, t.typname, t.typtype, "
                + "ARRAY(SELECT e.enumlabel FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder), "
                + "ARRAY(SELECT e.oid::text FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder), "
                + "CASE t.typtype "
                + " WHEN 'd' THEN format_type(t.typbasetype, t.typtypmod) "
                + "   || CASE WHEN t.typcollation <> 0 AND t.typcollation <> bt.typcollation THEN ' COLLATE ' || "
                + "        (SELECT quote_ident(co.collname) FROM pg_collation co WHERE co.oid = t.typcollation) ELSE '' END "
                + "   || CASE WHEN t.typnotnull THEN ' NOT NULL' ELSE '' END "
                + "   || COALESCE(' DEFAULT ' || t.typdefault, '') "
                + "   || COALESCE((SELECT string_agg(' CONSTRAINT ' || quote_ident(con.conname) || ' ' || pg_get_constraintdef(con.oid) "
                + "        || CASE WHEN con.convalidated THEN '' ELSE ' NOT VALID' END, '' ORDER BY con.conname) "
                + "        FROM pg_constraint con WHERE con.contypid = t.oid AND con.contype = 'c'), '') "
                + " WHEN 'c' THEN '(' || (SELECT string_agg(quote_ident(a.attname) || ' ' || format_type(a.atttypid, a.atttypmod), ', ' ORDER BY a.attnum) "
                + "   FROM pg_attribute a WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped) || ')' "
                + " WHEN 'r' THEN (SELECT 'SUBTYPE = ' || format_type(r.rngsubtype, NULL) "
                + "   || CASE WHEN r.rngsubdiff <> 0 THEN ', SUBTYPE_DIFF = ' || r.rngsubdiff::regproc::text ELSE '' END "
                + "   FROM pg_range r WHERE r.rngtypid = t.oid) "
                + " END "
                + "FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace LEFT JOIN pg_type bt ON bt.oid = t.typbasetype "
                + "WHERE " + USER_NSP + " AND t.typtype IN ('e', 'd', 'c', 'r') "
                + "AND (t.typtype <> 'c' OR (SELECT c.relkind FROM pg_class c WHERE c.oid = t.typrelid) = 'c') "
                + "AND " + NOT_EXTENSION_MEMBER.formatted("'pg_type'", "t.oid") + " ORDER BY n.nspname, t.typname";
        List<Catalog.TypeDef> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                String kind = switch (rs.getString(4)) {
                    case "e" -> "ENUM";
                    case "d" -> "DOMAIN";
                    case "c" -> "COMPOSITE";
                    case "r" -> "RANGE";
                    default -> "BASE";
                };
                out.add(new Catalog.TypeDef(rs.getString(2), rs.getString(3), rs.getString(1), kind, array(rs, 5), array(rs, 6),
                        rs.getString(7)));
            }
        }
        return out;
    }

    private static List<Catalog.Sequence> sequences(Statement st) throws SQLException {
        // OWNED BY: deptype 'a' (serial, ALTER SEQUENCE ... OWNED BY) or 'i' (identity column)
        String sql = "SELECT c.oid, n.nspname, c.relname, format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, s.seqmin, "
                + "s.seqmax, s.seqcycle, "
                + "(SELECT " + displayName("tn.nspname", "tc.relname") + " || '.' || a.attname FROM pg_depend d "
                + "  JOIN pg_class tc ON tc.oid = d.refobjid JOIN pg_namespace tn ON tn.oid = tc.relnamespace "
                + "  JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid "
                + "  WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass "
                + "  AND d.deptype IN ('a', 'i') LIMIT 1) "
                + "FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE " + USER_NSP + " AND " + NOT_EXTENSION_MEMBER.formatted("'pg_class'", "c.oid") + " ORDER BY n.nspname, c.relname";
        List<Catalog.Sequence> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(new Catalog.Sequence(rs.getString(2), rs.getString(3), rs.getString(1), rs.getString(4), rs.getLong(5),
                        rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getBoolean(9), rs.getString(10)));
            }
        }
        return out;
    }

    private static List<Catalog.Routine> routines(Statement st) throws SQLException {
        // pg_get_functiondef covers body, language, volatility, SECURITY DEFINER and SET; it refuses aggregates
        String sql = "SELECT n.nspname, p.proname, p.prokind, p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')', "
                + "CASE WHEN p.prokind = 'p' THEN NULL ELSE pg_get_function_result(p.oid) END, p.provolatile, "
                + "encode(sha256(convert_to(CASE WHEN p.prokind IN ('f', 'p') THEN pg_get_functiondef(p.oid) "
                + "  ELSE p.prosrc END, 'UTF8')), 'hex') "
                + "FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                + "WHERE " + USER_NSP + " AND " + NOT_EXTENSION_MEMBER.formatted("'pg_proc'", "p.oid") + " ORDER BY 1, 4";
        List<Catalog.Routine> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                String kind = switch (rs.getString(3)) {
                    case "p" -> "PROCEDURE";
                    case "a" -> "AGGREGATE";
                    case "w" -> "WINDOW";
                    default -> "FUNCTION";
                };
                String volatility = switch (rs.getString(6)) {
                    case "i" -> "IMMUTABLE";
                    case "s" -> "STABLE";
                    default -> "VOLATILE";
                };
                out.add(new Catalog.Routine(rs.getString(1), rs.getString(2), kind, rs.getString(4), rs.getString(5), volatility,
                        rs.getString(7)));
            }
        }
        out.sort(Comparator.comparing(Catalog.Routine::schema).thenComparing(Catalog.Routine::signature));
        return out;
    }

    private static String scalar(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static List<String> strings(Statement st, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static List<String> array(ResultSet rs, int column) throws SQLException {
        Array a = rs.getArray(column);
        if (a == null) {
            return List.of();
        }
        Object[] values = (Object[]) a.getArray();
        return Arrays.stream(values).map(String::valueOf).toList();
    }
}
