package dev.plc.lint.rules;

import dev.plc.db.Dialect;
import dev.plc.lint.rule.Finding;
import dev.plc.lint.rule.LintContext;
import dev.plc.lint.rule.Rule;
import dev.plc.lint.rule.Severity;
import dev.plc.sql.ApprovalStamp;
import dev.plc.sql.SqlStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Ours: a migration written from an approved destructive plan carries a {@code plc:approved} stamp over its statements;
 * once a statement is edited the stamp no longer holds, and the drop is no longer what the user approved.
 */
public final class ApprovalNoLongerHolds implements Rule {

    public static final String ID = "approval-no-longer-holds";

    @Override
    public String id() {
        return ID;
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
        return "a migration written from an approved plan was edited after the approval";
    }

    @Override
    public String explanation() {
        return "write_migration stamps a migration that holds a plan's approved destructive steps with the plan id, the "
                + "approval token and a digest of its statements; the linter then reports the drop as approved instead of "
                + "failing it. Editing a statement afterwards changes what the migration destroys, so the approval no "
                + "longer covers it: the data-loss findings count again, and this rule says why.";
    }

    @Override
    public String safeAlternative() {
        return "-- restore the statements as written from the plan, or plan the new change and approve it:\n"
                + "-- plan_change -> approval token -> write_migration approval=<token>\n"
                + "ALTER TABLE customers DROP COLUMN full_name;";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext ctx) {
        List<Finding> out = new ArrayList<>();
        for (ApprovalStamp stamp : ApprovalStamp.of(List.of(s))) {
            if (!stamp.holdsFor(ctx.statements())) {
                out.add(new Finding(id(), severity().id(), ctx.file(), stamp.line(), "The approval on line " + stamp.line() + " ("
                        + stamp.approval() + ") no longer holds: the statements of this migration changed after it was written "
                        + "from the approved plan, so its drops are not what was approved.",
                        "Restore the statements as the plan wrote them, or plan the change again and get it approved.", false, null));
            }
        }
        return out;
    }
}
