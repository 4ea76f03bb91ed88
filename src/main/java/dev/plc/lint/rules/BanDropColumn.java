package dev.plc.lint.rules;

import dev.plc.db.Dialect;
import dev.plc.lint.rule.AlterTable;
import dev.plc.lint.rule.Finding;
import dev.plc.lint.rule.LintContext;
import dev.plc.lint.rule.Rule;
import dev.plc.lint.rule.Severity;
import dev.plc.sql.SqlStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** squawk: ban-drop-column; strong_migrations: "Removing a column". */
public final class BanDropColumn implements Rule {

    @Override
    public String id() {
        return "ban-drop-column";
    }

    @Override
    public Set<Dialect> dialects() {
        return ALL;
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
        return "Dropping a column of an existing table";
    }

    @Override
    public String explanation() {
        return "Dropping a column deletes its data for good, and running code that still selects, inserts or maps "
                + "the column fails (ORMs that list every mapped column fail even without touching it). Stop "
                + "using the column in one release, then drop it in a migration of a later release. MySQL also "
                + "rebuilds the table for a drop unless it can use ALGORITHM=INSTANT (8.0.29+).";
    }

    @Override
    public String safeAlternative() {
        return "-- release N: the code no longer reads or writes users.legacy_code (JPA: remove the field)\n"
                + "-- release N+1, its own migration:\nALTER TABLE users DROP COLUMN legacy_code;";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext ctx) {
        AlterTable alter = AlterTable.of(s).orElse(null);
        if (alter == null || ctx.isNewTable(alter.table())) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        for (AlterTable.Action a : alter.actions()) {
            if (a.kind() != AlterTable.Kind.DROP_COLUMN) {
                continue;
            }
            String table = alter.table();
            out.add(finding(s, ctx,
                    "Dropping " + table + "." + a.column() + " deletes its data for good, and running code that still "
                            + "reads, writes or maps " + a.column() + " fails as soon as the migration runs.",
                    "First release code that no longer uses " + table + "." + a.column() + " (remove it from "
                            + "entities, mappers and SQL), then drop it in a migration of a later release, once "
                            + "the data is no longer needed:\n    " + s.text() + ";  -- later release"));
        }
        return out;
    }
}
