package dev.plc.lint.rules;

import dev.plc.db.Dialect;
import dev.plc.lint.rule.Finding;
import dev.plc.lint.rule.LintContext;
import dev.plc.lint.rule.Rule;
import dev.plc.lint.rule.Severity;
import dev.plc.sql.AlterAction;
import dev.plc.sql.SqlStatement;
import dev.plc.sql.Verb;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * ALTER TABLE ... SET LOGGED / SET UNLOGGED on an existing table. PostgreSQL manual (ALTER TABLE, SET { LOGGED |
 * UNLOGGED }): the table is rewritten; checked on PostgreSQL 15: ACCESS EXCLUSIVE on the table and its indexes.
 */
public final class ChangingTablePersistence implements Rule {

    @Override
    public String id() {
        return "changing-table-persistence";
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
        return "ALTER TABLE ... SET LOGGED / SET UNLOGGED on an existing table";
    }

    @Override
    public String explanation() {
        return "SET LOGGED and SET UNLOGGED rewrite the whole table and its indexes into new files while holding an "
                + "ACCESS EXCLUSIVE lock: every read and write of the table waits for the rewrite, and SET LOGGED also "
                + "writes the whole table to the WAL (and so to every replica). An unlogged table is emptied after a "
                + "crash and is not replicated to standbys, so SET UNLOGGED on a table with real data risks losing it. "
                + "To change it online, build a new table with the wanted persistence, copy the rows in batches and "
                + "swap the names.";
    }

    @Override
    public String safeAlternative() {
        return "-- a new table, filled in the background, then swapped in:\n"
                + "CREATE TABLE events_logged (LIKE events INCLUDING ALL);\n"
                + "-- copy in batches: INSERT INTO events_logged SELECT * FROM events WHERE id BETWEEN 1 AND 10000; ...\n"
                + "-- then, in one short transaction with lock_timeout set:\n"
                + "ALTER TABLE events RENAME TO events_old;\nALTER TABLE events_logged RENAME TO events;";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext ctx) {
        if (s.kind().verb() != Verb.ALTER || !"TABLE".equals(s.kind().object()) || s.kind().target() == null
                || ctx.isNewTable(s.kind().target().name())) {
            return List.of();
        }
        String table = s.tableName();
        List<Finding> out = new ArrayList<>();
        for (AlterAction a : s.kind().actions()) {
            if (!a.action().equals("SET LOGGED") && !a.action().equals("SET UNLOGGED")) {
                continue;
            }
            boolean logged = a.action().equals("SET LOGGED");
            out.add(finding(s, ctx,
                    a.action() + " rewrites all of " + ctx.describe(table) + " and its indexes under an ACCESS "
                            + "EXCLUSIVE lock: every read and write of " + table + " waits until the copy is written"
                            + (logged ? ", and the whole table goes through the WAL to every replica."
                            : "; afterwards " + table + " is emptied by a crash and no longer replicated."),
                    "Build a new " + (logged ? "logged" : "unlogged") + " table, fill it in batches, and swap it in:\n"
                            + "    CREATE " + (logged ? "" : "UNLOGGED ") + "TABLE " + table + "_new (LIKE " + table
                            + " INCLUDING ALL);\n    INSERT INTO " + table + "_new SELECT * FROM " + table
                            + " WHERE <key> BETWEEN <from> AND <to>;  -- repeat per batch, catch up the rest\n"
                            + "    -- one short transaction, with SET LOCAL lock_timeout = '5s':\n    ALTER TABLE " + table
                            + " RENAME TO " + table + "_old;\n    ALTER TABLE " + table + "_new RENAME TO " + table + ";"));
        }
        return out;
    }
}
