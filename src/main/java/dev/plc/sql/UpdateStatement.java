package dev.plc.sql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A single-table {@code UPDATE t SET a = expr, b = expr [WHERE cond]}, read from its tokens: the shape a backfill of
 * columns derived from others has. Anything else (a FROM or JOIN, an alias, ORDER BY / LIMIT, RETURNING, a row
 * assignment {@code (a, b) = ...}, a CTE) is not this shape, and {@link #parse} says so with an empty result.
 *
 * @param table       the table as written (unquoted)
 * @param assignments column -> the expression assigned, as written
 * @param where       the condition as written, or null
 */
public record UpdateStatement(String table, Map<String, String> assignments, String where) {

    private static final Set<String> ENDS = Set.of("WHERE", "FROM", "RETURNING", "ORDER", "LIMIT");

    public static Optional<UpdateStatement> parse(SqlStatement s) {
        List<Token> t = s.tokenList();
        String text = s.text();
        if (t.size() < 5 || !t.get(0).upper().equals("UPDATE")) {
            return Optional.empty();
        }
        int i = 1;
        while (i < t.size() && Set.of("ONLY", "LOW_PRIORITY", "IGNORE").contains(t.get(i).upper())) {
            i++;
        }
        if (i >= t.size() || !t.get(i).isName()) {
            return Optional.empty();
        }
        String table = t.get(i).word();
        i++;
        if (i + 1 < t.size() && t.get(i).word().equals(".") && t.get(i + 1).isName()) {
            table = table + "." + t.get(i + 1).word();
            i += 2;
        }
        if (i >= t.size() || !t.get(i).upper().equals("SET") || t.get(i).kind() != Token.Kind.WORD) {
            return Optional.empty(); // an alias, a join
        }
        i++;
        Map<String, String> assignments = new LinkedHashMap<>();
        String where = null;
        while (i < t.size()) {
            if (!t.get(i).isName() || i + 1 >= t.size() || !t.get(i + 1).word().equals("=")) {
                return Optional.empty();
            }
            String column = t.get(i).word();
            int start = i + 2;
            int depth = 0;
            int j = start;
            for (; j < t.size(); j++) {
                Token x = t.get(j);
                if (x.kind() == Token.Kind.PUNCT && x.word().equals("(")) {
                    depth++;
                } else if (x.kind() == Token.Kind.PUNCT && x.word().equals(")")) {
                    depth--;
                } else if (depth == 0 && (x.kind() == Token.Kind.PUNCT && (x.word().equals(",") || x.word().equals(";"))
                        || x.kind() == Token.Kind.WORD && ENDS.contains(x.upper()))) {
                    break;
                }
            }
            if (j == start) {
                return Optional.empty();
            }
            assignments.put(column, text.substring(t.get(start).start(), t.get(j - 1).end()).strip());
            if (j >= t.size() || t.get(j).word().equals(";")) {
                break;
            }
            if (t.get(j).word().equals(",")) {
                i = j + 1;
                continue;
            }
            if (!t.get(j).upper().equals("WHERE")) {
                return Optional.empty(); // FROM, RETURNING, ORDER BY, LIMIT
            }
            int k = j + 1;
            int end = t.size();
            for (int m = k; m < t.size(); m++) {
                Token x = t.get(m);
                if (x.word().equals(";") || x.kind() == Token.Kind.WORD && Set.of("RETURNING", "ORDER", "LIMIT").contains(x.upper())) {
                    if (!x.word().equals(";")) {
                        return Optional.empty();
                    }
                    end = m;
                    break;
                }
            }
            if (k >= end) {
                return Optional.empty();
            }
            where = text.substring(t.get(k).start(), t.get(end - 1).end()).strip();
            break;
        }
        return assignments.isEmpty() ? Optional.empty() : Optional.of(new UpdateStatement(table, assignments, where));
    }

    /** Whether the table is {@code name} (case-insensitive, either bare or schema-qualified). */
    public boolean updates(String name) {
        String lower = table.toLowerCase(Locale.ROOT);
        String n = name.toLowerCase(Locale.ROOT);
        return lower.equals(n) || lower.endsWith("." + n);
    }

    /** The column names of {@code columns} that an expression or the condition reads. */
    public List<String> reads(List<String> columns, dev.plc.db.Dialect dialect) {
        List<String> out = new ArrayList<>();
        for (String c : columns) {
            boolean read = assignments.values().stream().anyMatch(e -> Identifiers.mentions(e, dialect, c))
                    || where != null && Identifiers.mentions(where, dialect, c);
            if (read) {
                out.add(c);
            }
        }
        return out;
    }
}
