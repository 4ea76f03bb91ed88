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
 * squawk: changing-column-type; strong_migrations: "Changing the type of a column". The old type is
 * not in the statement, so the binary-compatible cases (varchar widening, varchar to text) cannot
 * be told apart here and are flagged too; suppress them with a reason.
 */
public final class ChangingColumnType implements Rule {

    @Override
    public String id() {
        return "changing-column-type";
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
        return "ALTER COLUMN ... TYPE on an existing table";
    }

    @Override
    public String explanation() {
        return "Changing a column's type rewrites the whole table and rebuilds its indexes while holding an ACCESS "
                + "EXCLUSIVE lock: every read and write waits for the rewrite. Only binary-compatible changes "
                + "(varchar(n) to a larger n, varchar to text, dropping a numeric's precision limit) skip the "
                + "rewrite, and they still need the ACCESS EXCLUSIVE lock briefly. Running code that reads the "
                + "column with the old type can break too.";
    }

    @Override
    public String safeAlternative() {
        return "ALTER TABLE orders ADD COLUMN amount_new numeric(12,2);\n"
                + "-- application writes both columns; backfill in batches:\n"
                + "UPDATE orders SET amount_new = amount::numeric(12,2) WHERE id BETWEEN 1 AND 10000;\n"
                + "-- switch reads to amount_new, stop writing amount, then in a later release:\n"
                + "ALTER TABLE orders DROP COLUMN amount;";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext ctx) {
        AlterTable alter = AlterTable.of(s).orElse(null);
        if (alter == null || ctx.isNewTable(alter.table())) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        for (AlterTable.Action a : alter.actions()) {
            if (!a.changesType()) {
                continue;
            }
            String table = alter.table();
            String column = a.column();
            String type = a.definition().typeText();
            out.add(finding(s, ctx,
                    "Changing " + table + "." + column + " to " + type + " rewrites all of " + ctx.describe(table)
                            + " and rebuilds its indexes under an ACCESS EXCLUSIVE lock: reads and writes wait for the "
                            + "rewrite (only varchar widening and varchar to text skip it).",
                    "Expand and contract instead: add a new column, write both, backfill, switch reads, drop the old one:\n"
                            + "    ALTER TABLE " + table + " ADD COLUMN " + column + "_new " + type + ";\n"
                            + "    UPDATE " + table + " SET " + column + "_new = " + column + "::" + type
                            + " WHERE id BETWEEN 1 AND 10000;  -- repeat per batch, separate migration\n"
                            + "    -- later release, once nothing reads " + column + ":\n    ALTER TABLE " + table
                            + " DROP COLUMN " + column + ";"));
        }
        return out;
    }
}
