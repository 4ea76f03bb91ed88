package dev.plc.plan.impact;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the string literals of a source file, skipping comments and character literals, and groups literals
 * that are concatenated ({@code "SELECT ... " + "FROM orders"}, or Python's adjacent literals) into one
 * statement. Approximate by design: it is a lexer, not a parser, and never fails.
 */
final class StringLiterals {

    /** A literal's content, {@code [start, end)} in the file's text, and the span including its quotes. */
    record Literal(int start, int end, int openStart, int closeEnd) {
    }

    /** Concatenated literals; {@link #text()} joins their contents with a space. */
    record Group(List<Literal> literals, String text, int[] joinedStarts) {

        /** The file offset of an offset into {@link #text()}. */
        int fileOffset(int joinedOffset) {
            int i = literals.size() - 1;
            while (i > 0 && joinedStarts[i] > joinedOffset) {
                i--;
            }
            return literals.get(i).start() + (joinedOffset - joinedStarts[i]);
        }
    }

    private static final Pattern HEREDOC = Pattern.compile("<<[~-]?(['\"]?)([A-Z_][A-Z0-9_]*)\\1");
    private static final Pattern JOINER = Pattern.compile("[\\s+\\\\]*(?:[rRbBfFuU@$]{1,2})?");

    private StringLiterals() {
    }

    static List<Group> groups(String text, Language language) {
        List<Literal> literals = literals(text, language);
        List<Group> groups = new ArrayList<>();
        List<Literal> current = new ArrayList<>();
        for (Literal literal : literals) {
            if (!current.isEmpty() && !JOINER.matcher(text.substring(current.get(current.size() - 1).closeEnd(), literal.openStart())).matches()) {
                groups.add(group(text, current));
                current = new ArrayList<>();
            }
            current.add(literal);
        }
        if (!current.isEmpty()) {
            groups.add(group(text, current));
        }
        return groups;
    }

    private static Group group(String text, List<Literal> literals) {
        StringBuilder joined = new StringBuilder();
        int[] starts = new int[literals.size()];
        for (int i = 0; i < literals.size(); i++) {
            if (i > 0) {
                joined.append(' ');
            }
            starts[i] = joined.length();
            joined.append(text, literals.get(i).start(), literals.get(i).end());
        }
        return new Group(List.copyOf(literals), joined.toString(), starts);
    }

    static List<Literal> literals(String s, Language lang) {
        List<Literal> out = new ArrayList<>();
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (lang.hashComments && c == '#') {
                i = endOfLine(s, i);
            } else if (lang.slashComments && c == '/' && i + 1 < n && s.charAt(i + 1) == '/') {
                i = endOfLine(s, i);
            } else if (lang.slashComments && c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                int end = s.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (lang == Language.RUBY && c == '<' && s.startsWith("<<", i) && HEREDOC.matcher(s).region(i, n).lookingAt()) {
                i = heredoc(s, i, out);
            } else if (lang == Language.RUST && c == 'r' && i + 1 < n && (s.charAt(i + 1) == '"' || s.charAt(i + 1) == '#')
                    && (i == 0 || !Character.isJavaIdentifierPart(s.charAt(i - 1)))) {
                i = rustRaw(s, i, out);
            } else if (c == '"' || c == '\'' && lang.singleQuoteStrings || c == '`' && lang.backtickStrings) {
                i = quoted(s, i, lang, out);
            } else if (c == '\'') {
                i = charLiteral(s, i);
            } else {
                i++;
            }
        }
        return out;
    }

    private static int quoted(String s, int open, Language lang, List<Literal> out) {
        int n = s.length();
        char q = s.charAt(open);
        if (lang.tripleQuotes && q != '`' && open + 2 < n && s.charAt(open + 1) == q && s.charAt(open + 2) == q) {
            String closing = String.valueOf(q).repeat(3);
            int start = open + 3;
            int end = start;
            while (true) {
                end = s.indexOf(closing, end);
                if (end < 0) {
                    out.add(new Literal(start, n, open, n));
                    return n;
                }
                if (lang != Language.CSHARP && backslashes(s, end) % 2 == 1) {
                    end++;
                    continue;
                }
                out.add(new Literal(start, end, open, end + 3));
                return end + 3;
            }
        }
        boolean verbatim = lang == Language.CSHARP && open > 0 && (s.charAt(open - 1) == '@'
                || open > 1 && s.charAt(open - 1) == '$' && s.charAt(open - 2) == '@');
        boolean raw = q == '`' && lang == Language.GO;
        boolean multiline = q == '`' || verbatim || lang == Language.RUBY;
        int i = open + 1;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\\' && !raw && !verbatim) {
                i += 2;
                continue;
            }
            if (c == q) {
                if (verbatim && i + 1 < n && s.charAt(i + 1) == q) {
                    i += 2;
                    continue;
                }
                out.add(new Literal(open + 1, i, open, i + 1));
                return i + 1;
            }
            if (c == '\n' && !multiline) {
                break; // unterminated on this line: do not let it swallow the file
            }
            i++;
        }
        out.add(new Literal(open + 1, Math.min(i, n), open, Math.min(i, n)));
        return Math.min(i, n);
    }

    private static int backslashes(String s, int before) {
        int count = 0;
        for (int i = before - 1; i >= 0 && s.charAt(i) == '\\'; i--) {
            count++;
        }
        return count;
    }

    /** Java/Kotlin/Go/C# char literals ('"' must not open a string); Rust lifetimes ('a) have no closing quote. */
    private static int charLiteral(String s, int open) {
        int n = s.length();
        if (open + 1 < n && s.charAt(open + 1) == '\\') {
            int close = s.indexOf('\'', open + 3);
            return close > 0 && close - open <= 10 ? close + 1 : open + 1;
        }
        if (open + 2 < n && s.charAt(open + 2) == '\'') {
            return open + 3;
        }
        return open + 1;
    }

    private static int rustRaw(String s, int r, List<Literal> out) {
        int i = r + 1;
        int hashes = 0;
        while (i < s.length() && s.charAt(i) == '#') {
            hashes++;
            i++;
        }
        if (i >= s.length() || s.charAt(i) != '"') {
            return r + 1;
        }
        String closing = "\"" + "#".repeat(hashes);
        int end = s.indexOf(closing, i + 1);
        int stop = end < 0 ? s.length() : end;
        out.add(new Literal(i + 1, stop, r, end < 0 ? stop : end + closing.length()));
        return end < 0 ? s.length() : end + closing.length();
    }

    /** A Ruby heredoc: the body runs from the next line to the line holding only the tag. Returns where to go on. */
    private static int heredoc(String s, int at, List<Literal> out) {
        Matcher m = HEREDOC.matcher(s).region(at, s.length());
        if (!m.lookingAt()) {
            return at;
        }
        int bodyStart = endOfLine(s, at) + 1;
        if (bodyStart >= s.length()) {
            return s.length();
        }
        Matcher end = Pattern.compile("(?m)^[ \\t]*" + Pattern.quote(m.group(2)) + "[ \\t]*$").matcher(s);
        int bodyEnd = end.find(bodyStart) ? end.start() : s.length();
        out.add(new Literal(bodyStart, bodyEnd, at, bodyEnd));
        return bodyEnd >= s.length() ? s.length() : endOfLine(s, bodyEnd);
    }

    private static int endOfLine(String s, int from) {
        int nl = s.indexOf('\n', from);
        return nl < 0 ? s.length() : nl;
    }
}
