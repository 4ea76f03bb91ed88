package dev.plc.plan;

import dev.plc.schema.catalog.Catalog;
import dev.plc.sql.UpdateStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An {@code UPDATE} of rows that were there before, on a large table that running code uses: as one statement it
 * holds every row it changes locked until it commits, in one long transaction (replicas fall behind, vacuum waits);
 * run as written in key ranges of 1000 rows instead, each batch committed, with a pause between batches. The batches
 * change each row once with the same row-local expressions, so the result is the statement's (the plan's proof checks
 * that on seeded rows). Only for a single-table UPDATE whose expressions and WHERE read the row alone, that leaves the
 * key alone, on a table with a one-column key; anything else is planned as written.
 */
final class BatchedUpdate {

    static final int BATCH = 1000;

    private BatchedUpdate() {
    }

    /** Plans the statement this way and returns true, or returns false (nothing planned) when it is not of this shape. */
    static boolean plan(PlanContext ctx, PlanBuilder out, StatementEffect se) {
        Ddl ddl = ctx.ddl();
        Optional<DerivedColumns.Update> found = DerivedColumns.Update.of(ctx, se);
        if (found.isEmpty() || !ctx.careful(found.get().table().name())) {
            return false;
        }
        UpdateStatement update = found.get().statement();
        Catalog.Relation t = found.get().table();
        List<String> key = ctx.batchKey(t.name());
        String keyType = key.size() == 1 ? t.column(key.get(0)).map(c -> ColumnPlanner.keyType(c.type())).orElse(null) : null;
        if (keyType == null) {
            return false;
        }
        List<String> set = new ArrayList<>();
        for (var assignment : update.assignments().entrySet()) {
            Optional<Catalog.Column> column = t.column(assignment.getKey());
            if (column.isEmpty() || column.get().name().equalsIgnoreCase(key.get(0)) || !DerivedColumns.selfContained(assignment.getValue(), ddl)) {
                return false; // the key itself moves (the walk would see rows twice), or the value reads another row or table
            }
            set.add(ddl.id(column.get().name()) + " = " + assignment.getValue());
        }
        if (update.where() != null && !DerivedColumns.selfContained(update.where(), ddl)) {
            return false;
        }
        String table = se.before().displayName(t);
        String where = update.where() == null ? (ddl.postgres() ? "true" : "1 = 1") : update.where();
        List<String> statements = ddl.backfillStatements(table, ddl.backfill(table, key, keyType, String.join(", ", set), where, BATCH));
        out.step("backfill", 1, "the UPDATE as written on " + table + ", in key ranges of " + BATCH + " rows", statements, !ddl.postgres(),
                "Data only: each batch commits on its own, so readers see the new values batch by batch, and a batch that fails leaves the"
                        + " earlier ones done (re-running the script does each row again with the same expressions). "
                        + ColumnPlanner.backfillCost(ctx, t.name()),
                List.of(), false, "no automatic undo for a statement planned as written: write its inverse if it must be rolled back");
        out.precheck("rows to backfill in " + table, ddl.count(table, update.where()), "any (informational)",
                "tells how long the batches take");
        return true;
    }
}
