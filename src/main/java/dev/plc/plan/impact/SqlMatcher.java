package dev.plc.plan.impact;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether one SQL statement references a table or one of its columns. A column counts only when the
 * statement also names the table: unqualified, or qualified by the table or one of its aliases. So {@code id}
 * in a statement about another table is not a reference.
 */
final class SqlMatcher {

    private static final Pattern SQL_KEYWORD = Pattern.compile(
            "(?<![\\w$])(?:select|insert|update|delete|from|join|into|where|alter|create|drop|merge|truncate|values|returning"
                    + "|upsert|replace\\s+into|order\\s+by|group\\s+by)(?![\\w$])", Pattern.CASE_INSENSITIVE);
    private static final Pattern ALIAS_AFTER = Pattern.compile("\\s*[\"`\\]]?\\s+(?:as\\s+)?[\"`\\[]?([A-Za-z_][\\w$]*)",
            Pattern.CASE_INSENSITIVE);
    private static final Set<String> NOT_ALIASES = Set.of(
            "where", "join", "inner", "left", "right", "full", "outer", "cross", "on", "using", "set", "values", "select",
            "order", "group", "having", "limit", "offset", "union", "except", "intersect", "as", "and", "or", "natural",
            "returning", "for", "with", "window", "fetch", "default", "add", "drop", "alter", "rename", "column", "to",
            "modify", "change", "partition", "lock", "in", "is", "not", "null", "when", "then", "else", "end", "straight_join");

    private SqlMatcher() {
    }

    static boolean looksLikeSql(CharSequence text) {
        return SQL_KEYWORD.matcher(text).find();
    }

    /** Offsets into {@code sql} of the references to report: table names for a table target, column names otherwise. */
    static List<Integer> references(String sql, Target target) {
        return references(sql, Identifiers.lower(sql), target);
    }

    /** @param lower {@code sql} in lower case ({@link Identifiers#lower}): a plain substring test rules most statements out before any regex runs */
    static List<Integer> references(String sql, String lower, Target target) {
        if (!lower.contains(target.table) || target.isColumn() && !lower.contains(target.column)) {
            return List.of();
        }
        List<Integer> tableHits = new ArrayList<>();
        Set<String> names = new HashSet<>();
        names.add(target.table);
        for (int at = Target.indexOfWord(lower, target.table, 0); at >= 0; at = Target.indexOfWord(lower, target.table, at + 1)) {
            tableHits.add(at);
            Matcher alias = ALIAS_AFTER.matcher(sql).region(at + target.table.length(), sql.length());
            if (alias.lookingAt() && !NOT_ALIASES.contains(alias.group(1).toLowerCase(Locale.ROOT))) {
                names.add(alias.group(1).toLowerCase(Locale.ROOT));
            }
        }
        if (tableHits.isEmpty() || !looksLikeSql(sql)) {
            return List.of();
        }
        if (!target.isColumn()) {
            return tableHits;
        }
        List<Integer> columnHits = new ArrayList<>();
        for (int at = Target.indexOfWord(lower, target.column, 0); at >= 0; at = Target.indexOfWord(lower, target.column, at + 1)) {
            String qualifier = qualifier(sql, at);
            if (qualifier == null || names.contains(qualifier.toLowerCase(Locale.ROOT))) {
                columnHits.add(at);
            }
        }
        return columnHits;
    }

    /** The identifier before {@code qualifier.name} (quotes stripped), or null when the name is not qualified. */
    static String qualifier(String sql, int nameStart) {
        int i = nameStart - 1;
        while (i >= 0 && (sql.charAt(i) == '"' || sql.charAt(i) == '`' || sql.charAt(i) == '[' || sql.charAt(i) == '\\')) {
            i--;
        }
        if (i < 0 || sql.charAt(i) != '.') {
            return null;
        }
        i--;
        while (i >= 0 && (sql.charAt(i) == '"' || sql.charAt(i) == '`' || sql.charAt(i) == ']' || sql.charAt(i) == '\\')) {
            i--;
        }
        int end = i + 1;
        while (i >= 0 && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_' || sql.charAt(i) == '$')) {
            i--;
        }
        return end > i + 1 ? sql.substring(i + 1, end) : null;
    }
}
