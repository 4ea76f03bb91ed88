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

/** strong_migrations: "Adding a stored generated column"; squawk: adding-field-with-default (generated case). */
public final class AddingStoredGeneratedColumn implements Rule {

    @Override
    public String id() {
        return "adding-stored-generated-column";
    }

    @Override
    public Set<Dialect> dialects() {
        return POSTGRES_AND_MYSQL;
    }

    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "ADD COLUMN ... GENERATED ALWAYS AS (...) STORED on an existing table";
    }

    @Override
    public String explanation() {
        return "A stored generated column has to be computed and written for every existing row: PostgreSQL "
                + "rewrites the whole table under an ACCESS EXCLUSIVE lock (reads and writes wait), MySQL copies "
                + "the table (ALGORITHM=COPY) and blocks writes. A virtual generated column (MySQL; PostgreSQL 18+) "
                + "is computed on read and added instantly, or add a plain column and fill it in batches.";
    }

    @Override
    public String safeAlternative() {
        return "ALTER TABLE users ADD COLUMN email_lower text;  -- plain column, filled by the application/trigger\n"
                + "UPDATE users SET email_lower = lower(email) WHERE id BETWEEN 1 AND 10000;  -- batches\n"
                + "-- MySQL: ALTER TABLE users ADD COLUMN email_lower VARCHAR(320) AS (LOWER(email)) VIRTUAL, ALGORITHM=INSTANT;";
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
            if (a.kind() != AlterTable.Kind.ADD_COLUMN || d == null || !d.generatedStored()) {
                continue;
            }
            String table = alter.table();
            boolean mysql = ctx.dialect().isMysqlFamily();
            String cost = mysql ? "copies " + ctx.describe(table) + " (ALGORITHM=COPY), blocking writes until the copy is done"
                    : "rewrites all of " + ctx.describe(table) + " under an ACCESS EXCLUSIVE lock: reads and writes wait";
            int as = d.constraints().indexOf(0, "AS");
            int open = as < 0 ? -1 : d.constraints().indexOf(as, "(");
            String expression = open < 0 ? "(...)" : d.constraints().sub(open, d.constraints().closingParen(open) + 1).text();
            String help = mysql
                    ? "Make it VIRTUAL (computed on read, added in place):\n    ALTER TABLE " + table + " ADD COLUMN "
                    + a.column() + " " + d.typeText() + " AS " + expression + " VIRTUAL, ALGORITHM=INSTANT;"
                    : "Add a plain column, fill new rows from the application (or a trigger), backfill in batches:\n"
                    + "    ALTER TABLE " + table + " ADD COLUMN " + a.column() + " " + d.typeText() + ";\n    UPDATE "
                    + table + " SET " + a.column() + " = " + expression + " WHERE id BETWEEN 1 AND 10000;  -- repeat per batch";
            out.add(finding(s, ctx,
                    "Adding the stored generated column " + table + "." + a.column() + " computes it for every existing "
                            + "row: it " + cost + ".",
                    help));
        }
        return out;
    }
}
