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

/** squawk: ban-drop-not-null. */
public final class BanDropNotNull implements Rule {

    @Override
    public String id() {
        return "ban-drop-not-null";
    }

    @Override
    public Set<Dialect> dialects() {
        return EnumSet.of(Dialect.POSTGRESQL, Dialect.H2);
    }

    @Override
    public Severity severity() {
        return Severity.WARNING;
    }

    @Override
    public String summary() {
        return "ALTER COLUMN ... DROP NOT NULL";
    }

    @Override
    public String explanation() {
        return "Dropping NOT NULL is instant, but running code (and code generated from the schema, such as jOOQ "
                + "classes or non-optional entity fields) assumes the column always has a value: the first NULL "
                + "written by new code breaks the old readers. Make every reader tolerate NULL in one release, "
                + "then drop the constraint.";
    }

    @Override
    public String safeAlternative() {
        return "-- release N: readers of users.nickname handle NULL\n"
                + "-- release N+1:\nALTER TABLE users ALTER COLUMN nickname DROP NOT NULL;";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext ctx) {
        AlterTable alter = AlterTable.of(s).orElse(null);
        if (alter == null || ctx.isNewTable(alter.table())) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        for (AlterTable.Action a : alter.actions()) {
            if (a.dropsNotNull()) {
                String col = alter.table() + "." + a.column();
                out.add(finding(s, ctx,
                        "Dropping NOT NULL on " + col + " lets NULLs in, and running code that assumes " + col
                                + " always has a value breaks on the first one.",
                        "Release readers that handle a NULL " + col + " first (entities, generated code, queries), "
                                + "then run, in a later release:\n    " + s.text() + ";"));
            }
        }
        return out;
    }
}
