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

/** squawk: adding-serial-primary-key-field (ADD PRIMARY KEY without USING INDEX, ADD COLUMN ... PRIMARY KEY). */
public final class AddingSerialPrimaryKeyField implements Rule {

    @Override
    public String id() {
        return "adding-serial-primary-key-field";
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
        return "Adding a primary key to an existing table without USING INDEX";
    }

    @Override
    public String explanation() {
        return "ADD PRIMARY KEY builds a unique index (and checks the columns for NULLs) while holding an ACCESS "
                + "EXCLUSIVE lock: every read and write waits until the index is built; with a new serial column "
                + "the whole table is rewritten first. Build the unique index CONCURRENTLY, then attach it with "
                + "ADD CONSTRAINT ... PRIMARY KEY USING INDEX.";
    }

    @Override
    public String safeAlternative() {
        return "CREATE UNIQUE INDEX CONCURRENTLY items_pkey ON items (id);  -- own, non-transactional migration\n"
                + "ALTER TABLE items ADD CONSTRAINT items_pkey PRIMARY KEY USING INDEX items_pkey;";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext ctx) {
        AlterTable alter = AlterTable.of(s).orElse(null);
        if (alter == null || ctx.isNewTable(alter.table())) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        String table = alter.table();
        String pkey = Sql.name(table, null, "pkey");
        for (AlterTable.Action a : alter.actions()) {
            String columns = null;
            if (a.kind() == AlterTable.Kind.ADD_CONSTRAINT && "PRIMARY".equals(a.constraintType()) && !a.usingIndex()) {
                Clause c = a.clause();
                int open = c.indexOf(0, "(");
                columns = open < 0 ? "(id)" : c.sub(open, c.closingParen(open) + 1).text();
            } else if (a.kind() == AlterTable.Kind.ADD_COLUMN && a.definition() != null && a.definition().primaryKey()) {
                columns = "(" + a.column() + ")";
            }
            if (columns == null) {
                continue;
            }
            out.add(finding(s, ctx,
                    "Adding a primary key to " + ctx.describe(table) + " builds its unique index while holding an "
                            + "ACCESS EXCLUSIVE lock: reads and writes of " + table + " wait until it is built.",
                    "Build the index concurrently (own migration, outside a transaction; the columns must already "
                            + "be NOT NULL), then attach it:\n    CREATE UNIQUE INDEX CONCURRENTLY " + pkey + " ON "
                            + table + " " + columns + ";\n    ALTER TABLE " + table + " ADD CONSTRAINT " + pkey
                            + " PRIMARY KEY USING INDEX " + pkey + ";"));
        }
        return out;
    }
}
