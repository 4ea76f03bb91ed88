package dev.plc.lint.rules;

import dev.plc.db.Dialect;
import dev.plc.lint.rule.AlterTable;
import dev.plc.lint.rule.ColumnDef;
import dev.plc.lint.rule.Finding;
import dev.plc.lint.rule.LintContext;
import dev.plc.lint.rule.Rule;
import dev.plc.lint.rule.Severity;
import dev.plc.sql.Clause;
import dev.plc.sql.SqlStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * squawk: adding-field-with-default; strong_migrations: "Adding a column with a volatile default value".
 * PG11+: a non-volatile DEFAULT is stored in the catalog and no longer rewrites the table. now() and
 * CURRENT_TIMESTAMP are STABLE, not VOLATILE: they are evaluated once and are instant on PG11+.
 */
public final class AddingFieldWithDefault implements Rule {

    @Override
    public String id() {
        return "adding-field-with-default";
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
        return "ADD COLUMN with a volatile DEFAULT (any DEFAULT before PostgreSQL 11)";
    }

    @Override
    public String explanation() {
        return "A column added with a VOLATILE default (random(), gen_random_uuid(), clock_timestamp(), nextval()) "
                + "needs a separate value for every existing row, so PostgreSQL rewrites the whole table and its "
                + "indexes while holding an ACCESS EXCLUSIVE lock: reads and writes wait for the rewrite. Before "
                + "PostgreSQL 11 every DEFAULT rewrites; from 11 on a non-volatile default (a constant, now()) is "
                + "stored in the catalog and is instant.";
    }

    @Override
    public String safeAlternative() {
        return "ALTER TABLE users ADD COLUMN token uuid;\n"
                + "ALTER TABLE users ALTER COLUMN token SET DEFAULT gen_random_uuid();  -- new rows only\n"
                + "-- backfill existing rows in batches, in their own migration:\n"
                + "UPDATE users SET token = gen_random_uuid() WHERE id BETWEEN 1 AND 10000 AND token IS NULL;";
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
            Clause value = a.addedDefault();
            if (value == null) {
                continue;
            }
            String volatileFunction = ctx.functions().volatileCall(value).orElse(null);
            boolean oldServer = !ctx.serverAtLeast(11);
            if (volatileFunction == null && !oldServer) {
                continue;
            }
            String table = alter.table();
            String why = volatileFunction != null
                    ? "the default " + value.text() + (value.text().replace(" ", "").equalsIgnoreCase(volatileFunction + "()") ? " is"
                    : " calls " + volatileFunction + "(), which is") + " VOLATILE (" + ctx.functions().source() + "), so every existing row needs its own value"
                    : "before PostgreSQL 11 every DEFAULT on ADD COLUMN is written into every existing row "
                    + "(server version " + ctx.serverMajorVersion().orElse(0) + ctx.serverVersionSource().map(w -> ", " + w).orElse("") + ")";
            out.add(finding(s, ctx,
                    "Adding " + table + "." + a.column() + " rewrites all of " + ctx.describe(table) + " and its indexes "
                            + "under an ACCESS EXCLUSIVE lock (reads and writes wait): " + why + ".",
                    "Add the column without the default, set the default for new rows, then backfill in batches "
                            + "in a separate migration:\n    ALTER TABLE " + table + " ADD COLUMN " + a.column() + " "
                            + d.typeText() + ";\n    ALTER TABLE " + table + " ALTER COLUMN " + a.column()
                            + " SET DEFAULT " + value.text() + ";\n    UPDATE " + table + " SET " + a.column() + " = "
                            + value.text() + " WHERE id BETWEEN 1 AND 10000 AND " + a.column() + " IS NULL;  -- repeat per batch"));
        }
        return out;
    }
}
