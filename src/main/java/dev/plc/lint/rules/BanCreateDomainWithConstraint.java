package dev.plc.lint.rules;

import dev.plc.db.Dialect;
import dev.plc.lint.rule.Finding;
import dev.plc.lint.rule.LintContext;
import dev.plc.lint.rule.Rule;
import dev.plc.lint.rule.Severity;
import dev.plc.sql.SqlStatement;
import java.util.List;
import java.util.Set;

/** squawk: ban-create-domain-with-constraint. */
public final class BanCreateDomainWithConstraint implements Rule {

    @Override
    public String id() {
        return "ban-create-domain-with-constraint";
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
        return "CREATE DOMAIN with a CHECK constraint";
    }

    @Override
    public String explanation() {
        return "A constraint on a domain applies to every column of every table that uses the domain. Changing it "
                + "later (ALTER DOMAIN ... ADD CONSTRAINT) checks all those columns while holding locks on all "
                + "those tables, and it cannot be done per table or without blocking. CHECK constraints on the "
                + "tables themselves can be added NOT VALID and validated online.";
    }

    @Override
    public String safeAlternative() {
        return "CREATE DOMAIN email AS text;  -- no constraint on the domain\n"
                + "ALTER TABLE users ADD CONSTRAINT users_email_check CHECK (position('@' in email) > 1) NOT VALID;";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext ctx) {
        if (!s.startsWith("CREATE", "DOMAIN") || !(s.contains("CHECK") || s.contains("CONSTRAINT"))) {
            return List.of();
        }
        String domain = s.clause().qualifiedName(2);
        int as = s.indexOf(0, "AS");
        int end = as + 1;
        while (end < s.clause().size() && !s.clause().at(end, "CHECK|CONSTRAINT|NOT|NULL|DEFAULT|COLLATE")) {
            end++;
        }
        String type = as < 0 ? "<type>" : s.clause().sub(as + 1, end).text();
        return List.of(finding(s, ctx,
                "Domain " + domain + " carries a constraint: changing it later locks and checks every table whose "
                        + "columns use " + domain + ", all at once.",
                "Create the domain without the constraint and put CHECK constraints on the tables' columns "
                        + "(added NOT VALID, then validated):\n    CREATE DOMAIN " + domain + " AS " + type + ";"));
    }
}
