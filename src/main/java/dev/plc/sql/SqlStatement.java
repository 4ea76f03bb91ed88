package dev.plc.sql;

import dev.plc.db.Dialect;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One statement of a migration file, as read by {@link SqlScript}: its text (from its first token
 * to the last one before the terminator, comments inside included), the 1-based lines of its first
 * and last token, its tokens (upper-cased, identifier quotes stripped) and the comments attached to
 * it (those directly above it, inside it, and after its terminator on its last line).
 */
public final class SqlStatement {

    private final String text;
    private final int line;
    private final int endLine;
    private final Clause all;
    private final List<Token> tokenList;
    private final List<SqlComment> comments;
    private final Dialect dialect;
    private StatementKind kind;

    SqlStatement(String text, int line, int endLine, List<Token> tokens, List<SqlComment> comments, Dialect dialect) {
        this.text = text;
        this.line = line;
        this.endLine = endLine;
        this.all = new Clause(text, tokens);
        this.tokenList = List.copyOf(tokens);
        this.comments = List.copyOf(comments);
        this.dialect = dialect;
    }

    /** The dialect it was read in (null: unknown). */
    public Dialect dialect() {
        return dialect;
    }

    /** What the statement is and what it names; read once, on first use. */
    public StatementKind kind() {
        if (kind == null) {
            kind = StatementClassifier.classify(all, dialect);
        }
        return kind;
    }

    /** {@code "table.old" -> "new"} for every column rename: see {@link StatementKind#columnRenames()}. */
    public Map<String, String> columnRenames() {
        return kind().columnRenames();
    }

    /** A command of the mysql client (DELIMITER), not SQL: never send it to a server. */
    public boolean isClientCommand() {
        return kind().verb() == Verb.DELIMITER;
    }

    public String text() {
        return text;
    }

    public int line() {
        return line;
    }

    public int endLine() {
        return endLine;
    }

    /** The lexemes with their offsets in {@link #text()}. */
    List<Token> tokenList() {
        return tokenList;
    }

    public List<String> tokens() {
        return all.tokens();
    }

    public List<SqlComment> comments() {
        return comments;
    }

    /** All tokens, for matching. */
    public Clause clause() {
        return all;
    }

    public String token(int i) {
        return all.token(i);
    }

    public String word(int i) {
        return all.word(i);
    }

    public boolean startsWith(String... seq) {
        return all.startsWith(seq);
    }

    public boolean contains(String... seq) {
        return all.contains(seq);
    }

    public int indexOf(int from, String... seq) {
        return all.indexOf(from, seq);
    }

    public boolean isCreateTable() {
        return tableKeywordIndex("CREATE") >= 0;
    }

    public boolean isAlterTable() {
        return tableKeywordIndex("ALTER") >= 0;
    }

    public boolean isDropTable() {
        return startsWith("DROP", "TABLE");
    }

    /** CREATE [UNIQUE] INDEX (not CREATE INDEX on a view or a CREATE INDEX TYPE). */
    public boolean isCreateIndex() {
        return startsWith("CREATE", "INDEX") || startsWith("CREATE", "UNIQUE", "INDEX")
                || startsWith("CREATE", "FULLTEXT|SPATIAL", "INDEX");
    }

    public boolean isDropIndex() {
        return startsWith("DROP", "INDEX");
    }

    /**
     * The table a statement works on, as written (schema-qualified if it is): CREATE/ALTER/DROP
     * TABLE, CREATE INDEX ... ON, TRUNCATE, UPDATE, DELETE FROM, INSERT INTO, RENAME TABLE.
     * Null for any other statement.
     */
    public String tableName() {
        int i = tableNameIndex();
        return i < 0 ? null : all.qualifiedName(i);
    }

    /** The token index where {@link #tableName()} starts, or -1. */
    public int tableNameIndex() {
        int i = -1;
        int create = tableKeywordIndex("CREATE");
        int alter = tableKeywordIndex("ALTER");
        if (create >= 0) {
            i = skip(create + 1, "IF", "NOT", "EXISTS");
        } else if (alter >= 0) {
            i = skip(skip(alter + 1, "IF", "EXISTS"), "ONLY");
        } else if (startsWith("DROP", "TABLE")) {
            i = skip(2, "IF", "EXISTS");
        } else if (isCreateIndex()) {
            int on = all.indexOfTopLevel(0, "ON");
            i = on < 0 ? -1 : skip(on + 1, "ONLY");
        } else if (startsWith("TRUNCATE")) {
            i = skip(skip(1, "TABLE"), "ONLY");
        } else if (startsWith("UPDATE")) {
            i = skip(skip(1, "LOW_PRIORITY"), "ONLY");
        } else if (startsWith("DELETE")) {
            int from = all.indexOf(0, "FROM");
            i = from < 0 ? -1 : skip(from + 1, "ONLY");
        } else if (startsWith("INSERT")) {
            int into = all.indexOf(0, "INTO");
            i = into < 0 ? -1 : into + 1;
        } else if (startsWith("RENAME", "TABLE")) {
            i = 2;
        }
        return i >= 0 && all.isName(i) ? i : -1;
    }

    /** The index of TABLE in "CREATE [OR REPLACE] [TEMPORARY|UNLOGGED|...] TABLE" / "ALTER [ONLINE|IGNORE] TABLE". */
    private int tableKeywordIndex(String verb) {
        if (!startsWith(verb)) {
            return -1;
        }
        for (int i = 1; i < Math.min(6, all.size()); i++) {
            String t = all.token(i);
            if (t.equals("TABLE")) {
                return i;
            }
            if (!List.of("OR", "REPLACE", "GLOBAL", "LOCAL", "TEMP", "TEMPORARY", "UNLOGGED", "ONLINE", "IGNORE")
                    .contains(t)) {
                return -1;
            }
        }
        return -1;
    }

    private int skip(int i, String... seq) {
        return all.at(i, seq) ? i + seq.length : i;
    }

    /** BEGIN / START TRANSACTION (not MariaDB's BEGIN NOT ATOMIC block). */
    public boolean isTransactionStart() {
        if (startsWith("START", "TRANSACTION")) {
            return true;
        }
        return startsWith("BEGIN") && (all.size() == 1 || all.at(1, "TRANSACTION|WORK|ISOLATION|READ|DEFERRABLE"));
    }

    /** COMMIT / END / ROLLBACK / ABORT (not ROLLBACK TO SAVEPOINT). */
    public boolean isTransactionEnd() {
        if (startsWith("ROLLBACK") || startsWith("ABORT")) {
            return !contains("TO");
        }
        return startsWith("COMMIT") || (startsWith("END") && (all.size() == 1 || all.at(1, "TRANSACTION|WORK")));
    }

    /** A SET of a session or transaction setting: name (lower case, without @@session.) and value. */
    public Optional<Setting> setting() {
        if (!startsWith("SET")) {
            return Optional.empty();
        }
        int i = 1;
        boolean local = false;
        if (all.at(i, "SESSION|GLOBAL|LOCAL|PERSIST")) {
            local = all.token(i).equals("LOCAL");
            i++;
        }
        // MySQL: SET @@session.lock_wait_timeout = 5 (the lexer reads "@", "@session", ".", name)
        while (all.token(i).startsWith("@")) {
            String bare = all.token(i).replace("@", "");
            if (bare.isEmpty()) {
                i++;
            } else if (all.at(i + 1, ".") && List.of("SESSION", "GLOBAL", "LOCAL", "PERSIST").contains(bare)) {
                i += 2;
            } else {
                break;
            }
        }
        if (!all.isName(i)) {
            return Optional.empty();
        }
        String name = all.word(i).replace("@", "").toLowerCase(Locale.ROOT);
        int value = i + 1;
        if (all.at(value, "=|TO")) {
            value++;
        }
        String v = all.sub(value).tokens().stream().collect(Collectors.joining(" "));
        v = v.replace("'", "").toLowerCase(Locale.ROOT).strip();
        return Optional.of(new Setting(name, v, local));
    }

    /** Whether this is a SET of {@code name} (e.g. lock_timeout, statement_timeout), SESSION or LOCAL. */
    public boolean sets(String name) {
        return setting().map(v -> v.name().equalsIgnoreCase(name)).orElse(false);
    }

    /** SET [LOCAL] name = value, as read by {@link #setting()}. */
    public record Setting(String name, String value, boolean local) {
    }

    /** Statements that change the schema (and commit implicitly on MySQL). */
    public boolean isDdl() {
        return startsWith("CREATE") || startsWith("ALTER") || startsWith("DROP") || startsWith("RENAME")
                || startsWith("TRUNCATE");
    }

    /**
     * The statements embedded in this one that run when it runs: the body of a PostgreSQL
     * {@code DO $$ ... $$} block (DDL and UPDATE/DELETE after BEGIN/THEN/ELSE/LOOP), and the
     * statement after FOR in MariaDB's {@code SET STATEMENT var=value FOR <statement>}. Their lines
     * are lines of the file; the enclosing statement's suppressions apply to them too.
     */
    public List<SqlStatement> embedded() {
        List<SqlStatement> out = new ArrayList<>();
        if (startsWith("SET", "STATEMENT")) {
            int f = all.indexOfTopLevel(2, "FOR");
            if (f > 0 && f + 1 < tokenList.size()) {
                out.add(tail(this, f + 1, List.of()));
            }
            return out;
        }
        if (!startsWith("DO")) {
            return out;
        }
        for (Token t : tokenList) {
            if (t.kind() != Token.Kind.STRING || !t.word().startsWith("$")) {
                continue;
            }
            String quoted = t.word();
            int open = quoted.indexOf('$', 1) + 1;
            int close = quoted.lastIndexOf('$', quoted.length() - 2);
            if (open <= 0 || close < open) {
                continue;
            }
            String body = quoted.substring(open, close);
            int bodyLine = line + newlines(text, 0, t.start() + open);
            for (SqlStatement inner : SqlScript.split(body)) {
                SqlStatement shifted = new SqlStatement(inner.text, inner.line + bodyLine - 1,
                        inner.endLine + bodyLine - 1, inner.tokenList, shift(inner.comments, bodyLine), dialect);
                int start = plpgsqlStatementStart(shifted);
                if (start >= 0) {
                    out.add(start == 0 ? shifted : tail(shifted, start, shifted.comments));
                }
            }
        }
        return out;
    }

    private static final Set<String> EMBEDDED_VERBS = Set.of("ALTER", "CREATE", "DROP", "UPDATE", "DELETE",
            "TRUNCATE", "RENAME");

    /** Where the SQL statement starts after PL/pgSQL control words (BEGIN, IF ... THEN, ELSE, LOOP). */
    private static int plpgsqlStatementStart(SqlStatement s) {
        for (int i = 0; i < s.tokenList.size(); i++) {
            String u = s.tokenList.get(i).upper();
            if (s.tokenList.get(i).kind() == Token.Kind.WORD && EMBEDDED_VERBS.contains(u)
                    && (i == 0 || s.all.at(i - 1, "BEGIN|THEN|ELSE|LOOP"))) {
                return i;
            }
        }
        return -1;
    }

    private static SqlStatement tail(SqlStatement s, int from, List<SqlComment> comments) {
        Token first = s.tokenList.get(from);
        List<Token> shifted = new ArrayList<>();
        for (Token t : s.tokenList.subList(from, s.tokenList.size())) {
            shifted.add(new Token(t.kind(), t.upper(), t.word(), t.start() - first.start(), t.end() - first.start()));
        }
        return new SqlStatement(s.text.substring(first.start()), s.line + newlines(s.text, 0, first.start()),
                s.endLine, shifted, comments, s.dialect);
    }

    private static List<SqlComment> shift(List<SqlComment> inner, int bodyLine) {
        List<SqlComment> all = new ArrayList<>();
        for (SqlComment c : inner) {
            all.add(new SqlComment(c.line() + bodyLine - 1, c.text()));
        }
        return all;
    }

    private static int newlines(String text, int from, int to) {
        int n = 0;
        for (int i = from; i < Math.min(to, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    @Override
    public String toString() {
        return line + ": " + text;
    }
}
