package dev.plc.lint.rules;

import dev.plc.db.Dialect;
import dev.plc.lint.rule.Finding;
import dev.plc.lint.rule.LintContext;
import dev.plc.lint.rule.Rule;
import dev.plc.lint.rule.Severity;
import dev.plc.sql.QualifiedName;
import dev.plc.sql.SqlStatement;
import dev.plc.sql.Verb;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * LOCK TABLE in a PostgreSQL migration. PostgreSQL manual (LOCK): ACCESS EXCLUSIVE when no mode is given, held until
 * the transaction ends (checked on PostgreSQL 15).
 */
public final class BanLockTable implements Rule {

    @Override
    public String id() {
        return "ban-lock-table";
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
        return "LOCK TABLE in a migration";
    }

    @Override
    public String explanation() {
        return "LOCK TABLE takes an ACCESS EXCLUSIVE lock when no mode is given (every read and write of the table "
                + "waits) and, like every mode from SHARE up, blocks all writes; the lock is held until the migration's "
                + "transaction ends, so everything after it in the file runs with the table locked. The statements "
                + "of a migration already take the locks they need, each for as short as it can: an explicit lock only "
                + "widens the window. If a step really needs one, take the weakest mode that works, with a lock "
                + "timeout, right before the statement that needs it, and commit right after.";
    }

    @Override
    public String safeAlternative() {
        return "-- no LOCK TABLE: let each statement take its own lock, with a bounded wait\n"
                + "SET lock_timeout = '5s';\n"
                + "ALTER TABLE orders ADD COLUMN note text;";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext ctx) {
        if (s.kind().verb() != Verb.LOCK || s.kind().targets().isEmpty()
                || s.kind().targets().stream().allMatch(t -> ctx.isNewTable(t.name()))) {
            return List.of();
        }
        String tables = s.kind().targets().stream().map(QualifiedName::toString).collect(Collectors.joining(", "));
        int in = s.clause().indexOfTopLevel(0, "IN");
        int mode = s.clause().indexOfTopLevel(Math.max(in, 0), "MODE");
        String lock = in < 0 || mode < 0 ? "ACCESS EXCLUSIVE" : s.clause().sub(in + 1, mode).text().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
        String blocks = lock.equals("ACCESS EXCLUSIVE") ? "every read and write"
                : lock.equals("ACCESS SHARE") || lock.equals("ROW SHARE") || lock.equals("ROW EXCLUSIVE")
                || lock.equals("SHARE UPDATE EXCLUSIVE") ? "schema changes and maintenance" : "every write";
        String next = Sql.nextWork(ctx);
        return List.of(finding(s, ctx,
                "LOCK TABLE " + tables + " takes " + lock + " and holds it until the transaction ends: " + blocks
                        + " of " + tables + " waits for the rest of the migration.",
                "Remove the LOCK TABLE and let each statement take its own lock, with a bounded wait:\n    "
                        + (ctx.inTransaction() ? "SET LOCAL lock_timeout = '5s';" : "SET lock_timeout = '5s';")
                        + "\n    " + (next == null ? "-- then the statement that needed the lock, and commit right after it."
                        : next + ";")));
    }
}
