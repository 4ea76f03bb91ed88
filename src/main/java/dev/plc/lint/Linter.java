package dev.plc.lint;

import dev.plc.db.Dialect;
import dev.plc.lint.rule.Finding;
import dev.plc.lint.rule.LintContext;
import dev.plc.lint.rule.LintOptions;
import dev.plc.lint.rule.Rule;
import dev.plc.lint.rule.Suppression;
import dev.plc.sql.ApprovalStamp;
import dev.plc.sql.SqlScript;
import dev.plc.sql.SqlStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Lints one migration file: reads it with {@link SqlScript}, walks its statements building the
 * {@link LintContext}, runs every rule of the dialect on each statement and applies inline
 * {@code plc:ignore} suppressions. Suppressed findings are returned marked, never dropped. Data-loss findings in a
 * file whose {@code plc:approved} stamp still holds are returned marked approved.
 */
public final class Linter {

    private final List<Rule> rules;

    public Linter() {
        this(Rules.all());
    }

    public Linter(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    public static List<Finding> lint(String file, String sql, LintOptions options) {
        return new Linter().run(file, sql, options);
    }

    /**
     * The tables {@code sql} creates (under their last name, without schema, lower case) and does not drop again: a
     * later file of the same change may lock them freely, they hold no data yet.
     */
    public static Set<String> tablesCreated(String sql, Dialect dialect) {
        return tablesCreated(SqlScript.split(sql, dialect));
    }

    /** {@link #tablesCreated(String, Dialect)} of statements already split. */
    public static Set<String> tablesCreated(List<SqlStatement> statements) {
        return LintContext.tablesCreatedBy(statements);
    }

    /** Lints statements already split (with the options' dialect), for a caller that needs them for more than the lint. */
    public static List<Finding> lint(String file, List<SqlStatement> statements, LintOptions options) {
        return new Linter().run(file, statements, options);
    }

    public List<Finding> run(String file, String sql, LintOptions options) {
        LintOptions opts = options == null ? LintOptions.of(null) : options;
        return run(file, SqlScript.split(sql, opts.dialect()), opts);
    }

    private List<Finding> run(String file, List<SqlStatement> statements, LintOptions options) {
        LintOptions opts = options == null ? LintOptions.of(null) : options;
        LintContext context = new LintContext(file, opts, statements);
        context.knownRules(Rules.ids());
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < statements.size(); i++) {
            SqlStatement s = statements.get(i);
            context.at(i);
            List<Suppression> suppressions = Suppression.of(s);
            check(s, suppressions, context, opts, findings);
            for (SqlStatement inner : s.embedded()) {
                List<Suppression> both = new ArrayList<>(suppressions);
                both.addAll(Suppression.of(inner));
                check(inner, both, context, opts, findings);
            }
            context.after(s);
        }
        return approved(findings, statements);
    }

    /** Data-loss findings marked approved when the file carries a stamp that still matches its statements. */
    private List<Finding> approved(List<Finding> findings, List<SqlStatement> statements) {
        Optional<ApprovalStamp> stamp = ApprovalStamp.of(statements).stream().filter(a -> a.holdsFor(statements)).findFirst();
        if (stamp.isEmpty()) {
            return findings;
        }
        List<Finding> out = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            boolean dataLoss = Rules.byId(f.rule()).map(Rule::dataLoss).orElse(false);
            out.add(dataLoss ? f.approve(stamp.get().approval()) : f);
        }
        return out;
    }

    private void check(SqlStatement s, List<Suppression> suppressions, LintContext context, LintOptions opts,
                       List<Finding> findings) {
        for (Rule rule : rules) {
            if (!rule.dialects().contains(opts.dialect())) {
                continue;
            }
            for (Finding f : rule.check(s, context)) {
                findings.add(suppressed(f, suppressions));
            }
        }
    }

    private static Finding suppressed(Finding f, List<Suppression> suppressions) {
        if (f.rule().equals(Rules.SUPPRESSION_NEEDS_REASON)) {
            return f;
        }
        for (Suppression s : suppressions) {
            if (s.hasReason() && s.rules().contains(f.rule())) {
                return f.suppress(s.reason());
            }
        }
        return f;
    }
}
