package dev.plc.lint.rules;

import dev.plc.db.Dialect;
import dev.plc.lint.rule.Finding;
import dev.plc.lint.rule.LintContext;
import dev.plc.lint.rule.Rule;
import dev.plc.lint.rule.Severity;
import dev.plc.sql.SqlStatement;
import java.util.List;
import java.util.Set;

/** squawk: ban-concurrent-index-creation-in-transaction. */
public final class BanConcurrentIndexCreationInTransaction implements Rule {

    @Override
    public String id() {
        return "ban-concurrent-index-creation-in-transaction";
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
        return "CREATE/DROP INDEX CONCURRENTLY inside a transaction";
    }

    @Override
    public String explanation() {
        return "CREATE INDEX CONCURRENTLY, DROP INDEX CONCURRENTLY and REINDEX CONCURRENTLY cannot run inside a "
                + "transaction block: PostgreSQL rejects them with 'cannot run inside a transaction block', so the "
                + "migration fails at deploy time (and some tools instead hang waiting on their own lock). They "
                + "must be the only statement of a migration that the tool runs outside a transaction.";
    }

    @Override
    public String safeAlternative() {
        return "-- V12__add_index.sql, alone, with V12__add_index.sql.conf: executeInTransaction=false\n"
                + "CREATE INDEX CONCURRENTLY IF NOT EXISTS index_name ON table_name (column_name);";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext ctx) {
        boolean concurrent = (s.isCreateIndex() || s.isDropIndex() || s.startsWith("REINDEX"))
                && s.contains("CONCURRENTLY");
        if (!concurrent || !ctx.inAnyTransaction()) {
            return List.of();
        }
        String where = ctx.inTransaction() ? "inside the BEGIN ... COMMIT block of this file"
                : "in a migration that the migration tool runs in a transaction";
        String verb = s.token(0) + (s.token(0).equals("REINDEX") ? "" : " INDEX") + " CONCURRENTLY";
        String help = ctx.inTransaction()
                ? "Remove BEGIN/COMMIT around it and move it to a migration of its own that runs outside a transaction."
                : "Move it to a migration of its own and mark that migration non-transactional "
                        + "(Flyway: a <migration>.sql.conf with executeInTransaction=false; Liquibase: runInTransaction:false).";
        return List.of(finding(s, ctx,
                verb + (s.tableName() == null ? "" : " on " + s.tableName()) + " is " + where
                        + ": PostgreSQL refuses it with 'cannot run inside a transaction block', so the migration fails.",
                help + "\n    " + s.text() + ";"));
    }
}
