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

/**
 * squawk: adding-foreign-key-constraint; strong_migrations: "Adding a foreign key". As in squawk,
 * NOT VALID satisfies it; an inline REFERENCES on ADD COLUMN cannot be NOT VALID and is flagged.
 */
public final class AddingForeignKeyConstraint implements Rule {

    @Override
    public String id() {
        return "adding-foreign-key-constraint";
    }

    @Override
    public Set<Dialect> dialects() {
        return POSTGRES;
    }

    @Override
    public Severity severity() {
        return Severity.WARNING;
    }

    @Override
    public String summary() {
        return "Foreign key added to an existing table without NOT VALID (including ADD COLUMN ... REFERENCES)";
    }

    @Override
    public String explanation() {
        return "Adding a foreign key takes a SHARE ROW EXCLUSIVE lock on both the table and the referenced table "
                + "and scans the table to check every row: writes to both tables wait for the whole scan. An "
                + "inline REFERENCES on ADD COLUMN cannot be marked NOT VALID and locks the referenced table too. "
                + "Adding it NOT VALID is instant; VALIDATE CONSTRAINT later checks the rows without blocking writes.";
    }

    @Override
    public String safeAlternative() {
        return "ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;\n"
                + "-- next migration:\nALTER TABLE orders VALIDATE CONSTRAINT orders_user_id_fkey;";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext ctx) {
        AlterTable alter = AlterTable.of(s).orElse(null);
        if (alter == null || ctx.isNewTable(alter.table())) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        for (AlterTable.Action a : alter.actions()) {
            if (!a.addsForeignKey() || a.notValid()) {
                continue;
            }
            Clause c = a.clause();
            int ref = c.indexOf(0, "REFERENCES");
            String referenced = ref < 0 ? "the referenced table" : c.qualifiedName(ref + 1);
            String references = ref < 0 ? "" : c.sub(ref).text();
            String table = alter.table();
            if (a.kind() == AlterTable.Kind.ADD_COLUMN) {
                String column = a.column();
                String name = Sql.name(table, column, "fkey");
                out.add(finding(s, ctx,
                        "Adding " + table + "." + column + " with REFERENCES " + referenced + " takes a SHARE ROW "
                                + "EXCLUSIVE lock on " + table + " and " + referenced + ": writes to both wait, and an "
                                + "inline foreign key cannot be added NOT VALID.",
                        "Add the column, then the foreign key NOT VALID, then validate it in a separate transaction:\n"
                                + "    ALTER TABLE " + table + " ADD COLUMN " + column + " " + a.definition().typeText() + ";\n"
                                + "    ALTER TABLE " + table + " ADD CONSTRAINT " + name + " FOREIGN KEY (" + column + ") "
                                + references.replaceAll("(?i)^.*?REFERENCES", "REFERENCES") + " NOT VALID;\n"
                                + "    -- next migration:\n    ALTER TABLE " + table + " VALIDATE CONSTRAINT " + name + ";"));
            } else {
                String name = a.name() != null ? a.name() : Sql.name(table, null, "fkey");
                String definition = a.name() != null ? c.text() : "ADD CONSTRAINT " + name + " " + c.sub(1).text();
                out.add(finding(s, ctx,
                        "Adding foreign key " + name + " to " + ctx.describe(table) + " scans " + table
                                + " while holding a SHARE ROW EXCLUSIVE lock on " + table + " and " + referenced
                                + ": writes to both tables wait until every row is checked.",
                        "Add it NOT VALID, then validate it in a separate transaction:\n    ALTER TABLE " + table + " "
                                + definition + " NOT VALID;\n    -- next migration:\n    ALTER TABLE " + table
                                + " VALIDATE CONSTRAINT " + name + ";"));
            }
        }
        return out;
    }
}
