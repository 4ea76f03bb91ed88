package dev.plc.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A run of tokens of one statement (the whole statement, or one action of an ALTER TABLE) with
 * case-insensitive matching helpers. Matching is on upper-cased tokens; {@link #word(int)} and
 * {@link #text()} give the original spelling for messages.
 */
public final class Clause {

    private final String statementText;
    private final List<Token> tokens;

    Clause(String statementText, List<Token> tokens) {
        this.statementText = statementText;
        this.tokens = List.copyOf(tokens);
    }

    public int size() {
        return tokens.size();
    }

    public boolean isEmpty() {
        return tokens.isEmpty();
    }

    /** The upper-cased token at {@code i}, or "" past the end. */
    public String token(int i) {
        return i >= 0 && i < tokens.size() ? tokens.get(i).upper() : "";
    }

    /** The token at {@code i} with its original case (identifier quotes stripped), or "" past the end. */
    public String word(int i) {
        return i >= 0 && i < tokens.size() ? tokens.get(i).word() : "";
    }

    public boolean isName(int i) {
        return i >= 0 && i < tokens.size() && tokens.get(i).isName();
    }

    public boolean isString(int i) {
        return i >= 0 && i < tokens.size() && tokens.get(i).kind() == Token.Kind.STRING;
    }

    /** The token at {@code i}, or null past the end. */
    Token get(int i) {
        return i >= 0 && i < tokens.size() ? tokens.get(i) : null;
    }

    public List<String> tokens() {
        return tokens.stream().map(Token::upper).collect(Collectors.toList());
    }

    /** Whether the tokens at {@code i} are {@code seq}; a "|" in an element allows alternatives ("TYPE|SET"). */
    public boolean at(int i, String... seq) {
        if (i < 0 || i + seq.length > tokens.size()) {
            return false;
        }
        for (int k = 0; k < seq.length; k++) {
            if (!matches(tokens.get(i + k), seq[k])) {
                return false;
            }
        }
        return true;
    }

    private static boolean matches(Token token, String pattern) {
        if (token.kind() == Token.Kind.STRING) {
            return false;
        }
        if (pattern.indexOf('|') < 0) {
            return token.upper().equals(pattern);
        }
        for (String alt : pattern.split("\\|")) {
            if (token.upper().equals(alt)) {
                return true;
            }
        }
        return false;
    }

    public boolean startsWith(String... seq) {
        return at(0, seq);
    }

    public boolean contains(String... seq) {
        return indexOf(0, seq) >= 0;
    }

    /** The first index at or after {@code from} where {@code seq} starts, or -1. */
    public int indexOf(int from, String... seq) {
        for (int i = Math.max(0, from); i + seq.length <= tokens.size(); i++) {
            if (at(i, seq)) {
                return i;
            }
        }
        return -1;
    }

    /** Like {@link #indexOf} but only outside parentheses. */
    public int indexOfTopLevel(int from, String... seq) {
        int depth = 0;
        for (int i = 0; i < tokens.size(); i++) {
            String u = tokens.get(i).kind() == Token.Kind.PUNCT ? tokens.get(i).upper() : "";
            if (u.equals("(")) {
                depth++;
            } else if (u.equals(")")) {
                depth--;
            } else if (depth == 0 && i >= from && at(i, seq)) {
                return i;
            }
        }
        return -1;
    }

    public Clause sub(int from) {
        return sub(from, tokens.size());
    }

    public Clause sub(int from, int to) {
        int f = Math.max(0, Math.min(from, tokens.size()));
        int t = Math.max(f, Math.min(to, tokens.size()));
        return new Clause(statementText, tokens.subList(f, t));
    }

    /** Splits on commas outside parentheses (the actions of an ALTER TABLE, the elements of a table body). */
    public List<Clause> splitTopLevel() {
        List<Clause> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.kind() != Token.Kind.PUNCT) {
                continue;
            }
            switch (t.upper()) {
                case "(" -> depth++;
                case ")" -> depth--;
                case "," -> {
                    if (depth == 0) {
                        parts.add(sub(start, i));
                        start = i + 1;
                    }
                }
                default -> { }
            }
        }
        parts.add(sub(start, tokens.size()));
        parts.removeIf(Clause::isEmpty);
        return parts;
    }

    /** The index of the parenthesis closing the one opened at {@code open}, or the last index. */
    public int closingParen(int open) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.kind() == Token.Kind.PUNCT && t.upper().equals("(")) {
                depth++;
            } else if (t.kind() == Token.Kind.PUNCT && t.upper().equals(")")) {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        return tokens.size() - 1;
    }

    /**
     * Reads a possibly qualified name ({@code schema.table}) starting at {@code i}; returns its
     * original spelling, or null if there is no name there.
     */
    public String qualifiedName(int i) {
        return isName(i) ? word(i) + (at(i + 1, ".") && isName(i + 2) ? "." + qualifiedName(i + 2) : "") : null;
    }

    /** The number of tokens the qualified name at {@code i} spans. */
    public int qualifiedNameLength(int i) {
        if (!isName(i)) {
            return 0;
        }
        return at(i + 1, ".") && isName(i + 2) ? 2 + qualifiedNameLength(i + 2) : 1;
    }

    /** The original text of these tokens, as written in the file. */
    public String text() {
        if (tokens.isEmpty()) {
            return "";
        }
        return statementText.substring(tokens.get(0).start(), tokens.get(tokens.size() - 1).end());
    }

    @Override
    public String toString() {
        return text();
    }
}
