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

/** strong_migrations: "Adding a json column". */
public final class AddingJsonColumn implements Rule {

    @Override
    public String id() {
        return "adding-json-column";
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
        return "json column instead of jsonb";
    }

    @Override
    public String explanation() {
        return "PostgreSQL has no equality operator for json, so once a table has a json column, SELECT DISTINCT, UNION "
                + "and GROUP BY over its rows fail (Rails and others issue such queries), it cannot be indexed with "
                + "GIN, and every read re-parses the text. jsonb has none of these problems.";
    }

    @Override
    public String safeAlternative() {
        return "ALTER TABLE users ADD COLUMN settings jsonb;";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext ctx) {
        List<Finding> out = new ArrayList<>();
        String table = s.tableName();
        for (ColumnDef d : ColumnDefs.of(s)) {
            if (!d.typeName().equals("JSON")) {
                continue;
            }
            out.add(finding(s, ctx,
                    (table == null ? "" : table + ".") + d.name() + " is json: json has no equality operator, so "
                            + "SELECT DISTINCT and UNION over " + (table == null ? "the table" : table)
                            + " fail, and it cannot get a GIN index.",
                    "Use jsonb:\n    " + d.name() + " jsonb"
                            + (d.constraints().isEmpty() ? "" : " " + d.constraints().text())));
        }
        return out;
    }
}
