package dev.plc.lint.rules;

import dev.plc.db.Dialect;
import dev.plc.lint.rule.AlterTable;
import dev.plc.lint.rule.ColumnDef;
import dev.plc.lint.rule.Finding;
import dev.plc.lint.rule.LintContext;
import dev.plc.lint.rule.Rule;
import dev.plc.lint.rule.Severity;
import dev.plc.sql.SqlStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** squawk: adding-required-field. */
public final class AddingRequiredField implements Rule {

    @Override
    public String id() {
        return "adding-required-field";
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
        return "ADD COLUMN ... NOT NULL without a DEFAULT on an existing table";
    }

    @Override
    public String explanation() {
        return "A NOT NULL column without a DEFAULT has no value for the rows already in the table: PostgreSQL, H2 "
                + "and SQLite refuse the statement as soon as the table has a row, so the migration passes on an "
                + "empty development database and fails in production; MySQL fills in an implicit 0 or '' that "
                + "nobody chose. Running application code that inserts without the new column breaks too.";
    }

    @Override
    public String safeAlternative() {
        return "ALTER TABLE users ADD COLUMN status text NOT NULL DEFAULT 'active';\n"
                + "-- or: add it nullable, backfill in batches, then set NOT NULL (see adding-not-nullable-field)";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext ctx) {
        AlterTable alter = AlterTable.of(s).orElse(null);
        if (alter == null || ctx.isNewTable(alter.table())) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        for (AlterTable.Action a : alter.actions()) {
            ColumnDef d = a.definition();
            if (a.kind() != AlterTable.Kind.ADD_COLUMN || d == null || !d.notNull() || d.defaultValue() != null
                    || d.filledByDatabase()) {
                continue;
            }
            String table = alter.table();
            String failure = ctx.dialect().isMysqlFamily()
                    ? "MySQL fills the existing rows of " + table + " with an implicit 0 or '' (or fails in strict mode), "
                    + "and inserts from running code that omit " + a.column() + " fail"
                    : "the statement fails as soon as " + table + " has a row (\"column contains null values\"), "
                    + "and inserts from running code that omit " + a.column() + " fail";
            String modify = ctx.dialect().isMysqlFamily()
                    ? "    ALTER TABLE " + table + " MODIFY " + a.column() + " " + d.typeText() + " NOT NULL;"
                    : "    ALTER TABLE " + table + " ALTER COLUMN " + a.column() + " SET NOT NULL;";
            out.add(finding(s, ctx,
                    "Adding " + table + "." + a.column() + " as NOT NULL without a DEFAULT: " + failure + ".",
                    "Give it a default (instant on PostgreSQL 11+ / MySQL 8 for a constant):\n    ALTER TABLE " + table
                            + " ADD COLUMN " + a.column() + " " + d.typeText() + " NOT NULL DEFAULT <value>;\n"
                            + "or add it nullable, backfill in batches, then require it:\n    ALTER TABLE " + table
                            + " ADD COLUMN " + a.column() + " " + d.typeText() + ";\n" + modify));
        }
        return out;
    }
}
