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

/**
 * ADD CHECK on an existing MySQL / MariaDB table. Checked on MariaDB 10.11: ALGORITHM=INPLACE and NOCOPY are refused
 * ("Try ALGORITHM=COPY"), and LOCK=NONE is refused ("Try LOCK=SHARED"): the table is copied while writes wait. MySQL
 * 8.0-9.2 asks for ALGORITHM=COPY as well (MySQL bug #117450). A CHECK on a column added in the same ALTER is not
 * flagged: MariaDB 10.11 adds it with ALGORITHM=INSTANT (the new column holds only NULLs).
 */
public final class MysqlAddCheckConstraint implements Rule {

    @Override
    public String id() {
        return "mysql-add-check-constraint";
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
        return "ADD CHECK constraint on an existing MySQL / MariaDB table";
    }

    @Override
    public String explanation() {
        return "Adding a CHECK constraint to an InnoDB table has no in-place path: the server copies the whole table "
                + "(ALGORITHM=COPY) to check every row, and LOCK=NONE is refused, so writes to the table wait until "
                + "the copy is done (MariaDB 10.11 answers ALGORITHM=INPLACE with \"Try ALGORITHM=COPY\" and LOCK=NONE "
                + "with \"Try LOCK=SHARED\"). There is no NOT VALID form as in PostgreSQL. Add it with an online "
                + "schema change tool, which copies the table in the background, or in a maintenance window.";
    }

    @Override
    public String safeAlternative() {
        return "-- online, outside the migration (the tool copies the table while writes go on):\n"
                + "--   gh-ost --alter=\"ADD CONSTRAINT chk_orders_amount CHECK (amount >= 0)\" --table=orders --execute\n"
                + "-- or on a table created in the same migration:\n"
                + "CREATE TABLE orders_v2 (id BIGINT PRIMARY KEY, amount INT NOT NULL, CONSTRAINT chk_orders_v2_amount CHECK (amount >= 0));";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext ctx) {
        AlterTable alter = AlterTable.of(s).orElse(null);
        if (alter == null || ctx.isNewTable(alter.table())) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        String table = alter.table();
        for (AlterTable.Action a : alter.actions()) {
            if (a.kind() != AlterTable.Kind.ADD_CONSTRAINT || !"CHECK".equals(a.constraintType())) {
                continue;
            }
            out.add(finding(s, ctx,
                    "Adding CHECK constraint " + (a.name() == null ? "" : a.name() + " ") + "to " + ctx.describe(table)
                            + " copies the whole table (ALGORITHM=COPY, no LOCK=NONE): writes to " + table
                            + " wait until every row is copied and checked.",
                    "Add it online with a tool that copies the table in the background:\n    gh-ost --alter=\""
                            + a.clause().text().replaceAll("\\s+", " ").replace("\"", "\\\"") + "\" --table=" + table
                            + " --execute\n    -- or: pt-online-schema-change --alter \""
                            + a.clause().text().replaceAll("\\s+", " ").replace("\"", "\\\"") + "\" D=<db>,t=" + table
                            + " --execute"));
        }
        return out;
    }
}
