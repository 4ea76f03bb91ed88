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

/** squawk: prefer-text-field. */
public final class PreferTextField implements Rule {

    @Override
    public String id() {
        return "prefer-text-field";
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
        return "varchar(n) column";
    }

    @Override
    public String explanation() {
        return "In PostgreSQL varchar(n) stores exactly like text; the length limit only gets in the way: raising it "
                + "later needs an ACCESS EXCLUSIVE lock on the table (blocking reads and writes), and lowering it "
                + "rewrites the table. A CHECK constraint on text enforces the same limit and can be changed "
                + "without a rewrite (add the new one NOT VALID, validate, drop the old).";
    }

    @Override
    public String safeAlternative() {
        return "CREATE TABLE users (email text CONSTRAINT users_email_length CHECK (char_length(email) <= 320));";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext ctx) {
        List<Finding> out = new ArrayList<>();
        String table = s.tableName();
        for (ColumnDef d : ColumnDefs.of(s)) {
            boolean varchar = d.typeName().equals("VARCHAR") || d.type().startsWith("CHARACTER", "VARYING");
            if (!varchar || !d.type().contains("(")) {
                continue;
            }
            int open = d.type().indexOf(0, "(");
            String limit = d.type().word(open + 1);
            out.add(finding(s, ctx,
                    (table == null ? "" : table + ".") + d.name() + " is " + d.typeText() + ": changing its length "
                            + "later takes an ACCESS EXCLUSIVE lock that blocks reads and writes of the table.",
                    "Use text with a CHECK constraint, which can be changed without blocking:\n    " + d.name()
                            + " text CONSTRAINT " + Sql.name(table, d.name(), "length") + " CHECK (char_length("
                            + d.name() + ") <= " + limit + ")"));
        }
        return out;
    }
}
