package dev.plc.lint.rules;

import dev.plc.db.Dialect;
import dev.plc.lint.rule.Finding;
import dev.plc.lint.rule.LintContext;
import dev.plc.lint.rule.Rule;
import dev.plc.lint.rule.Severity;
import dev.plc.sql.SqlStatement;
import java.util.List;
import java.util.Set;

/** squawk: prefer-repack (VACUUM FULL and CLUSTER rewrite the table under ACCESS EXCLUSIVE). */
public final class PreferRepack implements Rule {

    @Override
    public String id() {
        return "prefer-repack";
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
        return "VACUUM FULL or CLUSTER in a migration";
    }

    @Override
    public String explanation() {
        return "VACUUM FULL and CLUSTER write a new copy of the whole table (and rebuild all its indexes) while holding "
                + "an ACCESS EXCLUSIVE lock: every read and write of the table waits until the copy is done, which on "
                + "a large table is minutes to hours, and the disk needs room for a second copy. pg_repack (or "
                + "pg_squeeze) does the same compaction online, holding the strong lock only for a moment at the start "
                + "and the end; plain VACUUM reclaims space for reuse without any blocking lock.";
    }

    @Override
    public String safeAlternative() {
        return "-- reclaim space for reuse, without blocking reads or writes:\n"
                + "VACUUM (ANALYZE) orders;\n"
                + "-- compact or reorder the table online, outside the migration:\n"
                + "--   pg_repack --table=orders [--order-by=created_at] <database>";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext ctx) {
        boolean vacuumFull = s.startsWith("VACUUM") && (s.startsWith("VACUUM", "FULL") || fullOption(s));
        boolean cluster = s.startsWith("CLUSTER");
        if (!vacuumFull && !cluster) {
            return List.of();
        }
        String table = lastName(s);
        String what = vacuumFull ? "VACUUM FULL" : "CLUSTER";
        String on = table == null ? "every table it processes" : ctx.describe(table);
        return List.of(finding(s, ctx,
                what + " rewrites " + on + " and rebuilds its indexes under an ACCESS EXCLUSIVE lock: every read and "
                        + "write waits until the whole copy is written.",
                "Leave compaction out of the migration and run it online instead:\n    "
                        + (table == null ? "pg_repack --all <database>" : "pg_repack --table=" + table
                        + (cluster ? " --order-by=<the index's columns>" : "") + " <database>")
                        + "\n    -- or, to make the space reusable without a blocking lock: VACUUM (ANALYZE)"
                        + (table == null ? "" : " " + table) + ";"));
    }

    /** VACUUM (FULL, ...) or VACUUM (FULL true). */
    private static boolean fullOption(SqlStatement s) {
        if (!s.startsWith("VACUUM", "(")) {
            return false;
        }
        int close = s.clause().closingParen(1);
        int full = s.indexOf(2, "FULL");
        return full > 1 && (close < 0 || full < close)
                && !s.clause().at(full + 1, "FALSE") && !s.clause().at(full + 1, "OFF") && !s.clause().at(full + 1, "0");
    }

    /** The table named last (VACUUM FULL t, CLUSTER t USING i); null for a database-wide run. */
    private static String lastName(SqlStatement s) {
        int start = 1;
        if (s.clause().at(1, "(")) {
            start = s.clause().closingParen(1) + 1;
        }
        for (int i = start; i > 0 && i < s.clause().size(); i++) {
            String t = s.token(i);
            if (List.of("FULL", "FREEZE", "VERBOSE", "ANALYZE", "ANALYSE").contains(t)) {
                continue;
            }
            if (s.clause().isName(i)) {
                return s.clause().qualifiedName(i);
            }
            return null;
        }
        return null;
    }
}
