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

/** strong_migrations: "Changing the type of a column" (MySQL/MariaDB). */
public final class MysqlColumnTypeChangeCopiesTable implements Rule {

    @Override
    public String id() {
        return "mysql-column-type-change-copies-table";
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
        return "MODIFY / CHANGE COLUMN or CONVERT TO CHARACTER SET on an existing table without an online ALGORITHM";
    }

    @Override
    public String explanation() {
        return "MODIFY COLUMN and CHANGE COLUMN redefine the whole column. Changing its data type (or its charset, "
                + "or shrinking it, or making it NOT NULL) runs with ALGORITHM=COPY: MySQL copies the whole table "
                + "and blocks writes until the copy is done, minutes to hours on a large table. Only a few changes "
                + "(varchar widening within the same length byte, renames, defaults) are in place. State "
                + "ALGORITHM=INPLACE, LOCK=NONE so MySQL refuses a copy, and do real type changes by expand and "
                + "contract or with an online schema change tool (gh-ost, pt-online-schema-change). CONVERT TO CHARACTER "
                + "SET re-encodes every text column the same way and has no in-place path at all.";
    }

    @Override
    public String safeAlternative() {
        return "ALTER TABLE users MODIFY email VARCHAR(320) NOT NULL, ALGORITHM=INPLACE, LOCK=NONE;  -- fails instead of copying\n"
                + "-- a real type change: gh-ost --alter \"MODIFY amount DECIMAL(12,2)\" or expand/contract with a new column\n"
                + "-- a charset conversion: gh-ost --alter=\"CONVERT TO CHARACTER SET utf8mb4\" --table=users --execute;\n"
                + "-- only the default, for columns added later, is instant:\n"
                + "ALTER TABLE users DEFAULT CHARACTER SET utf8mb4, ALGORITHM=INSTANT;";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext ctx) {
        AlterTable alter = AlterTable.of(s).orElse(null);
        if (alter == null || ctx.isNewTable(alter.table())) {
            return List.of();
        }
        String algorithm = alter.algorithm();
        if ("INSTANT".equals(algorithm) || ("INPLACE".equals(algorithm) && "NONE".equals(alter.lock()))) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        for (AlterTable.Action a : alter.actions()) {
            if (a.kind() == AlterTable.Kind.OTHER && a.clause().startsWith("CONVERT", "TO")) {
                String table = alter.table();
                String convert = a.clause().text().replaceAll("\\s+", " ");
                String charset = convert.replaceFirst("(?i)^CONVERT\\s+TO\\s+(CHARACTER\\s+SET|CHARSET)\\s*=?\\s*", "");
                out.add(finding(s, ctx,
                        "CONVERT TO CHARACTER SET re-encodes every text column of " + table + " with ALGORITHM=COPY (it has "
                                + "no in-place path): MySQL copies all of " + ctx.describe(table) + " and blocks writes "
                                + "until the copy is done.",
                        "Convert it online with gh-ost / pt-online-schema-change, or column by column with "
                                + "ALGORITHM=INPLACE, LOCK=NONE where MySQL allows it (MySQL refuses instead of copying):\n"
                                + "    gh-ost --alter=\"" + convert + "\" --table=" + table + " --execute\n"
                                + "    ALTER TABLE " + table + " MODIFY COLUMN <column> <type> CHARACTER SET <charset>, "
                                + "ALGORITHM=INPLACE, LOCK=NONE;\n"
                                + "    -- for columns added later, changing only the default is instant (checked on MariaDB 10.11):\n"
                                + "    ALTER TABLE " + table + " DEFAULT CHARACTER SET " + charset + ", ALGORITHM=INSTANT;"));
                continue;
            }
            if ((a.kind() != AlterTable.Kind.MODIFY_COLUMN && a.kind() != AlterTable.Kind.CHANGE_COLUMN)
                    || a.definition() == null) {
                continue;
            }
            String table = alter.table();
            out.add(finding(s, ctx,
                    a.clause().token(0) + " COLUMN " + table + "." + a.column() + " " + a.definition().typeText()
                            + " runs with ALGORITHM=COPY when the type, charset, size class or nullability changes: "
                            + "MySQL copies all of " + ctx.describe(table) + " and blocks writes until the copy is done.",
                    "Require the in-place path, so MySQL fails instead of copying:\n    ALTER TABLE " + table + " "
                            + a.clause().text() + ", ALGORITHM=INPLACE, LOCK=NONE;\nIf it is refused, change the type "
                            + "with gh-ost / pt-online-schema-change, or add a new column, backfill it in batches, "
                            + "switch reads and drop " + a.column() + " later."));
        }
        return out;
    }
}
