package dev.plc.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A database that this process created and that it drops on {@link #close()}. Open scratch databases are
 * also dropped by a shutdown hook, so an interrupted run does not leave them behind.
 */
public final class ScratchDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ScratchDatabase.class);
    private static final Set<ScratchDatabase> OPEN = ConcurrentHashMap.newKeySet();
    private static final Set<String> CREATED = ConcurrentHashMap.newKeySet();
    private static volatile boolean shuttingDown;

    // creations hold the read lock from CREATE DATABASE until the database is tracked; the exit sweep takes the
    // write lock, so no database can be created on the server and missed by the sweep
    private static final java.util.concurrent.locks.ReentrantReadWriteLock LIFECYCLE = new java.util.concurrent.locks.ReentrantReadWriteLock();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            shuttingDown = true;
            boolean locked = false;
            try {
                locked = LIFECYCLE.writeLock().tryLock(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try {
                OPEN.forEach(ScratchDatabase::close); // synchronous now: shuttingDown
            } finally {
                if (locked) {
                    LIFECYCLE.writeLock().unlock();
                }
            }
            awaitDrops(java.time.Duration.ofSeconds(30));
        }, "plc-scratch-cleanup"));
    }

    /**
     * Drops run here, off the caller's path: DROP DATABASE waits for the server (a checkpoint on PostgreSQL) and
     * nothing the caller does next needs the database gone. The threads are daemons; the exit hook waits for them.
     */
    private static final java.util.concurrent.ExecutorService DROPS = java.util.concurrent.Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "plc-scratch-drop");
        t.setDaemon(true);
        return t;
    });
    private static final Set<java.util.concurrent.Future<?>> PENDING = ConcurrentHashMap.newKeySet();

    /**
     * Waits until every scratch database closed so far is dropped (tests that look at the server; the exit hook).
     *
     * @return false when some drop was still running after {@code max}
     */
    public static boolean awaitDrops(java.time.Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        for (java.util.concurrent.Future<?> f : Set.copyOf(PENDING)) {
            try {
                f.get(Math.max(0, deadline - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                return false;
            } catch (java.util.concurrent.ExecutionException ignored) {
                // drop() logs its own failure
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** Makes a scratch database and tracks it, as one step the exit sweep cannot cut in two. */
    @FunctionalInterface
    interface Creation {
        ScratchDatabase create() throws ScratchDatabaseException;
    }

    static ScratchDatabase create(Creation creation) throws ScratchDatabaseException {
        LIFECYCLE.readLock().lock();
        try {
            if (shuttingDown) {
                throw new ScratchDatabaseException("the process is shutting down: no new scratch database");
            }
            ScratchDatabase db = creation.create();
            OPEN.add(db);
            CREATED.add(db.name());
            return db;
        } finally {
            LIFECYCLE.readLock().unlock();
        }
    }



    /** Drops the database; must be idempotent and must not touch anything else. */
    @FunctionalInterface
    interface Dropper {
        void drop() throws Exception;
    }

    private final String name;
    private final Dialect dialect;
    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final DatabaseInfo info;
    private final Dropper dropper;
    private final DatabaseServer server;
    private final AtomicBoolean closed = new AtomicBoolean();

    ScratchDatabase(String name, Dialect dialect, String jdbcUrl, String user, String password, DatabaseInfo info, Dropper dropper) {
        this(name, dialect, jdbcUrl, user, password, info, dropper, null);
    }

    ScratchDatabase(String name, Dialect dialect, String jdbcUrl, String user, String password, DatabaseInfo info, Dropper dropper,
                    DatabaseServer server) {
        this.server = server;
        this.name = name;
        this.dialect = dialect;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.info = info;
        this.dropper = dropper;
    }



    /** The scratch database's own name (always starts with {@code plc_scratch_}). */
    public String name() {
        return name;
    }

    /** The dialect of the engine (which may approximate the repo's dialect, see {@link DatabaseInfo#approximation()}). */
    public Dialect dialect() {
        return dialect;
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public DatabaseInfo info() {
        return info;
    }

    /** Whether {@link ScratchDatabases#copyOf} clones it whole, as a PostgreSQL template (schema, rows, everything). */
    public boolean clonesAsTemplate() {
        return server != null && server.dialect() == Dialect.POSTGRESQL;
    }

    /** The server it lives on; null for an embedded H2/SQLite database. */
    DatabaseServer server() {
        return server;
    }

    public Connection connect() throws SQLException {
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        return DriverManager.getConnection(jdbcUrl, props);
    }

    /** Names of every scratch database this process created, dropped or not (tests check none is left on the server). */
    public static Set<String> createdNames() {
        return Set.copyOf(CREATED);
    }

    /** Number of scratch databases this process has open (tests use it to prove nothing leaks). */
    public static int openCount() {
        return OPEN.size();
    }

    /**
     * Drops the database: a server's in the background, so the caller goes on while the server works (an embedded
     * H2/SQLite one, during the process's exit, and when {@code PLC_SYNC_DROPS} is set, right here). Exactly once, whoever calls it first.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        OPEN.remove(this);
        if (shuttingDown || SYNC_DROPS || server == null) { // an embedded H2/SQLite drop is a file delete: no wait to hide
            drop();
            return;
        }
        java.util.concurrent.CompletableFuture<Void> pending = new java.util.concurrent.CompletableFuture<>();
        PENDING.add(pending);
        try {
            DROPS.execute(() -> {
                try {
                    drop();
                } finally {
                    PENDING.remove(pending);
                    pending.complete(null);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            PENDING.remove(pending);
            pending.complete(null);
            drop();
        }
    }

    private static final boolean SYNC_DROPS = System.getenv("PLC_SYNC_DROPS") != null;

    private void drop() {
        try {
            dropper.drop();
            LOG.debug("dropped scratch database {}", name);
        } catch (Exception e) {
            LOG.warn("could not drop scratch database {} at {}: {}", name, Secrets.redact(info.location()), e.getMessage());
        }
    }
}
