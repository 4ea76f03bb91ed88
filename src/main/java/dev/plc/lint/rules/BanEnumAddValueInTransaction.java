package dev.plc.lint.rules;

import dev.plc.db.Dialect;
import dev.plc.lint.rule.Finding;
import dev.plc.lint.rule.LintContext;
import dev.plc.lint.rule.Rule;
import dev.plc.lint.rule.Severity;
import dev.plc.sql.SqlStatement;
import java.util.List;
import java.util.Set;

/**
 * ALTER TYPE ... ADD VALUE inside a transaction: an error before PostgreSQL 12 ("cannot run inside a transaction
 * block"); since 12 it runs, but the new value cannot be used until the transaction commits.
 */
public final class BanEnumAddValueInTransaction implements Rule {

    @Override
    public String id() {
        return "ban-enum-add-value-in-transaction";
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
        return "ALTER TYPE ... ADD VALUE inside a transaction before PostgreSQL 12";
    }

    @Override
    public String explanation() {
        return "Before PostgreSQL 12, ALTER TYPE ... ADD VALUE fails with \"cannot run inside a transaction block\", "
                + "and migration tools such as Flyway run every migration in a transaction: the deploy stops at this "
                + "migration. Since PostgreSQL 12 it runs in a transaction, but the new value cannot be used (inserted, "
                + "compared) until that transaction commits, so it must not be used later in the same migration.";
    }

    @Override
    public String safeAlternative() {
        return "-- a migration of its own that runs outside a transaction\n"
                + "-- (Flyway: a V<n>__x.sql.conf with executeInTransaction=false):\n"
                + "ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'refunded';";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext ctx) {
        if (!s.startsWith("ALTER", "TYPE") || s.indexOf(0, "ADD", "VALUE") < 0 || !ctx.inAnyTransaction()
                || !ctx.serverMajorVersion().map(v -> v < 12).orElse(false)) {
            return List.of();
        }
        String type = s.clause().isName(2) ? s.clause().qualifiedName(2) : "the enum";
        return List.of(finding(s, ctx,
                "ALTER TYPE " + type + " ADD VALUE cannot run inside a transaction block before PostgreSQL 12 (the server "
                        + "is " + ctx.serverMajorVersion().orElseThrow() + ctx.serverVersionSource().map(w -> ", " + w).orElse("") + "): the migration fails and the deploy stops here.",
                "Move it to a migration of its own that runs outside a transaction (Flyway: a .sql.conf with "
                        + "executeInTransaction=false), and make it re-runnable:\n    "
                        + s.text().replaceFirst("(?i)ADD\\s+VALUE\\s+(?!IF\\b)", "ADD VALUE IF NOT EXISTS ") + ";"));
    }
}
