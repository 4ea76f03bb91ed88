package dev.plc.sql;

import dev.plc.db.Dialect;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Names a statement's {@link StatementKind} from its leading words, following the synopses of the
 * PostgreSQL 17 "SQL Commands" pages and the MySQL 8.0 / MariaDB 10.11 statement pages. It reads
 * no further than it needs to find the verb, the object type, the names and the ALTER actions.
 */
final class StatementClassifier {

    private static final Map<String, Verb> VERBS = Map.ofEntries(
            Map.entry("CREATE", Verb.CREATE), Map.entry("ALTER", Verb.ALTER), Map.entry("DROP", Verb.DROP),
            Map.entry("RENAME", Verb.RENAME), Map.entry("COMMENT", Verb.COMMENT), Map.entry("GRANT", Verb.GRANT),
            Map.entry("REVOKE", Verb.REVOKE), Map.entry("TRUNCATE", Verb.TRUNCATE), Map.entry("INSERT", Verb.INSERT),
            Map.entry("UPDATE", Verb.UPDATE), Map.entry("DELETE", Verb.DELETE), Map.entry("MERGE", Verb.MERGE),
            Map.entry("REPLACE", Verb.REPLACE), Map.entry("SELECT", Verb.SELECT), Map.entry("TABLE", Verb.SELECT),
            Map.entry("VALUES", Verb.SELECT), Map.entry("WITH", Verb.WITH), Map.entry("SET", Verb.SET),
            Map.entry("RESET", Verb.RESET), Map.entry("SHOW", Verb.SHOW), Map.entry("DO", Verb.DO),
            Map.entry("CALL", Verb.CALL), Map.entry("BEGIN", Verb.BEGIN), Map.entry("COMMIT", Verb.COMMIT),
            Map.entry("END", Verb.COMMIT), Map.entry("ROLLBACK", Verb.ROLLBACK), Map.entry("ABORT", Verb.ROLLBACK),
            Map.entry("SAVEPOINT", Verb.SAVEPOINT), Map.entry("RELEASE", Verb.RELEASE), Map.entry("LOCK", Verb.LOCK),
            Map.entry("UNLOCK", Verb.UNLOCK), Map.entry("VACUUM", Verb.VACUUM), Map.entry("ANALYZE", Verb.ANALYZE),
            Map.entry("ANALYSE", Verb.ANALYZE), Map.entry("CLUSTER", Verb.CLUSTER), Map.entry("REINDEX", Verb.REINDEX),
            Map.entry("REFRESH", Verb.REFRESH), Map.entry("OPTIMIZE", Verb.OPTIMIZE), Map.entry("COPY", Verb.COPY),
            Map.entry("EXPLAIN", Verb.EXPLAIN), Map.entry("DESCRIBE", Verb.EXPLAIN), Map.entry("DESC", Verb.EXPLAIN),
            Map.entry("USE", Verb.USE), Map.entry("DELIMITER", Verb.DELIMITER));

    /** Object types of CREATE/ALTER/DROP/COMMENT ON; the longer phrases first. */
    private static final List<String[]> OBJECTS = List.of(
            words("MATERIALIZED VIEW"), words("FOREIGN DATA WRAPPER"), words("FOREIGN TABLE"),
            words("EVENT TRIGGER"), words("TEXT SEARCH CONFIGURATION"), words("TEXT SEARCH DICTIONARY"),
            words("TEXT SEARCH PARSER"), words("TEXT SEARCH TEMPLATE"), words("OPERATOR CLASS"),
            words("OPERATOR FAMILY"), words("ACCESS METHOD"), words("USER MAPPING"), words("DEFAULT PRIVILEGES"),
            words("LARGE OBJECT"), words("LOGFILE GROUP"), words("RESOURCE GROUP"),
            words("SPATIAL REFERENCE SYSTEM"), words("PACKAGE BODY"),
            words("TABLE"), words("INDEX"), words("VIEW"), words("TYPE"), words("DOMAIN"), words("SEQUENCE"),
            words("TRIGGER"), words("FUNCTION"), words("PROCEDURE"), words("ROUTINE"), words("EXTENSION"),
            words("SCHEMA"), words("DATABASE"), words("EVENT"), words("POLICY"), words("RULE"), words("COLLATION"),
            words("STATISTICS"), words("PUBLICATION"), words("SUBSCRIPTION"), words("ROLE"), words("USER"),
            words("GROUP"), words("AGGREGATE"), words("OPERATOR"), words("CAST"), words("CONVERSION"),
            words("LANGUAGE"), words("SERVER"), words("TABLESPACE"), words("TRANSFORM"), words("SYSTEM"),
            words("COLUMN"), words("CONSTRAINT"), words("PACKAGE"), words("SYNONYM"), words("OWNED"),
            words("INSTANCE"), words("KEYSPACE"));

    /** Objects whose ALTER takes comma-separated ALTER TABLE-like actions. */
    private static final Set<String> ALTERED_BY_ACTIONS = Set.of("TABLE", "FOREIGN TABLE", "INDEX", "VIEW",
            "MATERIALIZED VIEW", "TYPE", "DOMAIN", "DATABASE");

    /** Objects that live on a table and are named "name ON table". */
    private static final Set<String> ON_TABLE = Set.of("TRIGGER", "POLICY", "RULE", "CONSTRAINT");

    private final TokenCursor c;
    private final Dialect dialect;
    private final Set<Flag> flags = EnumSet.noneOf(Flag.class);
    private Verb verb = Verb.OTHER;
    private Verb mainVerb;
    private String object;
    private QualifiedName target;
    private QualifiedName table;
    private String column;
    private final List<QualifiedName> targets = new ArrayList<>();
    private List<AlterAction> actions = List.of();

    private StatementClassifier(Clause clause, Dialect dialect) {
        this.c = new TokenCursor(clause, dialect, 0);
        this.dialect = dialect;
    }

    static StatementKind classify(Clause clause, Dialect dialect) {
        StatementClassifier k = new StatementClassifier(clause, dialect);
        try {
            k.read();
        } catch (RuntimeException e) {
            // never fail on a statement: what was read so far stands (an index past the end of an
            // unfinished statement is the usual cause)
        }
        return k.build();
    }

    private static String[] words(String phrase) {
        return phrase.split(" ");
    }

    private StatementKind build() {
        if (target != null && !targets.contains(target)) {
            targets.add(0, target);
        }
        if (table != null && !targets.contains(table)) {
            targets.add(table);
        }
        return new StatementKind(verb, mainVerb == null ? verb : mainVerb, object, target, table, column, targets,
                actions, flags);
    }

    private void read() {
        if (c.kw(0, "(")) { // (SELECT ...) UNION ...
            verb = Verb.SELECT;
            return;
        }
        // MariaDB: SET STATEMENT max_statement_time = 1 FOR <statement> is the inner statement
        if (c.kw(0, "SET", "STATEMENT")) {
            int f = c.findTopLevel(2, "FOR");
            if (f > 0) {
                StatementKind inner = classify(c.clause.sub(f + 1), dialect);
                verb = inner.verb();
                mainVerb = inner.mainVerb();
                object = inner.object();
                target = inner.target();
                table = inner.table();
                column = inner.column();
                targets.addAll(inner.targets());
                actions = inner.actions();
                flags.addAll(inner.flags());
                flags.add(Flag.SET_STATEMENT);
                return;
            }
        }
        String first = c.upper(0);
        verb = c.kw(0, first) ? VERBS.getOrDefault(first, Verb.OTHER) : Verb.OTHER;
        c.i = 1;
        switch (verb) {
            case CREATE, ALTER, DROP -> ddl();
            case COMMENT -> comment();
            case RENAME -> rename();
            case TRUNCATE -> {
                c.accept("TABLE");
                object = "TABLE";
                list(false);
                trailingCascade();
            }
            case INSERT, REPLACE -> insert();
            case UPDATE -> update();
            case DELETE -> delete();
            case MERGE -> {
                c.accept("INTO");
                only();
                object = "TABLE";
                table = target = c.name();
            }
            case WITH -> with();
            case SET -> set();
            case BEGIN -> {
                if (c.kw(1, "NOT", "ATOMIC")) { // MariaDB compound statement, not a transaction
                    verb = Verb.OTHER;
                    object = "BEGIN NOT ATOMIC";
                }
            }
            case OTHER -> other(first);
            case LOCK -> {
                c.accept("TABLES");
                c.accept("TABLE");
                object = "TABLE";
                list(true);
            }
            case VACUUM, ANALYZE, OPTIMIZE -> maintenance();
            case CLUSTER -> cluster();
            case REINDEX -> {
                c.skipParens();
                object = c.upper(c.i);
                c.i++;
                concurrently();
                target = c.name();
                if ("TABLE".equals(object)) {
                    table = target;
                }
            }
            case REFRESH -> {
                c.accept("MATERIALIZED", "VIEW");
                object = "MATERIALIZED VIEW";
                concurrently();
                target = c.name();
                withNoData();
            }
            case COPY -> {
                int direction = Math.max(c.findTopLevel(1, "FROM"), c.findTopLevel(1, "TO"));
                object = direction < 0 ? null : c.upper(direction);
                table = target = c.name();
            }
            case CALL, USE -> target = c.name();
            default -> { }
        }
    }

    // ---- CREATE / ALTER / DROP

    private void ddl() {
        modifiers();
        object = objectType();
        if (object == null) {
            object = c.kw(c.i, c.upper(c.i)) ? c.upper(c.i) : null;
            return;
        }
        concurrently();
        ifExists();
        concurrently();
        switch (verb) {
            case CREATE -> create();
            case ALTER -> alter();
            default -> drop();
        }
    }

    /** Modifiers between the verb and the object type; the ones that matter become flags. */
    private void modifiers() {
        while (!c.atEnd()) {
            if (c.accept("OR", "REPLACE")) {
                flags.add(Flag.OR_REPLACE);
            } else if (c.accept("GLOBAL") || c.accept("LOCAL")) {
                continue;
            } else if (c.accept("TEMP") || c.accept("TEMPORARY")) {
                flags.add(Flag.TEMPORARY);
            } else if (c.accept("UNLOGGED")) {
                flags.add(Flag.UNLOGGED);
            } else if (c.accept("UNIQUE")) {
                flags.add(Flag.UNIQUE);
            } else if (c.accept("FULLTEXT")) {
                flags.add(Flag.FULLTEXT);
            } else if (c.kw("SPATIAL") && !c.kw(c.i + 1, "REFERENCE")) {
                c.i++;
                flags.add(Flag.SPATIAL);
            } else if (c.accept("RECURSIVE")) {
                flags.add(Flag.RECURSIVE);
            } else if (c.kw("CONSTRAINT", "TRIGGER")) {
                c.i++;
                flags.add(Flag.CONSTRAINT_TRIGGER);
            } else if (c.accept("ONLINE") || c.accept("OFFLINE")) {
                flags.add(Flag.ONLINE);
            } else if (c.accept("IGNORE")) {
                flags.add(Flag.IGNORE);
            } else if (c.kw("DEFINER")) {
                flags.add(Flag.DEFINER);
                definer();
            } else if (c.kw("ALGORITHM", "=") || c.kw("SQL", "SECURITY")) {
                c.i += 3;
            } else if (c.kw("AGGREGATE", "FUNCTION") || c.accept("TRUSTED") || c.accept("PROCEDURAL")
                    || c.kw("DEFAULT", "CONVERSION") || c.accept("FORCE") || c.kw("NO", "FORCE")) {
                c.i += c.kw("AGGREGATE|DEFAULT|NO") ? 1 : 0;
            } else {
                return;
            }
        }
    }

    /** MySQL DEFINER = user: 'app'@'%', `app`@`%`, app@localhost, CURRENT_USER[()]. */
    private void definer() {
        c.i++;
        c.accept("=");
        if (c.accept("CURRENT_USER")) {
            if (c.kw("(")) {
                c.i += 2;
            }
            return;
        }
        c.nameParts();
    }

    private String objectType() {
        for (String[] words : OBJECTS) {
            if (c.kw(c.i, words)) {
                c.i += words.length;
                return String.join(" ", words);
            }
        }
        return null;
    }

    private void create() {
        switch (object) {
            case "INDEX" -> {
                if (!c.kw("ON|USING")) {
                    ifExists();
                    target = c.name();
                }
                tableAfter("ON");
            }
            case "TRIGGER", "POLICY" -> {
                target = c.name();
                tableAfter("ON");
            }
            case "RULE" -> { // CREATE RULE r AS ON SELECT TO t
                target = c.name();
                int on = c.findTopLevel(c.i, "ON");
                tableAfter(on < 0 ? -1 : c.findTopLevel(on, "TO"));
            }
            case "STATISTICS" -> {
                if (!c.kw("ON|(")) {
                    target = c.name();
                }
                tableAfter("FROM");
            }
            default -> {
                target = c.name();
                if (object.equals("TABLE") || object.equals("FOREIGN TABLE")) {
                    table = target;
                }
                withNoData();
            }
        }
    }

    private void alter() {
        if (object.equals("SYSTEM") || c.kw("ALL", "IN", "TABLESPACE")) {
            return;
        }
        only();
        target = c.name();
        if (ON_TABLE.contains(object)) {
            tableAfter("ON");
            return;
        }
        if (c.kw("*")) {
            c.i++;
        }
        if (object.equals("TABLE") || object.equals("FOREIGN TABLE")) {
            table = target;
        }
        if (ALTERED_BY_ACTIONS.contains(object) && !c.atEnd()) {
            actions = AlterActions.read(c.clause, c.i, dialect);
        }
    }

    private void drop() {
        list(false);
        if (c.kw("ON")) { // PostgreSQL DROP TRIGGER/POLICY/RULE name ON table; MySQL DROP INDEX i ON t
            c.i++;
            only();
            table = c.name();
        } else if (object.equals("TABLE") || object.equals("FOREIGN TABLE")) {
            table = targets.isEmpty() ? null : targets.get(0);
        }
        target = targets.isEmpty() ? null : targets.get(0);
        trailingCascade();
    }

    // ---- COMMENT ON, RENAME

    private void comment() {
        if (!c.accept("ON")) {
            return;
        }
        object = objectType();
        if (object == null) {
            return;
        }
        if (object.equals("COLUMN")) { // COMMENT ON COLUMN [schema.]table.column
            List<String> parts = c.nameParts();
            if (parts.size() >= 2) {
                column = parts.get(parts.size() - 1);
                table = target = parts.size() == 2 ? QualifiedName.of(parts.get(0))
                        : new QualifiedName(parts.get(parts.size() - 3), parts.get(parts.size() - 2));
            }
            return;
        }
        target = c.name();
        if (ON_TABLE.contains(object)) {
            c.accept("ON");
            c.accept("DOMAIN");
            table = c.name();
        } else if (object.equals("TABLE") || object.equals("FOREIGN TABLE")) {
            table = target;
        }
    }

    /** MySQL RENAME TABLE a TO b [, c TO d]; RENAME USER a TO b: targets in pairs (old, new). */
    private void rename() {
        object = c.kw("TABLE|TABLES") ? "TABLE" : c.upper(c.i);
        c.i++;
        while (!c.atEnd()) {
            QualifiedName from = c.name();
            if (from == null || !c.accept("TO")) {
                break;
            }
            QualifiedName to = c.name();
            targets.add(from);
            if (to != null) {
                targets.add(to);
            }
            if (!c.accept(",")) {
                break;
            }
        }
        target = targets.isEmpty() ? null : targets.get(0);
    }

    // ---- DML

    private void insert() {
        while (c.accept("LOW_PRIORITY") || c.accept("DELAYED") || c.accept("HIGH_PRIORITY")) {
            continue;
        }
        if (c.accept("IGNORE")) {
            flags.add(Flag.IGNORE);
        }
        c.accept("INTO");
        object = "TABLE";
        table = target = c.name();
    }

    private void update() {
        while (c.accept("LOW_PRIORITY")) {
            continue;
        }
        if (c.accept("IGNORE")) {
            flags.add(Flag.IGNORE);
        }
        object = "TABLE";
        tableReferences("SET");
    }

    private void delete() {
        while (c.accept("LOW_PRIORITY") || c.accept("QUICK")) {
            continue;
        }
        if (c.accept("IGNORE")) {
            flags.add(Flag.IGNORE);
        }
        object = "TABLE";
        if (c.accept("FROM")) {
            tableReferences("USING|WHERE|ORDER|LIMIT|RETURNING");
        } else { // MySQL DELETE t1, t2 FROM t1 JOIN t2 ...: the tables before FROM lose rows
            tableReferences("FROM");
        }
    }

    /**
     * The tables of a table reference list ({@code a [AS x], b JOIN c ON ...}) up to a top-level
     * {@code stop} keyword: the first is the target and table, all are targets.
     */
    private void tableReferences(String stop) {
        boolean expectTable = true;
        int depth = 0;
        while (!c.atEnd()) {
            if (depth == 0 && c.kw(stop)) {
                break;
            }
            if (c.kw("(")) {
                c.i = c.clause.closingParen(c.i) + 1;
                expectTable = false;
                continue;
            }
            if (expectTable && c.accept("ONLY")) {
                flags.add(Flag.ONLY);
                continue;
            }
            if (expectTable && c.accept("LATERAL")) {
                continue;
            }
            if (expectTable && c.isName(c.i)) {
                targets.add(c.name());
                expectTable = false;
                continue;
            }
            expectTable = c.kw("JOIN|,");
            c.i++;
        }
        if (!targets.isEmpty()) {
            table = target = targets.get(0);
        }
    }

    private void with() {
        c.accept("RECURSIVE");
        int depth = 0;
        for (int k = 1; k < c.size(); k++) {
            if (c.kw(k, "(")) {
                depth++;
            } else if (c.kw(k, ")")) {
                depth--;
            } else if (depth == 0 && c.kw(k, "SELECT|INSERT|UPDATE|DELETE|MERGE|TABLE|VALUES")) {
                StatementKind main = classify(c.clause.sub(k), dialect);
                mainVerb = main.verb();
                object = main.object();
                target = main.target();
                table = main.table();
                targets.addAll(main.targets());
                flags.addAll(main.flags());
                return;
            }
        }
    }

    // ---- SET, maintenance, the rest

    private void set() {
        c.accept("SESSION");
        c.accept("GLOBAL");
        c.accept("LOCAL");
        if (c.kw("PASSWORD")) {
            object = "PASSWORD";
        } else if (c.kw("DEFAULT", "ROLE")) {
            object = "DEFAULT ROLE";
        } else if (c.kw("TRANSACTION") || c.kw("CHARACTERISTICS")) {
            object = "TRANSACTION";
        } else if (c.kw("ROLE|CONSTRAINTS")) {
            object = c.upper(c.i);
        }
    }

    /** VACUUM [(options)] [FULL] [FREEZE] [VERBOSE] [ANALYZE] [t [(columns)], ...]; MySQL ANALYZE/OPTIMIZE TABLE. */
    private void maintenance() {
        c.skipParens();
        while (c.accept("FULL") || c.accept("FREEZE") || c.accept("VERBOSE") || c.accept("ANALYZE")
                || c.accept("ANALYSE") || c.accept("NO_WRITE_TO_BINLOG") || c.accept("LOCAL")) {
            continue;
        }
        if (c.accept("TABLE")) {
            object = "TABLE";
        }
        list(false);
        if (!targets.isEmpty()) {
            table = target = targets.get(0);
        }
    }

    /** CLUSTER [VERBOSE] [t [USING index]]; the old form CLUSTER index ON t. */
    private void cluster() {
        c.skipParens();
        c.accept("VERBOSE");
        QualifiedName first = c.name();
        if (c.accept("ON")) {
            target = first;
            table = c.name();
        } else {
            table = target = first;
            if (c.accept("USING")) {
                target = c.name();
            }
        }
    }

    private void other(String first) {
        if (first.equals("START") && c.kw(1, "TRANSACTION")) {
            verb = Verb.START_TRANSACTION;
            return;
        }
        object = c.kw(0, first) ? first : null;
        if (first.equals("DISCARD") && c.kw(1, "ALL")) {
            object = "DISCARD ALL";
        }
    }

    // ---- small readers

    /** A comma-separated list of names at the cursor; {@code wholeItems} skips what follows each (LOCK t READ). */
    private void list(boolean wholeItems) {
        while (!c.atEnd()) {
            only();
            QualifiedName n = c.name();
            if (n == null) {
                break;
            }
            targets.add(n);
            c.accept("*");
            c.skipParens(); // DROP FUNCTION f(int), VACUUM t (a, b)
            if (wholeItems) {
                while (!c.atEnd() && !c.kw(",")) {
                    if (!c.skipParens()) {
                        c.i++;
                    }
                }
            }
            if (!c.accept(",")) {
                break;
            }
        }
        if (!targets.isEmpty() && "TABLE".equals(object) && table == null) {
            table = target = targets.get(0);
        }
    }

    private void tableAfter(String keyword) {
        tableAfter(c.findTopLevel(c.i, keyword));
    }

    private void tableAfter(int at) {
        if (at < 0) {
            return;
        }
        c.i = at + 1;
        c.accept("TABLE");
        only();
        table = c.name();
    }

    private void only() {
        if (c.accept("ONLY")) {
            flags.add(Flag.ONLY);
        }
    }

    private void ifExists() {
        if (c.accept("IF", "NOT", "EXISTS")) {
            flags.add(Flag.IF_NOT_EXISTS);
        } else if (c.accept("IF", "EXISTS")) {
            flags.add(Flag.IF_EXISTS);
        }
    }

    private void concurrently() {
        if (c.accept("CONCURRENTLY")) {
            flags.add(Flag.CONCURRENTLY);
        }
    }

    private void trailingCascade() {
        if (c.findTopLevel(c.i, "CASCADE") >= 0) {
            flags.add(Flag.CASCADE);
        } else if (c.findTopLevel(c.i, "RESTRICT") >= 0) {
            flags.add(Flag.RESTRICT);
        }
    }

    private void withNoData() {
        int with = c.findTopLevel(c.i, "WITH");
        while (with >= 0) {
            if (c.kw(with, "WITH", "NO", "DATA")) {
                flags.add(Flag.WITH_NO_DATA);
                return;
            }
            with = c.findTopLevel(with + 1, "WITH");
        }
    }
}
