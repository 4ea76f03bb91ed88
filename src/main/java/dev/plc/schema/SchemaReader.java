package dev.plc.schema;

import dev.plc.db.Dialect;
import dev.plc.schema.catalog.Catalog;
import dev.plc.schema.catalog.CatalogReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.ForeignKey;
import org.jooq.Meta;
import org.jooq.Schema;
import org.jooq.SortField;
import org.jooq.UniqueKey;
import org.jooq.impl.DSL;

/**
 * Reads the current schema of a connection into a {@link SchemaSnapshot}: on PostgreSQL and MariaDB/MySQL from the
 * database's catalog (a handful of queries, {@link CatalogReader}), on H2 and SQLite through jOOQ {@link Meta}.
 */
public final class SchemaReader {

    private static final Pattern PG_TIME = Pattern.compile("^(timestamp|time)(\\(\\d+\\))? without time zone$");
    private static final Pattern MYSQL_WIDTH = Pattern.compile("^(tinyint|smallint|mediumint|int|bigint|year)\\(\\d+\\)");
    private static final Pattern PRECISION_SCALE = Pattern.compile("^(numeric|decimal)\\((\\d+),(\\d+)\\)");
    private static final Pattern REFERENCED = Pattern.compile("(?is)\\bREFERENCES\\s+.+?\\(([^)]*)\\)");

    private SchemaReader() {
    }

    /** The tables of the connection's current schema (PostgreSQL: current_schema(); MySQL/MariaDB: the database). */
    public static SchemaSnapshot read(Connection connection, Dialect dialect) throws SQLException {
        if (CatalogReader.supports(dialect)) {
            return of(CatalogReader.of(dialect).read(connection));
        }
        return readMeta(connection, dialect);
    }

    /**
     * The tables of a catalog's current schema (views, other schemas and migration-tool history tables left out), with
     * the types in one short spelling per engine ({@link #shortType}) and the database's own rendering of defaults,
     * checks and index keys.
     */
    public static SchemaSnapshot of(Catalog catalog) {
        List<SchemaSnapshot.Table> tables = new ArrayList<>();
        for (Catalog.Relation r : catalog.relations()) {
            boolean current = r.schema() == null || r.schema().equals(catalog.currentSchema());
            if (!current || !r.isTable() || Catalog.TOOL_TABLES.contains(r.name().toLowerCase(Locale.ROOT))) {
                continue;
            }
            tables.add(table(catalog.dialect(), r));
        }
        tables.sort(Comparator.comparing(SchemaSnapshot.Table::name));
        return new SchemaSnapshot(List.copyOf(tables));
    }

    private static SchemaSnapshot.Table table(Dialect dialect, Catalog.Relation r) {
        List<SchemaSnapshot.Column> columns = new ArrayList<>();
        for (Catalog.Column c : r.columns()) {
            String def = c.defaultValue();
            // a serial column's nextval default is how its identity works, not a default someone chose
            boolean serial = def != null && dialect == Dialect.POSTGRESQL && def.startsWith("nextval(");
            boolean identity = c.identity() != null || serial;
            columns.add(new SchemaSnapshot.Column(c.name(), shortType(dialect, c.type()), !c.notNull(), serial ? null : def, identity));
        }
        SchemaSnapshot.Key primaryKey = null;
        List<SchemaSnapshot.Key> uniques = new ArrayList<>();
        List<SchemaSnapshot.ForeignKey> fks = new ArrayList<>();
        List<SchemaSnapshot.Check> checks = new ArrayList<>();
        for (Catalog.Constraint k : r.constraints()) {
            switch (k.kind()) {
                case "PRIMARY_KEY" -> primaryKey = new SchemaSnapshot.Key(k.name(), k.columns());
                case "UNIQUE" -> uniques.add(new SchemaSnapshot.Key(k.name(), k.columns()));
                case "FOREIGN_KEY" -> fks.add(new SchemaSnapshot.ForeignKey(k.name(), k.columns(), k.references(), referencedColumns(k.definition())));
                case "CHECK" -> {
                    String condition = unwrap(k.definition().strip().replaceFirst("(?i)^CHECK\\s*", "").replaceFirst("\\s+NOT VALID$", ""));
                    if (!isImplicitNotNull(condition)) {
                        checks.add(new SchemaSnapshot.Check(k.name(), condition));
                    }
                }
                default -> {
                }
            }
        }
        // the indexes that back the primary key and unique constraints are those constraints
        List<SchemaSnapshot.Index> indexes = r.indexes().stream()
                .filter(i -> !i.primary() && i.constraint() == null)
                .map(i -> new SchemaSnapshot.Index(i.name(), i.columns(), i.unique()))
                .toList();
        uniques.sort(Comparator.comparing(SchemaSnapshot.Key::name));
        fks.sort(Comparator.comparing(SchemaSnapshot.ForeignKey::name));
        checks.sort(Comparator.comparing(SchemaSnapshot.Check::name));
        return new SchemaSnapshot.Table(r.name(), List.copyOf(columns), primaryKey, List.copyOf(uniques),
                indexes.stream().sorted(Comparator.comparing(SchemaSnapshot.Index::name)).toList(), List.copyOf(fks), List.copyOf(checks));
    }

    /** The referenced columns of a foreign key definition ({@code FOREIGN KEY (a) REFERENCES t(b, c) ...}), unquoted. */
    static List<String> referencedColumns(String definition) {
        Matcher m = REFERENCED.matcher(definition);
        if (!m.find()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String part : m.group(1).split(",")) {
            out.add(unquote(part.strip()));
        }
        return List.copyOf(out);
    }

    private static String unquote(String identifier) {
        if (identifier.length() >= 2 && (identifier.startsWith("\"") && identifier.endsWith("\"")
                || identifier.startsWith("`") && identifier.endsWith("`"))) {
            char q = identifier.charAt(0);
            return identifier.substring(1, identifier.length() - 1).replace(String.valueOf(q) + q, String.valueOf(q));
        }
        return identifier;
    }

    /**
     * One spelling of a column type per engine, short as people write it: PostgreSQL {@code format_type} names
     * ({@code character varying(20)}, {@code integer}, {@code timestamp(3) without time zone}) become {@code varchar(20)},
     * {@code int}, {@code timestamp(3)}; MariaDB/MySQL integer display widths go ({@code int(11)} is {@code int};
     * {@code tinyint(1)} is {@code boolean}, what BOOLEAN creates); precision and scale are written {@code (10, 2)}.
     * Nothing that tells two types apart is dropped (a length, a precision, unsigned, enum labels, array brackets).
     */
    public static String shortType(Dialect dialect, String type) {
        String t = type.strip();
        if (dialect == Dialect.POSTGRESQL) {
            if (t.endsWith("[]")) {
                return shortType(dialect, t.substring(0, t.length() - 2)) + "[]";
            }
            Matcher time = PG_TIME.matcher(t);
            if (time.matches()) {
                return time.group(1) + (time.group(2) == null ? "" : time.group(2));
            }
            if (t.startsWith("character varying")) {
                t = "varchar" + t.substring("character varying".length());
            } else if (t.startsWith("character(") || t.equals("character")) {
                t = "char" + t.substring("character".length());
            } else if (t.equals("integer")) {
                t = "int";
            }
        } else if (dialect.isMysqlFamily()) {
            String lower = t.toLowerCase(Locale.ROOT);
            if (lower.equals("tinyint(1)")) {
                return "boolean";
            }
            Matcher width = MYSQL_WIDTH.matcher(lower);
            t = width.find() ? width.group(1) + lower.substring(width.end()) : t;
        }
        Matcher ps = PRECISION_SCALE.matcher(t);
        return ps.find() ? ps.group(1) + "(" + ps.group(2) + ", " + ps.group(3) + ")" + t.substring(ps.end()) : t;
    }

    private static SchemaSnapshot readMeta(Connection connection, Dialect dialect) throws SQLException {
        DSLContext ctx = DSL.using(connection, dialect.jooq());
        String current = currentSchema(connection, dialect);
        Meta meta = ctx.meta();
        List<SchemaSnapshot.Table> tables = new ArrayList<>();
        for (Schema schema : meta.getSchemas()) {
            if (!matches(schema.getName(), current)) {
                continue;
            }
            java.util.Map<String, List<SchemaSnapshot.Check>> catalogChecks = catalogChecks(connection, dialect);
            for (org.jooq.Table<?> table : schema.getTables()) {
                if (table.getTableType().isView() || Catalog.TOOL_TABLES.contains(table.getName().toLowerCase(Locale.ROOT))) {
                    continue;
                }
                SchemaSnapshot.Table read = table(ctx, table);
                List<SchemaSnapshot.Check> fromCatalog = catalogChecks.get(read.name());
                if (fromCatalog != null) {
                    read = new SchemaSnapshot.Table(read.name(), read.columns(), read.primaryKey(), read.uniqueKeys(), read.indexes(),
                            read.foreignKeys(), fromCatalog);
                }
                tables.add(read);
            }
        }
        tables.sort(Comparator.comparing(SchemaSnapshot.Table::name));
        return new SchemaSnapshot(List.copyOf(tables));
    }

    /**
     * Check constraints per table, read from the catalog: jOOQ's JDBC-backed Meta does not return them for
     * PostgreSQL or MySQL/MariaDB. Null for dialects where jOOQ's own reading is used.
     */
    private static java.util.Map<String, List<SchemaSnapshot.Check>> catalogChecks(Connection connection, Dialect dialect) throws SQLException {
        String sql = switch (dialect) {
            case POSTGRESQL -> "SELECT cl.relname, c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c "
                    + "JOIN pg_class cl ON cl.oid = c.conrelid JOIN pg_namespace n ON n.oid = cl.relnamespace "
                    + "WHERE c.contype = 'c' AND n.nspname = current_schema() ORDER BY 1, 2";
            case MYSQL, MARIADB -> "SELECT tc.TABLE_NAME, cc.CONSTRAINT_NAME, cc.CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS cc "
                    + "JOIN information_schema.TABLE_CONSTRAINTS tc ON tc.CONSTRAINT_SCHEMA = cc.CONSTRAINT_SCHEMA "
                    + "AND tc.CONSTRAINT_NAME = cc.CONSTRAINT_NAME AND tc.CONSTRAINT_TYPE = 'CHECK' "
                    + "WHERE cc.CONSTRAINT_SCHEMA = DATABASE() ORDER BY 1, 2";
            default -> null;
        };
        java.util.Map<String, List<SchemaSnapshot.Check>> checks = new java.util.HashMap<>();
        if (sql == null) {
            return checks;
        }
        try (java.sql.Statement s = connection.createStatement(); java.sql.ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                String condition = rs.getString(3).strip();
                if (dialect == Dialect.POSTGRESQL) {
                    condition = condition.replaceFirst("^CHECK\\s*", "").replaceFirst("\\s+NOT VALID$", "");
                }
                condition = unwrap(condition);
                if (!isImplicitNotNull(condition)) {
                    checks.computeIfAbsent(rs.getString(1), t -> new ArrayList<>()).add(new SchemaSnapshot.Check(rs.getString(2), condition));
                }
            }
        }
        return checks;
    }

    /** Drops parentheses that wrap the whole condition: ((a >= 0)) is a >= 0. */
    private static String unwrap(String condition) {
        String c = condition;
        while (c.startsWith("(") && c.endsWith(")") && balanced(c.substring(1, c.length() - 1))) {
            c = c.substring(1, c.length() - 1).strip();
        }
        return c;
    }

    private static boolean balanced(String s) {
        int depth = 0;
        for (char ch : s.toCharArray()) {
            depth += ch == '(' ? 1 : ch == ')' ? -1 : 0;
            if (depth < 0) {
                return false;
            }
        }
        return depth == 0;
    }

    private static boolean matches(String schemaName, String current) {
        if (current == null) {
            return true;
        }
        return (schemaName == null ? "" : schemaName).equalsIgnoreCase(current);
    }

    private static String currentSchema(Connection connection, Dialect dialect) throws SQLException {
        return switch (dialect) {
            case MYSQL, MARIADB -> connection.getCatalog();
            case SQLITE -> null;
            default -> connection.getSchema();
        };
    }

    private static SchemaSnapshot.Table table(DSLContext ctx, org.jooq.Table<?> table) {
        List<SchemaSnapshot.Column> columns = new ArrayList<>();
        for (Field<?> field : table.fields()) {
            DataType<?> type = field.getDataType();
            String defaultSql = type.defaulted() && type.default_() != null ? ctx.renderInlined(type.default_()) : null;
            columns.add(new SchemaSnapshot.Column(field.getName(), typeName(ctx, type), type.nullable(), defaultSql, type.identity()));
        }
        UniqueKey<?> pk = table.getPrimaryKey();
        SchemaSnapshot.Key primaryKey = pk == null ? null : new SchemaSnapshot.Key(pk.getName(), names(pk.getFields()));
        List<SchemaSnapshot.Key> uniques = table.getUniqueKeys().stream()
                .filter(k -> pk == null || !k.getName().equals(pk.getName()))
                .map(k -> new SchemaSnapshot.Key(k.getName(), names(k.getFields())))
                .sorted(Comparator.comparing(SchemaSnapshot.Key::name))
                .toList();
        List<SchemaSnapshot.Index> indexes = table.getIndexes().stream()
                .filter(i -> pk == null || !isPrimaryKeyIndex(i.getName(), pk.getName()))
                .map(i -> new SchemaSnapshot.Index(i.getName(), sortFieldNames(i.getFields()), i.getUnique()))
                .sorted(Comparator.comparing(SchemaSnapshot.Index::name))
                .toList();
        List<SchemaSnapshot.ForeignKey> fks = new ArrayList<>();
        for (ForeignKey<?, ?> fk : table.getReferences()) {
            fks.add(new SchemaSnapshot.ForeignKey(fk.getName(), names(fk.getFields()), fk.getKey().getTable().getName(),
                    names(fk.getKeyFields())));
        }
        fks.sort(Comparator.comparing(SchemaSnapshot.ForeignKey::name));
        List<SchemaSnapshot.Check> checks = table.getChecks().stream()
                .map(c -> new SchemaSnapshot.Check(c.getName(), ctx.render(c.condition())))
                .filter(c -> !isImplicitNotNull(c.condition()))
                .sorted(Comparator.comparing(SchemaSnapshot.Check::name))
                .toList();
        return new SchemaSnapshot.Table(table.getName(), List.copyOf(columns), primaryKey, uniques, indexes, List.copyOf(fks), checks);
    }

    private static boolean isPrimaryKeyIndex(String indexName, String pkName) {
        return indexName.equals(pkName) || indexName.equalsIgnoreCase("PRIMARY");
    }

    // PostgreSQL < 17 lists NOT NULL as check constraints "x IS NOT NULL" in information_schema
    private static boolean isImplicitNotNull(String condition) {
        return condition.matches("(?i)^\\(?\\s*\"?[\\w]+\"?\\s+is\\s+not\\s+null\\s*\\)?$");
    }

    private static String typeName(DSLContext ctx, DataType<?> type) {
        String name = type.getTypeName(ctx.configuration()).toLowerCase(Locale.ROOT);
        // unbounded types (text, bytea) report a huge driver-specific length that no DDL spells out; MySQL/MariaDB TEXT and
        // BLOB report their byte limit (65535), and TEXT(65535) is not TEXT: the server picks the type that holds that many
        // characters (MEDIUMTEXT for utf8mb4)
        if (type.hasLength() && type.length() > 0 && type.length() < 1_000_000 && !name.endsWith("text") && !name.endsWith("blob")) {
            return name + "(" + type.length() + ")";
        }
        if (type.hasPrecision() && type.precision() > 0 && !isFixedPrecision(name)) {
            return type.hasScale() ? name + "(" + type.precision() + ", " + type.scale() + ")" : name + "(" + type.precision() + ")";
        }
        return name;
    }

    // integer and timestamp types report a precision the DDL never spells out
    private static boolean isFixedPrecision(String name) {
        return name.contains("int") || name.contains("serial") || name.contains("timestamp") || name.contains("time")
                || name.contains("date") || name.equals("real") || name.contains("double") || name.contains("float");
    }

    private static List<String> names(List<? extends Field<?>> fields) {
        return fields.stream().map(Field::getName).toList();
    }

    private static List<String> sortFieldNames(List<? extends SortField<?>> fields) {
        return fields.stream().map(SortField::getName).toList();
    }
}
