package dev.plc.sql;

import dev.plc.db.Dialect;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the comma-separated subcommands of an ALTER TABLE (PostgreSQL "ALTER TABLE", MySQL 8.0
 * "ALTER TABLE Statement", MariaDB "ALTER TABLE") into {@link AlterAction}s. Each reader looks at
 * the first words of one subcommand only; what it does not know becomes "OTHER" with its text.
 */
final class AlterActions {

    /**
     * MySQL/MariaDB table options that may stand as a subcommand ({@code ALTER TABLE t ENGINE=InnoDB}),
     * several of them separated by spaces only; each becomes an action of its own.
     */
    private static final Set<String> TABLE_OPTIONS = Set.of("ENGINE", "AUTO_INCREMENT", "AVG_ROW_LENGTH",
            "CHECKSUM", "COMPRESSION", "CONNECTION", "DELAY_KEY_WRITE", "ENCRYPTION", "ENCRYPTED",
            "ENCRYPTION_KEY_ID", "INSERT_METHOD", "KEY_BLOCK_SIZE", "MAX_ROWS", "MIN_ROWS", "PACK_KEYS",
            "PAGE_CHECKSUM", "PAGE_COMPRESSED", "PAGE_COMPRESSION_LEVEL", "PASSWORD", "ROW_FORMAT",
            "STATS_AUTO_RECALC", "STATS_PERSISTENT", "STATS_SAMPLE_PAGES", "TRANSACTIONAL", "UNION",
            "SECONDARY_ENGINE", "AUTOEXTEND_SIZE", "COMMENT", "ALGORITHM", "LOCK", "CHARSET", "CHARACTER",
            "COLLATE", "DEFAULT", "TABLESPACE");

    private static final Set<String> CONSTRAINT_STARTS = Set.of("PRIMARY", "UNIQUE", "FOREIGN", "CHECK", "EXCLUDE");

    private AlterActions() {
    }

    /** The actions of the ALTER whose first action starts at token {@code from}. */
    static List<AlterAction> read(Clause all, int from, Dialect dialect) {
        List<AlterAction> out = new ArrayList<>();
        for (Clause part : all.sub(from).splitTopLevel()) {
            for (Clause option : splitTableOptions(part, dialect)) {
                out.add(action(new TokenCursor(option, dialect, 0)));
            }
        }
        return out;
    }

    /** {@code ENGINE=InnoDB ROW_FORMAT=DYNAMIC}: MySQL table options need no comma between them. */
    private static List<Clause> splitTableOptions(Clause part, Dialect dialect) {
        TokenCursor c = new TokenCursor(part, dialect, 0);
        if (dialect == Dialect.POSTGRESQL || !optionStart(c, 0)) {
            return List.of(part);
        }
        List<Clause> out = new ArrayList<>();
        int start = 0;
        for (int k = 1; k < part.size(); k++) {
            if (optionStart(c, k) && !c.kw(k - 1, "DEFAULT|CONVERT|TO|=") && !c.kw(k - 1, "CHARACTER")) {
                out.add(part.sub(start, k));
                start = k;
            }
        }
        out.add(part.sub(start));
        return out;
    }

    private static boolean optionStart(TokenCursor c, int k) {
        String u = c.upper(k);
        if (!c.kw(k, u) || !TABLE_OPTIONS.contains(u)) {
            return false;
        }
        if (u.equals("DEFAULT")) {
            return c.kw(k + 1, "CHARSET|CHARACTER|COLLATE");
        }
        if (u.equals("CHARACTER")) {
            return c.kw(k + 1, "SET");
        }
        return true;
    }

    private static AlterAction action(TokenCursor c) {
        Set<Flag> flags = EnumSet.noneOf(Flag.class);
        if (c.findTopLevel(0, "CASCADE") >= 0) {
            flags.add(Flag.CASCADE);
        }
        if (c.findTopLevel(0, "RESTRICT") >= 0) {
            flags.add(Flag.RESTRICT);
        }
        String text = c.clause.text();
        Builder b = new Builder(flags, text);
        String first = c.upper(0);
        if (!c.kw(0, first)) {
            return b.build("OTHER");
        }
        c.i = 1;
        return switch (first) {
            case "ADD" -> add(c, b);
            case "DROP" -> drop(c, b);
            case "ALTER" -> alter(c, b);
            case "RENAME" -> rename(c, b);
            case "MODIFY" -> {
                c.accept("COLUMN");
                b.ifExists(c);
                b.column = c.fold(c.i);
                yield b.build("MODIFY COLUMN");
            }
            case "CHANGE" -> {
                c.accept("COLUMN");
                b.ifExists(c);
                b.column = c.fold(c.i);
                b.newName = c.fold(c.i + 1);
                yield b.build("CHANGE COLUMN");
            }
            case "VALIDATE" -> {
                c.accept("CONSTRAINT");
                b.name = c.fold(c.i);
                yield b.build("VALIDATE CONSTRAINT");
            }
            case "ENABLE", "DISABLE" -> enable(first, c, b);
            case "FORCE" -> b.build(c.kw(1, "ROW", "LEVEL", "SECURITY") ? "FORCE ROW LEVEL SECURITY" : "FORCE");
            case "NO" -> {
                if (c.kw(1, "INHERIT")) {
                    b.name = qualified(c, 2);
                    yield b.build("NO INHERIT");
                }
                yield b.build(c.kw(1, "FORCE") ? "NO FORCE ROW LEVEL SECURITY" : "OTHER");
            }
            case "INHERIT" -> {
                b.name = qualified(c, 1);
                yield b.build("INHERIT");
            }
            case "CLUSTER" -> {
                b.name = c.fold(2);
                yield b.build("CLUSTER ON");
            }
            case "SET" -> set(c, b);
            case "RESET" -> b.build("RESET (");
            case "OF" -> {
                b.name = qualified(c, 1);
                yield b.build("OF");
            }
            case "NOT" -> b.build(c.kw(1, "OF") ? "NOT OF" : "OTHER");
            case "OWNER" -> {
                b.name = c.fold(2);
                yield b.build("OWNER TO");
            }
            case "REPLICA" -> b.build("REPLICA IDENTITY");
            case "ATTACH", "DETACH" -> partition(first, c, b);
            case "ALGORITHM", "LOCK" -> {
                b.name = c.upper(c.kw(1, "=") ? 2 : 1);
                yield b.build(first);
            }
            case "CONVERT" -> b.build("CONVERT TO CHARACTER SET");
            case "DEFAULT", "CHARSET", "CHARACTER", "COLLATE" -> {
                boolean collate = c.findTopLevel(0, "COLLATE") >= 0 && c.findTopLevel(0, "CHARSET") < 0
                        && c.findTopLevel(0, "CHARACTER") < 0;
                b.name = valueAfterEquals(c);
                yield b.build(collate ? "DEFAULT COLLATE" : "DEFAULT CHARSET");
            }
            case "ORDER" -> b.build("ORDER BY");
            case "PARTITION" -> b.build("PARTITION BY");
            case "REMOVE" -> b.build("REMOVE PARTITIONING");
            case "WITH", "WITHOUT" -> b.build(first + " " + c.upper(1));
            case "TRUNCATE", "COALESCE", "REORGANIZE", "EXCHANGE", "ANALYZE", "CHECK", "OPTIMIZE", "REBUILD",
                 "REPAIR", "DISCARD", "IMPORT" -> {
                if (c.kw(1, "PARTITION")) {
                    b.name = c.fold(2);
                    yield b.build(first + " PARTITION");
                }
                yield b.build(c.kw(1, "TABLESPACE") ? first + " TABLESPACE" : "OTHER");
            }
            default -> {
                if (TABLE_OPTIONS.contains(first)) {
                    b.name = valueAfterEquals(c);
                    yield b.build(first);
                }
                yield b.build("OTHER");
            }
        };
    }

    private static AlterAction add(TokenCursor c, Builder b) {
        boolean column = c.accept("COLUMN");
        b.ifNotExists(c);
        if (!column) {
            if (c.accept("CONSTRAINT")) {
                if (c.isName(c.i) && (!c.kw(c.i, c.upper(c.i)) || !CONSTRAINT_STARTS.contains(c.upper(c.i)))) {
                    b.name = c.fold(c.i);
                    c.i++;
                }
                b.constraint(c);
                return b.build(b.name != null ? "ADD CONSTRAINT" : constraintAction(b.constraintType));
            }
            if (c.kw("PRIMARY|UNIQUE|FOREIGN|CHECK|EXCLUDE")) {
                b.constraint(c);
                return b.build(constraintAction(b.constraintType));
            }
            if (c.kw("INDEX|KEY")) {
                c.i++;
                b.ifNotExists(c);
                b.indexName(c);
                return b.build("ADD INDEX");
            }
            if (c.kw("FULLTEXT|SPATIAL")) {
                String kind = c.upper(c.i);
                c.i++;
                c.accept("INDEX");
                c.accept("KEY");
                b.ifNotExists(c);
                b.indexName(c);
                return b.build("ADD " + kind + " INDEX");
            }
            if (c.kw("PARTITION")) {
                b.ifNotExists(c);
                return b.build("ADD PARTITION");
            }
            if (c.kw("PERIOD")) {
                return b.build("ADD PERIOD");
            }
            if (c.kw("SYSTEM", "VERSIONING")) {
                return b.build("ADD SYSTEM VERSIONING");
            }
            if (c.kw("VALUE")) { // ALTER TYPE ... ADD VALUE [IF NOT EXISTS] 'v'
                c.i++;
                b.ifNotExists(c);
                b.name = c.fold(c.i);
                return b.build("ADD VALUE");
            }
            if (c.kw("ATTRIBUTE")) {
                b.column = c.fold(c.i + 1);
                return b.build("ADD ATTRIBUTE");
            }
            if (c.kw("(")) { // MySQL ADD (a int, b int)
                return b.build("ADD COLUMN");
            }
        }
        b.column = c.fold(c.i);
        return b.build("ADD COLUMN");
    }

    private static String constraintAction(String type) {
        return type == null ? "ADD CONSTRAINT" : "ADD " + type;
    }

    private static AlterAction drop(TokenCursor c, Builder b) {
        if (c.accept("CONSTRAINT")) {
            b.ifExists(c);
            b.name = c.fold(c.i);
            return b.build("DROP CONSTRAINT");
        }
        if (c.accept("PRIMARY", "KEY")) {
            return b.build("DROP PRIMARY KEY");
        }
        if (c.accept("FOREIGN", "KEY")) {
            b.ifExists(c);
            b.name = c.fold(c.i);
            return b.build("DROP FOREIGN KEY");
        }
        if (c.accept("INDEX") || c.accept("KEY")) {
            b.ifExists(c);
            b.name = c.fold(c.i);
            return b.build("DROP INDEX");
        }
        if (c.accept("CHECK")) {
            b.ifExists(c);
            b.name = c.fold(c.i);
            return b.build("DROP CHECK");
        }
        if (c.accept("PARTITION")) {
            b.ifExists(c);
            b.name = c.fold(c.i);
            return b.build("DROP PARTITION");
        }
        if (c.kw("DEFAULT") || c.kw("NOT", "NULL")) { // ALTER DOMAIN
            return b.build(c.kw("DEFAULT") ? "DROP DEFAULT" : "DROP NOT NULL");
        }
        if (c.kw("SYSTEM", "VERSIONING")) {
            return b.build("DROP SYSTEM VERSIONING");
        }
        if (c.kw("PERIOD")) {
            return b.build("DROP PERIOD");
        }
        if (c.accept("ATTRIBUTE")) {
            b.ifExists(c);
            b.column = c.fold(c.i);
            return b.build("DROP ATTRIBUTE");
        }
        c.accept("COLUMN");
        b.ifExists(c);
        b.column = c.fold(c.i);
        return b.build("DROP COLUMN");
    }

    private static final String[][] COLUMN_CHANGES = {
        {"SET", "DATA", "TYPE"}, {"TYPE"}, {"SET", "NOT", "NULL"}, {"DROP", "NOT", "NULL"}, {"SET", "DEFAULT"},
        {"DROP", "DEFAULT"}, {"DROP", "EXPRESSION"}, {"DROP", "IDENTITY"}, {"SET", "STATISTICS"},
        {"SET", "STORAGE"}, {"SET", "COMPRESSION"}, {"SET", "EXPRESSION"}, {"ADD", "GENERATED"},
        {"SET", "GENERATED"}, {"SET", "VISIBLE"}, {"SET", "INVISIBLE"}, {"RESTART"}, {"SET", "("}, {"RESET", "("},
        {"DROP", "COMPRESSED"}, {"SET", "COMPRESSED"},
    };

    private static AlterAction alter(TokenCursor c, Builder b) {
        if (c.accept("CONSTRAINT")) {
            b.name = c.fold(c.i);
            return b.build("ALTER CONSTRAINT");
        }
        if (c.accept("INDEX") || c.accept("KEY")) { // MySQL VISIBLE/INVISIBLE, MariaDB [NOT] IGNORED
            b.name = c.fold(c.i);
            String state = c.kw(c.i + 1, "NOT") ? "NOT " + c.upper(c.i + 2) : c.upper(c.i + 1);
            return b.build("ALTER INDEX " + state);
        }
        if (c.accept("CHECK")) {
            b.name = c.fold(c.i);
            return b.build("ALTER CHECK");
        }
        if (c.accept("ATTRIBUTE")) {
            b.column = c.fold(c.i);
            return b.build("ALTER ATTRIBUTE TYPE");
        }
        c.accept("COLUMN");
        b.ifExists(c); // MariaDB: ALTER COLUMN IF EXISTS
        b.column = c.fold(c.i);
        int rest = c.i + 1;
        if (c.kw(rest, "RENAME", "TO")) { // H2
            b.newName = c.fold(rest + 2);
            return b.build("RENAME COLUMN");
        }
        for (String[] change : COLUMN_CHANGES) {
            if (c.kw(rest, change)) {
                if (c.kw(rest + change.length, "IF", "EXISTS")) {
                    b.flags.add(Flag.IF_EXISTS);
                }
                String words = change[0].equals("SET") && change.length == 3 && change[1].equals("DATA") ? "TYPE"
                        : String.join(" ", change);
                return b.build("ALTER COLUMN " + words);
            }
        }
        if (c.kw(rest, "SET|DROP")) { // sequence options of an identity column: SET INCREMENT BY 2
            return b.build("ALTER COLUMN " + c.upper(rest) + " " + c.upper(rest + 1));
        }
        return b.build("OTHER");
    }

    private static AlterAction rename(TokenCursor c, Builder b) {
        if (c.accept("COLUMN")) {
            b.column = c.fold(c.i);
            b.newName = c.fold(c.i + 2);
            return b.build("RENAME COLUMN");
        }
        if (c.kw("CONSTRAINT|INDEX|KEY|ATTRIBUTE|VALUE")) {
            String what = c.upper(c.i);
            c.i++;
            String old = c.fold(c.i);
            String neu = c.fold(c.i + 2);
            if (what.equals("ATTRIBUTE")) {
                b.column = old;
            } else {
                b.name = old;
            }
            b.newName = neu;
            return b.build("RENAME " + what);
        }
        if (c.accept("TO") || c.accept("AS")) {
            b.newName = qualified(c, c.i);
            return b.build("RENAME TO");
        }
        if (c.kw(c.i + 1, "TO")) { // PostgreSQL: RENAME a TO b renames a column
            b.column = c.fold(c.i);
            b.newName = c.fold(c.i + 2);
            return b.build("RENAME COLUMN");
        }
        b.newName = qualified(c, c.i); // MySQL: RENAME new_name
        return b.build("RENAME TO");
    }

    private static AlterAction enable(String verb, TokenCursor c, Builder b) {
        String mode = c.kw("REPLICA|ALWAYS") ? " " + c.upper(c.i) : "";
        if (!mode.isEmpty()) {
            c.i++;
        }
        if (c.kw("TRIGGER|RULE")) {
            String what = c.upper(c.i);
            b.name = c.fold(c.i + 1);
            return b.build(verb + mode + " " + what);
        }
        if (c.kw("ROW", "LEVEL", "SECURITY")) {
            return b.build(verb + " ROW LEVEL SECURITY");
        }
        if (c.kw("KEYS")) {
            return b.build(verb + " KEYS");
        }
        return b.build("OTHER");
    }

    private static AlterAction set(TokenCursor c, Builder b) {
        if (c.kw("WITHOUT")) {
            return b.build("SET WITHOUT " + c.upper(2));
        }
        if (c.kw("(")) {
            return b.build("SET (");
        }
        if (c.kw("NOT", "NULL")) {
            return b.build("SET NOT NULL");
        }
        if (c.kw("ACCESS", "METHOD")) {
            b.name = c.fold(3);
            return b.build("SET ACCESS METHOD");
        }
        if (c.kw("TABLESPACE|SCHEMA|LOGGED|UNLOGGED|DEFAULT|STATISTICS")) {
            String what = c.upper(1);
            b.name = c.fold(2);
            return b.build("SET " + what);
        }
        return b.build("OTHER");
    }

    private static AlterAction partition(String verb, TokenCursor c, Builder b) {
        if (!c.accept("PARTITION")) {
            return b.build("OTHER");
        }
        b.name = qualified(c, c.i);
        if (c.findTopLevel(c.i, "CONCURRENTLY") >= 0) {
            b.flags.add(Flag.CONCURRENTLY);
        }
        if (c.findTopLevel(c.i, "FINALIZE") >= 0) {
            b.flags.add(Flag.FINALIZE);
        }
        return b.build(verb + " PARTITION");
    }

    /** The (folded) qualified name at {@code at}, as {@code schema.name}, or null. */
    private static String qualified(TokenCursor c, int at) {
        int keep = c.i;
        c.i = at;
        QualifiedName n = c.name();
        c.i = keep;
        return n == null ? null : n.toString();
    }

    /** The value of {@code KEY [=] value} options: upper-cased words, strings and numbers as written. */
    private static String valueAfterEquals(TokenCursor c) {
        int k = 0;
        while (k < c.size() && !c.kw(k, "=") && (c.kw(k, "DEFAULT|CHARACTER|SET|CHARSET|COLLATE") || k == 0)) {
            k++;
        }
        if (c.kw(k, "=")) {
            k++;
        }
        Token t = c.clause.get(k);
        return t == null ? null : t.kind() == Token.Kind.WORD ? t.upper() : t.word();
    }

    private static final class Builder {
        final Set<Flag> flags;
        final String text;
        String column;
        String name;
        String newName;
        String constraintType;

        Builder(Set<Flag> flags, String text) {
            this.flags = flags;
            this.text = text;
        }

        void ifExists(TokenCursor c) {
            if (c.accept("IF", "EXISTS")) {
                flags.add(Flag.IF_EXISTS);
            }
        }

        void ifNotExists(TokenCursor c) {
            if (c.accept("IF", "NOT", "EXISTS")) {
                flags.add(Flag.IF_NOT_EXISTS);
            }
        }

        /** PRIMARY KEY / UNIQUE [INDEX|KEY] [name] / FOREIGN KEY [name] / CHECK / EXCLUDE at the cursor. */
        void constraint(TokenCursor c) {
            if (c.accept("PRIMARY", "KEY")) {
                constraintType = "PRIMARY KEY";
            } else if (c.accept("UNIQUE")) {
                constraintType = "UNIQUE";
                if (!c.accept("INDEX")) {
                    c.accept("KEY");
                }
                unnamedIndexName(c);
            } else if (c.accept("FOREIGN", "KEY")) {
                constraintType = "FOREIGN KEY";
                unnamedIndexName(c);
            } else if (c.accept("CHECK")) {
                constraintType = "CHECK";
            } else if (c.accept("EXCLUDE")) {
                constraintType = "EXCLUDE";
            }
            if (c.findTopLevel(c.i, "NOT") >= 0 && c.kw(c.findTopLevel(c.i, "NOT") + 1, "VALID")) {
                flags.add(Flag.NOT_VALID);
            }
            if (c.findTopLevel(c.i, "USING") >= 0 && c.kw(c.findTopLevel(c.i, "USING") + 1, "INDEX")) {
                flags.add(Flag.USING_INDEX);
            }
        }

        /** MySQL's optional index name after UNIQUE [KEY] / FOREIGN KEY: used when no CONSTRAINT name was given. */
        private void unnamedIndexName(TokenCursor c) {
            if (name == null && c.isName(c.i) && !c.kw(c.i, "USING")) {
                name = c.fold(c.i);
            }
        }

        void indexName(TokenCursor c) {
            if (c.isName(c.i) && !c.kw(c.i, "USING")) {
                name = c.fold(c.i);
            }
        }

        AlterAction build(String action) {
            return new AlterAction(action, column, name, newName, constraintType, flags, text);
        }
    }
}
