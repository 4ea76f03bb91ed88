package dev.plc.plan;

import dev.plc.core.PlcException;
import dev.plc.schema.SchemaSnapshot;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Indexes and unique constraints. */
final class IndexPlanner {

    private IndexPlanner() {
    }

    static String defaultName(String table, List<String> columns, String suffix) {
        String name = (table + "_" + String.join("_", columns) + "_" + suffix).toLowerCase(Locale.ROOT);
        return name.length() > 63 ? name.substring(0, 63) : name;
    }

    static void addIndex(Operation op, PlanContext ctx, PlanBuilder out) {
        requireColumns(op, ctx);
        Ddl ddl = ctx.ddl();
        String name = op.name() != null ? op.name() : defaultName(op.table(), op.columns(), op.isUnique() ? "key" : "idx");
        if (op.where() != null && ddl.mysql()) {
            throw PlcException.invalid("MySQL/MariaDB have no partial indexes: drop 'where' from add_index " + name);
        }
        if (findIndex(ctx, name).isPresent()) {
            throw PlcException.invalid("an index named '" + name + "' already exists");
        }
        if (op.isUnique()) {
            duplicatesPrecheck(op.table(), op.columns(), ctx, out);
        }
        boolean concurrently = ddl.postgres() && !ctx.isNew(op.table());
        String naive = ddl.createIndex(op.table(), name, op.columns(), op.isUnique(), op.where(), false);
        if (concurrently) {
            out.hazard("require-concurrent-index-creation", "error", naive, "SHARE", "blocked writes",
                    "CREATE INDEX " + name + " without CONCURRENTLY blocks every INSERT, UPDATE and DELETE on " + op.table()
                            + " until the index is built.",
                    "CREATE INDEX CONCURRENTLY in a migration of its own that does not run in a transaction.");
        } else if (ddl.mysql() && !ctx.isNew(op.table())) {
            out.hazard("mysql-require-online-ddl", "warning", naive.replaceAll(", ALGORITHM=INPLACE, LOCK=NONE", ""), null, "blocked writes",
                    "Without ALGORITHM=INPLACE, LOCK=NONE the server may pick a locking algorithm for the index on " + op.table() + ".",
                    "ALTER TABLE ... ADD INDEX ..., ALGORITHM=INPLACE, LOCK=NONE (fails fast instead of locking).");
        }
        String sql = ddl.createIndex(op.table(), name, op.columns(), op.isUnique(), op.where(), concurrently);
        out.step("expand", 1, "create " + (op.isUnique() ? "unique " : "") + "index " + name,
                concurrently ? List.of(sql) : ColumnPlanner.withTimeout(ctx, op.table(), sql), !concurrently,
                concurrently ? "If the build fails it leaves an INVALID index: drop it (DROP INDEX CONCURRENTLY IF EXISTS " + name + ") and re-run."
                        : null,
                List.of(ddl.dropIndex(op.table(), name, concurrently)), false, null);
    }

    static void dropIndex(Operation op, PlanContext ctx, PlanBuilder out) {
        Ddl ddl = ctx.ddl();
        Optional<Located> found = findIndex(ctx, op.name());
        if (found.isEmpty()) {
            throw PlcException.invalid("no index named '" + op.name() + "'");
        }
        Located at = found.get();
        if (at.table().uniqueKeys().stream().anyMatch(k -> k.name().equalsIgnoreCase(op.name()))) {
            throw PlcException.invalid("index '" + op.name() + "' backs a unique constraint: use drop_constraint");
        }
        boolean concurrently = ddl.postgres();
        String naive = ddl.dropIndex(at.table().name(), at.index().name(), false);
        if (concurrently) {
            out.hazard("require-concurrent-index-deletion", "warning", naive, "ACCESS EXCLUSIVE", "blocked reads and writes",
                    "DROP INDEX " + op.name() + " without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on " + at.table().name() + ".",
                    "DROP INDEX CONCURRENTLY in a non-transactional migration.");
        }
        String drop = ddl.dropIndex(at.table().name(), at.index().name(), concurrently);
        out.step("contract", 1, "drop index " + at.index().name(), concurrently ? List.of(drop) : ColumnPlanner.withTimeout(ctx, at.table().name(), drop),
                !concurrently, "Check that no query needs the index first (pg_stat_user_indexes.idx_scan / EXPLAIN).",
                List.of(ddl.createIndex(at.table().name(), at.index().name(), at.index().columns(), at.index().unique(), null, concurrently)),
                false, "re-creating the index is slow on a large table");
    }

    static void addUnique(Operation op, PlanContext ctx, PlanBuilder out) {
        requireColumns(op, ctx);
        Ddl ddl = ctx.ddl();
        String name = op.name() != null ? op.name() : defaultName(op.table(), op.columns(), "key");
        duplicatesPrecheck(op.table(), op.columns(), ctx, out);
        if (ctx.isNew(op.table()) || !ddl.postgres()) {
            String sql = ddl.mysql() ? ddl.createIndex(op.table(), name, op.columns(), true, null, false)
                    : ddl.alterTable(op.table()) + " ADD CONSTRAINT " + ddl.id(name) + " UNIQUE (" + ddl.ids(op.columns()) + ");";
            out.step("expand", 1, "unique " + op.table() + " (" + String.join(", ", op.columns()) + ")",
                    ColumnPlanner.withTimeout(ctx, op.table(), sql), true, null,
                    List.of(ddl.mysql() ? ddl.dropIndex(op.table(), name, false) : ddl.dropConstraint(op.table(), name)), false, null);
            return;
        }
        String naive = ddl.alterTable(op.table()) + " ADD CONSTRAINT " + ddl.id(name) + " UNIQUE (" + ddl.ids(op.columns()) + ");";
        out.hazard("disallowed-unique-constraint", "error", naive, "ACCESS EXCLUSIVE", "blocked reads and writes",
                "ADD CONSTRAINT " + name + " UNIQUE builds its index while holding an ACCESS EXCLUSIVE lock on " + op.table() + ".",
                "CREATE UNIQUE INDEX CONCURRENTLY, then ADD CONSTRAINT ... UNIQUE USING INDEX (instant).");
        out.step("expand", 1, "build the unique index " + name + " concurrently",
                List.of(ddl.createIndex(op.table(), name, op.columns(), true, null, true)), false,
                "If the build fails (duplicates) it leaves an INVALID index: drop it, fix the data, re-run.",
                List.of(ddl.dropIndex(op.table(), name, true)), false, null);
        out.step("expand", 1, "attach it as the constraint " + name,
                ColumnPlanner.withTimeout(ctx, op.table(), ddl.alterTable(op.table()) + " ADD CONSTRAINT " + ddl.id(name) + " UNIQUE USING INDEX " + ddl.id(name) + ";"),
                true, "Writes that would duplicate (" + String.join(", ", op.columns()) + ") now fail: code must handle the unique violation.",
                List.of(ddl.dropConstraint(op.table(), name)), false, null);
    }

    private static void duplicatesPrecheck(String table, List<String> columns, PlanContext ctx, PlanBuilder out) {
        if (ctx.isNew(table)) {
            return;
        }
        Ddl ddl = ctx.ddl();
        String cols = ddl.ids(columns);
        out.precheck("duplicates in " + table + " (" + String.join(", ", columns) + ")",
                "SELECT count(*) FROM (SELECT " + cols + " FROM " + ddl.id(table) + " GROUP BY " + cols + " HAVING count(*) > 1) d;", "0",
                "the unique index cannot be built while duplicates exist");
    }

    private static void requireColumns(Operation op, PlanContext ctx) {
        if (op.columns() == null || op.columns().isEmpty()) {
            throw PlcException.invalid(op.op() + " on " + op.table() + " needs 'columns'");
        }
        if (!ctx.isNew(op.table())) {
            for (String c : op.columns()) {
                ctx.requireColumn(op.table(), c);
            }
        }
    }

    record Located(SchemaSnapshot.Table table, SchemaSnapshot.Index index) {
    }

    static Optional<Located> findIndex(PlanContext ctx, String name) {
        for (SchemaSnapshot.Table t : ctx.current().tables()) {
            for (SchemaSnapshot.Index i : t.indexes()) {
                if (i.name().equalsIgnoreCase(name)) {
                    return Optional.of(new Located(t, i));
                }
            }
        }
        return Optional.empty();
    }
}
