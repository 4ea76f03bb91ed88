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
 * squawk: require-timeout-settings (lock_timeout part); strong_migrations sets lock_timeout itself.
 * On MySQL the metadata lock wait is bounded by lock_wait_timeout.
 */
public final class RequireTimeoutSettings implements Rule {

    @Override
    public String id() {
        return "require-timeout-settings";
    }

    @Override
    public Set<Dialect> dialects() {
        return POSTGRES_AND_MYSQL;
    }

    @Override
    public Severity severity() {
        return Severity.WARNING;
    }

    @Override
    public String summary() {
        return "Locking DDL on an existing table with no lock timeout set earlier in the file";
    }

    @Override
    public String explanation() {
        return "DDL needs a strong lock and waits in the lock queue behind any long-running query or open "
                + "transaction on the table; while it waits, every later query on the table queues behind it, so "
                + "even an instant ALTER can take the application down. A lock timeout makes the migration give "
                + "up after a few seconds instead (retry it later): PostgreSQL lock_timeout, MySQL lock_wait_timeout.";
    }

    @Override
    public String safeAlternative() {
        return "SET lock_timeout = '5s';  -- PostgreSQL (SET LOCAL inside an explicit transaction)\n"
                + "SET SESSION lock_wait_timeout = 5;  -- MySQL / MariaDB\n"
                + "ALTER TABLE users ADD COLUMN nickname text;";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext ctx) {
        if (ctx.lockTimeoutSet() || !locks(s, ctx)) {
            return List.of();
        }
        boolean mysql = ctx.dialect().isMysqlFamily();
        String table = s.tableName() == null ? "the table" : s.tableName();
        String set = mysql ? "SET SESSION lock_wait_timeout = 5;"
                : ctx.inTransaction() ? "SET LOCAL lock_timeout = '5s';" : "SET lock_timeout = '5s';";
        return List.of(finding(s, ctx,
                s.token(0) + " " + s.token(1) + " on " + table + " runs with no lock timeout: if it waits for its lock "
                        + "behind a long query, every other query on " + table + " queues behind it and the "
                        + "application stalls.",
                "Set a lock timeout at the top of the migration and retry the migration when it times out:\n    "
                        + set + "\n    " + s.text() + ";"));
    }

    private static boolean locks(SqlStatement s, LintContext ctx) {
        if (s.isAlterTable() || s.startsWith("RENAME", "TABLE") || s.startsWith("TRUNCATE")) {
            return !ctx.isNewTable(s.tableName());
        }
        if (s.isCreateIndex()) {
            return !s.contains("CONCURRENTLY") && !ctx.isNewTable(s.tableName());
        }
        if (s.isDropIndex()) {
            return !s.contains("CONCURRENTLY");
        }
        if (s.isDropTable()) {
            return !ctx.isNewTable(s.tableName());
        }
        return false;
    }
}
