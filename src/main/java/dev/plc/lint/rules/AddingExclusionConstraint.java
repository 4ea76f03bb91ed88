package dev.plc.lint.rules;

import dev.plc.db.Dialect;
import dev.plc.lint.rule.AlterTable;
import dev.plc.lint.rule.Finding;
import dev.plc.lint.rule.LintContext;
import dev.plc.lint.rule.Rule;
import dev.plc.lint.rule.Severity;
import dev.plc.sql.SqlStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * ALTER TABLE ... ADD CONSTRAINT ... EXCLUDE on an existing table. Checked on PostgreSQL 15: the ALTER holds ACCESS
 * EXCLUSIVE on the table (and SHARE for the index build); "EXCLUDE constraints cannot be marked NOT VALID", and ADD
 * CONSTRAINT ... USING INDEX takes only unique indexes (PRIMARY KEY / UNIQUE), so there is no online form.
 */
public final class AddingExclusionConstraint implements Rule {

    @Override
    public String id() {
        return "adding-exclusion-constraint";
    }

    @Override
    public Set<Dialect> dialects() {
        return POSTGRES;
    }

    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "ADD CONSTRAINT ... EXCLUDE on an existing table";
    }

    @Override
    public String explanation() {
        return "Adding an exclusion constraint builds its index and checks every existing row while the ALTER TABLE "
                + "holds an ACCESS EXCLUSIVE lock: every read and write of the table waits until the whole index is "
                + "built, minutes on a large table. There is no online form: EXCLUDE constraints cannot be marked NOT "
                + "VALID, and ADD CONSTRAINT ... USING INDEX only takes a unique index for a PRIMARY KEY or UNIQUE "
                + "constraint, so the index cannot be built CONCURRENTLY beforehand. Run it when the table may be "
                + "blocked for the build, with a lock timeout, or enforce the rule on a new table that is filled in "
                + "the background and swapped in.";
    }

    @Override
    public String safeAlternative() {
        return "-- no online form: in a maintenance window, with a bounded lock wait\n"
                + "SET lock_timeout = '5s';\n"
                + "ALTER TABLE bookings ADD CONSTRAINT bookings_no_overlap EXCLUDE USING gist (room_id WITH =, during WITH &&);\n"
                + "-- or on a table created in the same migration (it holds no rows yet):\n"
                + "CREATE TABLE bookings_v2 (LIKE bookings INCLUDING ALL, "
                + "CONSTRAINT bookings_v2_no_overlap EXCLUDE USING gist (room_id WITH =, during WITH &&));";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext ctx) {
        AlterTable alter = AlterTable.of(s).orElse(null);
        if (alter == null || ctx.isNewTable(alter.table())) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        String table = alter.table();
        for (AlterTable.Action a : alter.actions()) {
            if (a.kind() != AlterTable.Kind.ADD_CONSTRAINT || !"EXCLUDE".equals(a.constraintType())) {
                continue;
            }
            String name = a.name() == null ? "" : a.name() + " ";
            out.add(finding(s, ctx,
                    "Adding exclusion constraint " + name + "to " + ctx.describe(table) + " builds its index and "
                            + "checks every row while holding an ACCESS EXCLUSIVE lock: every read and write of " + table
                            + " waits for the whole build. There is no online form (EXCLUDE cannot be NOT VALID, and "
                            + "USING INDEX takes no exclusion index).",
                    "Run it when " + table + " may be blocked for the build (a maintenance window), with a bounded "
                            + "lock wait:\n    SET lock_timeout = '5s';\n    ALTER TABLE " + table + " " + a.clause().text()
                            + ";\n    -- or build a new table with the constraint, fill it in batches and swap it in:\n"
                            + "    CREATE TABLE " + table + "_v2 (LIKE " + table + " INCLUDING ALL, "
                            + a.clause().sub(1).text() + ");"));
        }
        return out;
    }
}
