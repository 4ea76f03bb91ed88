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

/** squawk: renaming-column; strong_migrations: "Renaming a column". Includes MySQL CHANGE old new. */
public final class RenamingColumn implements Rule {

    @Override
    public String id() {
        return "renaming-column";
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
        return "Renaming a column of an existing table";
    }

    @Override
    public String explanation() {
        return "A rename is instant in the database but breaks the application: while a deploy rolls out, the "
                + "instances still running the old code read and write the old name and fail; caches of column "
                + "lists (ORMs, prepared statements) fail too. Rename by expand and contract: add the new column, "
                + "write both, backfill, switch reads, then drop the old column in a later release.";
    }

    @Override
    public String safeAlternative() {
        return "ALTER TABLE users ADD COLUMN full_name text;\n"
                + "-- application writes name and full_name; backfill in batches:\n"
                + "UPDATE users SET full_name = name WHERE id BETWEEN 1 AND 10000;\n"
                + "-- switch reads to full_name; later release: ALTER TABLE users DROP COLUMN name;";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext ctx) {
        AlterTable alter = AlterTable.of(s).orElse(null);
        if (alter == null || ctx.isNewTable(alter.table())) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        for (AlterTable.Action a : alter.actions()) {
            boolean rename = a.kind() == AlterTable.Kind.RENAME_COLUMN
                    || (a.kind() == AlterTable.Kind.CHANGE_COLUMN && a.newName() != null
                    && !a.newName().equalsIgnoreCase(a.column()));
            if (!rename) {
                continue;
            }
            String table = alter.table();
            String type = a.definition() != null ? a.definition().typeText() : "<type>";
            out.add(finding(s, ctx,
                    "Renaming " + table + "." + a.column() + " to " + a.newName() + " breaks the running application: "
                            + "instances still on the old code read and write " + a.column() + " and fail until every "
                            + "one is redeployed.",
                    "Expand and contract over several releases:\n    ALTER TABLE " + table + " ADD COLUMN "
                            + a.newName() + " " + type + ";\n    -- write both columns, backfill in batches:\n    UPDATE "
                            + table + " SET " + a.newName() + " = " + a.column() + " WHERE id BETWEEN 1 AND 10000;\n"
                            + "    -- switch reads to " + a.newName() + "; once nothing uses " + a.column()
                            + ":\n    ALTER TABLE " + table + " DROP COLUMN " + a.column() + ";"));
        }
        return out;
    }
}
