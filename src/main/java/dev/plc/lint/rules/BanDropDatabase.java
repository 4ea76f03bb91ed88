package dev.plc.lint.rules;

import dev.plc.db.Dialect;
import dev.plc.lint.rule.Finding;
import dev.plc.lint.rule.LintContext;
import dev.plc.lint.rule.Rule;
import dev.plc.lint.rule.Severity;
import dev.plc.sql.SqlStatement;
import java.util.List;
import java.util.Set;

/** squawk: ban-drop-database. */
public final class BanDropDatabase implements Rule {

    @Override
    public String id() {
        return "ban-drop-database";
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
        return "DROP DATABASE / DROP SCHEMA ... CASCADE in a migration";
    }

    @Override
    public String explanation() {
        return "A migration that drops a database (or a whole schema with CASCADE) deletes every table and row in "
                + "it and takes down every application connected to it. Databases are created and dropped by "
                + "operations tooling, never by an application's migrations.";
    }

    @Override
    public String safeAlternative() {
        return "-- no SQL: drop databases with your operations tooling, after a backup;\n"
                + "-- in migrations drop single objects, each in its own reviewed migration";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext ctx) {
        boolean database = s.startsWith("DROP", "DATABASE");
        boolean schema = s.startsWith("DROP", "SCHEMA") && s.contains("CASCADE");
        if (!database && !schema) {
            return List.of();
        }
        int i = s.clause().at(2, "IF", "EXISTS") ? 4 : 2;
        String name = s.word(i);
        return List.of(finding(s, ctx,
                "Dropping " + (database ? "database " : "schema ") + name + " deletes every table and row in it and "
                        + "breaks every application that uses it.",
                "Remove this statement from the migration; drop " + name + " with operations tooling after a backup, "
                        + "or drop the objects you mean one by one in reviewed migrations."));
    }
}
