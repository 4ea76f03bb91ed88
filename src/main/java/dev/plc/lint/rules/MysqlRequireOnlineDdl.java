package dev.plc.lint.rules;

import dev.plc.db.Dialect;
import dev.plc.lint.rule.AlterTable;
import dev.plc.lint.rule.Finding;
import dev.plc.lint.rule.LintContext;
import dev.plc.lint.rule.Rule;
import dev.plc.lint.rule.Severity;
import dev.plc.sql.SqlStatement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * MySQL online DDL: operations that InnoDB can do with ALGORITHM=INSTANT, or INPLACE with LOCK=NONE,
 * must say so. Without the clause MySQL silently picks the best algorithm it can, which may be COPY
 * (blocking writes); with it, an operation that cannot be done online fails instead of locking.
 */
public final class MysqlRequireOnlineDdl implements Rule {

    /** Actions InnoDB can do without blocking writes (MySQL 8.0 / MariaDB 10.3+ for the instant ones). */
    private static final Set<AlterTable.Kind> ONLINE = EnumSet.of(AlterTable.Kind.ADD_COLUMN,
            AlterTable.Kind.ADD_INDEX, AlterTable.Kind.ADD_CONSTRAINT, AlterTable.Kind.DROP_INDEX,
            AlterTable.Kind.DROP_COLUMN, AlterTable.Kind.RENAME_COLUMN, AlterTable.Kind.ALTER_COLUMN,
            AlterTable.Kind.RENAME_TABLE, AlterTable.Kind.OPTION);

    /** Actions that are metadata-only with ALGORITHM=INSTANT (ADD COLUMN: MySQL 8.0.12+, MariaDB 10.3+). */
    private static final Set<AlterTable.Kind> INSTANT = EnumSet.of(AlterTable.Kind.ADD_COLUMN,
            AlterTable.Kind.ALTER_COLUMN, AlterTable.Kind.RENAME_TABLE, AlterTable.Kind.OPTION);

    @Override
    public String id() {
        return "mysql-require-online-ddl";
    }

    @Override
    public Set<Dialect> dialects() {
        return MYSQL_FAMILY;
    }

    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "ALTER TABLE / CREATE INDEX without ALGORITHM=INSTANT, or ALGORITHM=INPLACE with LOCK=NONE";
    }

    @Override
    public String explanation() {
        return "Without an explicit ALGORITHM and LOCK, MySQL and MariaDB pick the best algorithm they can for each "
                + "ALTER and silently fall back to ALGORITHM=COPY (a full table copy that blocks writes) or a shared "
                + "lock when the online path is not available for that server version, column position or row "
                + "format. Stating ALGORITHM=INSTANT (add column: MySQL 8.0.12+ / MariaDB 10.3+) or "
                + "ALGORITHM=INPLACE, LOCK=NONE (add/drop index, drop column) makes the statement fail fast "
                + "instead of locking the table; then use an online schema change tool. FULLTEXT and SPATIAL indexes have "
                + "no LOCK=NONE path at all, and ENGINE=/FORCE rebuilds and primary key swaps need INPLACE, LOCK=NONE.";
    }

    @Override
    public String safeAlternative() {
        return "ALTER TABLE users ADD COLUMN nickname VARCHAR(64) NULL, ALGORITHM=INSTANT;\n"
                + "ALTER TABLE users ADD INDEX idx_users_email (email), ALGORITHM=INPLACE, LOCK=NONE;";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext ctx) {
        if (s.isCreateIndex() && !ctx.isNewTable(s.tableName()) && s.startsWith("CREATE", "FULLTEXT|SPATIAL")) {
            return List.of(noOnlinePath(s, ctx, s.tableName(), s.token(1), "ADD " + s.token(1) + " INDEX <name> (<columns>)"));
        }
        if (s.isCreateIndex() && !ctx.isNewTable(s.tableName()) && !s.startsWith("CREATE", "FULLTEXT|SPATIAL")) {
            boolean online = s.contains("ALGORITHM") && s.contains("LOCK") || s.contains("ALGORITHM", "=", "INSTANT");
            if (online) {
                return List.of();
            }
            return List.of(finding(s, ctx,
                    "CREATE INDEX on " + ctx.describe(s.tableName()) + " names no ALGORITHM/LOCK: MySQL uses the best "
                            + "it can and silently falls back to a write-blocking lock when the online path is unavailable.",
                    "Require the online path, so the statement fails instead of locking:\n    " + s.text()
                            + " ALGORITHM=INPLACE LOCK=NONE;"));
        }
        AlterTable alter = AlterTable.of(s).orElse(null);
        if (alter == null || ctx.isNewTable(alter.table())) {
            return List.of();
        }
        List<AlterTable.Action> changes = alter.actions().stream()
                .filter(a -> a.kind() != AlterTable.Kind.OPTION).collect(Collectors.toList());
        for (AlterTable.Action a : changes) {
            if (a.kind() == AlterTable.Kind.ADD_INDEX && a.clause().at(1, "FULLTEXT|SPATIAL")) {
                return List.of(noOnlinePath(s, ctx, alter.table(), a.clause().token(1), a.clause().text()));
            }
        }
        boolean allOnline = !changes.isEmpty() && changes.stream().allMatch(MysqlRequireOnlineDdl::online);
        if (!allOnline) {
            return List.of(); // MODIFY/CHANGE, foreign keys, ...: see their own rules
        }
        String algorithm = alter.algorithm();
        String lock = alter.lock();
        if ("INSTANT".equals(algorithm) || ("INPLACE".equals(algorithm) && "NONE".equals(lock))) {
            return List.of();
        }
        boolean instant = changes.stream().allMatch(a -> INSTANT.contains(a.kind()));
        String clause = instant ? "ALGORITHM=INSTANT" : "ALGORITHM=INPLACE, LOCK=NONE";
        String body = changes.stream().map(a -> a.clause().text()).collect(Collectors.joining(", "));
        String what = algorithm == null ? "names no ALGORITHM" : "uses ALGORITHM=" + algorithm
                + (lock == null ? " without LOCK=NONE" : ", LOCK=" + lock);
        List<Finding> out = new ArrayList<>();
        out.add(finding(s, ctx,
                "ALTER TABLE " + ctx.describe(alter.table()) + " " + what + ": MySQL picks the algorithm itself and "
                        + "silently falls back to a table copy or a lock that blocks writes to " + alter.table()
                        + " whenever the online path is unavailable on this server.",
                "State the online algorithm, so MySQL refuses instead of blocking (then use gh-ost or "
                        + "pt-online-schema-change):\n    ALTER TABLE " + alter.table() + " " + body + ", " + clause + ";"
                        + (instant ? "\n    -- before MySQL 8.0.12 / MariaDB 10.3: ALGORITHM=INPLACE, LOCK=NONE" : "")));
        return out;
    }

    /** FULLTEXT and SPATIAL indexes: InnoDB builds them with LOCK=SHARED at best (the first FULLTEXT one rebuilds the table). */
    private Finding noOnlinePath(SqlStatement s, LintContext ctx, String table, String kind, String alter) {
        return finding(s, ctx,
                "A " + kind + " index on " + ctx.describe(table) + " cannot be built with LOCK=NONE: InnoDB blocks "
                        + "writes to " + table + " for the whole build (the first FULLTEXT index also rebuilds the table).",
                "Build it where writes can wait (a maintenance window), or online with gh-ost / "
                        + "pt-online-schema-change, which copy the table in the background:\n    gh-ost --alter=\""
                        + alter.replaceAll("\\s+", " ")
                        + "\" --table=" + table + " --execute");
    }

    private static boolean online(AlterTable.Action a) {
        if (a.kind() == AlterTable.Kind.DROP_CONSTRAINT && a.clause().at(1, "PRIMARY")) {
            // rebuilds the clustered index: in place with LOCK=NONE when a new primary key is added in the same statement
            return true;
        }
        if (a.kind() == AlterTable.Kind.OTHER) {
            // ENGINE=InnoDB (same engine) and FORCE rebuild the table in place, with concurrent DML when asked for
            return a.clause().startsWith("FORCE") || a.clause().startsWith("ENGINE");
        }
        if (!ONLINE.contains(a.kind())) {
            return false;
        }
        if (a.kind() == AlterTable.Kind.ADD_INDEX) {
            // FULLTEXT and SPATIAL indexes are built in place but need LOCK=SHARED: no online path to require
            return !a.clause().at(1, "FULLTEXT|SPATIAL");
        }
        if (a.kind() == AlterTable.Kind.ADD_CONSTRAINT) {
            return "UNIQUE".equals(a.constraintType()) || "PRIMARY".equals(a.constraintType());
        }
        if (a.kind() == AlterTable.Kind.ADD_COLUMN) {
            // stored generated / auto-increment columns copy the table: adding-* rules
            return a.definition() != null && !a.definition().generatedStored() && !a.definition().autoIncrement();
        }
        if (a.kind() == AlterTable.Kind.ALTER_COLUMN) {
            return a.rest().startsWith("SET", "DEFAULT") || a.rest().startsWith("DROP", "DEFAULT");
        }
        return true;
    }
}
