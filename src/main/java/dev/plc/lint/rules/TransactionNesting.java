package dev.plc.lint.rules;

import dev.plc.db.Dialect;
import dev.plc.lint.rule.Finding;
import dev.plc.lint.rule.LintContext;
import dev.plc.lint.rule.Rule;
import dev.plc.lint.rule.Severity;
import dev.plc.sql.SqlStatement;
import java.util.List;
import java.util.Set;

/** squawk: transaction-nesting. */
public final class TransactionNesting implements Rule {

    @Override
    public String id() {
        return "transaction-nesting";
    }

    @Override
    public Set<Dialect> dialects() {
        return ALL;
    }

    @Override
    public Severity severity() {
        return Severity.WARNING;
    }

    @Override
    public String summary() {
        return "BEGIN/COMMIT inside a transaction (or in a migration the tool already wraps in one)";
    }

    @Override
    public String explanation() {
        return "Migration tools such as Flyway run each migration in a transaction of their own. A BEGIN inside it "
                + "does nothing on PostgreSQL (a warning) and silently commits the open transaction on MySQL; a "
                + "COMMIT ends the tool's transaction early, so the statements after it run outside any "
                + "transaction and a failure leaves the migration half-applied while the tool believes it can "
                + "roll back.";
    }

    @Override
    public String safeAlternative() {
        return "-- no BEGIN/COMMIT: let the migration tool manage the transaction\n"
                + "ALTER TABLE users ADD COLUMN nickname text;";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext ctx) {
        if (s.isTransactionStart() && (ctx.inTransaction() || ctx.transactional())) {
            String where = ctx.inTransaction() ? "a transaction this file already opened"
                    : "the transaction the migration tool runs this file in";
            return List.of(finding(s, ctx,
                    s.token(0) + " inside " + where + ": PostgreSQL ignores it with a warning, MySQL commits the "
                            + "open transaction, and the matching COMMIT ends the outer transaction early.",
                    "Remove the BEGIN/COMMIT pair and let the migration tool manage the transaction, or mark the "
                            + "migration non-transactional if it must control transactions itself."));
        }
        if (s.isTransactionEnd() && !ctx.inTransaction() && ctx.transactional()) {
            return List.of(finding(s, ctx,
                    s.token(0) + " ends the transaction the migration tool runs this file in: statements after it run "
                            + "outside any transaction, and a failure leaves the migration half-applied.",
                    "Remove the " + s.token(0) + " and let the migration tool commit, or split the migration into "
                            + "two files."));
        }
        return List.of();
    }
}
