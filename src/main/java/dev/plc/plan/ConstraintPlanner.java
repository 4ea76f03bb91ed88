package dev.plc.plan;

import dev.plc.core.PlcException;
import dev.plc.schema.SchemaSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Foreign keys, checks and dropping constraints. */
final class ConstraintPlanner {

    private ConstraintPlanner() {
    }

    static void addForeignKey(Operation op, PlanContext ctx, PlanBuilder out) {
        Ddl ddl = ctx.ddl();
        if (op.columns() == null || op.columns().isEmpty()) {
            throw PlcException.invalid("add_foreign_key on " + op.table() + " needs 'columns'");
        }
        List<String> refColumns = op.referencesColumns();
        if (!ctx.isNew(op.referencesTable())) {
            SchemaSnapshot.Table ref = ctx.requireTable(op.referencesTable());
            if (refColumns == null || refColumns.isEmpty()) {
                if (ref.primaryKey() == null) {
                    throw PlcException.invalid("table '" + ref.name() + "' has no primary key: give 'references_columns'");
                }
                refColumns = ref.primaryKey().columns();
            }
            for (String c : refColumns) {
                ctx.requireColumn(ref.name(), c);
            }
        } else if (refColumns == null || refColumns.isEmpty()) {
            throw PlcException.invalid("add_foreign_key to the new table '" + op.referencesTable() + "' needs 'references_columns'");
        }
        if (!ctx.isNew(op.table())) {
            for (String c : op.columns()) {
                ctx.requireColumn(op.table(), c);
            }
        }
        if (op.columns().size() != refColumns.size()) {
            throw PlcException.invalid("add_foreign_key: " + op.columns().size() + " columns reference " + refColumns.size() + " columns");
        }
        String name = op.name() != null ? op.name() : IndexPlanner.defaultName(op.table(), op.columns(), "fkey");
        String naive = ddl.addForeignKey(op.table(), name, op.columns(), op.referencesTable(), refColumns, op.onDelete(), false);
        if (ctx.isNew(op.table())) {
            out.step("expand", 1, "foreign key " + name, List.of(naive), true, null, List.of(ddl.dropForeignKey(op.table(), name)), false, null);
            return;
        }
        orphansPrecheck(op, refColumns, ctx, out);
        if (!hasIndexOn(ctx, op.table(), op.columns())) {
            out.warn("no index starts with " + op.table() + " (" + String.join(", ", op.columns()) + "): deletes and updates of "
                    + op.referencesTable() + " will scan " + op.table() + "; plan add_index on those columns too");
        }
        if (ddl.postgres()) {
            out.hazard("constraint-missing-not-valid", "error", naive, "SHARE ROW EXCLUSIVE", "blocked writes",
                    "ADD FOREIGN KEY " + name + " checks every row of " + op.table() + " while blocking writes to " + op.table()
                            + " and " + op.referencesTable() + ".",
                    "ADD CONSTRAINT ... NOT VALID (instant), then VALIDATE CONSTRAINT in a separate migration (does not block writes).");
            out.step("expand", 1, "foreign key " + name + " as NOT VALID (new rows are checked at once)",
                    ColumnPlanner.withTimeout(ctx, op.table(), ddl.addForeignKey(op.table(), name, op.columns(), op.referencesTable(), refColumns, op.onDelete(), true)),
                    true, "Code must not write " + op.table() + " rows whose " + String.join(", ", op.columns()) + " has no match in "
                            + op.referencesTable() + ".", List.of(ddl.dropConstraint(op.table(), name)), false, null);
            out.step("expand", 1, "validate " + name + " (scans existing rows without blocking writes)",
                    List.of(ddl.validate(op.table(), name)), true, null, List.of(), false, null);
            return;
        }
        if (ddl.mysql()) {
            out.hazard("mysql-add-foreign-key", "warning", naive, "metadata lock", "table copy",
                    "With foreign_key_checks on, ADD FOREIGN KEY " + name + " copies " + op.table() + " (ALGORITHM=COPY), blocking writes.",
                    "Check for orphans first, then add it with foreign_key_checks=0 so it is added in place (ALGORITHM=INPLACE); "
                            + "existing rows are then not checked, which is why the orphan precheck must return 0.");
            String fk = ddl.addForeignKey(op.table(), name, op.columns(), op.referencesTable(), refColumns, op.onDelete(), false);
            // InnoDB creates an index named after the foreign key for it; DROP FOREIGN KEY leaves that index behind
            List<String> undo = new ArrayList<>(List.of(ddl.dropForeignKey(op.table(), name)));
            if (ddl.dialect() == dev.plc.db.Dialect.MARIADB) {
                undo.add(ddl.alterTable(op.table()) + " DROP INDEX IF EXISTS " + ddl.id(name) + ";");
            } else if (!hasIndexOn(ctx, op.table(), op.columns())) {
                undo.add(ddl.alterTable(op.table()) + " DROP INDEX " + ddl.id(name) + ";");
            }
            out.step("expand", 1, "foreign key " + name + " in place", List.of(ddl.lockTimeout(), "SET foreign_key_checks = 0;",
                            fk.substring(0, fk.length() - 1) + ", ALGORITHM=INPLACE;", "SET foreign_key_checks = 1;"), true,
                    "Run the orphan precheck right before: existing rows are not re-checked.", undo, false, null);
            return;
        }
        out.step("expand", 1, "foreign key " + name, List.of(naive), true, null, List.of(ddl.dropForeignKey(op.table(), name)), false, null);
    }

    private static void orphansPrecheck(Operation op, List<String> refColumns, PlanContext ctx, PlanBuilder out) {
        Ddl ddl = ctx.ddl();
        List<String> joins = new ArrayList<>();
        for (int i = 0; i < refColumns.size(); i++) {
            joins.add("p." + ddl.id(refColumns.get(i)) + " = c." + ddl.id(op.columns().get(i)));
        }
        String notNull = op.columns().stream().map(c -> "c." + ddl.id(c) + " IS NOT NULL").collect(Collectors.joining(" AND "));
        out.precheck("orphans in " + op.table() + " (" + String.join(", ", op.columns()) + ")",
                "SELECT count(*) FROM " + ddl.id(op.table()) + " c WHERE " + notNull + " AND NOT EXISTS (SELECT 1 FROM "
                        + ddl.id(op.referencesTable()) + " p WHERE " + String.join(" AND ", joins) + ");", "0",
                "rows without a parent make the constraint fail to validate");
    }

    private static boolean hasIndexOn(PlanContext ctx, String table, List<String> columns) {
        return ctx.table(table).map(t -> {
            if (t.primaryKey() != null && startsWith(t.primaryKey().columns(), columns)) {
                return true;
            }
            return t.indexes().stream().anyMatch(i -> startsWith(i.columns(), columns))
                    || t.uniqueKeys().stream().anyMatch(k -> startsWith(k.columns(), columns));
        }).orElse(false);
    }

    private static boolean startsWith(List<String> indexColumns, List<String> columns) {
        if (indexColumns.size() < columns.size()) {
            return false;
        }
        for (int i = 0; i < columns.size(); i++) {
            if (!indexColumns.get(i).equalsIgnoreCase(columns.get(i))) {
                return false;
            }
        }
        return true;
    }

    static void addCheck(Operation op, PlanContext ctx, PlanBuilder out) {
        Ddl ddl = ctx.ddl();
        String name = op.name() != null ? op.name() : (op.table() + "_check_" + Integer.toHexString(op.condition().hashCode())).toLowerCase();
        if (!ctx.isNew(op.table())) {
            ctx.requireTable(op.table());
        }
        String naive = ddl.addCheck(op.table(), name, op.condition(), false);
        if (ctx.isNew(op.table())) {
            out.step("expand", 1, "check " + name, List.of(naive), true, null, List.of(ddl.dropConstraint(op.table(), name)), false, null);
            return;
        }
        out.precheck("rows of " + op.table() + " that violate " + name, ddl.count(op.table(), "NOT (" + op.condition() + ")"), "0",
                "the check cannot be validated while violating rows exist");
        if (ddl.postgres()) {
            out.hazard("constraint-missing-not-valid", "error", naive, "ACCESS EXCLUSIVE", "blocked reads and writes",
                    "ADD CONSTRAINT " + name + " CHECK scans all of " + op.table() + " under an ACCESS EXCLUSIVE lock.",
                    "ADD CONSTRAINT ... CHECK (...) NOT VALID, then VALIDATE CONSTRAINT in a separate migration.");
            out.step("expand", 1, "check " + name + " as NOT VALID (new rows are checked at once)",
                    ColumnPlanner.withTimeout(ctx, op.table(), ddl.addCheck(op.table(), name, op.condition(), true)), true,
                    "Code must only write rows that satisfy " + op.condition() + ".",
                    List.of(ddl.dropConstraint(op.table(), name)), false, null);
            out.step("expand", 1, "validate " + name + " (scans without blocking writes)", List.of(ddl.validate(op.table(), name)), true,
                    null, List.of(), false, null);
            return;
        }
        if (ddl.mysql()) {
            out.hazard("mysql-require-online-ddl", "warning", naive, "metadata lock", "table copy",
                    "ADD CONSTRAINT " + name + " CHECK copies " + op.table() + " (no in-place algorithm), blocking writes.",
                    "For a large table use an online schema change tool (gh-ost, pt-online-schema-change), or accept the copy in a maintenance window.");
        }
        out.step("expand", 1, "check " + name, ColumnPlanner.withTimeout(ctx, op.table(), naive), true,
                "Code must only write rows that satisfy " + op.condition() + ".", List.of(ddl.dropConstraint(op.table(), name)), false, null);
    }

    static void dropForeignKey(Operation op, PlanContext ctx, PlanBuilder out) {
        SchemaSnapshot.Table t = ctx.requireTable(op.table());
        if (t.foreignKeys().stream().noneMatch(fk -> fk.name().equalsIgnoreCase(op.name()))) {
            throw PlcException.invalid("table '" + t.name() + "' has no foreign key '" + op.name() + "'; its foreign keys: "
                    + t.foreignKeys().stream().map(SchemaSnapshot.ForeignKey::name).collect(Collectors.joining(", ")));
        }
        SchemaSnapshot.ForeignKey fk = t.foreignKeys().stream().filter(f -> f.name().equalsIgnoreCase(op.name())).findFirst().orElseThrow();
        Ddl ddl = ctx.ddl();
        out.step("contract", 1, "drop foreign key " + fk.name(), ColumnPlanner.withTimeout(ctx, t.name(), ddl.dropForeignKey(t.name(), fk.name())),
                true, "The database no longer stops orphan rows: code that relied on it must check.",
                List.of(ddl.addForeignKey(t.name(), fk.name(), fk.columns(), fk.referencedTable(), fk.referencedColumns(), null, ddl.postgres())),
                false, "re-adding it fails if orphans were written meanwhile");
    }

    static void dropConstraint(Operation op, PlanContext ctx, PlanBuilder out) {
        SchemaSnapshot.Table t = ctx.requireTable(op.table());
        Ddl ddl = ctx.ddl();
        if (t.primaryKey() != null && t.primaryKey().name().equalsIgnoreCase(op.name())) {
            throw PlcException.invalid("'" + op.name() + "' is the primary key of " + t.name() + ": plan_change does not drop primary keys");
        }
        if (t.foreignKeys().stream().anyMatch(fk -> fk.name().equalsIgnoreCase(op.name()))) {
            dropForeignKey(op, ctx, out);
            return;
        }
        List<String> undo;
        var unique = t.uniqueKeys().stream().filter(k -> k.name().equalsIgnoreCase(op.name())).findFirst();
        var check = t.checks().stream().filter(c -> c.name().equalsIgnoreCase(op.name())).findFirst();
        if (unique.isPresent()) {
            undo = List.of(ddl.alterTable(t.name()) + " ADD CONSTRAINT " + ddl.id(op.name()) + " UNIQUE (" + ddl.ids(unique.get().columns()) + ");");
        } else if (check.isPresent()) {
            undo = List.of(ddl.addCheck(t.name(), op.name(), check.get().condition(), ddl.postgres()));
        } else {
            throw PlcException.invalid("table '" + t.name() + "' has no constraint '" + op.name() + "'; its constraints: "
                    + String.join(", ", constraintNames(t)));
        }
        String sql = ddl.mysql() && unique.isPresent() ? ddl.dropIndex(t.name(), op.name(), false) : ddl.dropConstraint(t.name(), op.name());
        out.step("contract", 1, "drop constraint " + op.name(), ColumnPlanner.withTimeout(ctx, t.name(), sql), true,
                "The database no longer enforces it: code that relied on it must check.", undo, false,
                "re-adding it fails if violating rows were written meanwhile");
    }

    private static List<String> constraintNames(SchemaSnapshot.Table t) {
        List<String> names = new ArrayList<>();
        t.uniqueKeys().forEach(k -> names.add(k.name()));
        t.checks().forEach(c -> names.add(c.name()));
        t.foreignKeys().forEach(f -> names.add(f.name()));
        return names;
    }
}
