package dev.plc.lint.rules;

import dev.plc.db.Dialect;
import dev.plc.lint.rule.Finding;
import dev.plc.lint.rule.LintContext;
import dev.plc.lint.rule.Rule;
import dev.plc.lint.rule.Severity;
import dev.plc.sql.SqlStatement;
import java.util.List;
import java.util.Set;

/** squawk: ban-truncate-cascade. */
public final class BanTruncateCascade implements Rule {

    @Override
    public String id() {
        return "ban-truncate-cascade";
    }

    @Override
    public Set<Dialect> dialects() {
        return POSTGRES;
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
        return "TRUNCATE ... CASCADE";
    }

    @Override
    public String explanation() {
        return "TRUNCATE ... CASCADE also empties every table that has a foreign key to the truncated one, and the "
                + "tables referencing those, recursively: one statement can delete data from tables the author "
                + "never named. It takes an ACCESS EXCLUSIVE lock on each of them.";
    }

    @Override
    public String safeAlternative() {
        return "TRUNCATE TABLE sessions;  -- RESTRICT (the default) fails instead of emptying other tables;\n"
                + "-- name every table you mean to empty: TRUNCATE TABLE sessions, session_events;";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext ctx) {
        if (!s.startsWith("TRUNCATE") || !s.contains("CASCADE")) {
            return List.of();
        }
        String table = s.tableName();
        return List.of(finding(s, ctx,
                "TRUNCATE " + table + " CASCADE also deletes every row of all tables that reference " + table
                        + " through a foreign key, recursively, under ACCESS EXCLUSIVE locks.",
                "Name each table you mean to empty and let RESTRICT protect the others:\n    "
                        + s.text().replaceAll("(?i)\\s+CASCADE\\b", "") + ";"));
    }
}
