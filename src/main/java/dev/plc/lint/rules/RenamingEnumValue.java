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

/** ALTER TYPE ... RENAME VALUE (PostgreSQL 10+): instant in the catalog, a breaking change for the code. */
public final class RenamingEnumValue implements Rule {

    @Override
    public String id() {
        return "renaming-enum-value";
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
        return "ALTER TYPE ... RENAME VALUE on an existing enum";
    }

    @Override
    public String explanation() {
        return "Renaming an enum label is a catalog change that every row sees at once: instances still running the "
                + "old code write the old label (and fail with \"invalid input value for enum\") and read a label they "
                + "do not know, until every one is redeployed; so do reports, other services and stored queries that "
                + "name the label. PostgreSQL cannot drop an enum value either, so the usual expand and contract "
                + "goes: add the new label, make the code accept both, move the rows over in batches, then stop "
                + "writing the old label (it stays in the type).";
    }

    @Override
    public String safeAlternative() {
        return "ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'shipped';  -- commit before using it\n"
                + "-- release code that reads both 'sent' and 'shipped' and writes 'shipped'; then, in batches:\n"
                + "UPDATE orders SET status = 'shipped' WHERE id IN (SELECT id FROM orders WHERE status = 'sent' LIMIT 10000);";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext ctx) {
        if (s.kind().verb() != Verb.ALTER || !"TYPE".equals(s.kind().object()) || s.kind().target() == null
                || ctx.createdEarlier("TYPE", s.kind().target().name())) {
            return List.of();
        }
        String type = s.kind().target().toString();
        List<Finding> out = new ArrayList<>();
        for (AlterAction a : s.kind().actions()) {
            if (!a.action().equals("RENAME VALUE") || a.name() == null || a.newName() == null) {
                continue;
            }
            out.add(finding(s, ctx,
                    "Renaming value '" + a.name() + "' of enum " + type + " to '" + a.newName() + "' breaks the "
                            + "running application: code still on the old release writes '" + a.name() + "', which "
                            + "no longer exists, and reads '" + a.newName() + "', which it does not know.",
                    "Add the new label and move to it in steps (an enum value cannot be dropped, the old one stays):\n"
                            + "    ALTER TYPE " + type + " ADD VALUE IF NOT EXISTS '" + a.newName() + "';\n"
                            + "    -- release code that reads both labels and writes '" + a.newName() + "'; then, in "
                            + "batches, for each column of type " + type + ":\n    UPDATE <table> SET <column> = '"
                            + a.newName() + "' WHERE <column> = '" + a.name() + "' AND id BETWEEN <from> AND <to>;"));
        }
        return out;
    }
}
