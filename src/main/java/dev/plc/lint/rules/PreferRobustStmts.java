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

/** squawk: prefer-robust-stmts. Only for migrations that run outside a transaction. */
public final class PreferRobustStmts implements Rule {

    @Override
    public String id() {
        return "prefer-robust-stmts";
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
        return "CREATE/ADD/DROP without IF [NOT] EXISTS in a migration that runs outside a transaction";
    }

    @Override
    public String explanation() {
        return "A migration that runs outside a transaction (the only way to run CREATE INDEX CONCURRENTLY) is not "
                + "rolled back when it fails half-way: the statements that succeeded stay applied, and re-running "
                + "the migration fails on the first of them ('already exists'). IF NOT EXISTS / IF EXISTS make each "
                + "statement safe to run again. A failed CREATE INDEX CONCURRENTLY leaves an INVALID index behind: "
                + "drop it (DROP INDEX CONCURRENTLY IF EXISTS) before retrying.";
    }

    @Override
    public String safeAlternative() {
        return "DROP INDEX CONCURRENTLY IF EXISTS users_email_idx;  -- an INVALID leftover of a failed run\n"
                + "CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email_idx ON users (email);";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext ctx) {
        if (ctx.inAnyTransaction()) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        if ((s.isCreateIndex() || s.isCreateTable()) && !s.contains("IF", "NOT", "EXISTS")) {
            String keyword = s.isCreateIndex() ? "INDEX" : "TABLE";
            String fixed = s.isCreateIndex() && s.contains("CONCURRENTLY")
                    ? Sql.insertAfterKeyword(s.text(), "CONCURRENTLY", "IF NOT EXISTS")
                    : Sql.insertAfterKeyword(s.text(), keyword, "IF NOT EXISTS");
            out.add(rerun(s, ctx, "CREATE " + keyword + (s.tableName() == null ? "" : " on " + s.tableName()), fixed));
        } else if ((s.isDropIndex() || s.isDropTable()) && !s.contains("IF", "EXISTS")) {
            String keyword = s.isDropIndex() && s.contains("CONCURRENTLY") ? "CONCURRENTLY" : s.token(1);
            out.add(rerun(s, ctx, "DROP " + s.token(1), Sql.insertAfterKeyword(s.text(), keyword, "IF EXISTS")));
        } else {
            AlterTable alter = AlterTable.of(s).orElse(null);
            if (alter == null) {
                return out;
            }
            for (AlterTable.Action a : alter.actions()) {
                if (a.kind() == AlterTable.Kind.ADD_COLUMN && !a.ifNotExists()) {
                    out.add(rerun(s, ctx, "ADD COLUMN " + a.column() + " on " + alter.table(),
                            "ALTER TABLE " + alter.table() + " ADD COLUMN IF NOT EXISTS " + a.definition().name() + " "
                                    + a.definition().typeText() + (a.definition().constraints().isEmpty() ? ""
                                    : " " + a.definition().constraints().text())));
                } else if (a.kind() == AlterTable.Kind.DROP_COLUMN && !a.ifExists()) {
                    out.add(rerun(s, ctx, "DROP COLUMN " + a.column() + " on " + alter.table(),
                            "ALTER TABLE " + alter.table() + " DROP COLUMN IF EXISTS " + a.column()));
                }
            }
        }
        return out;
    }

    private Finding rerun(SqlStatement s, LintContext ctx, String what, String fixed) {
        return finding(s, ctx,
                what + " has no IF [NOT] EXISTS in a migration that runs outside a transaction: if a later "
                        + "statement fails, this one stays applied and re-running the migration fails here.",
                "Make it safe to run twice:\n    " + fixed + ";");
    }
}
