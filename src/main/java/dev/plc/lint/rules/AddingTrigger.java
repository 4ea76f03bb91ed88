package dev.plc.lint.rules;

import dev.plc.db.Dialect;
import dev.plc.lint.rule.Finding;
import dev.plc.lint.rule.LintContext;
import dev.plc.lint.rule.Rule;
import dev.plc.lint.rule.Severity;
import dev.plc.sql.SqlStatement;
import dev.plc.sql.Verb;
import java.util.List;
import java.util.Set;

/**
 * CREATE TRIGGER on an existing table. PostgreSQL manual (Explicit Locking: SHARE ROW EXCLUSIVE is "acquired by CREATE
 * TRIGGER"); checked on PostgreSQL 15.
 */
public final class AddingTrigger implements Rule {

    @Override
    public String id() {
        return "adding-trigger";
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
        return "CREATE TRIGGER on an existing table";
    }

    @Override
    public String explanation() {
        return "CREATE TRIGGER takes a SHARE ROW EXCLUSIVE lock on the table: it is quick once granted, but it waits "
                + "for every running write and long read, and every INSERT, UPDATE and DELETE queued behind it waits "
                + "too, so set a lock timeout. The trigger then changes what every write does, for every writer of "
                + "the table (the application, other services, batch jobs, manual fixes): a trigger that fails or is "
                + "slow fails or slows all of their writes, and old code that does the same work itself now does it "
                + "twice. Deploy the trigger function first, test it, and create the trigger with a bounded lock wait.";
    }

    @Override
    public String safeAlternative() {
        return "SET lock_timeout = '5s';\n"
                + "CREATE TRIGGER orders_touch_updated_at BEFORE UPDATE ON orders\n"
                + "    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();\n"
                + "-- the function exists and is tested first; every writer of orders is ready for the trigger";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext ctx) {
        if (s.kind().verb() != Verb.CREATE || !"TRIGGER".equals(s.kind().object()) || s.kind().table() == null
                || ctx.isNewTable(s.kind().table().name())) {
            return List.of();
        }
        String table = s.kind().table().toString();
        String trigger = s.kind().target() == null ? "the trigger" : s.kind().target().toString();
        String help = "Make sure every writer of " + table + " (the running application, other services, batch jobs) "
                + "is ready for " + trigger + " and that its function is deployed and tested, then create it with a "
                + "bounded lock wait:\n    " + (ctx.lockTimeoutSet() ? "" : ctx.inTransaction()
                ? "SET LOCAL lock_timeout = '5s';\n    " : "SET lock_timeout = '5s';\n    ") + s.text() + ";";
        return List.of(finding(s, ctx,
                "CREATE TRIGGER " + trigger + " takes a SHARE ROW EXCLUSIVE lock on " + ctx.describe(table)
                        + " (writes wait for it, and it waits for running writes), and from then on changes what every "
                        + "INSERT, UPDATE or DELETE of " + table + " does, for every writer.",
                help));
    }
}
