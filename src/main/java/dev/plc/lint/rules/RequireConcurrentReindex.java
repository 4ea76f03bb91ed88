package dev.plc.lint.rules;

import dev.plc.db.Dialect;
import dev.plc.lint.rule.Finding;
import dev.plc.lint.rule.LintContext;
import dev.plc.lint.rule.Rule;
import dev.plc.lint.rule.Severity;
import dev.plc.sql.SqlStatement;
import java.util.List;
import java.util.Set;

/** squawk: require-concurrent-reindex. REINDEX CONCURRENTLY exists since PostgreSQL 12. */
public final class RequireConcurrentReindex implements Rule {

    @Override
    public String id() {
        return "require-concurrent-reindex";
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
        return "REINDEX without CONCURRENTLY";
    }

    @Override
    public String explanation() {
        return "A plain REINDEX takes a SHARE lock on the table, blocking every write for the whole rebuild, and an "
                + "ACCESS EXCLUSIVE lock on the index, so queries that would use it wait too. REINDEX CONCURRENTLY "
                + "(PostgreSQL 12+) builds the new index next to the old one while reads and writes go on, and cannot "
                + "run inside a transaction. Before 12: CREATE INDEX CONCURRENTLY a replacement, then DROP INDEX "
                + "CONCURRENTLY the old one.";
    }

    @Override
    public String safeAlternative() {
        return "-- in a migration that runs outside a transaction:\n"
                + "REINDEX INDEX CONCURRENTLY orders_created_at_idx;";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext ctx) {
        if (!s.startsWith("REINDEX") || s.contains("CONCURRENTLY")) {
            return List.of();
        }
        boolean table = s.startsWith("REINDEX", "TABLE");
        String target = s.clause().isName(2) ? s.clause().qualifiedName(2) : null;
        if (target != null && table && ctx.isNewTable(target)) {
            return List.of();
        }
        String what = target == null ? "REINDEX" : s.token(1) + " " + target;
        String help = ctx.serverMajorVersion().map(v -> v < 12).orElse(false)
                ? "Before PostgreSQL 12, build a replacement and swap it, outside a transaction:\n"
                + "    CREATE INDEX CONCURRENTLY <name>_new ON <table> (<columns>);\n"
                + "    DROP INDEX CONCURRENTLY <name>;\n    ALTER INDEX <name>_new RENAME TO <name>;"
                : "Rebuild it without blocking writes, in a migration that runs outside a transaction:\n    "
                + s.text().replaceFirst("(?i)^REINDEX\\s*(\\([^)]*\\)\\s*)?(INDEX|TABLE|SCHEMA|DATABASE|SYSTEM)",
                "REINDEX $1$2 CONCURRENTLY").replaceAll("\\s+", " ") + ";";
        return List.of(finding(s, ctx,
                "REINDEX " + (target == null ? "" : what.substring(what.indexOf(' ') + 1) + " ")
                        + "without CONCURRENTLY blocks every write to the table (and reads that use the index) for "
                        + "the whole rebuild.",
                help));
    }
}
