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
 * squawk: constraint-missing-not-valid; strong_migrations: "Adding a check constraint". Also flags
 * VALIDATE CONSTRAINT in the same transaction as the ADD ... NOT VALID, which keeps the ADD's lock.
 */
public final class ConstraintMissingNotValid implements Rule {

    @Override
    public String id() {
        return "constraint-missing-not-valid";
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
        return "ADD CHECK / FOREIGN KEY constraint on an existing table without NOT VALID";
    }

    @Override
    public String explanation() {
        return "Adding a CHECK or FOREIGN KEY constraint checks every existing row while holding the ALTER TABLE "
                + "lock (ACCESS EXCLUSIVE for a CHECK: reads and writes wait; SHARE ROW EXCLUSIVE on both tables for "
                + "a foreign key: writes wait). With NOT VALID the constraint is added instantly and enforced for "
                + "new rows; VALIDATE CONSTRAINT then checks the old rows under a SHARE UPDATE EXCLUSIVE lock that "
                + "lets reads and writes continue. Validating in the same transaction as the ADD keeps the ADD's "
                + "lock for the whole scan, which undoes the point.";
    }

    @Override
    public String safeAlternative() {
        return "ALTER TABLE table_name ADD CONSTRAINT constraint_name CHECK (condition) NOT VALID;\n"
                + "-- in a separate transaction (next migration):\n"
                + "ALTER TABLE table_name VALIDATE CONSTRAINT constraint_name;";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext ctx) {
        AlterTable alter = AlterTable.of(s).orElse(null);
        if (alter == null || ctx.isNewTable(alter.table())) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        for (AlterTable.Action a : alter.actions()) {
            if (a.kind() == AlterTable.Kind.ADD_CONSTRAINT && !a.notValid()
                    && ("CHECK".equals(a.constraintType()) || "FOREIGN".equals(a.constraintType()))) {
                String name = a.name() != null ? a.name()
                        : Sql.name(alter.table(), null, "CHECK".equals(a.constraintType()) ? "check" : "fkey");
                String definition = a.name() != null ? a.clause().text()
                        : "ADD CONSTRAINT " + name + " " + a.clause().sub(1).text();
                String lock = "CHECK".equals(a.constraintType())
                        ? "an ACCESS EXCLUSIVE lock: reads and writes of " + alter.table() + " wait"
                        : "a SHARE ROW EXCLUSIVE lock on " + alter.table() + " and the referenced table: writes to both wait";
                out.add(finding(s, ctx,
                        "Adding " + ("CHECK".equals(a.constraintType()) ? "CHECK" : "FOREIGN KEY") + " constraint " + name + " to " + ctx.describe(alter.table())
                                + " checks every existing row while holding " + lock + ".",
                        "Add it NOT VALID (instant, enforced for new rows), then validate it in a separate transaction "
                                + "(reads and writes continue):\n    ALTER TABLE " + alter.table() + " " + definition
                                + " NOT VALID;\n    -- next migration:\n    ALTER TABLE " + alter.table()
                                + " VALIDATE CONSTRAINT " + name + ";"));
            }
            if (a.kind() == AlterTable.Kind.VALIDATE_CONSTRAINT && addedNotValidInSameTransaction(alter, a, ctx)) {
                out.add(finding(s, ctx,
                        "VALIDATE CONSTRAINT " + a.name() + " runs in the same transaction as the ADD CONSTRAINT ... "
                                + "NOT VALID: the ADD's lock on " + alter.table() + " is held until the end of the "
                                + "transaction, so reads and writes wait for the whole validation scan.",
                        "Commit the ADD first: move\n    ALTER TABLE " + alter.table() + " VALIDATE CONSTRAINT "
                                + a.name() + ";\nto the next migration (or after a COMMIT)."));
            }
        }
        return out;
    }

    private static boolean addedNotValidInSameTransaction(AlterTable alter, AlterTable.Action validate,
                                                          LintContext ctx) {
        if (!ctx.inAnyTransaction()) {
            return false;
        }
        List<SqlStatement> earlier = ctx.earlier();
        int from = 0;
        if (!ctx.transactional()) {
            for (int i = 0; i < earlier.size(); i++) {
                if (earlier.get(i).isTransactionStart()) {
                    from = i;
                }
            }
        }
        for (SqlStatement e : earlier.subList(from, earlier.size())) {
            AlterTable previous = AlterTable.of(e).orElse(null);
            if (previous == null || !previous.table().equalsIgnoreCase(alter.table())) {
                continue;
            }
            for (AlterTable.Action a : previous.actions()) {
                if (a.kind() == AlterTable.Kind.ADD_CONSTRAINT && a.notValid() && a.name() != null
                        && a.name().equalsIgnoreCase(validate.name())) {
                    return true;
                }
            }
        }
        return false;
    }
}
