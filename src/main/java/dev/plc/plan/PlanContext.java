package dev.plc.plan;

import dev.plc.db.Dialect;
import dev.plc.db.ServerVersion;
import dev.plc.schema.SchemaSnapshot;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What the planners know about the repo while they plan one change. */
final class PlanContext {

    /** Rows above which a table is treated as large (locks and rewrites matter). */
    static final long LARGE_TABLE_ROWS = 10_000;

    private final Ddl ddl;
    private final SchemaSnapshot current;
    private final Map<String, Long> tableSizes;
    private final boolean zeroDowntime;
    private final Set<String> createdInChange = new HashSet<>();
    private final Set<String> assumedLarge = new java.util.TreeSet<>();
    private final Map<String, SchemaSnapshot.Column> addedColumns = new java.util.HashMap<>();

    private ServerVersion target;
    private dev.plc.schema.catalog.Catalog catalog;
    private dev.plc.schema.catalog.Catalog catalogAfter;

    PlanContext(Dialect dialect, SchemaSnapshot current, Map<String, Long> tableSizes, boolean zeroDowntime) {
        this.ddl = new Ddl(dialect);
        this.current = current;
        this.tableSizes = tableSizes == null ? Map.of() : tableSizes;
        this.zeroDowntime = zeroDowntime;
    }

    Ddl ddl() {
        return ddl;
    }

    /** The server version the plan is for; null when unknown (then a current server is assumed). */
    ServerVersion target() {
        return target;
    }

    PlanContext target(ServerVersion version) {
        this.target = version;
        return this;
    }

    /** Whether the target is known to be older than the version given (unknown: a current server, so false). */
    boolean targetBefore(int major, int minor, int patch) {
        return target != null && target.before(major, minor, patch);
    }

    /**
     * The database's catalog as it stands before the statement or operation being planned (null where no catalog reader
     * exists: H2, SQLite): what a staged column change copies the column's indexes, constraints and attributes from.
     */
    dev.plc.schema.catalog.Catalog catalog() {
        return catalog;
    }

    PlanContext catalog(dev.plc.schema.catalog.Catalog before) {
        this.catalog = before;
        return this;
    }

    /**
     * The catalog after the statement (or operations) as written ran on a copy: what a staged change must end in, so the
     * new column of a staged rename or type change is defined as the database defined it there. Null when unknown.
     */
    dev.plc.schema.catalog.Catalog catalogAfter() {
        return catalogAfter;
    }

    PlanContext catalogAfter(dev.plc.schema.catalog.Catalog after) {
        this.catalogAfter = after;
        return this;
    }

    /** MySQL 8.0.12+ and MariaDB 10.3+ add a column with ALGORITHM=INSTANT; older servers only INPLACE. */
    boolean instantAddColumn() {
        return ddl.dialect() == Dialect.MARIADB ? !targetBefore(10, 3, 0) : !targetBefore(8, 0, 12);
    }

    Dialect dialect() {
        return ddl.dialect();
    }

    SchemaSnapshot current() {
        return current;
    }

    boolean zeroDowntime() {
        return zeroDowntime;
    }

    void markCreated(String table) {
        createdInChange.add(table.toLowerCase(Locale.ROOT));
    }

    /** A table created earlier in the same change has no rows and no readers: no lock or compatibility hazards. */
    boolean isNew(String table) {
        return createdInChange.contains(table.toLowerCase(Locale.ROOT));
    }

    /** Whether locks and rewrites on this table matter: unknown sizes count as large (and the plan says so). */
    boolean isLarge(String table) {
        if (isNew(table)) {
            return false;
        }
        Long rows = sizeOf(table);
        if (rows == null) {
            assumedLarge.add(table);
            return true;
        }
        return rows >= LARGE_TABLE_ROWS;
    }

    /** Whether the change must be split into safe steps: a large table that running code uses, with zero downtime required. */
    boolean careful(String table) {
        return zeroDowntime && isLarge(table);
    }

    /** The table's row count when the caller gave it (table_sizes, or read from database_url), else empty. */
    Optional<Long> rows(String table) {
        return Optional.ofNullable(sizeOf(table));
    }

    private Long sizeOf(String table) {
        for (Map.Entry<String, Long> e : tableSizes.entrySet()) {
            if (e.getKey().equalsIgnoreCase(table)) {
                return e.getValue();
            }
        }
        return null;
    }

    Set<String> assumedLarge() {
        return assumedLarge;
    }

    Optional<SchemaSnapshot.Table> table(String name) {
        return current.table(name);
    }

    /** The table, or an INVALID_ARGUMENT that names what exists. */
    SchemaSnapshot.Table requireTable(String name) {
        return table(name).orElseThrow(() -> dev.plc.core.PlcException.invalid("table '" + name + "' does not exist; tables: "
                + String.join(", ", current.tables().stream().map(SchemaSnapshot.Table::name).toList())));
    }

    /** A column added earlier in the same change: later operations of the change may use it. */
    void markColumnAdded(String table, SchemaSnapshot.Column column) {
        addedColumns.put(key(table, column.name()), column);
    }

    private static String key(String table, String column) {
        return table.toLowerCase(Locale.ROOT) + "." + column.toLowerCase(Locale.ROOT);
    }

    /** Whether the column was added (or renamed into being) earlier in the same change. */
    boolean addedInChange(String table, String column) {
        return addedColumns.containsKey(key(table, column));
    }

    SchemaSnapshot.Column requireColumn(String table, String column) {
        SchemaSnapshot.Column added = addedColumns.get(key(table, column));
        if (added != null) {
            return added;
        }
        SchemaSnapshot.Table t = requireTable(table);
        return t.column(column).orElseThrow(() -> dev.plc.core.PlcException.invalid("table '" + t.name() + "' has no column '" + column
                + "'; its columns: " + String.join(", ", t.columns().stream().map(SchemaSnapshot.Column::name).toList())));
    }

    /** The key a batched backfill walks: the primary key, else nothing (the dialect's row id is used). */
    List<String> batchKey(String table) {
        return table(table).map(t -> t.primaryKey() == null ? List.<String>of() : t.primaryKey().columns()).orElse(List.of());
    }
}
