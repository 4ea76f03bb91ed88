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

/** strong_migrations: "Adding a foreign key" (MySQL/MariaDB side: the table copy with foreign_key_checks=1). */
public final class MysqlAddForeignKey implements Rule {

    @Override
    public String id() {
        return "mysql-add-foreign-key";
    }

    @Override
    public Set<Dialect> dialects() {
        return MYSQL_FAMILY;
    }

    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "ADD FOREIGN KEY on an existing table while foreign_key_checks is on";
    }

    @Override
    public String explanation() {
        return "With foreign_key_checks=1 (the default) InnoDB can only add a foreign key with ALGORITHM=COPY: it "
                + "copies the whole table and blocks writes until the copy is done, and it locks the parent table's "
                + "metadata. With foreign_key_checks=0 the key is added in place (ALGORITHM=INPLACE, LOCK=NONE), "
                + "but existing rows are not checked, so look for orphans first.";
    }

    @Override
    public String safeAlternative() {
        return "-- check first: SELECT o.id FROM orders o LEFT JOIN users u ON u.id = o.user_id WHERE o.user_id IS NOT NULL AND u.id IS NULL LIMIT 1;\n"
                + "SET foreign_key_checks = 0;\n"
                + "ALTER TABLE orders ADD CONSTRAINT fk_orders_user FOREIGN KEY (user_id) REFERENCES users (id), "
                + "ALGORITHM=INPLACE, LOCK=NONE;\nSET foreign_key_checks = 1;";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext ctx) {
        AlterTable alter = AlterTable.of(s).orElse(null);
        if (alter == null || ctx.isNewTable(alter.table())) {
            return List.of();
        }
        String checks = ctx.setting("foreign_key_checks").orElse("1");
        if (checks.equals("0") || checks.equals("off")) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        for (AlterTable.Action a : alter.actions()) {
            if (a.kind() != AlterTable.Kind.ADD_CONSTRAINT || !"FOREIGN".equals(a.constraintType())) {
                continue;
            }
            String table = alter.table();
            int ref = a.clause().indexOf(0, "REFERENCES");
            String parent = ref < 0 ? "the parent table" : a.clause().qualifiedName(ref + 1);
            int open = a.clause().indexOf(0, "(");
            String columns = open < 0 ? "(<column>)" : a.clause().sub(open, a.clause().closingParen(open) + 1).text();
            out.add(finding(s, ctx,
                    "Adding a foreign key to " + ctx.describe(table) + " with foreign_key_checks=1 runs with "
                            + "ALGORITHM=COPY: MySQL copies all of " + table + " and blocks writes until the copy is done.",
                    "Check for orphans, then add it in place with the checks off:\n    SELECT 1 FROM " + table
                            + " c LEFT JOIN " + parent + " p ON ... WHERE c." + columns.replaceAll("[()]", "")
                            + " IS NOT NULL AND p.<key> IS NULL LIMIT 1;  -- must return nothing\n"
                            + "    SET foreign_key_checks = 0;\n    ALTER TABLE " + table + " " + a.clause().text()
                            + ", ALGORITHM=INPLACE, LOCK=NONE;\n    SET foreign_key_checks = 1;"));
        }
        return out;
    }
}
