package dev.plc.lint.rules;

import dev.plc.lint.rule.LintContext;
import dev.plc.sql.SqlStatement;
import dev.plc.sql.Verb;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Rewrites a statement's text into its safe form for a message. */
final class Sql {

    private Sql() {
    }

    /** Inserts {@code words} after the first {@code keyword} (a whole word, any case) of {@code text}. */
    static String insertAfterKeyword(String text, String keyword, String words) {
        Matcher m = Pattern.compile("(?i)\\b" + keyword + "\\b").matcher(text);
        return m.find() ? text.substring(0, m.end()) + " " + words + text.substring(m.end()) : text;
    }

    /** A constraint or index name derived from a table and column, e.g. orders_user_id_fkey. */
    static String name(String table, String column, String suffix) {
        String t = table == null ? "t" : table.substring(table.lastIndexOf('.') + 1);
        return (t + (column == null ? "" : "_" + column) + "_" + suffix).replaceAll("[^A-Za-z0-9_]", "_");
    }

    /**
     * The text of the first statement after the current one that does the migration's work (not a LOCK / UNLOCK, a
     * SET or transaction control), for a message that shows it without the lock around it; null when there is none.
     */
    static String nextWork(LintContext ctx) {
        List<SqlStatement> all = ctx.statements();
        for (SqlStatement s : all.subList(Math.min(all.size(), ctx.earlier().size() + 1), all.size())) {
            Verb v = s.kind().verb();
            if (v != Verb.LOCK && v != Verb.UNLOCK && !s.kind().isSessionSetting() && !s.kind().isTransactionControl()) {
                return s.text();
            }
        }
        return null;
    }
}
