package dev.plc.plan;

import dev.plc.schema.catalog.Catalog;
import dev.plc.sql.Identifiers;
import dev.plc.sql.UpdateStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An {@code UPDATE} that fills columns the same change added from the table's other columns (a split, a merge, a
 * copy, a derived value): carried as written, for every writer. A trigger computes the new columns from the same
 * expressions on every insert and update the old code makes while the release rolls out; the UPDATE itself runs as a
 * batched backfill; once every instance writes the new columns (the next release), the trigger goes. Without the
 * trigger the rows the old code writes after the backfill would never get their values, and a later drop of the
 * source column would lose them.
 */
final class DerivedColumns {

    private DerivedColumns() {
    }

    /** Plans the statement this way and returns true, or returns false (nothing planned) when it is not of this shape. */
    static boolean plan(PlanContext ctx, PlanBuilder out, StatementEffect se) {
        Ddl ddl = ctx.ddl();
        Optional<Update> found = ctx.zeroDowntime() ? Update.of(ctx, se) : Optional.empty();
        if (found.isEmpty() || ctx.current().table(found.get().table().name()).isEmpty()) {
            return false;
        }
        UpdateStatement update = found.get().statement();
        Catalog.Relation t = found.get().table();
        String table = se.before().displayName(t);
        List<String> columns = t.columns().stream().map(Catalog.Column::name).toList();
        List<String> targets = new ArrayList<>();
        for (String assigned : update.assignments().keySet()) {
            Optional<Catalog.Column> c = t.column(assigned);
            boolean added = c.isPresent() && ctx.current().table(t.name()).flatMap(x -> x.column(assigned)).isEmpty();
            if (!added) {
                return false; // an update of data that was there before: a data change, planned as written
            }
            targets.add(c.get().name());
        }
        for (String expression : update.assignments().values()) {
            if (!selfContained(expression, ddl) || targets.stream().anyMatch(x -> Identifiers.mentions(expression, ddl.dialect(), x))) {
                return false; // reads another table, or a column the same UPDATE assigns (the trigger would see the new value)
            }
        }
        if (update.where() != null && !selfContained(update.where(), ddl)) {
            return false;
        }
        List<String> sources = update.reads(columns, ddl.dialect()).stream().filter(c -> !targets.contains(c)).toList();
        String sync = ddl.objectName("plc_derive_" + t.name() + "_" + String.join("_", targets), "");

        out.step("expand", 1, "compute " + String.join(", ", targets) + " from " + (sources.isEmpty() ? "the same expressions" : String.join(", ", sources))
                        + " on every write (trigger)", trigger(ctx, table, sync, update, targets, sources, columns), true,
                "Instances still on the old code write only " + (sources.isEmpty() ? "the old columns" : String.join(", ", sources))
                        + ": the trigger fills " + String.join(", ", targets) + " for them, as the UPDATE does.",
                ddl.dropRowTriggers(table, sync), false, null);
        String set = String.join(", ", update.assignments().entrySet().stream().map(e -> ddl.id(columnName(t, e.getKey())) + " = " + e.getValue()).toList());
        List<String> key = ctx.batchKey(t.name());
        String keyType = key.size() == 1 ? t.column(key.get(0)).map(c -> ColumnPlanner.keyType(c.type())).orElse(null) : null;
        String where = update.where() == null ? (ddl.postgres() ? "true" : "1 = 1") : update.where();
        List<String> backfill = keyType != null ? ddl.backfillStatements(table, ddl.backfill(table, key, keyType, set, where, 1000))
                : List.of(se.statement().text().strip().replaceAll(";\\s*$", "") + ";");
        out.step("backfill", 1, "backfill " + table + "." + String.join(", ", targets) + " (the UPDATE as written" + (keyType != null
                        ? ", in key ranges of 1000 rows)" : ")"), backfill, !ddl.postgres() || keyType == null,
                "Runs after the trigger exists, so no row written meanwhile is missed; re-running it is harmless.",
                List.of(), false, "nothing to undo: the new columns keep the values");
        out.precheck("rows of " + table + " the backfill computes", ddl.count(table, update.where()), "any (informational)",
                "tells how long the backfill takes");
        out.codeStep("expand", 1, "code writes " + String.join(", ", targets),
                "Every insert and update of " + table + " sets " + String.join(", ", targets) + " itself (the trigger only covers instances "
                        + "still on the old code, and goes in the next release).");
        out.step("contract", 2, "drop the trigger that computes " + String.join(", ", targets), ColumnPlanner.withTimeout(ctx, table,
                        ddl.dropRowTriggers(table, sync).toArray(String[]::new)), true,
                "Only after release 1's code runs everywhere: every writer sets " + String.join(", ", targets) + " itself.",
                trigger(ctx, table, sync, update, targets, sources, columns), false, null);
        return true;
    }

    /** A single-table UPDATE (PostgreSQL, MariaDB/MySQL) of a table that existed before the change, as parsed and as the catalog has it. */
    record Update(UpdateStatement statement, Catalog.Relation table) {

        static Optional<Update> of(PlanContext ctx, StatementEffect se) {
            if (!(ctx.ddl().postgres() || ctx.ddl().mysql())) {
                return Optional.empty();
            }
            Optional<UpdateStatement> parsed = UpdateStatement.parse(se.statement());
            Optional<Catalog.Relation> relation = parsed.flatMap(u -> se.before().relation(u.table()));
            if (relation.isEmpty() || !relation.get().isTable() || ctx.isNew(relation.get().name())) {
                return Optional.empty();
            }
            return Optional.of(new Update(parsed.get(), relation.get()));
        }
    }

    private static String columnName(Catalog.Relation t, String written) {
        return t.column(written).map(Catalog.Column::name).orElse(written);
    }

    /** No subquery and no qualified name: the expression reads the row only, so a row trigger can compute it. */
    static boolean selfContained(String expression, Ddl ddl) {
        boolean[] ok = {true};
        Identifiers.replace(expression, ddl.dialect(), n -> {
            if (n.qualified() || !n.quoted() && n.name().equalsIgnoreCase("SELECT")) {
                ok[0] = false;
            }
            return null;
        });
        return ok[0];
    }

    private static String onNew(String expression, Ddl ddl, List<String> columns) {
        return Identifiers.replace(expression, ddl.dialect(), n -> !n.qualified() && !n.call()
                && columns.stream().anyMatch(c -> n.is(c, ddl.dialect())) ? "NEW." + ddl.id(columns.stream().filter(c -> n.is(c, ddl.dialect()))
                .findFirst().orElseThrow()) : null);
    }

    private static List<String> trigger(PlanContext ctx, String table, String sync, UpdateStatement update, List<String> targets,
                                        List<String> sources, List<String> columns) {
        Ddl ddl = ctx.ddl();
        String where = update.where() == null ? null : onNew(update.where(), ddl, columns);
        List<String[]> assigned = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, String> e : update.assignments().entrySet()) {
            assigned.add(new String[] {ddl.id(targets.get(i++)), onNew(e.getValue(), ddl, columns)});
        }
        if (ddl.postgres()) {
            StringBuilder body = new StringBuilder("    IF TG_OP = 'INSERT' THEN\n");
            for (String[] a : assigned) {
                body.append("        IF NEW.").append(a[0]).append(" IS NULL").append(where == null ? "" : " AND (" + where + ")")
                        .append(" THEN NEW.").append(a[0]).append(" := ").append(a[1]).append("; END IF;\n");
            }
            if (!sources.isEmpty()) {
                body.append("    ELSIF ").append(String.join(" OR ", sources.stream().map(s -> "NEW." + ddl.id(s) + " IS DISTINCT FROM OLD." + ddl.id(s))
                        .toList())).append(" THEN\n");
                for (String[] a : assigned) {
                    body.append("        IF NEW.").append(a[0]).append(" IS NOT DISTINCT FROM OLD.").append(a[0])
                            .append(where == null ? "" : " AND (" + where + ")").append(" THEN NEW.").append(a[0]).append(" := ").append(a[1])
                            .append("; END IF;\n");
                }
            }
            body.append("    END IF;\n");
            return ddl.rowTriggers(table, sync, body.toString(), ctx.targetBefore(11, 0, 0), null, null);
        }
        List<String> insert = new ArrayList<>();
        List<String> update2 = new ArrayList<>();
        String changed = sources.isEmpty() ? "FALSE" : "(" + String.join(" OR ", sources.stream()
                .map(s -> "NOT (NEW." + ddl.id(s) + " <=> OLD." + ddl.id(s) + ")").toList()) + ")";
        for (String[] a : assigned) {
            insert.add("NEW." + a[0] + " = IF(NEW." + a[0] + " IS NULL" + (where == null ? "" : " AND (" + where + ")") + ", " + a[1] + ", NEW." + a[0] + ")");
            update2.add("NEW." + a[0] + " = IF(" + changed + " AND NEW." + a[0] + " <=> OLD." + a[0] + (where == null ? "" : " AND (" + where + ")")
                    + ", " + a[1] + ", NEW." + a[0] + ")");
        }
        return ddl.rowTriggers(table, sync, null, false, "SET " + String.join(", ", insert), "SET " + String.join(", ", update2));
    }
}
