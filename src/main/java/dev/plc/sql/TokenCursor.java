package dev.plc.sql;

import dev.plc.db.Dialect;
import java.util.ArrayList;
import java.util.List;

/**
 * Reading helpers over the tokens of a statement or of one ALTER action, for
 * {@link StatementClassifier} and {@link AlterActions}. Unlike {@link Clause#at}, a keyword here
 * only matches an unquoted word: {@code ADD "check" int} adds a column named check.
 */
final class TokenCursor {

    final Clause clause;
    final Dialect dialect;
    int i;

    TokenCursor(Clause clause, Dialect dialect, int start) {
        this.clause = clause;
        this.dialect = dialect;
        this.i = start;
    }

    int size() {
        return clause.size();
    }

    boolean atEnd() {
        return i >= clause.size();
    }

    /** Whether the tokens at {@code at} are the keywords {@code seq} ("A|B" allows either). */
    boolean kw(int at, String... seq) {
        for (int k = 0; k < seq.length; k++) {
            Token t = clause.get(at + k);
            if (t == null || (t.kind() != Token.Kind.WORD && t.kind() != Token.Kind.PUNCT)
                    || !matches(t.upper(), seq[k])) {
                return false;
            }
        }
        return true;
    }

    private static boolean matches(String upper, String pattern) {
        if (pattern.indexOf('|') < 0) {
            return upper.equals(pattern);
        }
        for (String alt : pattern.split("\\|", -1)) {
            if (upper.equals(alt)) {
                return true;
            }
        }
        return false;
    }

    boolean kw(String... seq) {
        return kw(i, seq);
    }

    /** Moves past {@code seq} if it is next. */
    boolean accept(String... seq) {
        if (kw(i, seq)) {
            i += seq.length;
            return true;
        }
        return false;
    }

    boolean isName(int at) {
        Token t = clause.get(at);
        return t != null && t.isName();
    }

    String upper(int at) {
        return clause.token(at);
    }

    /** The identifier at {@code at}, folded; a string literal without its quotes (MySQL 'user'); null otherwise. */
    String fold(int at) {
        Token t = clause.get(at);
        return t == null || t.kind() == Token.Kind.PUNCT || t.kind() == Token.Kind.NUMBER
                ? null : QualifiedName.fold(t, dialect);
    }

    /** Reads {@code a.b.c} at the cursor (also MySQL's {@code db.*}); empty and unmoved if no name is there. */
    List<String> nameParts() {
        List<String> parts = new ArrayList<>();
        if (!isName(i) && !(clause.get(i) != null && clause.get(i).kind() == Token.Kind.STRING && accountLike())) {
            return parts;
        }
        parts.add(fold(i));
        i++;
        while (kw(i, ".") && (isName(i + 1) || kw(i + 1, "*"))) {
            parts.add(isName(i + 1) ? fold(i + 1) : "*");
            i += 2;
        }
        // MySQL accounts: 'app'@'%', app@localhost
        while (clause.get(i) != null && clause.token(i).startsWith("@")) {
            String host = clause.token(i).equals("@") ? fold(i + 1) : clause.word(i).substring(1);
            parts.set(parts.size() - 1, parts.get(parts.size() - 1) + "@" + (host == null ? "" : host));
            i += clause.token(i).equals("@") ? 2 : 1;
        }
        return parts;
    }

    private boolean accountLike() {
        return clause.get(i + 1) != null && clause.token(i + 1).startsWith("@");
    }

    /** The qualified name at the cursor, or null (cursor unmoved). */
    QualifiedName name() {
        List<String> parts = nameParts();
        if (parts.isEmpty()) {
            return null;
        }
        return parts.size() == 1 ? QualifiedName.of(parts.get(0))
                : new QualifiedName(parts.get(parts.size() - 2), parts.get(parts.size() - 1));
    }

    /** Moves past a parenthesised group opening at the cursor, if there is one. */
    boolean skipParens() {
        if (!kw(i, "(")) {
            return false;
        }
        i = clause.closingParen(i) + 1;
        return true;
    }

    /** The index of the first unquoted keyword {@code word} at or after {@code from}, outside parentheses, or -1. */
    int findTopLevel(int from, String word) {
        int depth = 0;
        for (int k = 0; k < clause.size(); k++) {
            if (kw(k, "(")) {
                depth++;
            } else if (kw(k, ")")) {
                depth--;
            } else if (depth == 0 && k >= from && kw(k, word)) {
                return k;
            }
        }
        return -1;
    }

    /** The text of the tokens from {@code from} to the end, as written. */
    String text(int from) {
        return clause.sub(from).text();
    }
}
