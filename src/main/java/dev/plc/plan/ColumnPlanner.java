package dev.plc.plan;

import dev.plc.core.PlcException;
import dev.plc.schema.SchemaSnapshot;
import dev.plc.schema.catalog.Catalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Column operations: add, drop, rename, change type, nullability and defaults. */
final class ColumnPlanner {

    private static final int BATCH = 1000;
    // volatile: evaluated per row, so PostgreSQL must rewrite the table to store them (now() is stable: not here)
    private static final Pattern VOLATILE = Pattern.compile(
            "(?i)\\b(random|gen_random_uuid|uuid_generate_v[14]|clock_timestamp|timeofday|nextval|uuid|rand|sys_guid|newid)\\s*\\(");

    private ColumnPlanner() {
    }

    static void addColumn(Operation op, PlanContext ctx, PlanBuilder out) {
        Ddl ddl = ctx.ddl();
        String table = op.table();
        String column = op.column();
        boolean nullable = op.isNullable();
        String def = op.defaultValue();
        if (!ctx.isNew(table)) {
            SchemaSnapshot.Table t = ctx.requireTable(table);
            if (t.column(column).isPresent()) {
                throw PlcException.invalid("table '" + table + "' already has a column '" + column + "'");
            }
        }
        ctx.markColumnAdded(table, new SchemaSnapshot.Column(column, op.type(), nullable, def, false));
        String naive = ddl.addColumn(table, column, op.type(), nullable, def, false);
        boolean volatileDefault = def != null && VOLATILE.matcher(def).find();
        // PG11+: a non-volatile default is stored in the catalog, no rewrite; before 11 every default rewrites the table
        boolean rewritingDefault = volatileDefault || def != null && ddl.postgres() && ctx.targetBefore(11, 0, 0);
        if (!ctx.careful(table) || (!rewritingDefault && (nullable || def != null))) {
            // MySQL 8.0.12+ / MariaDB 10.3+: INSTANT; older servers add the column in place
            String sql = ddl.mysql() && !ctx.isNew(table) ? (ctx.instantAddColumn() ? ddl.addColumn(table, column, op.type(), nullable, def, true)
                    : ddl.addColumn(table, column, op.type(), nullable, def, false).replace(";", ddl.online("INPLACE") + ";")) : naive;
            out.step("expand", 1, "add column " + table + "." + column, withTimeout(ctx, table, sql), true,
                    "Deploy code that reads " + column + " only after this migration ran; old code ignores the new column.",
                    List.of(ddl.dropColumn(table, column)), true, "dropping the column again loses what was written to it");
            return;
        }
        out.type("staged");
        String backfill = rewritingDefault ? def : op.backfill();
        if (!nullable && backfill == null) {
            throw PlcException.invalid("add_column " + table + "." + column + " is NOT NULL without a default on an existing table, so it needs "
                    + "'default_value' (a constant) or 'backfill' (an expression for the existing rows), or make it nullable");
        }
        if (rewritingDefault) {
            out.hazard("adding-field-with-default", "error", naive, lockName(ctx), "table rewrite",
                    "Adding " + table + "." + column + " with the " + (volatileDefault ? "volatile default " : "default ") + def
                            + (volatileDefault ? "" : " on PostgreSQL " + ctx.target() + " (before 11 every default does)")
                            + " rewrites every row of " + table
                            + " while holding " + lockName(ctx) + ": reads and writes wait for the whole rewrite.",
                    "Add the column without a default, set the default for new rows, then backfill existing rows in batches.");
        } else {
            out.hazard("adding-required-field", "error", naive, lockName(ctx), "failed migration or blocked writes",
                    "Adding the NOT NULL column " + table + "." + column + " without a default fails on a table with rows, and "
                            + "inserts from running code that does not know the column fail once it exists.",
                    "Add it nullable, have the code write it, backfill existing rows in batches, then set NOT NULL without a full-table lock.");
        }
        out.step("expand", 1, "add column " + table + "." + column + " (nullable, no default yet)",
                withTimeout(ctx, table, ddl.addColumn(table, column, op.type(), true, null, ddl.mysql())), true,
                "Nothing yet: old code does not know the column.",
                List.of(ddl.dropColumn(table, column)), true, "dropping the column loses what was written to it");
        if (def != null) {
            out.step("expand", 1, "default for new rows", withTimeout(ctx, table, ddl.setDefault(table, column, def)), true,
                    "New rows get " + def + " from the database.", List.of(ddl.dropDefault(table, column)), false, null);
        } else {
            out.codeStep("expand", 1, "code writes " + column,
                    "Every insert and update of " + table + " sets " + column + " (the database has no default for it).");
        }
        // without a database default, old code inserts NULLs until the code that writes the column runs everywhere:
        // only then can a backfill finish the job (release 2)
        backfill(ctx, out, table, column, backfill, null, def != null ? 1 : 2);
        if (!nullable) {
            setNotNullSafely(ctx, out, table, column, op.type(), def, 2);
        }
    }

    /**
     * @param source a column the expression copies from (rename, type change): rows where it is NULL need nothing,
     *               and must not be counted as pending, or the backfill would never finish
     */
    static void backfill(PlanContext ctx, PlanBuilder out, String table, String column, String expression, String source, int release) {
        backfill(ctx, out, table, column, expression, source, release,
                "Runs once the code that writes " + column + " runs everywhere, so no new NULLs appear behind it. ");
    }

    /**
     * What the backfill costs, from the table's size when it is known: the number of batches, and the time the pauses
     * alone add (a lower bound: each batch's UPDATE comes on top, and depends on the server).
     */
    static String backfillCost(PlanContext ctx, String table) {
        double pause = Double.parseDouble(Ddl.PAUSE_SECONDS);
        java.util.Optional<Long> rows = ctx.rows(table);
        if (rows.isEmpty()) {
            return "Cost: the size of " + table + " is not known (run the precheck 'rows to backfill in " + table + "' first): every " + BATCH
                    + " rows is one batch in a transaction of its own, plus a " + Ddl.PAUSE_SECONDS + " s pause.";
        }
        long batches = Math.max(1, (rows.get() + BATCH - 1) / BATCH);
        return "Cost: " + table + " has about " + rows.get() + " rows: " + batches + " batch(es) of up to " + BATCH + ", each in a transaction of"
                + " its own; the pauses alone add about " + duration(batches * pause) + " (" + batches + " x " + Ddl.PAUSE_SECONDS
                + " s), plus the time each batch's UPDATE takes on the server.";
    }

    private static String duration(double seconds) {
        if (seconds < 120) {
            return Math.round(seconds * 10) / 10.0 + " s";
        }
        if (seconds < 2 * 3600) {
            return Math.round(seconds / 60) + " min";
        }
        return Math.round(seconds / 360) / 10.0 + " h";
    }

    /** @param when when the backfill may run and why then, ending with a space */
    static void backfill(PlanContext ctx, PlanBuilder out, String table, String column, String expression, String source, int release,
                         String when) {
        Ddl ddl = ctx.ddl();
        String pending = ddl.isNull(column) + (source == null ? "" : " AND " + ddl.id(source) + " IS NOT NULL");
        List<String> key = ctx.batchKey(table);
        String keyType = key.size() == 1 ? ctx.table(table).flatMap(t -> t.column(key.get(0))).map(c -> keyType(c.type())).orElse(null) : null;
        String script = ddl.backfill(table, key, keyType, ddl.id(column) + " = " + expression, pending, BATCH);
        boolean loop = !script.startsWith("UPDATE");
        out.step("backfill", release, "backfill " + table + "." + column + " in batches of " + BATCH, ddl.backfillStatements(table, script),
                !loop || !ddl.postgres(),
                when + (loop ? "The script walks the table in key ranges, commits each batch and pauses between batches; re-running it is harmless."
                        : "Repeat the statement until it updates 0 rows, pausing between batches; it is idempotent.") + " " + backfillCost(ctx, table),
                List.of(), false, "nothing to undo: the column keeps the backfilled values");
        out.precheck("rows to backfill in " + table, ddl.count(table, pending), "any (informational)",
                "tells how long the backfill takes");
    }

    // key types a backfill loop can hold in a variable
    static String keyType(String type) {
        String t = type.toLowerCase(Locale.ROOT);
        if (t.contains("bigint") || t.equals("int8")) {
            return t.contains("unsigned") ? "BIGINT UNSIGNED" : "bigint";
        }
        if (t.startsWith("int") || t.equals("integer") || t.startsWith("smallint") || t.startsWith("mediumint")) {
            return t.contains("unsigned") ? "BIGINT UNSIGNED" : "bigint";
        }
        return null;
    }

    /** SET NOT NULL without a long full-table lock. PG12+: a validated CHECK lets SET NOT NULL skip its scan. */
    static void setNotNullSafely(PlanContext ctx, PlanBuilder out, String table, String column, String type, String def, int release) {
        Ddl ddl = ctx.ddl();
        String precheck = ddl.count(table, ddl.isNull(column));
        out.precheck("no NULLs left in " + table + "." + column, precheck, "0",
                "SET NOT NULL fails (and VALIDATE fails) while any row is NULL");
        if (ddl.postgres() && ctx.careful(table)) {
            if (ctx.targetBefore(12, 0, 0)) {
                out.warn("PostgreSQL " + ctx.target() + " scans " + table + " under ACCESS EXCLUSIVE on SET NOT NULL even after the check is "
                        + "validated (only 12+ uses the check): keep the validated CHECK (" + column + " IS NOT NULL) instead of SET NOT NULL "
                        + "on a large table, or run SET NOT NULL in a quiet window");
            }
            String check = (table + "_" + column + "_not_null").toLowerCase(Locale.ROOT);
            out.step("contract", release, "NOT NULL as a NOT VALID check (no scan)",
                    withTimeout(ctx, table, ddl.addCheck(table, check, ddl.id(column) + " IS NOT NULL", true)), true,
                    "Code must already write non-NULL values.", List.of(ddl.dropConstraint(table, check)), false, null);
            out.step("contract", release, "validate the check (scans without blocking writes)",
                    List.of(ddl.validate(table, check)), true, null, List.of(), false, null);
            out.step("contract", release, "SET NOT NULL (uses the validated check) and drop the check",
                    withTimeout(ctx, table, setNotNullSql(ctx, table, column, type, def), ddl.dropConstraint(table, check)), true, null,
                    List.of(dropNotNullSql(ctx, table, column, type, def)), false, null);
            return;
        }
        out.step("contract", release, "SET NOT NULL on " + table + "." + column,
                withTimeout(ctx, table, setNotNullSql(ctx, table, column, typeOrCurrent(ctx, table, column, type), def)), true,
                "Code must already write non-NULL values.",
                List.of(dropNotNullSql(ctx, table, column, typeOrCurrent(ctx, table, column, type), def)), false, null);
    }

    static void setNotNull(Operation op, PlanContext ctx, PlanBuilder out) {
        SchemaSnapshot.Column c = ctx.requireColumn(op.table(), op.column());
        if (!c.nullable()) {
            throw PlcException.invalid(op.table() + "." + op.column() + " is already NOT NULL");
        }
        Ddl ddl = ctx.ddl();
        String naive = setNotNullSql(ctx, op.table(), op.column(), c.type(), c.defaultValue());
        if (ctx.careful(op.table())) {
            out.type("staged");
            out.hazard("adding-not-nullable-field", "error", naive, lockName(ctx), "full-table scan under an exclusive lock",
                    "SET NOT NULL on " + op.table() + "." + op.column() + " scans the whole table while holding " + lockName(ctx)
                            + "; on a large table every query waits.",
                    ddl.postgres() ? "ADD CONSTRAINT ... CHECK (" + op.column() + " IS NOT NULL) NOT VALID, VALIDATE it, then SET NOT NULL (PG12+ skips the scan)."
                            : "MODIFY the column NOT NULL with ALGORITHM=INPLACE, LOCK=NONE after making sure no NULLs remain.");
            out.codeStep("expand", 1, "code never writes NULL", "Every insert and update of " + op.table() + " sets " + op.column() + ".");
            if (op.backfill() != null) {
                backfill(ctx, out, op.table(), op.column(), op.backfill(), null, 2);
            }
            setNotNullSafely(ctx, out, op.table(), op.column(), c.type(), c.defaultValue(), 2);
            return;
        }
        if (op.backfill() != null) {
            backfill(ctx, out, op.table(), op.column(), op.backfill(), null, 1);
        }
        setNotNullSafely(ctx, out, op.table(), op.column(), c.type(), c.defaultValue(), 1);
    }

    static void dropNotNull(Operation op, PlanContext ctx, PlanBuilder out) {
        SchemaSnapshot.Column c = ctx.requireColumn(op.table(), op.column());
        if (c.nullable()) {
            throw PlcException.invalid(op.table() + "." + op.column() + " already allows NULL");
        }
        Ddl ddl = ctx.ddl();
        String sql = dropNotNullSql(ctx, op.table(), op.column(), c.type(), c.defaultValue());
        out.hazard("ban-drop-not-null", "warning", sql, null, "code that assumes a value",
                "After DROP NOT NULL, " + op.table() + "." + op.column() + " can be NULL: code that reads it must handle NULL first.",
                "Deploy code that tolerates NULL in " + op.column() + " before (or with) this migration.");
        out.step("expand", 1, "allow NULL in " + op.table() + "." + op.column(), withTimeout(ctx, op.table(), sql), true,
                "Code that reads " + op.column() + " must handle NULL before any code writes NULL.",
                List.of(setNotNullSql(ctx, op.table(), op.column(), c.type(), c.defaultValue())), false,
                "SET NOT NULL again fails once NULLs were written; backfill them first");
    }

    static void setDefault(Operation op, PlanContext ctx, PlanBuilder out) {
        SchemaSnapshot.Column c = ctx.requireColumn(op.table(), op.column());
        Ddl ddl = ctx.ddl();
        out.step("expand", 1, "default " + op.defaultValue() + " for " + op.table() + "." + op.column(),
                withTimeout(ctx, op.table(), ddl.setDefault(op.table(), op.column(), op.defaultValue())), true,
                "Only new rows get the default; existing rows keep their values.",
                List.of(c.defaultValue() == null ? ddl.dropDefault(op.table(), op.column()) : ddl.setDefault(op.table(), op.column(), c.defaultValue())),
                false, null);
    }

    static void dropDefault(Operation op, PlanContext ctx, PlanBuilder out) {
        SchemaSnapshot.Column c = ctx.requireColumn(op.table(), op.column());
        if (c.defaultValue() == null) {
            throw PlcException.invalid(op.table() + "." + op.column() + " has no default");
        }
        Ddl ddl = ctx.ddl();
        if (!c.nullable()) {
            out.warn("after drop_default, inserts into " + op.table() + " that omit " + op.column() + " fail (it is NOT NULL): "
                    + "deploy code that always sets it first");
        }
        out.step("expand", 1, "drop the default of " + op.table() + "." + op.column(),
                withTimeout(ctx, op.table(), ddl.dropDefault(op.table(), op.column())), true,
                "Code must set " + op.column() + " on insert before this runs.",
                List.of(ddl.setDefault(op.table(), op.column(), c.defaultValue())), false, null);
    }

    static void dropColumn(Operation op, PlanContext ctx, PlanBuilder out) {
        SchemaSnapshot.Table t = ctx.requireTable(op.table());
        SchemaSnapshot.Column c = ctx.requireColumn(op.table(), op.column());
        if (t.primaryKey() != null && t.primaryKey().columns().stream().anyMatch(k -> k.equalsIgnoreCase(c.name()))) {
            throw PlcException.invalid(op.table() + "." + op.column() + " is part of the primary key; plan_change does not drop key columns");
        }
        Ddl ddl = ctx.ddl();
        String drop = ddl.dropColumn(op.table(), c.name());
        out.type("destructive");
        out.hazard("ban-drop-column", "error", drop, lockName(ctx), "data loss and broken running code",
                "Dropping " + op.table() + "." + c.name() + " deletes its data for good, and every running instance that still "
                        + "selects or writes it fails (ORMs select every mapped column).",
                "Release 1: stop reading and writing the column (and make it nullable if it is NOT NULL without a default). "
                        + "Release 2: back it up, then drop it.");
        if (!c.nullable() && c.defaultValue() == null) {
            out.step("expand", 1, "let inserts omit " + c.name(), withTimeout(ctx, op.table(), dropNotNullSql(ctx, op.table(), c.name(), c.type(), null)), true,
                    "Runs before the code stops writing " + c.name() + ": until then every insert that leaves it out fails.",
                    List.of(setNotNullSql(ctx, op.table(), c.name(), c.type(), null)), false, null);
        }
        out.codeStep("expand", 1, "stop using " + op.table() + "." + c.name(),
                "Remove every read and write of " + c.name() + " (JPA field or @Column, jOOQ regenerated, SQL strings, mappers) "
                        + "and deploy that before the drop.");
        String backup = (op.table() + "_" + c.name() + "_backup").toLowerCase(Locale.ROOT);
        List<String> key = ctx.batchKey(op.table());
        List<String> backupColumns = new ArrayList<>(key);
        backupColumns.add(c.name());
        out.step("contract", 2, "back up " + op.table() + "." + c.name() + " to " + backup,
                List.of("CREATE TABLE " + ddl.id(backup) + " AS SELECT " + ddl.ids(backupColumns) + " FROM " + ddl.id(op.table()) + ";"),
                true, "Verify the backup's row count against " + op.table() + " before the drop.",
                List.of(ddl.dropTable(backup)), false, "drop the backup table once the change is final");
        out.precheck("rows whose " + c.name() + " would be lost", ddl.count(op.table(), ddl.id(c.name()) + " IS NOT NULL"), "any (informational)",
                "the values the drop deletes; the backup table keeps them");
        out.destructiveStep("contract", 2, "drop column " + op.table() + "." + c.name(), withTimeout(ctx, op.table(), drop),
                "Only after release 1 runs everywhere (no instance reads the column).",
                List.of(ddl.addColumn(op.table(), c.name(), c.type(), true, c.defaultValue(), false)),
                "re-adding the column restores the structure, not the data: restore values from " + backup);
    }

    static void renameColumn(Operation op, PlanContext ctx, PlanBuilder out) {
        SchemaSnapshot.Table t = ctx.requireTable(op.table());
        SchemaSnapshot.Column c = ctx.requireColumn(op.table(), op.column());
        String to = op.newName();
        if (t.column(to).isPresent()) {
            throw PlcException.invalid("table '" + op.table() + "' already has a column '" + to + "'");
        }
        String finalType = ctx.catalogAfter() == null ? c.type() : ctx.catalogAfter().relation(op.table()).flatMap(r -> r.column(to))
                .map(dev.plc.schema.catalog.Catalog.Column::type).orElse(c.type());
        ctx.markColumnAdded(op.table(), new SchemaSnapshot.Column(to, finalType, c.nullable(), c.defaultValue(), false));
        Ddl ddl = ctx.ddl();
        String naive = ddl.renameColumn(op.table(), c.name(), to);
        boolean key = t.primaryKey() != null && t.primaryKey().columns().stream().anyMatch(k -> k.equalsIgnoreCase(c.name()));
        if (key && ctx.zeroDowntime() && !ctx.isNew(op.table())) {
            // a second key column cannot be kept in step with the first by code or trigger without rebuilding the key:
            // the rename is one step, and the plan says what that costs
            out.warn("plan_change does not stage a rename of the primary-key column " + op.table() + "." + c.name() + ": the rename is one "
                    + "step, so deploy the code that uses " + to + " with it (or keep the column name and rename the field in code)");
        }
        if (!ctx.zeroDowntime() || ctx.isNew(op.table()) || key) {
            out.step("expand", 1, "rename " + op.table() + "." + c.name() + " to " + to, withTimeout(ctx, op.table(), naive), true,
                    "Deploy code that uses " + to + " together with this migration (the old name stops working at once).",
                    List.of(ddl.renameColumn(op.table(), to, c.name())), false, null);
            if (!ctx.isNew(op.table())) {
                out.hazard("renaming-column", "error", naive, lockName(ctx), "broken running code",
                        "Renaming " + op.table() + "." + c.name() + " breaks every running instance that uses the old name until the new code is live.",
                        "With zero downtime: add " + to + ", write both, backfill, switch reads, stop writing " + c.name() + ", drop it.");
            }
            return;
        }
        out.type("staged");
        String unsupported = ReplacementLimits.why(ctx, op.table(), c.name());
        out.hazard("renaming-column", "error", naive, lockName(ctx), "broken running code",
                "Renaming " + op.table() + "." + c.name() + " to " + to + " breaks every running instance that reads or writes "
                        + c.name() + " the moment the migration commits.",
                unsupported == null ? "Expand/contract: add " + to + " with every property of " + c.name() + ", keep both in sync with a trigger, "
                        + "backfill, move the code to " + to + ", then drop " + c.name() + "."
                        : "Expand/contract: add " + to + ", write both columns, backfill, read " + to + ", stop writing " + c.name() + ", drop it.");
        if (unsupported == null) {
            ColumnReplacement.rename(ctx, out, op.table(), c.name(), to);
            return;
        }
        if (ctx.catalog() != null) {
            // the catalog shows what a copy could not carry: one honest step beats a staged plan that ends elsewhere
            out.warn("plan_change does not stage this rename (" + unsupported + "): it is one step, so deploy the code that uses " + to
                    + " together with it");
            out.step("expand", 1, "rename " + op.table() + "." + c.name() + " to " + to + " (not staged: " + unsupported + ")",
                    withTimeout(ctx, op.table(), naive), true, "Deploy code that uses " + to + " together with this migration.",
                    List.of(ddl.renameColumn(op.table(), to, c.name())), false, null);
            return;
        }
        out.warn("the rename of " + op.table() + "." + c.name() + " is staged through application code (no trigger, indexes and constraints "
                + "not copied): " + unsupported);
        ctx.markColumnAdded(op.table(), new SchemaSnapshot.Column(to, c.type(), c.nullable(), c.defaultValue(), false));
        out.step("expand", 1, "add column " + op.table() + "." + to,
                withTimeout(ctx, op.table(), ddl.addColumn(op.table(), to, c.type(), true, c.defaultValue(), ddl.mysql())), true,
                "Nothing yet.", List.of(ddl.dropColumn(op.table(), to)), true, "drops the copy; " + c.name() + " still has the data");
        out.codeStep("expand", 1, "dual-write " + c.name() + " and " + to,
                "Every write of " + c.name() + " also writes " + to + " (same value); reads still use " + c.name() + ".");
        backfill(ctx, out, op.table(), to, ddl.id(c.name()), c.name(), 2);
        if (!c.nullable()) {
            setNotNullSafely(ctx, out, op.table(), to, c.type(), c.defaultValue(), 2);
            out.step("contract", 2, "let inserts omit " + c.name(),
                    withTimeout(ctx, op.table(), dropNotNullSql(ctx, op.table(), c.name(), c.type(), c.defaultValue())), true,
                    "Needed before code stops writing " + c.name() + ".",
                    List.of(setNotNullSql(ctx, op.table(), c.name(), c.type(), c.defaultValue())), false, null);
        }
        out.codeStep("switch", 2, "read " + to, "Reads use " + to + "; writes still go to both columns (so release 1 can still run).");
        out.codeStep("switch", 3, "stop writing " + c.name(), "Remove every read and write of " + c.name() + ".");
        out.destructiveStep("contract", 4, "drop the old column " + op.table() + "." + c.name(),
                withTimeout(ctx, op.table(), ddl.dropColumn(op.table(), c.name())),
                "Only after release 3 runs everywhere.",
                List.of(ddl.addColumn(op.table(), c.name(), c.type(), true, c.defaultValue(), false)),
                "re-adding restores the structure; copy values back from " + to);
        for (SchemaSnapshot.Index i : t.indexes()) {
            if (i.columns().stream().anyMatch(col -> col.equalsIgnoreCase(c.name()))) {
                out.warn("index " + i.name() + " covers " + c.name() + ": add the same index on " + to + " (add_index) before release 2");
            }
        }
    }

    static void alterType(Operation op, PlanContext ctx, PlanBuilder out) {
        SchemaSnapshot.Column c = ctx.requireColumn(op.table(), op.column());
        Ddl ddl = ctx.ddl();
        if (ctx.addedInChange(op.table(), c.name()) && c.type().equalsIgnoreCase(op.type())) {
            return; // a rename of the same statement (CHANGE COLUMN a b type) already gave the new column this type
        }
        // the catalog's type where there is one: the JDBC metadata reads a MariaDB ENUM as varchar(n), unsigned as signed
        String from = ctx.catalog() == null ? c.type() : ctx.catalog().relation(op.table()).flatMap(r -> r.column(c.name()))
                .map(Catalog.Column::type).orElse(c.type());
        String using = op.backfill();
        String naive = typeSql(ctx, op.table(), c.name(), op.type(), using, c.nullable(), c.defaultValue(), true);
        TypeChange change = TypeChange.classify(from, op.type());
        if (change == TypeChange.NARROWING) {
            String where = Narrowing.predicate(ddl, c.name(), op.type());
            if (where != null && ctx.careful(op.table()) && ReplacementLimits.why(ctx, op.table(), c.name()) == null) {
                Narrowing.staged(op, ctx, out, c, from, naive, where, using);
                return;
            }
            out.type("destructive");
            out.hazard("changing-column-type", "error", naive, lockName(ctx), "data loss or failed migration",
                    "Changing " + op.table() + "." + c.name() + " from " + from + " to " + op.type()
                            + " narrows it: values that do not fit are rejected or truncated, and the table is rewritten under " + lockName(ctx) + ".",
                    "Check that no value is out of range first; keep the wider type if any is.");
            if (where != null) {
                out.precheck("values of " + op.table() + "." + c.name() + " that do not fit " + op.type(), ddl.count(op.table(), where), "0",
                        "those rows fail the change or lose data");
            }
            out.destructiveStep("contract", 1, "narrow " + op.table() + "." + c.name() + " to " + op.type(), withTimeout(ctx, op.table(), naive),
                    "Code must not write values that do not fit " + op.type() + ".",
                    List.of(typeSql(ctx, op.table(), c.name(), from, null, c.nullable(), c.defaultValue(), false)),
                    "widening back restores the type, not values that were truncated");
            return;
        }
        if (change == TypeChange.METADATA_ONLY || !ctx.careful(op.table())) {
            // PostgreSQL widens a varchar's limit (or drops it for text) in the catalog alone: the rule sees only the statement
            String written = change == TypeChange.METADATA_ONLY && ddl.postgres() ? Ddl.because("changing-column-type", "widening "
                    + from + " to " + op.type() + " changes only the catalog on PostgreSQL: no rewrite of the table or its indexes", naive) : naive;
            out.step("expand", 1, "change " + op.table() + "." + c.name() + " to " + op.type(), withTimeout(ctx, op.table(), written), true,
                    change == TypeChange.METADATA_ONLY ? "A widening change: no rewrite, running code keeps working."
                            : "The table is rewritten: fine for a small table.",
                    List.of(typeSql(ctx, op.table(), c.name(), from, null, c.nullable(), c.defaultValue(), false)), false, null);
            return;
        }
        out.type("staged");
        String to = c.name() + "_new";
        String unsupported = ReplacementLimits.why(ctx, op.table(), c.name());
        out.hazard("changing-column-type", "error", naive, lockName(ctx), "table rewrite",
                "Changing " + op.table() + "." + c.name() + " from " + from + " to " + op.type() + " rewrites the whole table "
                        + "under " + lockName(ctx) + ": reads and writes wait until it finishes.",
                unsupported == null ? "Add " + to + " " + op.type() + " with every property of " + c.name() + ", fill it from a trigger and a "
                        + "batched backfill, build its indexes and constraints online, then swap the columns in one short transaction."
                        : "Add " + to + " " + op.type() + ", write both, backfill in batches, switch reads, stop writing " + c.name() + ", drop it.");
        if (unsupported == null) {
            ColumnReplacement.retype(ctx, out, op.table(), c.name(), op.type(), using);
            return;
        }
        if (ctx.catalog() != null) {
            out.warn("plan_change does not stage this type change (" + unsupported + "): it is one blocking rewrite of " + op.table()
                    + " under " + lockName(ctx) + "; on a large table run it in a quiet window");
            out.step("expand", 1, "change " + op.table() + "." + c.name() + " to " + op.type() + " (not staged: " + unsupported + ")",
                    withTimeout(ctx, op.table(), naive), true, "The table is rewritten under " + lockName(ctx) + ": reads and writes wait.",
                    List.of(typeSql(ctx, op.table(), c.name(), from, null, c.nullable(), c.defaultValue(), false)), false, null);
            return;
        }
        out.warn("the type change of " + op.table() + "." + c.name() + " is staged through application code (no trigger, indexes and "
                + "constraints not copied): " + unsupported);
        out.step("expand", 1, "add column " + op.table() + "." + to + " " + op.type(),
                withTimeout(ctx, op.table(), ddl.addColumn(op.table(), to, op.type(), true, null, ddl.mysql())), true, "Nothing yet.",
                List.of(ddl.dropColumn(op.table(), to)), true, "drops the copy; " + c.name() + " still has the data");
        out.codeStep("expand", 1, "dual-write " + c.name() + " and " + to, "Every write of " + c.name() + " also writes " + to + ".");
        backfill(ctx, out, op.table(), to, using != null ? using : ddl.cast(c.name(), op.type()), c.name(), 2);
        out.codeStep("switch", 2, "read " + to, "Reads use " + to + "; writes still go to both.");
        out.codeStep("switch", 3, "stop writing " + c.name(), "Remove every read and write of " + c.name() + ".");
        out.destructiveStep("contract", 4, "drop the old column " + op.table() + "." + c.name(),
                withTimeout(ctx, op.table(), ddl.dropColumn(op.table(), c.name())), "Only after release 3 runs everywhere.",
                List.of(ddl.addColumn(op.table(), c.name(), from, true, c.defaultValue(), false)),
                "re-adding restores the structure; copy values back from " + to);
        out.warn("the new column keeps the name " + to + "; to get the name " + c.name() + " back, plan a rename_column afterwards");
    }

    /** SET NOT NULL; MariaDB/MySQL: a MODIFY that repeats every other attribute of the column the catalog has. */
    private static String setNotNullSql(PlanContext ctx, String table, String column, String type, String def) {
        String full = ColumnReplacement.mysqlModify(ctx, table, column, false, true);
        return full != null ? full + ctx.ddl().online("INPLACE") + ";" : ctx.ddl().setNotNull(table, column, type, def);
    }

    private static String dropNotNullSql(PlanContext ctx, String table, String column, String type, String def) {
        String full = ColumnReplacement.mysqlModify(ctx, table, column, false, false);
        return full != null ? full + ctx.ddl().online("INPLACE") + ";" : ctx.ddl().dropNotNull(table, column, type, def);
    }

    /**
     * A type change; MariaDB/MySQL: the MODIFY with the column's whole definition, as the statement as written leaves
     * it ({@code after}) or as it is now (a rollback).
     */
    private static String typeSql(PlanContext ctx, String table, String column, String type, String using, boolean nullable, String def,
                                  boolean after) {
        String full = ColumnReplacement.mysqlModify(ctx, table, column, after, null);
        return full != null ? full + ";" : ctx.ddl().alterType(table, column, type, using, nullable, def);
    }

    private static String typeOrCurrent(PlanContext ctx, String table, String column, String type) {
        if (type != null) {
            return type;
        }
        return ctx.table(table).flatMap(t -> t.column(column)).map(SchemaSnapshot.Column::type).orElse(null);
    }

    static String lockName(PlanContext ctx) {
        return ctx.ddl().postgres() ? "ACCESS EXCLUSIVE" : ctx.ddl().mysql() ? "a metadata lock" : "an exclusive lock";
    }

    /** The lock timeout, then the statements: on a busy table a DDL queued behind a long query blocks everything behind it. */
    static List<String> withTimeout(PlanContext ctx, String table, String... sql) {
        List<String> out = new ArrayList<>();
        String timeout = ctx.ddl().lockTimeout();
        if (timeout != null && !ctx.isNew(table)) {
            out.add(timeout);
        }
        out.addAll(List.of(sql));
        return out;
    }
}
