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
import java.util.Set;
import java.util.stream.Collectors;

/**
 * LOCK TABLES in a MySQL / MariaDB migration. MySQL manual (LOCK TABLES: a WRITE lock keeps every other session from
 * reading or writing the table, a READ lock from writing it; LOCK TABLES commits the open transaction implicitly, and
 * the locks last until UNLOCK TABLES or the session ends).
 */
public final class MysqlLockTables implements Rule {

    @Override
    public String id() {
        return "mysql-lock-tables";
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
        return "LOCK TABLES in a MySQL / MariaDB migration";
    }

    @Override
    public String explanation() {
        return "LOCK TABLES ... WRITE keeps every other session from reading or writing the table, and READ from "
                + "writing it, until UNLOCK TABLES or the end of the session: if the migration fails halfway, the "
                + "tables stay locked for as long as the tool keeps its connection. LOCK TABLES also commits any open "
                + "transaction implicitly, and while it holds, the session may only touch the tables it locked. "
                + "Each DDL statement takes the metadata lock it needs by itself; bound its wait with "
                + "lock_wait_timeout instead.";
    }

    @Override
    public String safeAlternative() {
        return "-- no LOCK TABLES: each statement locks what it needs, with a bounded wait\n"
                + "SET SESSION lock_wait_timeout = 5;\n"
                + "ALTER TABLE orders ADD COLUMN note VARCHAR(255) NULL, ALGORITHM=INSTANT;";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext ctx) {
        if (s.kind().verb() != Verb.LOCK || s.kind().targets().isEmpty()
                || s.kind().targets().stream().allMatch(t -> ctx.isNewTable(t.name()))) {
            return List.of();
        }
        String tables = s.kind().targets().stream().map(QualifiedName::toString).collect(Collectors.joining(", "));
        boolean write = s.contains("WRITE");
        String next = Sql.nextWork(ctx);
        return List.of(finding(s, ctx,
                "LOCK TABLES " + tables + " keeps every other session from " + (write ? "reading or writing"
                        : "writing") + " " + tables + " until UNLOCK TABLES or the end of the session, also when "
                        + "the migration fails halfway, and commits any open transaction.",
                "Remove LOCK TABLES / UNLOCK TABLES and bound each statement's own lock wait:\n"
                        + "    SET SESSION lock_wait_timeout = 5;" + (next == null ? "" : "\n    " + next + ";")));
    }
}
