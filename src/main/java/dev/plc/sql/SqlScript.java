package dev.plc.sql;

import dev.plc.db.Dialect;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tolerant SQL statement reader. It never fails: whatever it cannot understand still ends up in
 * a statement (an unterminated string runs to the end of the file), so no statement is ever hidden
 * from the linter by a parse failure. jOOQ's parser is not used here because it rejects PostgreSQL
 * online DDL (CONCURRENTLY, NOT VALID, VALIDATE CONSTRAINT, DO blocks) and drops SET statements.
 *
 * <p>Understands {@code --} and {@code /* *}{@code /} comments (nested, as in PostgreSQL), MySQL
 * {@code #} comments, single-quoted strings with {@code ''} escapes (backslash escapes for MySQL and
 * PostgreSQL {@code E'...'}), double-quoted and backtick identifiers, PostgreSQL dollar quotes
 * ({@code $$} and {@code $tag$}), the MySQL client's {@code DELIMITER} command, and
 * {@code BEGIN ... END} bodies of procedures, functions, triggers and events.
 */
public final class SqlScript {

    private static final Pattern DELIMITER_COMMAND = Pattern.compile("(?i)DELIMITER[ \\t]+(\\S+)[ \\t]*");
    private static final Pattern DOLLAR_TAG = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*)?\\$");

    private final String sql;
    private final Dialect dialect;
    private final List<Builder> statements = new ArrayList<>();
    private final List<SqlComment> pendingComments = new ArrayList<>();
    private int pos;
    private int line = 1;
    private String delimiter = ";";
    private Builder current;
    private Builder lastFinished;
    private int lastFinishedLine;

    private SqlScript(String sql, Dialect dialect) {
        this.sql = sql == null ? "" : sql;
        this.dialect = dialect;
    }

    /** Splits a script of unknown dialect (no MySQL-only syntax such as {@code #} comments). */
    public static List<SqlStatement> split(String sql) {
        return split(sql, null);
    }

    public static List<SqlStatement> split(String sql, Dialect dialect) {
        SqlScript script = new SqlScript(sql, dialect);
        script.run();
        List<SqlStatement> out = new ArrayList<>();
        for (Builder b : script.statements) {
            out.add(b.build(script.sql));
        }
        return out;
    }

    private boolean mysql() {
        return dialect != null && dialect.isMysqlFamily();
    }

    private void run() {
        while (pos < sql.length()) {
            char c = sql.charAt(pos);
            if (c == '\n') {
                line++;
                pos++;
                continue;
            }
            if (Character.isWhitespace(c)) {
                pos++;
                continue;
            }
            if (current == null && atLineStart() && delimiterCommand()) {
                continue;
            }
            if (sql.startsWith(delimiter, pos)
                    && (current == null || current.resolvePendingEnd() <= 0 || !delimiter.equals(";"))) {
                pos += delimiter.length();
                finishStatement(true);
                continue;
            }
            if (c == '-' && next(1) == '-') {
                lineComment(pos + 2);
            } else if (c == '#' && mysql()) {
                lineComment(pos + 1);
            } else if (c == '/' && next(1) == '*') {
                blockComment();
            } else if (c == '\'') {
                string(pos, false);
            } else if (c == '"' || c == '`') {
                quotedIdentifier(c);
            } else if (c == '$' && dollarQuote()) {
                // consumed
            } else if (Character.isLetter(c) || c == '_' || c == '@') {
                word();
            } else if (Character.isDigit(c) || (c == '.' && Character.isDigit(next(1)))) {
                number();
            } else {
                add(Token.Kind.PUNCT, pos, pos + 1, String.valueOf(c), String.valueOf(c), line);
                pos++;
            }
        }
        finishStatement(false);
        attachComments();
    }

    private char next(int offset) {
        int i = pos + offset;
        return i < sql.length() ? sql.charAt(i) : '\0';
    }

    private boolean atLineStart() {
        for (int i = pos - 1; i >= 0; i--) {
            char c = sql.charAt(i);
            if (c == '\n') {
                return true;
            }
            if (!Character.isWhitespace(c)) {
                return false;
            }
        }
        return true;
    }

    /** The mysql client's {@code DELIMITER //} command: not SQL, it changes the statement terminator. */
    private boolean delimiterCommand() {
        if (dialect != null && !dialect.isMysqlFamily()) {
            return false;
        }
        int eol = sql.indexOf('\n', pos);
        String rest = sql.substring(pos, eol < 0 ? sql.length() : eol).stripTrailing();
        Matcher m = DELIMITER_COMMAND.matcher(rest);
        if (!m.matches()) {
            return false;
        }
        delimiter = m.group(1);
        pos = eol < 0 ? sql.length() : eol;
        return true;
    }

    private void lineComment(int textStart) {
        int eol = sql.indexOf('\n', pos);
        int end = eol < 0 ? sql.length() : eol;
        comment(new SqlComment(line, sql.substring(textStart, end).strip()));
        pos = end;
    }

    private void blockComment() {
        int startLine = line;
        int depth = 0;
        int i = pos;
        while (i < sql.length()) {
            if (sql.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (sql.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    break;
                }
            } else {
                if (sql.charAt(i) == '\n') {
                    line++;
                }
                i++;
            }
        }
        String body = sql.substring(pos + 2, Math.max(pos + 2, depth == 0 ? i - 2 : i));
        comment(new SqlComment(startLine, body.strip()));
        pos = i;
    }

    private void comment(SqlComment comment) {
        if (current != null) {
            current.comments.add(comment);
        } else if (lastFinished != null && comment.line() == lastFinishedLine) {
            // a comment after the terminator on the statement's own line belongs to that statement
            lastFinished.comments.add(comment);
        } else {
            pendingComments.add(comment);
        }
    }

    private void string(int tokenStart, boolean backslashEscapes) {
        int startLine = line;
        boolean backslash = backslashEscapes || mysql();
        int i = pos + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\\' && backslash && i + 1 < sql.length()) {
                if (sql.charAt(i + 1) == '\n') {
                    line++;
                }
                i += 2;
                continue;
            }
            if (c == '\n') {
                line++;
            }
            if (c == '\'') {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == '\'') {
                    i += 2;
                    continue;
                }
                i++;
                break;
            }
            i++;
        }
        if (i > sql.length()) {
            i = sql.length();
        }
        String text = sql.substring(tokenStart, i);
        add(Token.Kind.STRING, tokenStart, i, text, text, startLine);
        pos = i;
    }

    private void quotedIdentifier(char quote) {
        int startLine = line;
        StringBuilder name = new StringBuilder();
        int i = pos + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\n') {
                line++;
            }
            if (c == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    name.append(quote);
                    i += 2;
                    continue;
                }
                i++;
                break;
            }
            name.append(c);
            i++;
        }
        String word = name.toString();
        add(Token.Kind.QUOTED_IDENTIFIER, pos, i, word.toUpperCase(Locale.ROOT), word, startLine);
        pos = i;
    }

    private boolean dollarQuote() {
        if (pos > 0) {
            char before = sql.charAt(pos - 1);
            if (Character.isLetterOrDigit(before) || before == '_' || before == '$') {
                return false;
            }
        }
        Matcher m = DOLLAR_TAG.matcher(sql);
        m.region(pos, sql.length());
        if (!m.lookingAt()) {
            return false;
        }
        String tag = m.group();
        int startLine = line;
        int bodyStart = pos + tag.length();
        int close = sql.indexOf(tag, bodyStart);
        int end = close < 0 ? sql.length() : close + tag.length();
        for (int i = pos; i < end; i++) {
            if (sql.charAt(i) == '\n') {
                line++;
            }
        }
        String text = sql.substring(pos, end);
        add(Token.Kind.STRING, pos, end, text, text, startLine);
        pos = end;
        return true;
    }

    private void word() {
        int start = pos;
        int i = pos;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (Character.isLetterOrDigit(c) || c == '_' || c == '$' || (c == '@' && i == start)) {
                i++;
            } else {
                break;
            }
        }
        if (i == start) {
            i++;
        }
        String w = sql.substring(start, i);
        // E'...' (PostgreSQL escape string), N'...', X'...', B'...': prefix and string are one literal
        if (i < sql.length() && sql.charAt(i) == '\'' && w.length() == 1 && "EeNnXxBb".indexOf(w.charAt(0)) >= 0) {
            pos = i;
            string(start, w.equalsIgnoreCase("E"));
            return;
        }
        add(Token.Kind.WORD, start, i, w.toUpperCase(Locale.ROOT), w, line);
        pos = i;
    }

    private void number() {
        int start = pos;
        int i = pos;
        while (i < sql.length() && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '.')) {
            i++;
        }
        String n = sql.substring(start, i);
        add(Token.Kind.NUMBER, start, i, n.toUpperCase(Locale.ROOT), n, line);
        pos = i;
    }

    private void add(Token.Kind kind, int start, int end, String upper, String word, int tokenLine) {
        if (current == null) {
            current = new Builder(start, tokenLine);
            current.comments.addAll(pendingComments);
            pendingComments.clear();
        }
        current.add(new Token(kind, upper, word, start, end), line);
    }

    private void finishStatement(boolean atTerminator) {
        if (current != null) {
            if (atTerminator) {
                current.endLine = line;
            }
            statements.add(current);
            lastFinished = current;
            lastFinishedLine = current.endLine;
            current = null;
        }
    }

    private void attachComments() {
        // comments after the last statement belong to no statement; they cannot suppress anything
        pendingComments.clear();
    }

    /** A statement being read; tracks BEGIN ... END nesting inside routine bodies. */
    private static final class Builder {
        final int start;
        final int line;
        int endLine;
        final List<Token> tokens = new ArrayList<>();
        final List<SqlComment> comments = new ArrayList<>();
        int depth;
        boolean pendingEnd;
        boolean routine;

        Builder(int start, int line) {
            this.start = start;
            this.line = line;
            this.endLine = line;
        }

        void add(Token token, int currentLine) {
            String u = token.upper();
            if (pendingEnd) {
                pendingEnd = false;
                if (token.kind() == Token.Kind.WORD && (u.equals("IF") || u.equals("LOOP") || u.equals("WHILE")
                        || u.equals("REPEAT") || u.equals("FOR"))) {
                    // END IF / END LOOP ...: those blocks were never counted
                } else {
                    depth--;
                    if (u.equals("CASE")) {
                        tokens.add(token);
                        endLine = currentLine;
                        return;
                    }
                }
            }
            if (!routine && token.kind() == Token.Kind.WORD) {
                routine = isRoutineStart(u);
                if (routine && tokens.size() == 1 && tokens.get(0).upper().equals("BEGIN")) {
                    depth = 1; // MariaDB BEGIN NOT ATOMIC ... END
                }
            }
            if (routine && token.kind() == Token.Kind.WORD) {
                if (u.equals("BEGIN") || u.equals("CASE")) {
                    depth++;
                } else if (u.equals("END")) {
                    pendingEnd = true;
                }
            }
            tokens.add(token);
            endLine = currentLine;
        }

        private boolean isRoutineStart(String u) {
            if (tokens.isEmpty()) {
                return false;
            }
            String first = tokens.get(0).upper();
            if (first.equals("BEGIN") && tokens.size() == 1 && u.equals("NOT")) {
                return true;
            }
            return first.equals("CREATE") && (u.equals("PROCEDURE") || u.equals("FUNCTION")
                    || u.equals("TRIGGER") || u.equals("EVENT"));
        }

        /** Resolves a trailing {@code END} before a terminator and returns the nesting depth. */
        int resolvePendingEnd() {
            if (pendingEnd) {
                pendingEnd = false;
                depth--;
            }
            return depth;
        }

        SqlStatement build(String sql) {
            Token last = tokens.get(tokens.size() - 1);
            String text = sql.substring(start, last.end());
            List<Token> shifted = new ArrayList<>(tokens.size());
            for (Token t : tokens) {
                shifted.add(new Token(t.kind(), t.upper(), t.word(), t.start() - start, t.end() - start));
            }
            return new SqlStatement(text, line, endLine, shifted, comments);
        }
    }
}
