package dev.plc.lint.rules;

import dev.plc.db.Dialect;
import dev.plc.lint.rule.Finding;
import dev.plc.lint.rule.LintContext;
import dev.plc.lint.rule.Rule;
import dev.plc.lint.rule.Severity;
import dev.plc.sql.AlterAction;
import dev.plc.sql.Flag;
import dev.plc.sql.SqlStatement;
import dev.plc.sql.Verb;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * ALTER TABLE ... DETACH PARTITION without CONCURRENTLY (PostgreSQL 14+). Checked on PostgreSQL 15: the plain form
 * holds ACCESS EXCLUSIVE on the partitioned table and on the partition; CONCURRENTLY "cannot run inside a transaction
 * block".
 */
public final class RequireConcurrentDetachPartition implements Rule {

    @Override
    public String id() {
        return "require-concurrent-detach-partition";
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
        return "DETACH PARTITION without CONCURRENTLY (PostgreSQL 14+)";
    }

    @Override
    public String explanation() {
        return "A plain ALTER TABLE ... DETACH PARTITION takes an ACCESS EXCLUSIVE lock on the partitioned table and "
                + "on the partition: every query of the whole partitioned table waits, and while it waits for running "
                + "queries to finish, every new query queues behind it. Since PostgreSQL 14, DETACH PARTITION ... "
                + "CONCURRENTLY takes only SHARE UPDATE EXCLUSIVE on the partitioned table (reads and writes go on) "
                + "and waits for running queries instead of blocking them; it cannot run inside a transaction block "
                + "and is not allowed when the table has a DEFAULT partition. If it is interrupted, finish it with "
                + "DETACH PARTITION ... FINALIZE.";
    }

    @Override
    public String safeAlternative() {
        return "-- in a migration that runs outside a transaction (Flyway: executeInTransaction=false):\n"
                + "ALTER TABLE events DETACH PARTITION events_2023 CONCURRENTLY;\n"
                + "-- if it was interrupted: ALTER TABLE events DETACH PARTITION events_2023 FINALIZE;";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext ctx) {
        if (!ctx.serverAtLeast(14) || s.kind().verb() != Verb.ALTER || !"TABLE".equals(s.kind().object())
                || s.kind().target() == null || ctx.isNewTable(s.kind().target().name())) {
            return List.of();
        }
        String table = s.tableName();
        List<Finding> out = new ArrayList<>();
        for (AlterAction a : s.kind().actions()) {
            if (!a.action().equals("DETACH PARTITION") || a.has(Flag.CONCURRENTLY) || a.has(Flag.FINALIZE)) {
                continue;
            }
            out.add(finding(s, ctx,
                    "DETACH PARTITION " + a.name() + " without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on "
                            + ctx.describe(table) + " and on " + a.name() + ": every query of the whole partitioned "
                            + "table waits until the detach commits.",
                    "Detach it concurrently (PostgreSQL 14+; not with a DEFAULT partition), in a migration that runs "
                            + "outside a transaction:\n    ALTER TABLE " + table + " " + a.text().strip()
                            + " CONCURRENTLY;\n    -- if it is interrupted: ALTER TABLE " + table + " "
                            + a.text().strip() + " FINALIZE;"));
        }
        return out;
    }
}
