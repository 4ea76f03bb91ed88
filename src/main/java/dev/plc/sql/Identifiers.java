package dev.plc.sql;

import dev.plc.db.Dialect;
import java.util.List;
import java.util.function.Function;

/**
 * Replaces identifiers in a fragment of SQL (a catalog's index or constraint definition, a USING expression) by their
 * tokens, so a column named {@code status} is replaced where it is a name and never inside a string, a comment, a
 * longer name or a function call of the same spelling.
 */
public final class Identifiers {

    private Identifiers() {
    }

    /** One identifier without its quotes ({@code "x"} or {@code `x`}); as it is when it is not quoted. */
    public static String unquote(String identifier) {
        String s = identifier.strip();
        if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("`") && s.endsWith("`"))) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }

    /**
     * One identifier as it stands in the text.
     *
     * @param name      as the database reads it: quotes removed (case as written)
     * @param quoted    whether it was written in quotes ({@code "x"} / {@code `x`})
     * @param qualified whether it follows a dot ({@code t.x}, {@code NEW.x})
     * @param call      whether an unquoted {@code (} follows it directly, as after a function name
     */
    public record Name(String name, boolean quoted, boolean qualified, boolean call) {

        /** Whether it names {@code column} of {@code dialect}: unquoted names fold (PostgreSQL to lower case), quoted ones match exactly. */
        public boolean is(String column, Dialect dialect) {
            if (dialect != null && dialect.isMysqlFamily() || !quoted) {
                return name.equalsIgnoreCase(column);
            }
            return name.equals(column);
        }
    }

    /**
     * The text with each identifier for which {@code replacement} answers non-null replaced by that answer (written
     * as the answer is: quote it yourself when it needs quotes).
     */
    public static String replace(String sql, Dialect dialect, Function<Name, String> replacement) {
        List<SqlStatement> statements = SqlScript.read(sql, dialect, true);
        if (statements.size() != 1) {
            throw new IllegalArgumentException("not one statement or expression: " + sql);
        }
        SqlStatement s = statements.get(0);
        String text = s.text();
        int offset = sql.indexOf(text);
        List<Token> tokens = s.tokenList();
        StringBuilder out = new StringBuilder(sql.substring(0, Math.max(0, offset)));
        int pos = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (!t.isName()) {
                continue;
            }
            boolean quoted = t.kind() == Token.Kind.QUOTED_IDENTIFIER;
            boolean qualified = i > 0 && tokens.get(i - 1).kind() == Token.Kind.PUNCT && tokens.get(i - 1).word().equals(".")
                    && tokens.get(i - 1).end() == t.start();
            boolean call = !quoted && i + 1 < tokens.size() && tokens.get(i + 1).word().equals("(") && tokens.get(i + 1).start() == t.end();
            String to = replacement.apply(new Name(t.word(), quoted, qualified, call));
            if (to != null) {
                out.append(text, pos, t.start()).append(to);
                pos = t.end();
            }
        }
        out.append(text.substring(pos));
        out.append(sql.substring(Math.min(sql.length(), Math.max(0, offset) + text.length())));
        return out.toString();
    }

    /** Replaces the column {@code from} by {@code to} (already quoted as needed) wherever it is a plain, unqualified name. */
    public static String renameColumn(String sql, Dialect dialect, String from, String to) {
        return replace(sql, dialect, n -> !n.qualified() && !n.call() && n.is(from, dialect) ? to : null);
    }

    /** Whether the column is named anywhere in the text as a plain name. */
    public static boolean mentions(String sql, Dialect dialect, String column) {
        boolean[] found = {false};
        replace(sql, dialect, n -> {
            if (!n.qualified() && !n.call() && n.is(column, dialect)) {
                found[0] = true;
            }
            return null;
        });
        return found[0];
    }
}
