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

/** strong_migrations: "Adding an auto-incrementing column"; squawk: adding-serial-primary-key-field (serial part). */
public final class AddingAutoIncrementColumn implements Rule {

    @Override
    public String id() {
        return "adding-auto-increment-column";
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
        return "ADD COLUMN serial / identity / AUTO_INCREMENT on an existing table";
    }

    @Override
    public String explanation() {
        return "An auto-incrementing column needs a new value in every existing row: PostgreSQL rewrites the whole "
                + "table for a serial or identity column under an ACCESS EXCLUSIVE lock (reads and writes wait), "
                + "MySQL copies the table (ALGORITHM=COPY) and blocks writes. Add a plain nullable column, give new "
                + "rows values from a sequence, and backfill the old rows in batches.";
    }

    @Override
    public String safeAlternative() {
        return "CREATE SEQUENCE items_number_seq;\n"
                + "ALTER TABLE items ADD COLUMN number bigint;\n"
                + "ALTER TABLE items ALTER COLUMN number SET DEFAULT nextval('items_number_seq');\n"
                + "UPDATE items SET number = nextval('items_number_seq') WHERE id BETWEEN 1 AND 10000 AND number IS NULL;";
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
            if (a.kind() != AlterTable.Kind.ADD_COLUMN || d == null || !(d.serial() || d.identity() || d.autoIncrement())) {
                continue;
            }
            String table = alter.table();
            String column = a.column();
            boolean mysql = ctx.dialect().isMysqlFamily();
            String cost = mysql ? "copies " + ctx.describe(table) + " (ALGORITHM=COPY), blocking writes until the copy is done"
                    : "rewrites all of " + ctx.describe(table) + " under an ACCESS EXCLUSIVE lock: reads and writes wait";
            String seq = Sql.name(table, column, "seq");
            String help = mysql
                    ? "Use an online schema change tool (gh-ost, pt-online-schema-change) to add it without blocking "
                    + "writes, or add a plain column and fill it in batches:\n    ALTER TABLE " + table + " ADD COLUMN "
                    + column + " BIGINT NULL, ALGORITHM=INSTANT;"
                    : "Add a plain column, give new rows sequence values, backfill in batches:\n    CREATE SEQUENCE "
                    + seq + ";\n    ALTER TABLE " + table + " ADD COLUMN " + column + " bigint;\n    ALTER TABLE " + table
                    + " ALTER COLUMN " + column + " SET DEFAULT nextval('" + seq + "');\n    UPDATE " + table + " SET "
                    + column + " = nextval('" + seq + "') WHERE id BETWEEN 1 AND 10000 AND " + column
                    + " IS NULL;  -- repeat per batch";
            out.add(finding(s, ctx,
                    "Adding the auto-incrementing column " + table + "." + column + " fills every existing row: it "
                            + cost + ".",
                    help));
        }
        return out;
    }
}
