package dev.plc.sql;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A single-table {@code DELETE FROM t [WHERE cond]}, read from its tokens: the shape a purge of old rows has. Anything
 * else (USING, a join, an alias, ORDER BY / LIMIT, RETURNING, a CTE, several tables) is not this shape, and
 * {@link #parse} says so with an empty result.
 *
 * @param table the table as written (unquoted; schema-qualified when written so)
 * @param where the condition as written, or null (every row)
 */
public record DeleteStatement(String table, String where) {

    private static final Set<String> NOT_THIS_SHAPE = Set.of("USING", "RETURNING", "ORDER", "LIMIT", "JOIN", "AS");

    public static Optional<DeleteStatement> parse(SqlStatement s) {
        List<Token> t = s.tokenList();
        String text = s.text();
        int n = t.size();
        while (n > 0 && t.get(n - 1).word().equals(";")) {
            n--;
        }
        if (n < 3 || !t.get(0).upper().equals("DELETE")) {
            return Optional.empty();
        }
        int i = 1;
        while (i < n && Set.of("LOW_PRIORITY", "QUICK", "IGNORE").contains(t.get(i).upper())) {
            i++;
        }
        if (i >= n || !t.get(i).upper().equals("FROM")) {
            return Optional.empty();
        }
        i++;
        if (i < n && t.get(i).upper().equals("ONLY")) {
            i++;
        }
        if (i >= n || !t.get(i).isName()) {
            return Optional.empty();
        }
        String table = t.get(i).word();
        i++;
        if (i + 1 < n && t.get(i).word().equals(".") && t.get(i + 1).isName()) {
            table = table + "." + t.get(i + 1).word();
            i += 2;
        }
        if (i == n) {
            return Optional.of(new DeleteStatement(table, null));
        }
        if (!t.get(i).upper().equals("WHERE") || t.get(i).kind() != Token.Kind.WORD || i + 1 >= n) {
            return Optional.empty(); // an alias, USING, a join
        }
        int depth = 0;
        for (int m = i + 1; m < n; m++) {
            Token x = t.get(m);
            if (x.kind() == Token.Kind.PUNCT && x.word().equals("(")) {
                depth++;
            } else if (x.kind() == Token.Kind.PUNCT && x.word().equals(")")) {
                depth--;
            } else if (depth == 0 && x.kind() == Token.Kind.WORD && NOT_THIS_SHAPE.contains(x.upper())) {
                return Optional.empty();
            }
        }
        return Optional.of(new DeleteStatement(table, text.substring(t.get(i + 1).start(), t.get(n - 1).end()).strip()));
    }
}
