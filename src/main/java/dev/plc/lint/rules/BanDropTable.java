package dev.plc.lint.rules;

import dev.plc.db.Dialect;
import dev.plc.lint.rule.Finding;
import dev.plc.lint.rule.LintContext;
import dev.plc.lint.rule.Rule;
import dev.plc.lint.rule.Severity;
import dev.plc.sql.Clause;
import dev.plc.sql.SqlStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** squawk: ban-drop-table; strong_migrations: "Removing a table" (destructive). */
public final class BanDropTable implements Rule {

    @Override
    public String id() {
        return "ban-drop-table";
    }

    @Override
    public Set<Dialect> dialects() {
        return ALL;
    }

    @Override
    public boolean dataLoss() {
        return true;
    }

    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "Dropping an existing table";
    }

    @Override
    public String explanation() {
        return "Dropping a table deletes its rows for good and breaks every running query and foreign key that "
                + "still uses it. Stop using the table in one release (and keep a backup or an archive copy), then "
                + "drop it in a later, explicitly approved migration. Tables created earlier in the same migration "
                + "hold no data and are exempt.";
    }

    @Override
    public String safeAlternative() {
        return "-- release N: nothing reads or writes legacy_orders; archive it if the data matters\n"
                + "-- release N+1, its own approved migration:\nDROP TABLE legacy_orders;";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext ctx) {
        if (!s.isDropTable()) {
            return List.of();
        }
        Clause c = s.clause();
        int first = c.at(2, "IF", "EXISTS") ? 4 : 2;
        List<Finding> out = new ArrayList<>();
        for (Clause t : c.sub(first).splitTopLevel()) {
            String table = t.qualifiedName(0);
            if (table == null || ctx.isNewTable(table)) {
                continue;
            }
            out.add(finding(s, ctx,
                    "Dropping table " + ctx.describe(table) + " deletes all its rows for good and breaks running code "
                            + "and foreign keys that still use " + table + ".",
                    "Release code that no longer uses " + table + " first, keep an archive if the data matters "
                            + "(CREATE TABLE " + table + "_archive AS TABLE " + table + ";), then drop it in an "
                            + "approved migration of a later release:\n    DROP TABLE " + table + ";"));
        }
        return out;
    }
}
