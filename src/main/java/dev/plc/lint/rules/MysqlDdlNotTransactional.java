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
 * strong_migrations' advice for MySQL (no transactional DDL): one schema change per migration.
 * Reported once per file, at the second statement that changes an existing table.
 */
public final class MysqlDdlNotTransactional implements Rule {

    @Override
    public String id() {
        return "mysql-ddl-not-transactional";
    }

    @Override
    public Set<Dialect> dialects() {
        return MYSQL_FAMILY;
    }

    @Override
    public Severity severity() {
        return Severity.WARNING;
    }

    @Override
    public String summary() {
        return "More than one DDL statement on existing tables in one MySQL migration";
    }

    @Override
    public String explanation() {
        return "MySQL and MariaDB commit implicitly before and after every DDL statement, so a migration cannot be "
                + "rolled back: if its second ALTER fails, the first one stays applied, the migration is marked "
                + "failed, and re-running it fails on the part that already ran. Put one schema change on an "
                + "existing table in each migration (creating new tables is exempt).";
    }

    @Override
    public String safeAlternative() {
        return "-- V7__add_users_nickname.sql\nALTER TABLE users ADD COLUMN nickname VARCHAR(64) NULL, ALGORITHM=INSTANT;\n"
                + "-- V8__add_orders_note.sql\nALTER TABLE orders ADD COLUMN note TEXT NULL, ALGORITHM=INSTANT;";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext ctx) {
        if (!changesExistingTable(s, ctx)) {
            return List.of();
        }
        SqlStatement first = null;
        int count = 0;
        for (SqlStatement e : ctx.earlier()) {
            if (changesExistingTable(e, ctx)) {
                first = first == null ? e : first;
                count++;
            }
        }
        if (count != 1) {
            return List.of(); // report once, at the second one
        }
        return List.of(finding(s, ctx,
                "This migration changes existing tables in more than one DDL statement (line " + first.line() + " and "
                        + "line " + s.line() + "): MySQL commits each one separately, so a failure here leaves line "
                        + first.line() + " applied and the migration half-done, and re-running it fails.",
                "Split it: one DDL statement on an existing table per migration file; this one goes to the next "
                        + "migration:\n    " + s.text() + ";"));
    }

    private static boolean changesExistingTable(SqlStatement s, LintContext ctx) {
        if (!s.isDdl() || s.isCreateTable()) {
            return false;
        }
        String table = s.tableName();
        return table == null || !ctx.isNewTable(table);
    }
}
