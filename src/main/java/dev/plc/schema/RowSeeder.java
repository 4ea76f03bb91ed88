package dev.plc.schema;

import dev.plc.db.Dialect;
import dev.plc.db.Secrets;
import dev.plc.schema.catalog.Catalog;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills tables with rows generated from their definitions, so that a plan meets data: NULLs where a column allows
 * them, boundary values (0, the type's extremes, the empty string, a string of the full length), unicode text, every
 * enum label in turn, values unique per row (so UNIQUE holds), and foreign keys that point at rows the parent really
 * has (parents are seeded first). A row the database rejects (a CHECK it cannot know) is tried again with plain
 * values; what still fails is reported with the database's reason. The counts it returns are counted in the table
 * afterwards, never assumed.
 */
public final class RowSeeder {

    /** Rows per table unless told otherwise. */
    public static final int DEFAULT_ROWS = 200;

    private static final String UNICODE = "Zoë 名前 ✓ ";

    /**
     * @param rows     rows now in each seeded table (counted)
     * @param problems one line per table that could not be seeded fully, with the database's reason
     */
    public record Result(Map<String, Long> rows, List<String> problems) {

        public long total() {
            return rows.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final Connection c;
    private final Dialect dialect;
    private final SchemaSnapshot schema;
    private final Map<String, Map<String, String>> types = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    /** Column types after the change (table, column, type): values also fit these, so a narrowing change as written runs. */
    private final Map<String, Map<String, String>> after = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    /** The schema after the change, when known: its CHECK constraints also say which values a column may take. */
    private Catalog changedCatalog;

    public RowSeeder(Connection c, Dialect dialect, SchemaSnapshot schema) {
        this.c = c;
        this.dialect = dialect;
        this.schema = schema;
    }

    /**
     * Makes every value also fit the column's type in {@code changed} (the schema after the change): a narrowing
     * change (varchar(255) to varchar(50), bigint to int) then runs on the rows, and the plan can be held to it.
     * Rows that do not fit the narrower type are what a precheck counts, not what a proof can compare.
     */
    public RowSeeder fitting(Catalog changed) {
        this.changedCatalog = changed;
        if (changed != null) {
            for (Catalog.Relation r : changed.relations()) {
                Map<String, String> byColumn = after.computeIfAbsent(r.name(), k -> new TreeMap<>(String.CASE_INSENSITIVE_ORDER));
                r.columns().forEach(col -> byColumn.put(col.name(), col.type().toLowerCase(Locale.ROOT)));
            }
        }
        return this;
    }

    /** Per table, conditions of rows to take out again right after the table is seeded (before its children are). */
    private final Map<String, List<String>> pruning = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    /**
     * Leaves out the seeded rows the change's new rules forbid: those a CHECK constraint of {@code changed} fails on, and
     * NULLs in a column {@code changed} makes NOT NULL. Such rows are what a precheck counts on production, not what a
     * proof can compare (the change as written fails on them, and so would the plan); a change that carries its own
     * backfill (an UPDATE) is proven with them instead, so it is not given this. The rows go before the table's
     * children are seeded, so no foreign key points at them.
     */
    public RowSeeder withoutRowsTheChangeForbids(Catalog changed) {
        pruning.putAll(CheckedValues.forbidden(schema, changed, this::quote));
        return this;
    }

    /** The tables, their foreign-key parents (transitively) and their direct children, parents first. */
    public static List<String> withRelatives(SchemaSnapshot schema, Set<String> tables) {
        Set<String> wanted = new LinkedHashSet<>();
        for (SchemaSnapshot.Table t : schema.tables()) {
            if (tables.stream().anyMatch(x -> x.equalsIgnoreCase(t.name()))) {
                wanted.add(t.name());
                for (SchemaSnapshot.Table child : schema.tables()) {
                    if (child.foreignKeys().stream().anyMatch(fk -> fk.referencedTable().equalsIgnoreCase(t.name()))) {
                        wanted.add(child.name());
                    }
                }
            }
        }
        Set<String> order = new LinkedHashSet<>();
        for (String name : wanted) {
            parentsFirst(schema, schema.table(name).orElseThrow(), order, new LinkedHashSet<>());
        }
        return List.copyOf(order);
    }

    private static void parentsFirst(SchemaSnapshot schema, SchemaSnapshot.Table t, Set<String> order, Set<String> visiting) {
        if (order.contains(t.name()) || !visiting.add(t.name())) {
            return;
        }
        for (SchemaSnapshot.ForeignKey fk : t.foreignKeys()) {
            schema.table(fk.referencedTable()).filter(p -> !p.name().equals(t.name())).ifPresent(p -> parentsFirst(schema, p, order, visiting));
        }
        order.add(t.name());
    }

    /** Seeds {@code rows} rows into each table, in the order given (parents first: see {@link #withRelatives}). */
    public Result seed(List<String> tables, int rows) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (String name : tables) {
            SchemaSnapshot.Table t = schema.table(name).orElse(null);
            if (t == null) {
                continue;
            }
            long before = count(t.name());
            String failure = insert(t, null, 1, rows);
            long inserted = count(t.name());
            for (String condition : pruning.getOrDefault(t.name(), List.of())) {
                // a rule the rows of before cannot be asked about (it names a column the change renames or adds) forbids
                // none of them: its DELETE fails, and the change as written then meets every seeded row. A rule no
                // generated row meets leaves them all: the proof says the change as written fails on them, not "no rows"
                long forbidden = countWhere(t.name(), condition);
                if (forbidden > 0 && forbidden < count(t.name())) {
                    tryExecute("DELETE FROM " + quote(t.name()) + " WHERE " + condition);
                }
            }
            long now = count(t.name());
            counts.put(t.name(), now);
            if (inserted - before < rows) {
                problems.add("could not seed " + t.name() + ": " + (inserted - before) + " of " + rows + " rows went in"
                        + (failure == null ? "" : "; the database refused the rest: " + failure));
            }
        }
        return new Result(counts, problems);
    }

    /**
     * Inserts rows {@code from .. from+count-1} into {@code table}, writing only {@code columns} (null: every column),
     * as code that knows only those columns would. Returns the database's reason for the last rejected row, or null.
     */
    public String insert(SchemaSnapshot.Table t, Set<String> columns, int from, int count) throws SQLException {
        List<SchemaSnapshot.Column> cols = t.columns().stream().filter(col -> generated(col) == false)
                .filter(col -> columns == null || columns.stream().anyMatch(x -> x.equalsIgnoreCase(col.name()))).toList();
        Map<String, List<String>> parents = parentKeys(t);
        List<List<String>> plain = new ArrayList<>();
        List<List<String>> varied = new ArrayList<>();
        for (int row = from; row < from + count; row++) {
            varied.add(values(t, cols, parents, row, true));
            plain.add(values(t, cols, parents, row, false));
        }
        // fast path: one multi-row statement; a refusal falls back to row by row (and plain values)
        if (tryExecute(insertSql(t, cols, varied)) == null) {
            return null;
        }
        String last = null;
        int consecutive = 0;
        for (int i = 0; i < count && consecutive < 10; i++) {
            String error = tryExecute(insertSql(t, cols, List.of(varied.get(i))));
            if (error != null) {
                error = tryExecute(insertSql(t, cols, List.of(plain.get(i))));
            }
            if (error != null) {
                last = error;
                consecutive++;
            } else {
                consecutive = 0;
            }
        }
        return last;
    }

    /** Sets {@code columns} of the row with the smallest key to the values of row {@code row}; false when it has no primary key. */
    public String update(SchemaSnapshot.Table t, Set<String> columns, int row) throws SQLException {
        if (t.primaryKey() == null || t.primaryKey().columns().isEmpty()) {
            return "no primary key";
        }
        List<SchemaSnapshot.Column> cols = t.columns().stream().filter(col -> !generated(col))
                .filter(col -> columns.stream().anyMatch(x -> x.equalsIgnoreCase(col.name())))
                .filter(col -> t.primaryKey().columns().stream().noneMatch(k -> k.equalsIgnoreCase(col.name())))
                .filter(col -> t.foreignKeys().stream().noneMatch(fk -> fk.columns().contains(col.name())))
                .filter(col -> !referenced(t, col)).toList();
        if (cols.isEmpty()) {
            return null;
        }
        List<String> values = values(t, cols, Map.of(), row, false);
        List<String> sets = new ArrayList<>();
        for (int i = 0; i < cols.size(); i++) {
            sets.add(quote(cols.get(i).name()) + " = " + values.get(i));
        }
        String key = t.primaryKey().columns().get(0);
        String sql = "UPDATE " + quote(t.name()) + " SET " + String.join(", ", sets) + " WHERE " + quote(key) + " = (SELECT m FROM (SELECT MIN("
                + quote(key) + ") AS m FROM " + quote(t.name()) + ") x)";
        return tryExecute(sql);
    }

    /**
     * The plain SQL literals of row {@code row} for {@code cols} of the table, as {@link #seed} would write them (no NULLs
     * where a column allows them; a foreign-key column gets a value of its type, not a parent's key): what a generated
     * test writes. A literal is {@code NULL} only where the type has no value to give (an enum without labels).
     */
    public List<String> literals(SchemaSnapshot.Table t, List<SchemaSnapshot.Column> cols, int row) throws SQLException {
        return values(t, cols, Map.of(), row, false);
    }

    /** Whether the database fills the column itself (identity, AUTO_INCREMENT, a sequence default). */
    public static boolean generatedColumn(SchemaSnapshot.Column col) {
        return generated(col);
    }

    /** Whether a foreign key of any table references the column: the code of before does not change a key rows hang off. */
    private boolean referenced(SchemaSnapshot.Table t, SchemaSnapshot.Column col) {
        return schema.tables().stream().flatMap(x -> x.foreignKeys().stream())
                .anyMatch(fk -> fk.referencedTable().equalsIgnoreCase(t.name())
                        && fk.referencedColumns().stream().anyMatch(rc -> rc.equalsIgnoreCase(col.name())));
    }

    private String tryExecute(String sql) {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
            return null;
        } catch (SQLException e) {
            return Secrets.redact(String.valueOf(e.getMessage())).lines().findFirst().orElse("");
        }
    }

    /** Rows of the table the condition holds for; -1 when the database cannot evaluate it on this table. */
    private long countWhere(String table, String condition) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + quote(table) + " WHERE " + condition)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            return -1;
        }
    }

    private long count(String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + quote(table))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static boolean generated(SchemaSnapshot.Column col) {
        String d = col.defaultValue() == null ? "" : col.defaultValue().toLowerCase(Locale.ROOT);
        return col.identity() || d.contains("nextval(");
    }

    private String insertSql(SchemaSnapshot.Table t, List<SchemaSnapshot.Column> cols, List<List<String>> rows) {
        if (cols.isEmpty()) {
            String one = dialect.isMysqlFamily() ? "()" : "DEFAULT";
            return dialect.isMysqlFamily() ? "INSERT INTO " + quote(t.name()) + " () VALUES " + String.join(", ", rows.stream().map(r -> one).toList())
                    : "INSERT INTO " + quote(t.name()) + " DEFAULT VALUES";
        }
        StringBuilder sb = new StringBuilder("INSERT INTO ").append(quote(t.name())).append(" (")
                .append(String.join(", ", cols.stream().map(col -> quote(col.name())).toList())).append(") VALUES ");
        for (int i = 0; i < rows.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append('(').append(String.join(", ", rows.get(i))).append(')');
        }
        return sb.toString();
    }

    /** Key values the parent of each foreign-key column has, in key order. */
    private Map<String, List<String>> parentKeys(SchemaSnapshot.Table t) throws SQLException {
        Map<String, List<String>> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (SchemaSnapshot.ForeignKey fk : t.foreignKeys()) {
            for (int i = 0; i < fk.columns().size(); i++) {
                String parentColumn = fk.referencedColumns().get(i);
                List<String> keys = new ArrayList<>();
                String sql = "SELECT " + quote(parentColumn) + " FROM " + quote(fk.referencedTable()) + " WHERE " + quote(parentColumn)
                        + " IS NOT NULL ORDER BY 1 LIMIT 1000";
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                    while (rs.next()) {
                        keys.add(rs.getString(1));
                    }
                }
                out.put(fk.columns().get(i), keys);
            }
        }
        return out;
    }

    private List<String> values(SchemaSnapshot.Table t, List<SchemaSnapshot.Column> cols, Map<String, List<String>> parents, int row,
                                boolean varied) throws SQLException {
        List<String> values = new ArrayList<>();
        boolean multiColumnFk = t.foreignKeys().stream().anyMatch(fk -> fk.columns().size() > 1);
        for (SchemaSnapshot.Column col : cols) {
            List<String> keys = parents.get(col.name());
            if (keys != null) {
                // a multi-column key takes its parents' n-th row in every column (all sorted alike only by chance): NULL is safer
                if (keys.isEmpty() || multiColumnFk && col.nullable()) {
                    values.add("NULL");
                } else {
                    // the k-th foreign-key column shifts by k every round through its parent's keys: two of them (a
                    // composite key of references, as in order_items) stay a new pair past the parents' row count
                    int k = fkOrdinal(t, col.name());
                    values.add(literal(keys.get((int) (((row - 1L) + (row - 1L) / keys.size() * k) % keys.size()))));
                }
                continue;
            }
            if (varied && col.nullable() && row % 7 == 3) {
                values.add("NULL");
                continue;
            }
            values.add(value(t.name(), col, row, varied));
        }
        return values;
    }

    /** The position of the column among the table's single-column foreign keys (0 for the first). */
    private static int fkOrdinal(SchemaSnapshot.Table t, String column) {
        int k = 0;
        for (SchemaSnapshot.ForeignKey fk : t.foreignKeys()) {
            if (fk.columns().stream().anyMatch(c -> c.equalsIgnoreCase(column))) {
                return k;
            }
            k++;
        }
        return 0;
    }

    private String value(String table, SchemaSnapshot.Column col, int row, boolean varied) throws SQLException {
        if (dialect.isMysqlFamily() && CheckedValues.json(schema, table, col.name())) {
            return "'{\"n\": " + row + "}'";
        }
        List<String> listed = CheckedValues.listed(schema, changedCatalog, table, col.name());
        if (listed != null) {
            return listed.get((row - 1) % listed.size());
        }
        String type = type(table, col).toLowerCase(Locale.ROOT);
        if (type.startsWith("array:")) {
            // a PostgreSQL array (udt _text, _int4, _mood): the empty array at the first boundary, else one element of its type
            String element = type.substring("array:".length()).replaceFirst("^_", "");
            if (varied && row == 1) {
                return "'{}'";
            }
            List<String> labels = enumLabels("enum:" + element);
            String one = labels != null ? literal(labels.get((row - 1) % labels.size())) : valueOfType(table, col, element, row, varied);
            return "CAST(ARRAY[" + one + "] AS " + element + "[])";
        }
        return valueOfType(table, col, type, row, varied);
    }

    private String valueOfType(String table, SchemaSnapshot.Column col, String type, int row, boolean varied) throws SQLException {
        String t = type.toLowerCase(Locale.ROOT);
        List<String> labels = enumLabels(t);
        String after = this.after.getOrDefault(table, Map.of()).get(col.name());
        if (labels != null && after != null && (after.startsWith("enum(") || after.startsWith("set("))) {
            List<String> kept = enumLabels(after);
            List<String> both = labels.stream().filter(l -> kept.stream().anyMatch(k -> k.equalsIgnoreCase(l))).toList();
            labels = both.isEmpty() ? labels : both; // a label the change removes is what its precheck counts
        }
        if (labels != null) {
            return labels.isEmpty() ? "NULL" : literal(labels.get((row - 1) % labels.size()));
        }
        int boundary = varied ? row : 0; // rows 1, 2, 3 carry the boundaries when varied
        if (t.contains("bool") || t.startsWith("tinyint(1)") || t.equals("bit") || t.equals("bit(1)")) {
            return dialect.isMysqlFamily() ? String.valueOf(row % 2) : (row % 2 == 0 ? "TRUE" : "FALSE");
        }
        boolean unsigned = t.contains("unsigned");
        String narrower = after;
        if (t.contains("int") || t.contains("serial")) {
            long max = integerMax(t);
            if (narrower != null && (narrower.contains("int") || narrower.contains("serial"))) {
                max = Math.min(max, integerMax(narrower));
            }
            return switch (boundary) {
                case 1 -> "0";
                case 2 -> String.valueOf(max);
                case 3 -> unsigned ? "1" : String.valueOf(-max);
                default -> String.valueOf(Math.min(row, max));
            };
        }
        if (t.contains("numeric") || t.contains("decimal")) {
            Matcher m = Pattern.compile("\\((\\d+)\\s*,\\s*(\\d+)\\)").matcher(t);
            int scale = m.find() ? Integer.parseInt(m.group(2)) : 2;
            int precision = m.reset().find() ? Integer.parseInt(m.group(1)) : 10;
            String value = row + (scale > 0 ? "." + "5".repeat(Math.min(scale, 1)) : "");
            return row > Math.pow(10, precision - scale) - 1 ? "0" : value;
        }
        if (t.contains("real") || t.contains("double") || t.contains("float")) {
            return boundary == 1 ? "0" : row + ".25";
        }
        if (t.contains("timestamp") || t.contains("datetime")) {
            return boundary == 2 ? "'1970-01-02 00:00:00'" : "'" + date(row) + " 12:" + two(row % 60) + ":" + two((row * 7) % 60) + "'";
        }
        if (t.startsWith("date")) {
            return "'" + date(row) + "'";
        }
        if (t.startsWith("time")) {
            return "'" + two(row % 24) + ":" + two(row % 60) + ":00'";
        }
        if (t.contains("uuid")) {
            return "'00000000-0000-4000-8000-" + String.format("%012x", row) + "'";
        }
        if (t.contains("json")) {
            return "'{\"n\": " + row + "}'";
        }
        if (t.contains("bytea")) {
            return "'\\x" + String.format("%08x", row) + "'";
        }
        if (t.contains("blob") || t.contains("binary")) {
            return "X'" + String.format("%08x", row) + "'";
        }
        if (t.startsWith("year")) {
            return String.valueOf(1970 + row % 150);
        }
        if (t.contains("inet")) {
            return "'10.0." + (row / 256) % 256 + "." + row % 256 + "'";
        }
        // text: unique per row (the row number ends it), unicode, and the boundaries: empty, the full length
        int max = textMax(t);
        if (narrower != null && !narrower.contains("int")) {
            max = Math.min(max, textMax(narrower));
        }
        String suffix = "#" + row;
        String text;
        if (boundary == 1) {
            text = "";
        } else if (boundary == 2 && max < 10_000) {
            text = "x".repeat(Math.max(0, max - suffix.length())) + suffix;
        } else if (col.name().toLowerCase(Locale.ROOT).contains("email") && max >= 24) {
            // an address, as the column's name says: a CHECK (email LIKE '%@%') holds for it
            text = "plc.seed+" + row + "@example.com";
        } else {
            text = (row % 3 == 0 ? UNICODE : "plc seed ") + "it's " + suffix;
        }
        if (text.length() > max) {
            text = text.substring(text.length() - max);
        }
        return literal(text);
    }

    private static long integerMax(String t) {
        return t.startsWith("smallint") || t.startsWith("int2") ? Short.MAX_VALUE : t.startsWith("tinyint") ? 127
                : t.startsWith("bigint") || t.startsWith("int8") || t.startsWith("bigserial") ? Long.MAX_VALUE
                : t.startsWith("mediumint") ? 8388607 : Integer.MAX_VALUE;
    }

    private static final Pattern LENGTH = Pattern.compile("\\((\\d+)\\)");

    private static int textMax(String t) {
        Matcher m = LENGTH.matcher(t);
        return m.find() ? Integer.parseInt(m.group(1)) : 10_000;
    }

    private static String date(int row) {
        return (2000 + row % 30) + "-" + two(1 + row % 12) + "-" + two(1 + row % 28);
    }

    private static String two(int n) {
        return n < 10 ? "0" + n : String.valueOf(n);
    }

    /** The column's type as the database names it (information_schema), for enums and lengths. */
    private String type(String table, SchemaSnapshot.Column col) throws SQLException {
        Map<String, String> byColumn = types.get(table);
        if (byColumn == null) {
            byColumn = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            String sql = dialect.isMysqlFamily()
                    ? "SELECT COLUMN_NAME, COLUMN_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?"
                    : "SELECT column_name, CASE WHEN data_type = 'USER-DEFINED' THEN 'enum:' || udt_name WHEN data_type = 'ARRAY' THEN 'array:' || udt_name"
                    + " WHEN character_maximum_length IS NOT NULL"
                    + " THEN data_type || '(' || character_maximum_length || ')' ELSE data_type END FROM information_schema.columns"
                    + " WHERE table_schema = current_schema() AND table_name = ?";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, table);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        byColumn.put(rs.getString(1), rs.getString(2));
                    }
                }
            }
            types.put(table, byColumn);
        }
        return byColumn.getOrDefault(col.name(), col.type());
    }

    /** The labels of an enum type (PostgreSQL {@code enum:<udt>}, MariaDB {@code enum('a','b')}), or null when it is none. */
    private List<String> enumLabels(String type) throws SQLException {
        if (type.startsWith("enum(") || type.startsWith("set(")) {
            return Catalog.labels(type);
        }
        if (type.startsWith("enum:")) {
            List<String> labels = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT e.enumlabel FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid"
                    + " WHERE t.typname = ? ORDER BY e.enumsortorder")) {
                ps.setString(1, type.substring(5));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        labels.add(rs.getString(1));
                    }
                }
            }
            return labels.isEmpty() ? null : labels; // a domain or composite: treated by its text
        }
        return null;
    }

    private String literal(String text) {
        String escaped = text.replace("'", "''");
        return "'" + (dialect.isMysqlFamily() ? escaped.replace("\\", "\\\\") : escaped) + "'";
    }

    private String quote(String name) {
        return dialect.isMysqlFamily() ? "`" + name.replace("`", "``") + "`" : "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
