package dev.plc.plan;

import dev.plc.sql.AlterAction;
import dev.plc.sql.Flag;
import dev.plc.sql.SqlStatement;
import java.util.List;

/**
 * The lock a PostgreSQL statement takes on the table it works on, from the manual's table of lock modes ("Explicit
 * Locking", 13.3.1) and the notes of each command's reference page (ALTER TABLE lists the lock of every subcommand).
 * An ALTER TABLE with several subcommands takes the strongest lock any of them needs.
 */
final class LockLevels {

    /** A lock mode and what it stops while it is held. */
    record Lock(String mode, String blocks) {
    }

    static final Lock ACCESS_EXCLUSIVE = new Lock("ACCESS EXCLUSIVE", "blocks reads and writes of the table");
    static final Lock EXCLUSIVE = new Lock("EXCLUSIVE", "blocks writes; reads go on");
    static final Lock SHARE_ROW_EXCLUSIVE = new Lock("SHARE ROW EXCLUSIVE", "blocks writes; reads go on");
    static final Lock SHARE = new Lock("SHARE", "blocks writes; reads go on");
    static final Lock SHARE_UPDATE_EXCLUSIVE = new Lock("SHARE UPDATE EXCLUSIVE",
            "reads and writes go on; blocks other schema changes, VACUUM and ANALYZE of the table");
    static final Lock ROW_EXCLUSIVE = new Lock("ROW EXCLUSIVE", "reads and writes go on; the rows it changes are locked until it commits");
    static final Lock NONE = new Lock("none on existing tables", "nothing that already exists is locked");

    private static final List<Lock> ORDER = List.of(NONE, ROW_EXCLUSIVE, SHARE_UPDATE_EXCLUSIVE, SHARE, SHARE_ROW_EXCLUSIVE, EXCLUSIVE,
            ACCESS_EXCLUSIVE);

    private LockLevels() {
    }

    static Lock postgres(SqlStatement s) {
        boolean concurrently = s.contains("CONCURRENTLY");
        if (s.isCreateIndex()) {
            return concurrently ? SHARE_UPDATE_EXCLUSIVE : SHARE;
        }
        if (s.isDropIndex()) {
            return concurrently ? SHARE_UPDATE_EXCLUSIVE : ACCESS_EXCLUSIVE;
        }
        if (s.startsWith("REINDEX")) {
            return concurrently ? SHARE_UPDATE_EXCLUSIVE : SHARE;
        }
        if (s.isAlterTable()) {
            return alterTable(s);
        }
        if (s.startsWith("CREATE", "TRIGGER") || s.startsWith("CREATE", "OR", "REPLACE", "TRIGGER")
                || s.startsWith("CREATE", "CONSTRAINT", "TRIGGER")) {
            return SHARE_ROW_EXCLUSIVE;
        }
        if (s.startsWith("DROP", "TRIGGER") || s.startsWith("CREATE", "RULE") || s.startsWith("CREATE", "OR", "REPLACE", "RULE")
                || s.startsWith("DROP", "RULE") || s.startsWith("CREATE", "POLICY") || s.startsWith("ALTER", "POLICY")
                || s.startsWith("DROP", "POLICY") || s.startsWith("TRUNCATE") || s.startsWith("CLUSTER")
                || s.startsWith("VACUUM") && s.contains("FULL") || s.isDropTable() || s.startsWith("DROP", "VIEW")
                || s.startsWith("DROP", "MATERIALIZED", "VIEW") || s.startsWith("ALTER", "VIEW")
                || s.startsWith("ALTER", "MATERIALIZED", "VIEW") || s.startsWith("ALTER", "INDEX") && !s.contains("SET", "STATISTICS")
                || s.startsWith("LOCK") && !s.contains("MODE")) {
            return ACCESS_EXCLUSIVE;
        }
        if (s.startsWith("REFRESH", "MATERIALIZED", "VIEW")) {
            return concurrently ? EXCLUSIVE : ACCESS_EXCLUSIVE;
        }
        if (s.startsWith("VACUUM") || s.startsWith("ANALYZE") || s.startsWith("COMMENT") || s.startsWith("ALTER", "INDEX")
                || s.startsWith("CREATE", "STATISTICS")) {
            return SHARE_UPDATE_EXCLUSIVE;
        }
        if (s.startsWith("LOCK")) {
            return explicitLock(s);
        }
        if (s.startsWith("UPDATE") || s.startsWith("DELETE") || s.startsWith("INSERT") || s.startsWith("MERGE") || s.startsWith("WITH")) {
            return ROW_EXCLUSIVE;
        }
        return NONE;
    }

    /** ALTER TABLE: ACCESS EXCLUSIVE unless every subcommand is one the manual lists with a weaker lock. */
    private static Lock alterTable(SqlStatement s) {
        List<AlterAction> actions = s.kind().actions();
        if (actions.isEmpty()) {
            return ACCESS_EXCLUSIVE;
        }
        Lock strongest = NONE;
        for (AlterAction action : actions) {
            strongest = max(strongest, alterAction(action));
        }
        return strongest;
    }

    /**
     * The manual's ALTER TABLE page: SET STATISTICS, CLUSTER ON, SET WITHOUT CLUSTER, VALIDATE CONSTRAINT, ATTACH
     * PARTITION, DETACH PARTITION CONCURRENTLY and SET/RESET of fillfactor, toast, autovacuum and parallel_workers take
     * SHARE UPDATE EXCLUSIVE; ADD FOREIGN KEY and ENABLE/DISABLE TRIGGER take SHARE ROW EXCLUSIVE; the rest ACCESS EXCLUSIVE.
     */
    private static Lock alterAction(AlterAction a) {
        String action = a.action();
        if (action.equals("ALTER COLUMN SET STATISTICS") || action.equals("CLUSTER ON") || action.equals("SET WITHOUT CLUSTER")
                || action.equals("VALIDATE CONSTRAINT") || action.equals("ATTACH PARTITION")
                || action.equals("DETACH PARTITION") && a.has(Flag.CONCURRENTLY) || action.equals("SET (") || action.equals("RESET (")) {
            return SHARE_UPDATE_EXCLUSIVE;
        }
        if (action.startsWith("ADD") && "FOREIGN KEY".equals(a.constraintType()) || action.endsWith("ENABLE TRIGGER")
                || action.endsWith("DISABLE TRIGGER")) {
            return SHARE_ROW_EXCLUSIVE;
        }
        return ACCESS_EXCLUSIVE;
    }

    private static Lock explicitLock(SqlStatement s) {
        String text = s.text().toUpperCase(java.util.Locale.ROOT);
        for (int i = ORDER.size() - 1; i > 0; i--) {
            if (text.contains(" " + ORDER.get(i).mode() + " MODE")) {
                return ORDER.get(i);
            }
        }
        return text.contains("ROW SHARE") || text.contains("ACCESS SHARE") ? ROW_EXCLUSIVE : ACCESS_EXCLUSIVE;
    }

    static Lock max(Lock a, Lock b) {
        return ORDER.indexOf(a) >= ORDER.indexOf(b) ? a : b;
    }
}
