package dev.plc.sql;

import dev.plc.db.Dialect;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A statement {@link SqlScript} is reading; tracks BEGIN ... END nesting inside routine bodies. */
final class StatementBuilder {
    final int start;
    final int line;
    int endLine;
    final List<Token> tokens = new ArrayList<>();
    final List<SqlComment> comments = new ArrayList<>();
    int depth;
    int parenDepth;
    /** The end of the text when it ends after the last token (the close of an executable comment). */
    int textEnd = -1;
    boolean pendingEnd;
    boolean routine;

    StatementBuilder(int start, int line) {
        this.start = start;
        this.line = line;
        this.endLine = line;
    }

    void add(Token token, int currentLine) {
        String u = token.upper();
        if (token.kind() == Token.Kind.PUNCT && u.equals("(")) {
            parenDepth++;
        } else if (token.kind() == Token.Kind.PUNCT && u.equals(")") && parenDepth > 0) {
            parenDepth--;
        }
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

    /** CREATE [OR REPLACE] RULE. */
    boolean isRule() {
        int i = tokens.size() > 3 && tokens.get(1).upper().equals("OR") ? 3 : 1;
        return tokens.size() > i && tokens.get(0).upper().equals("CREATE") && tokens.get(i).upper().equals("RULE");
    }

    private boolean isRoutineStart(String u) {
        if (tokens.isEmpty()) {
            return false;
        }
        String first = tokens.get(0).upper();
        if (first.equals("BEGIN") && tokens.size() == 1 && u.equals("NOT")) {
            return true;
        }
        if (!first.equals("CREATE") || !ROUTINES.contains(u)) {
            return false;
        }
        // the object word of CREATE [OR REPLACE] [DEFINER = x] [AGGREGATE] FUNCTION, not a column
        // named "event" of a CREATE TABLE
        for (Token t : tokens) {
            if (t.kind() == Token.Kind.WORD && NOT_ROUTINES.contains(t.upper())) {
                return false;
            }
        }
        return true;
    }

    private static final Set<String> ROUTINES = Set.of("PROCEDURE", "FUNCTION", "TRIGGER",
            "EVENT");
    private static final Set<String> NOT_ROUTINES = Set.of("TABLE", "VIEW", "INDEX", "TYPE",
            "DOMAIN", "SEQUENCE", "SCHEMA", "DATABASE", "POLICY", "RULE", "ON", "AS", "CAST", "STATISTICS");

    /** Resolves a trailing {@code END} before a terminator and returns the nesting depth. */
    int resolvePendingEnd() {
        if (pendingEnd) {
            pendingEnd = false;
            depth--;
        }
        return depth;
    }

    SqlStatement build(String sql, Dialect dialect) {
        Token last = tokens.get(tokens.size() - 1);
        String text = sql.substring(start, Math.max(last.end(), textEnd));
        List<Token> shifted = new ArrayList<>(tokens.size());
        for (Token t : tokens) {
            shifted.add(new Token(t.kind(), t.upper(), t.word(), t.start() - start, t.end() - start));
        }
        return new SqlStatement(text, line, endLine, shifted, comments, dialect);
    }
}
