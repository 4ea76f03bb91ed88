package dev.plc.lint.rules;

import dev.plc.db.Dialect;
import dev.plc.lint.rule.Finding;
import dev.plc.lint.rule.LintContext;
import dev.plc.lint.rule.Rule;
import dev.plc.lint.rule.Severity;
import dev.plc.sql.Flag;
import dev.plc.sql.SqlStatement;
import dev.plc.sql.Verb;
import java.util.List;
import java.util.Set;

/**
 * REFRESH MATERIALIZED VIEW without CONCURRENTLY. Checked on PostgreSQL 15: the plain form holds ACCESS EXCLUSIVE on
 * the view; CONCURRENTLY holds EXCLUSIVE (reads go on) and needs a unique index on the view.
 */
public final class RequireConcurrentRefresh implements Rule {

    @Override
    public String id() {
        return "require-concurrent-refresh";
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
        return "REFRESH MATERIALIZED VIEW without CONCURRENTLY";
    }

    @Override
    public String explanation() {
        return "A plain REFRESH MATERIALIZED VIEW runs the view's whole query and replaces its contents while holding "
                + "an ACCESS EXCLUSIVE lock on the view: every query that reads the view waits until the refresh is "
                + "done. REFRESH MATERIALIZED VIEW CONCURRENTLY takes an EXCLUSIVE lock instead, so reads go on while "
                + "it computes the new contents and applies only the differences; it needs a unique index on the view "
                + "(on plain columns, without WHERE), cannot be combined with WITH NO DATA, and cannot refresh a view "
                + "that was never populated. REFRESH ... WITH NO DATA empties the view: every query of it fails until "
                + "the next refresh.";
    }

    @Override
    public String safeAlternative() {
        return "-- once: a unique index over plain columns of the view\n"
                + "CREATE UNIQUE INDEX CONCURRENTLY daily_sales_day_idx ON daily_sales (day);\n"
                + "REFRESH MATERIALIZED VIEW CONCURRENTLY daily_sales;";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext ctx) {
        if (s.kind().verb() != Verb.REFRESH || s.kind().has(Flag.CONCURRENTLY) || s.kind().target() == null
                || ctx.createdEarlier("MATERIALIZED VIEW", s.kind().target().name())) {
            return List.of();
        }
        String view = s.clause().qualifiedName(3);
        if (view == null) {
            view = s.kind().target().toString();
        }
        if (s.kind().has(Flag.WITH_NO_DATA)) {
            // checked on PostgreSQL 15: a SELECT afterwards fails with "has not been populated"
            return List.of(finding(s, ctx,
                    "REFRESH MATERIALIZED VIEW " + view + " WITH NO DATA empties " + view + " under an ACCESS EXCLUSIVE "
                            + "lock and leaves it unpopulated: every query of " + view + " fails (\"has not been "
                            + "populated\") until it is refreshed again.",
                    "Refresh it with its data, concurrently, so it stays readable (it needs a unique index on the view):\n"
                            + "    REFRESH MATERIALIZED VIEW CONCURRENTLY " + view + ";"));
        }
        return List.of(finding(s, ctx,
                "REFRESH MATERIALIZED VIEW " + view + " without CONCURRENTLY holds an ACCESS EXCLUSIVE lock on " + view
                        + " while its whole query runs: every query that reads " + view + " waits until the refresh "
                        + "is done.",
                "Refresh it concurrently, so reads go on (it needs a unique index on the view):\n"
                        + "    CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS " + Sql.name(view, null, "key")
                        + " ON " + view + " (<columns that identify a row>);\n    REFRESH MATERIALIZED VIEW CONCURRENTLY "
                        + view + ";"));
    }
}
