package dev.plc.sql;

import dev.plc.db.Dialect;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one statement is and what it names, read from its words alone. It is not a parse: the
 * product learns what a statement did from the catalog before and after it; this says which
 * statement it was, which objects to look at, and how it must be run.
 *
 * @param verb     the statement's first word(s); {@link Verb#WITH} for {@code WITH ... <statement>}
 * @param mainVerb the verb of the statement after the CTEs of a WITH (SELECT, INSERT, UPDATE,
 *                 DELETE, MERGE); for every other statement the same as {@code verb}
 * @param object   the object type of CREATE/ALTER/DROP/COMMENT ON/REINDEX/REFRESH, in upper-case
 *                 words without modifiers ("TABLE", "MATERIALIZED VIEW", "INDEX", "COLUMN"); TABLE
 *                 for TRUNCATE, RENAME TABLE, LOCK and DML; FROM or TO for COPY; PASSWORD, DEFAULT
 *                 ROLE or TRANSACTION for those SETs; the first word for {@link Verb#OTHER}
 *                 ("DISCARD ALL" for that one); null when there is none
 * @param target   the object the statement is about (CREATE INDEX i: i; ALTER TABLE t: t; INSERT
 *                 INTO t: t; COMMENT ON COLUMN t.c: t); null when unnamed (CREATE INDEX ON t)
 * @param table    the table the object belongs to: the table itself for TABLE statements and DML,
 *                 the indexed table for INDEX, the table of a TRIGGER, POLICY, RULE, CONSTRAINT or
 *                 COLUMN; null for objects that have none (VIEW, FUNCTION, TYPE, ...)
 * @param column   the column of COMMENT ON COLUMN; null otherwise (ALTER TABLE columns are in actions)
 * @param targets  every object named, in order: the target then the table when they differ
 *                 (CREATE INDEX i ON t: i, t), every name of a list (DROP TABLE a, b; TRUNCATE a, b),
 *                 RENAME TABLE a TO b, c TO d as a, b, c, d; the tables of MySQL multi-table
 *                 UPDATE/DELETE
 * @param actions  the subcommands of ALTER TABLE/INDEX/VIEW/MATERIALIZED VIEW/FOREIGN TABLE/TYPE/
 *                 DOMAIN/DATABASE, one per comma-separated part; empty otherwise
 * @param flags    the statement's modifiers ({@link Flag}); an action's own flags are on the action
 */
public record StatementKind(Verb verb, Verb mainVerb, String object, QualifiedName target, QualifiedName table,
                            String column, List<QualifiedName> targets, List<AlterAction> actions,
                            Set<Flag> flags) {

    private static final Set<Verb> WRITES = Set.of(Verb.INSERT, Verb.UPDATE, Verb.DELETE, Verb.MERGE, Verb.REPLACE);
    private static final Set<Verb> DML = Set.of(Verb.INSERT, Verb.UPDATE, Verb.DELETE, Verb.MERGE, Verb.REPLACE,
            Verb.SELECT);
    private static final Set<Verb> DDL = Set.of(Verb.CREATE, Verb.ALTER, Verb.DROP, Verb.RENAME, Verb.COMMENT,
            Verb.GRANT, Verb.REVOKE, Verb.TRUNCATE);
    private static final Set<Verb> TRANSACTION_CONTROL = Set.of(Verb.BEGIN, Verb.START_TRANSACTION, Verb.COMMIT,
            Verb.ROLLBACK, Verb.SAVEPOINT, Verb.RELEASE);

    public StatementKind {
        targets = List.copyOf(targets);
        actions = List.copyOf(actions);
        flags = Set.copyOf(flags);
    }

    public boolean has(Flag flag) {
        return flags.contains(flag);
    }

    /** Whether an action of this ALTER is {@code action} ("ADD COLUMN", "DROP CONSTRAINT", ...). */
    public boolean hasAction(String action) {
        return actions.stream().anyMatch(a -> a.action().equals(action));
    }

    /** SELECT, INSERT, UPDATE, DELETE, MERGE, MySQL REPLACE, and a WITH whose main statement is one of them. */
    public boolean isDml() {
        return DML.contains(mainVerb);
    }

    /** Whether it writes rows: INSERT, UPDATE, DELETE, MERGE, REPLACE (also after WITH), COPY ... FROM. */
    public boolean writesRows() {
        return WRITES.contains(mainVerb) || (verb == Verb.COPY && "FROM".equals(object));
    }

    /**
     * Whether it changes the catalog: CREATE, ALTER, DROP, RENAME, COMMENT, GRANT, REVOKE and
     * TRUNCATE (MySQL files TRUNCATE TABLE under DDL: it commits implicitly and cannot be rolled back).
     */
    public boolean isDdl() {
        return DDL.contains(verb);
    }

    /** BEGIN, START TRANSACTION, COMMIT (also PostgreSQL END), ROLLBACK (also ABORT), SAVEPOINT, RELEASE. */
    public boolean isTransactionControl() {
        return TRANSACTION_CONTROL.contains(verb);
    }

    /**
     * SET and RESET of a setting, role or transaction characteristic, for the session (MySQL
     * {@code SET @x = 1} is a session variable too). Not MySQL {@code SET PASSWORD} or
     * {@code SET DEFAULT ROLE}, which change an account.
     */
    public boolean isSessionSetting() {
        return (verb == Verb.SET || verb == Verb.RESET) && !"PASSWORD".equals(object)
                && !"DEFAULT ROLE".equals(object);
    }

    /**
     * Whether the statement can run inside a transaction block, so that a migration tool may wrap
     * it in one (and roll it back with the rest).
     *
     * <p>PostgreSQL refuses, with "cannot run inside a transaction block": CREATE/DROP INDEX
     * CONCURRENTLY, REINDEX CONCURRENTLY and REINDEX SCHEMA/DATABASE/SYSTEM, ALTER TABLE ... DETACH
     * PARTITION ... CONCURRENTLY, VACUUM, CLUSTER without a table, CREATE/DROP DATABASE, ALTER
     * DATABASE ... SET TABLESPACE, CREATE/DROP TABLESPACE, ALTER SYSTEM, CREATE SUBSCRIPTION (it
     * creates a slot by default), DISCARD ALL, and before 12 ALTER TYPE ... ADD VALUE
     * ({@code serverMajorVersion} 0 or less means unknown: the old rule is assumed). Transaction
     * control statements return false: a script holding them manages its own transaction.
     *
     * <p>MySQL and MariaDB commit implicitly before and after DDL ("Statements That Cause an
     * Implicit Commit"): DDL, LOCK/UNLOCK TABLES, ANALYZE/OPTIMIZE TABLE and SET PASSWORD return
     * false, DML and the rest true.
     */
    public boolean transactional(Dialect dialect, int serverMajorVersion) {
        if (isTransactionControl()) {
            return false;
        }
        if (dialect != null && dialect.isMysqlFamily()) {
            return !(isDdl() || verb == Verb.LOCK || verb == Verb.UNLOCK || verb == Verb.ANALYZE
                    || verb == Verb.OPTIMIZE || (verb == Verb.SET && "PASSWORD".equals(object)));
        }
        if (dialect != Dialect.POSTGRESQL) {
            return true;
        }
        if (has(Flag.CONCURRENTLY) && (verb == Verb.CREATE || verb == Verb.DROP || verb == Verb.REINDEX)) {
            return false;
        }
        if (verb == Verb.REINDEX && ("SCHEMA".equals(object) || "DATABASE".equals(object) || "SYSTEM".equals(object))) {
            return false;
        }
        if (verb == Verb.VACUUM || (verb == Verb.CLUSTER && table == null) || "DISCARD ALL".equals(object)) {
            return false;
        }
        if ((verb == Verb.CREATE || verb == Verb.DROP) && ("DATABASE".equals(object) || "TABLESPACE".equals(object))) {
            return false;
        }
        if (verb == Verb.CREATE && "SUBSCRIPTION".equals(object)) {
            return false;
        }
        if (verb == Verb.ALTER) {
            if ("SYSTEM".equals(object)) {
                return false;
            }
            if ("DATABASE".equals(object) && hasAction("SET TABLESPACE")) {
                return false;
            }
            if (actions.stream().anyMatch(a -> a.action().equals("DETACH PARTITION") && a.has(Flag.CONCURRENTLY))) {
                return false;
            }
            // PG12+: ALTER TYPE ... ADD VALUE may run in a transaction block (the new value cannot
            // be used until the transaction commits)
            if ("TYPE".equals(object) && hasAction("ADD VALUE") && serverMajorVersion < 12) {
                return false;
            }
        }
        return true;
    }

    /**
     * The column renames of this statement, {@code "table.old" -> "new"} (the table as written,
     * schema-qualified if it was, folded like {@link QualifiedName}): ALTER TABLE ... RENAME
     * [COLUMN] a TO b and MySQL CHANGE [COLUMN] a b (when the names differ). A catalog diff cannot
     * tell a rename from a drop and an add; this can.
     */
    public Map<String, String> columnRenames() {
        Map<String, String> out = new LinkedHashMap<>();
        if (verb != Verb.ALTER || target == null) {
            return out;
        }
        for (AlterAction a : actions) {
            if ((a.action().equals("RENAME COLUMN") || a.action().equals("CHANGE COLUMN")) && a.column() != null
                    && a.newName() != null && !a.column().equals(a.newName())) {
                out.put(target + "." + a.column(), a.newName());
            }
        }
        return out;
    }

    /**
     * The table renames: MySQL RENAME TABLE a TO b [, c TO d] and ALTER TABLE a RENAME TO b (the new
     * name in the old one's schema when not qualified, as both servers do).
     */
    public Map<QualifiedName, QualifiedName> tableRenames() {
        Map<QualifiedName, QualifiedName> out = new LinkedHashMap<>();
        if (verb == Verb.RENAME && "TABLE".equals(object)) {
            for (int i = 0; i + 1 < targets.size(); i += 2) {
                out.put(targets.get(i), targets.get(i + 1));
            }
        } else if (verb == Verb.ALTER && "TABLE".equals(object) && target != null) {
            for (AlterAction a : actions) {
                if (a.action().equals("RENAME TO") && a.newName() != null) {
                    out.put(target, a.newName().contains(".") ? new QualifiedName(
                            a.newName().substring(0, a.newName().indexOf('.')),
                            a.newName().substring(a.newName().indexOf('.') + 1))
                            : new QualifiedName(target.schema(), a.newName()));
                }
            }
        }
        return out;
    }
}
