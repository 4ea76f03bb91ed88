package dev.plc.lint.rules;

import dev.plc.db.Dialect;
import dev.plc.lint.rule.Finding;
import dev.plc.lint.rule.LintContext;
import dev.plc.lint.rule.Rule;
import dev.plc.lint.rule.Severity;
import dev.plc.sql.SqlStatement;
import java.util.List;
import java.util.Set;

/**
 * A BEGIN / START TRANSACTION with no COMMIT (or ROLLBACK) after it in a file that manages its own transactions.
 * In a file the tool wraps in a transaction, the BEGIN itself is transaction-nesting's finding.
 */
public final class UnclosedTransaction implements Rule {

    @Override
    public String id() {
        return "unclosed-transaction";
    }

    @Override
    public Set<Dialect> dialects() {
        return ALL;
    }

    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "BEGIN without a matching COMMIT in the same file";
    }

    @Override
    public String explanation() {
        return "A migration that opens a transaction itself and never commits it leaves everything after the BEGIN "
                + "uncommitted when the file ends: depending on the tool and the driver, the changes are rolled back "
                + "when the connection closes (the migration is recorded as applied but did nothing) or stay "
                + "uncommitted on a pooled connection, holding every lock they took and blocking the tables until "
                + "someone kills the session. Close every BEGIN with a COMMIT in the same file.";
    }

    @Override
    public String safeAlternative() {
        return "BEGIN;\nSET LOCAL lock_timeout = '5s';\nALTER TABLE orders ADD COLUMN note text;\nCOMMIT;";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext ctx) {
        if (!s.isTransactionStart() || ctx.transactional()) {
            return List.of();
        }
        List<SqlStatement> all = ctx.statements();
        for (SqlStatement later : all.subList(Math.min(all.size(), ctx.earlier().size() + 1), all.size())) {
            if (later.isTransactionEnd()) {
                return List.of();
            }
            if (later.isTransactionStart()) {
                break;
            }
        }
        return List.of(finding(s, ctx,
                s.token(0) + " at line " + s.line() + " is never committed in this file: the statements after it are "
                        + "left in an open transaction when the migration ends, rolled back when the connection "
                        + "closes or holding their locks until it does.",
                "End the transaction in the same file:\n    " + s.text() + ";\n    -- the migration's statements\n"
                        + "    COMMIT;"));
    }
}
