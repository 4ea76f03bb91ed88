package dev.plc.lint.rules;

import dev.plc.db.Dialect;
import dev.plc.lint.rule.ColumnDef;
import dev.plc.lint.rule.ColumnDefs;
import dev.plc.lint.rule.Finding;
import dev.plc.lint.rule.LintContext;
import dev.plc.lint.rule.Rule;
import dev.plc.lint.rule.Severity;
import dev.plc.sql.SqlStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** squawk: prefer-timestamptz. */
public final class PreferTimestamptz implements Rule {

    @Override
    public String id() {
        return "prefer-timestamptz";
    }

    @Override
    public Set<Dialect> dialects() {
        return POSTGRES;
    }

    @Override
    public Severity severity() {
        return Severity.WARNING;
    }

    @Override
    public String summary() {
        return "timestamp without time zone column";
    }

    @Override
    public String explanation() {
        return "timestamp (without time zone) stores a wall-clock reading with no zone: the same column ends up holding "
                + "values written in different zones, comparisons across daylight-saving changes go wrong, and "
                + "converting it later to timestamptz rewrites the table under an ACCESS EXCLUSIVE lock. "
                + "timestamptz stores an instant (UTC) at the same size.";
    }

    @Override
    public String safeAlternative() {
        return "CREATE TABLE events (created_at timestamptz NOT NULL DEFAULT now());";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext ctx) {
        List<Finding> out = new ArrayList<>();
        String table = s.tableName();
        for (ColumnDef d : ColumnDefs.of(s)) {
            if (!d.typeName().equals("TIMESTAMP") || d.type().contains("WITH", "TIME", "ZONE")) {
                continue;
            }
            out.add(finding(s, ctx,
                    (table == null ? "" : table + ".") + d.name() + " is " + d.typeText() + ": it stores no time zone, "
                            + "and converting it to timestamptz later rewrites the table under an ACCESS EXCLUSIVE lock.",
                    "Use timestamptz:\n    " + d.name() + " timestamptz"
                            + (d.constraints().isEmpty() ? "" : " " + d.constraints().text())));
        }
        return out;
    }
}
