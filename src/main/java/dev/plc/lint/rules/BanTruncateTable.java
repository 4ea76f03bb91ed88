package dev.plc.lint.rules;

import dev.plc.db.Dialect;
import dev.plc.lint.rule.Finding;
import dev.plc.lint.rule.LintContext;
import dev.plc.lint.rule.Rule;
import dev.plc.lint.rule.Severity;
import dev.plc.sql.Flag;
import dev.plc.sql.QualifiedName;
import dev.plc.sql.SqlStatement;
import dev.plc.sql.Verb;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * TRUNCATE of an existing table (without CASCADE: ban-truncate-cascade reports that one). PostgreSQL manual (TRUNCATE:
 * "acquires an ACCESS EXCLUSIVE lock on each table it operates on"); checked on PostgreSQL 15. MySQL / MariaDB: it
 * commits implicitly and waits for an exclusive metadata lock that queries queue behind (checked on MariaDB 10.11: a
 * ROLLBACK after it restores nothing).
 */
public final class BanTruncateTable implements Rule {

    @Override
    public String id() {
        return "ban-truncate-table";
    }

    @Override
    public Set<Dialect> dialects() {
        return POSTGRES_AND_MYSQL;
    }

    @Override
    public boolean dataLoss() {
        return true;
    }

    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "TRUNCATE of an existing table";
    }

    @Override
    public String explanation() {
        return "TRUNCATE deletes every row of the table at once and cannot be undone once committed: whatever the "
                + "application wrote there is gone, on every environment the migration reaches, including rows "
                + "written between review and deploy. It also takes an ACCESS EXCLUSIVE lock on each table on "
                + "PostgreSQL, so every read and write waits; MySQL and MariaDB wait for an exclusive metadata lock "
                + "that every query queues behind, and commit implicitly, so not even the migration's own transaction "
                + "can undo it. If the rows really are disposable, say so in an approved plan (or a "
                + "plc:ignore with the reason); if only some rows must go, delete those in batches.";
    }

    @Override
    public String safeAlternative() {
        return "-- only the rows that must go, in batches, in a migration without DDL:\n"
                + "DELETE FROM sessions WHERE id IN (SELECT id FROM sessions WHERE expires_at < now() LIMIT 10000);\n"
                + "-- or, when the table really is disposable, say why:\n"
                + "-- plc:ignore ban-truncate-table sessions only holds login tokens; users log in again\n"
                + "TRUNCATE TABLE sessions;";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext ctx) {
        if (s.kind().verb() != Verb.TRUNCATE || s.kind().has(Flag.CASCADE)) {
            return List.of();
        }
        List<QualifiedName> existing = s.kind().targets().stream().filter(t -> !ctx.isNewTable(t.name())).toList();
        if (existing.isEmpty()) {
            return List.of();
        }
        String tables = existing.stream().map(QualifiedName::toString).collect(Collectors.joining(", "));
        String first = existing.get(0).toString();
        boolean mysql = ctx.dialect().isMysqlFamily();
        return List.of(finding(s, ctx,
                "TRUNCATE deletes every row of " + existing.stream().map(t -> ctx.describe(t.toString()))
                        .collect(Collectors.joining(", ")) + " for good, "
                        + (mysql ? "under an exclusive metadata lock, and commits implicitly: nothing can roll it back."
                        : "under an ACCESS EXCLUSIVE lock: the data cannot be recovered once the migration commits."),
                "Delete only the rows that must go, in batches, in a migration without DDL:\n    "
                        + (mysql ? "DELETE FROM " + first + " WHERE <condition> LIMIT 10000;  -- repeat until 0 rows"
                        : "DELETE FROM " + first + " WHERE id IN (SELECT id FROM " + first
                        + " WHERE <condition> LIMIT 10000);") + "\n"
                        + "    -- or, if every row of " + tables + " is disposable, approve the plan's destructive step "
                        + "or write why above the statement:\n    -- plc:ignore " + id() + " <why the rows may go>"));
    }
}
