package dev.plc.lint.rules;

import dev.plc.db.Dialect;
import dev.plc.lint.rule.Finding;
import dev.plc.lint.rule.LintContext;
import dev.plc.lint.rule.Rule;
import dev.plc.lint.rule.Severity;
import dev.plc.sql.SqlStatement;
import java.util.List;
import java.util.Set;

/** squawk: ban-alter-domain-with-add-constraint. */
public final class BanAlterDomainWithAddConstraint implements Rule {

    @Override
    public String id() {
        return "ban-alter-domain-with-add-constraint";
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
        return "ALTER DOMAIN ... ADD CONSTRAINT";
    }

    @Override
    public String explanation() {
        return "ALTER DOMAIN ... ADD CONSTRAINT checks every column of every table that uses the domain while "
                + "holding locks on all those tables: writes to all of them wait for the scan, and the change "
                + "cannot be rolled out table by table. Constraints on the tables themselves can be added NOT "
                + "VALID and validated one table at a time without blocking.";
    }

    @Override
    public String safeAlternative() {
        return "ALTER TABLE users ADD CONSTRAINT users_email_check CHECK (position('@' in email) > 1) NOT VALID;\n"
                + "ALTER TABLE users VALIDATE CONSTRAINT users_email_check;  -- separate transaction";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext ctx) {
        if (!s.startsWith("ALTER", "DOMAIN") || !s.contains("ADD")) {
            return List.of();
        }
        String domain = s.clause().qualifiedName(2);
        return List.of(finding(s, ctx,
                "Adding a constraint to domain " + domain + " checks every column of every table that uses " + domain
                        + " while locking all those tables: writes to them wait for the whole scan.",
                "Add the constraint to each table's column instead, NOT VALID, then validate it in a separate "
                        + "transaction:\n    ALTER TABLE <table> ADD CONSTRAINT <table>_<column>_check CHECK (...) "
                        + "NOT VALID;\n    ALTER TABLE <table> VALIDATE CONSTRAINT <table>_<column>_check;"));
    }
}
