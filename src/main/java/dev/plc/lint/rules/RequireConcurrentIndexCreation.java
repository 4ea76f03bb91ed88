package dev.plc.lint.rules;

import dev.plc.db.Dialect;
import dev.plc.lint.rule.Finding;
import dev.plc.lint.rule.LintContext;
import dev.plc.lint.rule.Rule;
import dev.plc.lint.rule.Severity;
import dev.plc.sql.SqlStatement;
import java.util.List;
import java.util.Set;

/** squawk: require-concurrent-index-creation; strong_migrations: "Adding an index non-concurrently". */
public final class RequireConcurrentIndexCreation implements Rule {

    @Override
    public String id() {
        return "require-concurrent-index-creation";
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
        return "CREATE INDEX without CONCURRENTLY on an existing table";
    }

    @Override
    public String explanation() {
        return "A plain CREATE INDEX takes a SHARE lock on the table for the whole index build: reads go on, "
                + "but every INSERT, UPDATE and DELETE waits until the index is built, which takes minutes on a "
                + "large table. CREATE INDEX CONCURRENTLY builds the index in several passes while writes continue "
                + "(it cannot run inside a transaction block).";
    }

    @Override
    public String safeAlternative() {
        return "CREATE INDEX CONCURRENTLY index_name ON table_name (column_name);  -- in its own migration, "
                + "outside a transaction";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext ctx) {
        if (!s.isCreateIndex() || s.contains("CONCURRENTLY") || ctx.isNewTable(s.tableName())) {
            return List.of();
        }
        String table = s.tableName();
        return List.of(finding(s, ctx,
                "CREATE INDEX on " + ctx.describe(table) + " blocks writes (INSERT, UPDATE, DELETE) to " + table
                        + " until the whole index is built: it holds a SHARE lock for the build.",
                "Build it concurrently, in a migration of its own that runs outside a transaction "
                        + "(Flyway: executeInTransaction=false in its .sql.conf):\n    "
                        + Sql.insertAfterKeyword(s.text(), "INDEX", "CONCURRENTLY") + ";"));
    }
}
