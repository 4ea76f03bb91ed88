package dev.plc.lint.rules;

import dev.plc.db.Dialect;
import dev.plc.lint.rule.AlterTable;
import dev.plc.lint.rule.Finding;
import dev.plc.lint.rule.LintContext;
import dev.plc.lint.rule.Rule;
import dev.plc.lint.rule.Severity;
import dev.plc.sql.Clause;
import dev.plc.sql.SqlStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** squawk: disallowed-unique-constraint; strong_migrations: "Adding a unique constraint". */
public final class DisallowedUniqueConstraint implements Rule {

    @Override
    public String id() {
        return "disallowed-unique-constraint";
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
        return "ADD UNIQUE constraint on an existing table without USING INDEX";
    }

    @Override
    public String explanation() {
        return "ALTER TABLE ... ADD UNIQUE builds the constraint's unique index while holding an ACCESS EXCLUSIVE "
                + "lock: every read and write of the table waits until the index is built. Build the unique index "
                + "CONCURRENTLY first, then attach it with ADD CONSTRAINT ... UNIQUE USING INDEX, which is instant.";
    }

    @Override
    public String safeAlternative() {
        return "CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email);  -- own, non-transactional migration\n"
                + "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key;";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext ctx) {
        AlterTable alter = AlterTable.of(s).orElse(null);
        if (alter == null || ctx.isNewTable(alter.table())) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        for (AlterTable.Action a : alter.actions()) {
            if (a.kind() != AlterTable.Kind.ADD_CONSTRAINT || !"UNIQUE".equals(a.constraintType()) || a.usingIndex()) {
                continue;
            }
            Clause c = a.clause();
            int open = c.indexOf(c.indexOf(0, "UNIQUE"), "(");
            String columns = open < 0 ? "(column_name)" : c.sub(open, c.closingParen(open) + 1).text();
            String name = a.name() != null ? a.name() : Sql.name(alter.table(), null, "key");
            out.add(finding(s, ctx,
                    "Adding UNIQUE constraint " + name + " to " + ctx.describe(alter.table()) + " builds its index "
                            + "while holding an ACCESS EXCLUSIVE lock: reads and writes of " + alter.table()
                            + " wait until the index is built.",
                    "Build the index concurrently (own migration, outside a transaction), then attach it:\n"
                            + "    CREATE UNIQUE INDEX CONCURRENTLY " + name + " ON " + alter.table() + " " + columns + ";\n"
                            + "    ALTER TABLE " + alter.table() + " ADD CONSTRAINT " + name + " UNIQUE USING INDEX "
                            + name + ";"));
        }
        return out;
    }
}
