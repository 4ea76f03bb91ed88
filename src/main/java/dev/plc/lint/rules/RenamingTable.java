package dev.plc.lint.rules;

import dev.plc.db.Dialect;
import dev.plc.lint.rule.AlterTable;
import dev.plc.lint.rule.Finding;
import dev.plc.lint.rule.LintContext;
import dev.plc.lint.rule.Rule;
import dev.plc.lint.rule.Severity;
import dev.plc.sql.Clause;
import dev.plc.sql.SqlStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** squawk: renaming-table; strong_migrations: "Renaming a table". Includes MySQL RENAME TABLE a TO b. */
public final class RenamingTable implements Rule {

    @Override
    public String id() {
        return "renaming-table";
    }

    @Override
    public Set<Dialect> dialects() {
        return ALL;
    }

    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "Renaming an existing table";
    }

    @Override
    public String explanation() {
        return "A rename is instant in the database but breaks the application: instances still running the old "
                + "code query the old name and fail until every one is redeployed. Create the new table (or a "
                + "view under the new name), write to both, backfill, switch reads, then drop the old one later.";
    }

    @Override
    public String safeAlternative() {
        return "CREATE TABLE customers (LIKE clients INCLUDING ALL);\n"
                + "-- write both tables, backfill in batches, switch reads to customers;\n"
                + "-- later release: DROP TABLE clients;";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext ctx) {
        List<Finding> out = new ArrayList<>();
        if (s.startsWith("RENAME", "TABLE")) {
            for (Clause pair : s.clause().sub(2).splitTopLevel()) {
                int to = pair.indexOf(0, "TO");
                String from = pair.qualifiedName(0);
                if (to > 0 && !ctx.isNewTable(from)) {
                    out.add(renamed(s, ctx, from, pair.qualifiedName(to + 1)));
                }
            }
            return out;
        }
        AlterTable alter = AlterTable.of(s).orElse(null);
        if (alter == null || ctx.isNewTable(alter.table())) {
            return out;
        }
        for (AlterTable.Action a : alter.actions()) {
            if (a.kind() == AlterTable.Kind.RENAME_TABLE) {
                out.add(renamed(s, ctx, alter.table(), a.newName()));
            }
        }
        return out;
    }

    private Finding renamed(SqlStatement s, LintContext ctx, String from, String to) {
        return finding(s, ctx,
                "Renaming table " + from + " to " + to + " breaks the running application: instances still on the "
                        + "old code query " + from + " and fail until every one is redeployed.",
                "Keep " + from + " while the code moves over:\n    CREATE TABLE " + to + " (LIKE " + from
                        + " INCLUDING ALL);  -- MySQL: CREATE TABLE " + to + " LIKE " + from + ";\n"
                        + "    -- write both tables, backfill in batches, switch reads to " + to
                        + ";\n    -- later release, once nothing uses " + from + ":\n    DROP TABLE " + from + ";");
    }
}
