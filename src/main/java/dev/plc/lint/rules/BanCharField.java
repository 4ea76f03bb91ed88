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

/** squawk: ban-char-field. */
public final class BanCharField implements Rule {

    @Override
    public String id() {
        return "ban-char-field";
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
        return "char(n) / character(n) column";
    }

    @Override
    public String explanation() {
        return "char(n) pads every value with spaces to n characters, compares with the padding stripped, and is no "
                + "faster than text in PostgreSQL: it wastes space and surprises application code (trailing spaces "
                + "come back from queries). Changing it later rewrites the table.";
    }

    @Override
    public String safeAlternative() {
        return "CREATE TABLE accounts (country_code text CHECK (char_length(country_code) = 2));";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext ctx) {
        List<Finding> out = new ArrayList<>();
        String table = s.tableName();
        for (ColumnDef d : ColumnDefs.of(s)) {
            String t = d.typeName();
            boolean fixed = (t.equals("CHAR") || t.equals("CHARACTER") || t.equals("NCHAR") || t.equals("BPCHAR"))
                    && !d.type().at(1, "VARYING");
            if (!fixed) {
                continue;
            }
            int open = d.type().indexOf(0, "(");
            String length = open < 0 ? "1" : d.type().word(open + 1);
            out.add(finding(s, ctx,
                    (table == null ? "" : table + ".") + d.name() + " is " + d.typeText() + ": values are blank-padded "
                            + "to full length and come back with trailing spaces.",
                    "Use text (with a CHECK constraint if the length matters):\n    " + d.name() + " text CHECK "
                            + "(char_length(" + d.name() + ") <= " + length + ")"));
        }
        return out;
    }
}
