package dev.plc.lint.rules;

import dev.plc.db.Dialect;
import dev.plc.lint.rule.Finding;
import dev.plc.lint.rule.LintContext;
import dev.plc.lint.rule.Rule;
import dev.plc.lint.rule.Severity;
import dev.plc.sql.SqlStatement;
import java.util.List;
import java.util.Set;

/** squawk: require-concurrent-index-deletion; strong_migrations: "Removing an index non-concurrently". */
public final class RequireConcurrentIndexDeletion implements Rule {

    @Override
    public String id() {
        return "require-concurrent-index-deletion";
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
        return "DROP INDEX without CONCURRENTLY";
    }

    @Override
    public String explanation() {
        return "DROP INDEX takes an ACCESS EXCLUSIVE lock on the index's table: every read and write of the table "
                + "waits, first while the drop waits for running transactions to finish, then while it runs. "
                + "DROP INDEX CONCURRENTLY waits for conflicting transactions without blocking new ones.";
    }

    @Override
    public String safeAlternative() {
        return "DROP INDEX CONCURRENTLY IF EXISTS index_name;  -- in its own migration, outside a transaction";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext ctx) {
        if (!s.isDropIndex() || s.contains("CONCURRENTLY")) {
            return List.of();
        }
        int i = s.clause().at(2, "IF", "EXISTS") ? 4 : 2;
        String index = s.clause().qualifiedName(i);
        return List.of(finding(s, ctx,
                "DROP INDEX " + index + " takes an ACCESS EXCLUSIVE lock on its table: reads and writes of the "
                        + "table wait until the drop is done, and queue behind it while it waits for the lock.",
                "Drop it concurrently, in a migration of its own that runs outside a transaction:\n    "
                        + Sql.insertAfterKeyword(s.text(), "INDEX", "CONCURRENTLY") + ";"));
    }
}
