package dev.plc.lint.rules;

import dev.plc.db.Dialect;
import dev.plc.lint.rule.Finding;
import dev.plc.lint.rule.LintContext;
import dev.plc.lint.rule.Rule;
import dev.plc.lint.rule.Severity;
import dev.plc.sql.AlterAction;
import dev.plc.sql.SqlStatement;
import dev.plc.sql.Verb;
import java.util.List;
import java.util.Set;

/**
 * ALTER TABLE / ALTER INDEX ... SET TABLESPACE. PostgreSQL manual (ALTER TABLE, SET TABLESPACE: "moves
 * the data file(s)"); checked on PostgreSQL 15: ALTER TABLE holds ACCESS EXCLUSIVE on the table, ALTER INDEX holds
 * ACCESS EXCLUSIVE on the index, and a plain SELECT of the table waits for it (the planner opens every index); ALTER
 * TABLE ALL IN TABLESPACE locks every table it moves.
 */
public final class ChangingTablespace implements Rule {

    @Override
    public String id() {
        return "changing-tablespace";
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
        return "ALTER TABLE / INDEX ... SET TABLESPACE on an existing table or index (or ALL IN TABLESPACE)";
    }

    @Override
    public String explanation() {
        return "SET TABLESPACE copies the table's (or index's) data files to the new tablespace block by block while "
                + "holding an ACCESS EXCLUSIVE lock on it: for a table every read and write waits for the whole copy; "
                + "for an index every query that plans on its table waits too, since the planner opens every index of "
                + "the table. pg_repack moves a table and its indexes online (--tablespace, --moveidx); an index can "
                + "be rebuilt in the new tablespace with CREATE INDEX CONCURRENTLY ... TABLESPACE and swapped in.";
    }

    @Override
    public String safeAlternative() {
        return "-- a table, online, outside the migration:\n"
                + "--   pg_repack --table=orders --tablespace=fast_ssd --moveidx <database>\n"
                + "-- an index, in a migration that runs outside a transaction:\n"
                + "CREATE INDEX CONCURRENTLY orders_created_at_idx_new ON orders (created_at) TABLESPACE fast_ssd;\n"
                + "DROP INDEX CONCURRENTLY orders_created_at_idx;\n"
                + "ALTER INDEX orders_created_at_idx_new RENAME TO orders_created_at_idx;";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext ctx) {
        if (s.startsWith("ALTER", "TABLE|INDEX|MATERIALIZED", "ALL", "IN", "TABLESPACE")
                || s.startsWith("ALTER", "MATERIALIZED", "VIEW", "ALL", "IN", "TABLESPACE")) {
            // checked on PostgreSQL 15: ACCESS EXCLUSIVE on every table moved, all held until the end
            int in = s.indexOf(0, "IN", "TABLESPACE");
            String from = s.clause().qualifiedName(in + 2);
            return List.of(finding(s, ctx,
                    "ALTER ... ALL IN TABLESPACE " + from + " locks every relation stored in " + from + " with ACCESS "
                            + "EXCLUSIVE and copies them one by one: reads and writes of all of them wait until the "
                            + "last copy is done.",
                    "Move the tables online one at a time, outside the migration:\n    pg_repack --table=<table> "
                            + "--tablespace=<new tablespace> --moveidx <database>  -- per table"));
        }
        String object = s.kind().object();
        if (s.kind().verb() != Verb.ALTER || s.kind().target() == null
                || !List.of("TABLE", "INDEX").contains(object)) {
            return List.of();
        }
        AlterAction move = s.kind().actions().stream().filter(a -> a.action().equals("SET TABLESPACE")).findFirst()
                .orElse(null);
        String name = s.kind().target().toString();
        if (move == null || ctx.isNewTable(name) || ctx.createdEarlier(object, s.kind().target().name())) {
            return List.of();
        }
        String space = move.name() == null ? "<tablespace>" : move.name();
        if (object.equals("INDEX")) {
            return List.of(finding(s, ctx,
                    "SET TABLESPACE copies index " + name + " to " + space + " under an ACCESS EXCLUSIVE lock on the "
                            + "index: every query that plans on its table waits until the copy is done.",
                    "Rebuild it in the new tablespace and swap it in, in a migration that runs outside a transaction:\n"
                            + "    CREATE INDEX CONCURRENTLY " + name + "_new ON <table> (<the index's columns>) TABLESPACE "
                            + space + ";\n    DROP INDEX CONCURRENTLY " + name + ";\n    ALTER INDEX " + name
                            + "_new RENAME TO " + name.substring(name.lastIndexOf('.') + 1) + ";"));
        }
        return List.of(finding(s, ctx,
                "SET TABLESPACE copies all of " + ctx.describe(name) + " to " + space + " under an ACCESS EXCLUSIVE "
                        + "lock: every read and write of " + name + " waits until the copy is done.",
                "Move it online, outside the migration:\n    pg_repack --table=" + name + " --tablespace=" + space
                        + " --moveidx <database>"));
    }
}
