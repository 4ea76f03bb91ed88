package dev.plc.plan;

import dev.plc.schema.SchemaSnapshot;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A type change that narrows a column (shorter, smaller, fewer enum labels): counted first, then replaced online. */
final class Narrowing {

    private Narrowing() {
    }

    /**
     * A narrowing type change on a table that matters, staged: the precheck counts the values that do not fit; on
     * PostgreSQL a CHECK on the old column (NOT VALID, then validated without blocking writes) makes every write of a
     * value that does not fit fail from release 1 on, so none slips in while the copy fills; then the column is replaced
     * as any type change is (trigger, batched backfill, online copies, swap). The conversion is an assignment, as in
     * the statement as written: a value that does not fit fails, it is never truncated.
     */
    static void staged(Operation op, PlanContext ctx, PlanBuilder out, SchemaSnapshot.Column c, String from, String naive,
                       String where, String using) {
        Ddl ddl = ctx.ddl();
        out.type("staged");
        out.hazard("changing-column-type", "error", naive, ColumnPlanner.lockName(ctx), "table rewrite; values that do not fit fail",
                "Changing " + op.table() + "." + c.name() + " from " + from + " to " + op.type() + " narrows it and rewrites the whole table "
                        + "under " + ColumnPlanner.lockName(ctx) + ": reads and writes wait, and the statement fails on the first value that does not fit.",
                "Count the values that do not fit first (precheck, expect 0)" + (ddl.postgres() ? ", forbid new ones with a validated CHECK" : "")
                        + ", then replace the column online: " + c.name() + "_new " + op.type() + " filled by a trigger and a batched backfill, "
                        + "indexes and constraints built online, the columns swapped in one short transaction.");
        out.precheck("values of " + op.table() + "." + c.name() + " that do not fit " + op.type(), ddl.count(op.table(), where), "0",
                "those rows make the backfill fail: fix or shorten them first");
        out.codeStep("expand", 1, "write only values that fit " + op.type(),
                "From release 1 on a write of " + op.table() + "." + c.name() + " that does not fit " + op.type() + " fails, as it would after the "
                        + "change as written.");
        if (ddl.postgres()) {
            String check = ddl.objectName("plc_fits_" + op.table() + "_" + c.name(), "");
            out.step("expand", 1, "forbid values of " + op.table() + "." + c.name() + " that do not fit " + op.type() + " (CHECK NOT VALID)",
                    ColumnPlanner.withTimeout(ctx, op.table(), "ALTER TABLE " + ddl.id(op.table()) + " ADD CONSTRAINT " + ddl.id(check) + " CHECK (NOT (" + where
                            + ")) NOT VALID;"), true,
                    "New writes of a value that does not fit fail; rows already there are checked by the next step without blocking writes.",
                    List.of("ALTER TABLE " + ddl.id(op.table()) + " DROP CONSTRAINT " + ddl.id(check) + ";"), false, null);
            out.step("expand", 1, "validate the CHECK on " + op.table() + "." + c.name(),
                    ColumnPlanner.withTimeout(ctx, op.table(), "ALTER TABLE " + ddl.id(op.table()) + " VALIDATE CONSTRAINT " + ddl.id(check) + ";"), true,
                    "Scans the table under SHARE UPDATE EXCLUSIVE: reads and writes go on. Fails if a value does not fit (see the precheck); "
                            + "the check goes with the old column at the swap.", List.of(), false, "nothing to undo");
        }
        ColumnReplacement.retype(ctx, out, op.table(), c.name(), op.type(), using);
    }

    private static final Pattern LENGTH = Pattern.compile("\\((\\d+)(?:\\s*,\\s*(\\d+))?\\)");

    /** The rows whose value does not fit {@code newType}, as a WHERE predicate; null when that cannot be counted. */
    static String predicate(Ddl ddl, String column, String newType) {
        List<String> labels = TypeChange.enumLabels(newType);
        if (labels != null) {
            return labels.isEmpty() ? ddl.id(column) + " IS NOT NULL" : ddl.id(column) + " NOT IN ("
                    + String.join(", ", labels.stream().map(l -> "'" + l.replace("'", "''") + "'").toList()) + ")";
        }
        Matcher m = LENGTH.matcher(newType);
        String lower = newType.toLowerCase(Locale.ROOT);
        if (m.find() && (lower.contains("char") || lower.contains("binary"))) {
            return (ddl.mysql() ? "CHAR_LENGTH(" : "length(") + ddl.id(column) + ") > " + m.group(1);
        }
        if (lower.startsWith("int") || lower.equals("integer")) {
            return ddl.id(column) + " NOT BETWEEN -2147483648 AND 2147483647";
        }
        if (lower.startsWith("smallint")) {
            return ddl.id(column) + " NOT BETWEEN -32768 AND 32767";
        }
        return null;
    }
}
