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
 * <p>Understands {@code --} comments (MySQL: only when a space or control character follows, as
 * its manual's "Comment Syntax" page says, so {@code 1--1} is an expression), {@code /* *}{@code /}
 * comments (nested only on PostgreSQL: MySQL ends a comment at the first {@code *}{@code /}), MySQL
 * {@code #} comments and {@code /*! ... *}{@code /} executable comments (MariaDB also
 * {@code /*M! ... *}{@code /}: their content is read as part of the statement, whatever the version
 * number says), single-quoted strings with {@code ''} escapes (backslash escapes for MySQL, also in
 * double quotes, and for PostgreSQL {@code E'...'}), PostgreSQL {@code U&'...'} strings and
 * {@code U&"..."} identifiers with an optional {@code UESCAPE 'c'}, double-quoted and backtick
 * identifiers with doubled quotes, PostgreSQL dollar quotes ({@code $$} and {@code $tag$}), the
 * MySQL client's {@code DELIMITER} command, {@code BEGIN ... END} bodies of procedures, functions,
 * triggers and events (MySQL, also without DELIMITER; PostgreSQL 14+ {@code BEGIN ATOMIC}), and,
 * like psql, a semicolon inside the parentheses of {@code CREATE RULE ... DO (INSERT ...; INSERT ...)}
 * does not end the statement.
 */
public final class SqlScript {

    private static final Pattern DELIMITER_COMMAND = Pattern.compile("(?i)DELIMITER[ \\t]+(\\S+)[ \\t]*");
    private static final Pattern DOLLAR_TAG = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*)?\\$");

    private final String sql;
    private final Dialect dialect;
    private final List<StatementBuilder> statements = new ArrayList<>();
    private final List<SqlComment> pendingComments = new ArrayList<>();
    private int pos;
    private int line = 1;
    private String delimiter = ";";
    private StatementBuilder current;
    private StatementBuilder lastFinished;
    private int lastFinishedLine;
    /** Whether the DELIMITER commands become statements of their own (for {@link SqlReader}). */
    private final boolean keepClientCommands;
    /** Inside a MySQL {@code /*! ... *}{@code /} executable comment. */
    private boolean executableComment;
    /** Where the executable comment opening the next statement starts, or -1. */
    private int executableStart = -1;

    private SqlScript(String sql, Dialect dialect, boolean keepClientCommands) {
        this.sql = sql == null ? "" : sql;
        this.dialect = dialect;
        this.keepClientCommands = keepClientCommands;
    }

    /** Splits a script of unknown dialect (no MySQL-only syntax such as {@code #} comments). */
    public static List<SqlStatement> split(String sql) {
        return split(sql, null);
    }

    /** The statements to send to the server: the mysql client's DELIMITER commands are not among them. */
    public static List<SqlStatement> split(String sql, Dialect dialect) {
        return read(sql, dialect, false);
    }

    static List<SqlStatement> read(String sql, Dialect dialect, boolean keepClientCommands) {
        SqlScript script = new SqlScript(sql, dialect, keepClientCommands);
        script.run();
        List<SqlStatement> out = new ArrayList<>();
        for (StatementBuilder b : script.statements) {
            out.add(b.build(script.sql, dialect));
        }
        return out;
    }

    private boolean mysql() {
        return dialect != null && dialect.isMysqlFamily();
    }

    private boolean postgres() {
        return dialect == Dialect.POSTGRESQL;
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
            if (executableComment && sql.startsWith("*/", pos)) {
                pos += 2;
                executableComment = false;
                if (current != null) {
                    current.textEnd = pos;
                } else {
                    executableStart = -1;
                }
                continue;
            }
            if (sql.startsWith(delimiter, pos)
                    && (current == null || (current.resolvePendingEnd() <= 0 && !insideParentheses())
                    || !delimiter.equals(";"))) {
                pos += delimiter.length();
                finishStatement(true);
                continue;
            }
            if (c == '-' && next(1) == '-' && (!mysql() || next(2) == '\0' || Character.isWhitespace(next(2))
                    || Character.isISOControl(next(2)))) {
                lineComment(pos + 2);
            } else if (c == '#' && mysql()) {
                lineComment(pos + 1);
            } else if (c == '/' && next(1) == '*' && mysql() && !executableComment && executableCommentStart()) {
                // consumed the opener; the content is read as statement text
            } else if (c == '/' && next(1) == '*') {
                blockComment();
            } else if (c == '\'') {
                string(pos, false);
            } else if (c == '"' || c == '`') {
                quotedIdentifier(c);
            } else if (c == '$' && !mysql() && dollarQuote()) {
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

    /**
     * psql does not end a statement at a semicolon inside parentheses. The only statement where
     * that is valid SQL is CREATE RULE ... DO (cmd; cmd), so only there is it honoured: elsewhere an
     * unbalanced parenthesis must not hide the rest of the file from the linter.
     */
    private boolean insideParentheses() {
        return postgres() && current.parenDepth > 0 && current.isRule();
    }

    /**
     * MySQL {@code /*!50100 ... *}{@code /} and MariaDB {@code /*M!100100 ... *}{@code /}: the server
     * runs the content, so it is read as part of the statement (mysqldump writes whole statements so).
     */
    private boolean executableCommentStart() {
        int i = pos + 2;
        if (i < sql.length() && sql.charAt(i) == 'M' && i + 1 < sql.length() && sql.charAt(i + 1) == '!') {
            i++;
        }
        if (i >= sql.length() || sql.charAt(i) != '!') {
            return false;
        }
        i++;
        while (i < sql.length() && Character.isDigit(sql.charAt(i))) {
            i++;
        }
        if (current == null) {
            executableStart = pos;
        }
        executableComment = true;
        pos = i;
        return true;
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
        if (keepClientCommands) {
            StatementBuilder command = new StatementBuilder(pos, line);
            int valueStart = pos + m.start(1);
            command.add(new Token(Token.Kind.WORD, "DELIMITER", rest.substring(0, "DELIMITER".length()), pos,
                    pos + "DELIMITER".length()), line);
            command.add(new Token(Token.Kind.PUNCT, delimiter, delimiter, valueStart, valueStart + delimiter.length()),
                    line);
            statements.add(command);
        }
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
            if (sql.startsWith("/*", i) && (depth == 0 || !mysql())) {
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
        quotedIdentifier(quote, pos, pos + 1);
    }

    /** Reads {@code "..."} or {@code `...`} whose opening quote is at {@code open - 1}. */
    private void quotedIdentifier(char quote, int tokenStart, int open) {
        int startLine = line;
        StringBuilder name = new StringBuilder();
        // MySQL reads "..." as a string unless ANSI_QUOTES is set: backslash escapes apply there
        boolean backslash = quote == '"' && mysql();
        int i = open;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\\' && backslash && i + 1 < sql.length()) {
                if (sql.charAt(i + 1) == '\n') {
                    line++;
                }
                name.append(c).append(sql.charAt(i + 1));
                i += 2;
                continue;
            }
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
        if (tokenStart != open - 1) { // U&"..." [UESCAPE 'c']
            int[] end = {i};
            word = UnicodeEscapes.decode(word, uescape(end));
            i = end[0];
        }
        add(Token.Kind.QUOTED_IDENTIFIER, tokenStart, i, word.toUpperCase(Locale.ROOT), word, startLine);
        pos = i;
    }

    private static final Pattern UESCAPE = Pattern.compile("(?i)\\s+UESCAPE\\s*'(.)'");

    /** The escape character of a following {@code UESCAPE 'c'} (consumed: end[0] moves past it), or '\\'. */
    private char uescape(int[] end) {
        Matcher m = UESCAPE.matcher(sql);
        m.region(end[0], sql.length());
        if (!m.lookingAt()) {
            return '\\';
        }
        for (int k = end[0]; k < m.end(); k++) {
            if (sql.charAt(k) == '\n') {
                line++;
            }
        }
        end[0] = m.end();
        return m.group(1).charAt(0);
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
            if (i > start && customDelimiterAt(i)) {
                break; // END$$ after DELIMITER $$
            }
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
        // PostgreSQL U&'...' strings and U&"..." identifiers (Unicode escapes, optional UESCAPE)
        if (!mysql() && w.equalsIgnoreCase("U") && i + 1 < sql.length() && sql.charAt(i) == '&'
                && (sql.charAt(i + 1) == '\'' || sql.charAt(i + 1) == '"')) {
            if (sql.charAt(i + 1) == '"') {
                quotedIdentifier('"', start, i + 2);
            } else {
                pos = i + 1;
                string(start, false); // a following UESCAPE 'c' is read as two more tokens
            }
            return;
        }
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
        while (i < sql.length() && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '.')
                && !(i > start && customDelimiterAt(i))) {
            i++;
        }
        String n = sql.substring(start, i);
        add(Token.Kind.NUMBER, start, i, n.toUpperCase(Locale.ROOT), n, line);
        pos = i;
    }

    private boolean customDelimiterAt(int i) {
        return !delimiter.equals(";") && sql.startsWith(delimiter, i);
    }

    private void add(Token.Kind kind, int start, int end, String upper, String word, int tokenLine) {
        if (current == null) {
            current = new StatementBuilder(executableStart >= 0 ? executableStart : start, tokenLine);
            executableStart = -1;
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
            if (executableComment) { // an unterminated /*! ... runs to the terminator
                executableComment = false;
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
}
