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
 * OPTIMIZE TABLE in a migration. MySQL manual (OPTIMIZE TABLE: for InnoDB it is mapped to ALTER TABLE ... FORCE, which
 * rebuilds the table; online DDL is not used for tables with FULLTEXT indexes); checked on MariaDB 10.11: "Table does
 * not support optimize, doing recreate + analyze instead".
 */
public final class MysqlOptimizeTable implements Rule {

    @Override
    public String id() {
        return "mysql-optimize-table";
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
        return "OPTIMIZE TABLE in a migration";
    }

    @Override
    public String explanation() {
        return "On InnoDB, OPTIMIZE TABLE is a full rebuild (ALTER TABLE ... FORCE, then ANALYZE): it writes a new copy "
                + "of the table and all its indexes, needs the disk space for it, replays on every replica unless written "
                + "NO_WRITE_TO_BINLOG (holding up replication for as long), and takes an exclusive metadata lock at its start and end that "
                + "queues behind long transactions. For a table with a FULLTEXT index the rebuild cannot run in place "
                + "and blocks writes for its whole length. It does not belong in a schema migration: run it as "
                + "maintenance, or state the online algorithm so it fails instead of blocking.";
    }

    @Override
    public String safeAlternative() {
        return "-- the same rebuild, refused instead of blocking writes when it cannot run online:\n"
                + "SET SESSION lock_wait_timeout = 5;\n"
                + "ALTER TABLE orders FORCE, ALGORITHM=INPLACE, LOCK=NONE;";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext ctx) {
        if (s.kind().verb() != Verb.OPTIMIZE || s.kind().targets().isEmpty()
                || s.kind().targets().stream().allMatch(t -> ctx.isNewTable(t.name()))) {
            return List.of();
        }
        String tables = s.kind().targets().stream().map(QualifiedName::toString).collect(Collectors.joining(", "));
        String first = s.kind().targets().get(0).toString();
        // NO_WRITE_TO_BINLOG / LOCAL: not written to the binary log, so replicas do not repeat it
        boolean replicated = !s.contains("NO_WRITE_TO_BINLOG") && !s.startsWith("OPTIMIZE", "LOCAL");
        return List.of(finding(s, ctx,
                "OPTIMIZE TABLE rebuilds all of " + s.kind().targets().stream().map(t -> ctx.describe(t.toString()))
                        .collect(Collectors.joining(", ")) + " and its indexes: a full copy on disk"
                        + (replicated ? " and on every replica" : "") + ", with writes blocked throughout if "
                        + (s.kind().targets().size() == 1 ? "it has" : "one has") + " a FULLTEXT index.",
                "Leave it out of the migration (run it as maintenance), or rebuild so that it fails instead of "
                        + "blocking writes:\n    SET SESSION lock_wait_timeout = 5;\n    ALTER TABLE " + first
                        + " FORCE, ALGORITHM=INPLACE, LOCK=NONE;"
                        + (tables.equals(first) ? "" : "  -- one table per migration: " + tables)));
    }
}
