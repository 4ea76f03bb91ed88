package dev.plc.lint.rules;

import dev.plc.db.Dialect;
import dev.plc.lint.rule.Finding;
import dev.plc.lint.rule.LintContext;
import dev.plc.lint.rule.Rule;
import dev.plc.lint.rule.Severity;
import dev.plc.lint.rule.Suppression;
import dev.plc.sql.SqlStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Ours: a {@code plc:ignore} without a reason suppresses nothing and is reported. */
public final class SuppressionNeedsReason implements Rule {

    public static final String ID = "suppression-needs-reason";

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
        return "plc:ignore comment without a reason, or naming an unknown rule";
    }

    @Override
    public String explanation() {
        return "A suppression is a decision that a hazard is acceptable here; without the reason the next reader "
                + "(and the reviewer of the deploy) cannot tell a considered exception from a silenced warning. A "
                + "plc:ignore comment without a rule id and a reason therefore suppresses nothing.";
    }

    @Override
    public String safeAlternative() {
        return "-- plc:ignore require-concurrent-index-creation audit_log has 200 rows and no writes during deploys\n"
                + "CREATE INDEX audit_log_created_at_idx ON audit_log (created_at);";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext ctx) {
        List<Finding> out = new ArrayList<>();
        for (Suppression sup : Suppression.of(s)) {
            for (String unknown : sup.rules()) {
                if (!ctx.isKnownRule(unknown)) {
                    out.add(new Finding(id(), severity().id(), ctx.file(), sup.line(),
                            "The plc:ignore on line " + sup.line() + " names no rule of the catalogue: '" + unknown
                                    + "', so it suppresses nothing.",
                            "Use the id printed with the finding, e.g.:\n    -- plc:ignore ban-drop-column <reason>",
                            false, null));
                }
            }
            if (sup.rules().isEmpty() || !sup.hasReason()) {
                String ids = sup.rules().isEmpty() ? "<rule-id>" : String.join(",", sup.rules());
                out.add(new Finding(id(), severity().id(), ctx.file(), sup.line(),
                        "The plc:ignore on line " + sup.line() + " gives no " + (sup.rules().isEmpty() ? "rule id" : "reason")
                                + ", so it suppresses nothing.",
                        "Say why the hazard is acceptable here:\n    -- plc:ignore " + ids
                                + " <why this is safe here, e.g. the table has 200 rows>",
                        false, null));
            }
        }
        return out;
    }
}
