package dev.plc.plan;

import dev.plc.schema.catalog.Catalog;
import dev.plc.sql.DeleteStatement;
import java.util.List;
import java.util.Optional;

/**
 * A {@code DELETE} of rows of a large table that running code uses: as one statement it holds every row it deletes
 * locked until it commits, in one long transaction (replicas fall behind, vacuum cannot clean up behind it, a failure
 * rolls all of it back). Planned as written in key ranges of {@link BatchedUpdate#BATCH} rows instead, each batch
 * committed, with a pause between batches: the same rows go (the plan's proof checks that on seeded rows). Only for a
 * single-table DELETE whose WHERE reads the row alone, on a table with a one-column key; anything else is planned as
 * written. It destroys data either way, so it needs the user's approval.
 */
final class BatchedDelete {

    private BatchedDelete() {
    }

    /** Plans the statement this way and returns true, or returns false (nothing planned) when it is not of this shape. */
    static boolean plan(PlanContext ctx, PlanBuilder out, StatementEffect se) {
        Ddl ddl = ctx.ddl();
        if (!ddl.postgres() && !ddl.mysql()) {
            return false;
        }
        Optional<DeleteStatement> parsed = DeleteStatement.parse(se.statement());
        if (parsed.isEmpty()) {
            return false;
        }
        String name = parsed.get().table();
        Optional<Catalog.Relation> relation = se.before().relation(name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : name);
        if (relation.isEmpty() || !relation.get().isTable() || ctx.isNew(relation.get().name()) || !ctx.careful(relation.get().name())) {
            return false;
        }
        Catalog.Relation t = relation.get();
        String where = parsed.get().where();
        if (where != null && !DerivedColumns.selfContained(where, ddl)) {
            return false; // the condition reads another row or table: what it selects can change between batches
        }
        List<String> key = ctx.batchKey(t.name());
        String keyType = key.size() == 1 ? t.column(key.get(0)).map(c -> ColumnPlanner.keyType(c.type())).orElse(null) : null;
        if (keyType == null) {
            return false;
        }
        String table = se.before().displayName(t);
        String condition = where == null ? (ddl.postgres() ? "true" : "1 = 1") : where;
        List<String> statements = ddl.backfillStatements(table, ddl.batchedDelete(table, key.get(0), keyType, condition, BatchedUpdate.BATCH));
        out.type("destructive");
        out.destructiveStep("backfill", 1, "the DELETE as written on " + table + ", in key ranges of " + BatchedUpdate.BATCH + " rows", statements,
                !ddl.postgres(), "Running code keeps working: each batch commits on its own, so readers see the rows go batch by batch, and a"
                        + " batch that fails leaves the earlier ones deleted (running the script again deletes what is left). "
                        + ColumnPlanner.backfillCost(ctx, t.name()),
                List.of(), "the statement destroys data: restore it from a backup taken before");
        out.precheck("rows to delete in " + table, ddl.count(table, where), "what you expect to lose",
                "every row it counts is gone after this step");
        return true;
    }
}
