package dev.plc.lint.rules;

import dev.plc.db.Dialect;
import dev.plc.lint.rule.Finding;
import dev.plc.lint.rule.LintContext;
import dev.plc.lint.rule.Rule;
import dev.plc.lint.rule.Severity;
import dev.plc.sql.SqlStatement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * strong_migrations: "Backfilling data" (backfill in the same transaction as the schema change, and
 * in one big statement).
 */
public final class BackfillInDdlMigration implements Rule {

    @Override
    public String id() {
        return "backfill-in-ddl-migration";
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
        return "UPDATE/DELETE without WHERE, or in the same transactional migration as DDL";
    }

    @Override
    public String explanation() {
        return "An UPDATE or DELETE of a whole table in one statement locks every row it touches until it commits "
                + "and can run for minutes, blocking the application's writes to those rows. In the same "
                + "transaction as DDL it is worse: the DDL's lock (ACCESS EXCLUSIVE on PostgreSQL) is held until "
                + "the backfill commits, so every read and write of the table waits. Backfill in its own "
                + "migration, in batches, after the schema change is committed.";
    }

    @Override
    public String safeAlternative() {
        return "-- its own migration, after the schema change; repeat until no row is left:\n"
                + "UPDATE users SET status = 'active' WHERE id IN (SELECT id FROM users WHERE status IS NULL LIMIT 10000);";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext ctx) {
        if (!(s.startsWith("UPDATE") || s.startsWith("DELETE"))) {
            return List.of();
        }
        String table = s.tableName();
        if (ctx.isNewTable(table)) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        String batch = ctx.dialect().isMysqlFamily() ? " LIMIT 10000" : "";
        boolean whole = !s.contains("WHERE");
        // MySQL/MariaDB commit around every DDL statement: there is no shared transaction to hold its lock
        SqlStatement ddl = ctx.inAnyTransaction() && !ctx.dialect().isMysqlFamily() ? lockingDdl(ctx) : null;
        if (whole) {
            out.add(finding(s, ctx,
                    s.token(0) + " of every row of " + ctx.describe(table) + " in one statement: it locks all those "
                            + "rows until it commits, blocking the application's writes to them"
                            + (s.startsWith("DELETE") ? ", and deletes all the data" : "") + ".",
                    "Work in batches with a WHERE that selects the rows still to do, in a migration of its own:\n    "
                            + (s.startsWith("UPDATE") && !ctx.dialect().isMysqlFamily()
                            ? "UPDATE " + table + " SET ... WHERE id IN (SELECT id FROM " + table
                            + " WHERE <not yet done> LIMIT 10000);"
                            : s.token(0) + " ... WHERE <not yet done>" + batch + ";") + "  -- repeat until 0 rows"));
        }
        if (ddl != null) {
            out.add(finding(s, ctx,
                    s.token(0) + " of " + table + " runs in the same transaction as the DDL on line " + ddl.line()
                            + ": the DDL's locks are held until the backfill commits, so queries on the altered "
                            + "table wait for the whole backfill.",
                    "Move the " + s.token(0) + " to a migration of its own, after this one, and run it in batches."));
        }
        return out;
    }

    /** The first DDL of the file that locks a table that existed before it (not CREATE TABLE, not a new table). */
    private static SqlStatement lockingDdl(LintContext ctx) {
        Set<String> created = new HashSet<>();
        for (SqlStatement e : ctx.statements()) {
            if (e.isCreateTable() && e.tableName() != null) {
                created.add(e.tableName().toLowerCase(Locale.ROOT));
            }
        }
        for (SqlStatement e : ctx.statements()) {
            if (e.isDdl() && !e.isCreateTable() && !e.startsWith("CREATE", "SEQUENCE|DOMAIN|TYPE|EXTENSION|FUNCTION|VIEW")
                    && (e.tableName() == null || !created.contains(e.tableName().toLowerCase(Locale.ROOT)))
                    && !ctx.isNewTable(e.tableName())) {
                return e;
            }
        }
        return null;
    }
}
