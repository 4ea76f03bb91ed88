package dev.plc.corpus;

import dev.plc.sql.SqlScript;
import dev.plc.sql.SqlStatement;
import dev.plc.db.DatabaseServer;
import dev.plc.db.Dialect;
import dev.plc.db.ScratchDatabases;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Fresh copies of a base schema, one per corpus case, made a few cases ahead and dropped in the background.
 * PostgreSQL copies a template database ({@code CREATE DATABASE ... TEMPLATE}); MariaDB has no templates, so
 * each copy is a new database with base.sql applied to it. On this kind of machine a PostgreSQL create or drop
 * waits on a checkpoint or WAL flush (about 0.3 s and 1 s one at a time), and concurrent ones share the wait:
 * that is why copies are made and dropped on several connections at once.
 *
 * <p>Every database is named {@code plc_scratch_<epoch seconds>_<hex>} (CI looks for leaks by that prefix)
 * and every one made is dropped by {@link #close()}, whatever the cases did.
 */
final class ScratchPool implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int AHEAD = 10;

    private final DatabaseServer server;
    private final Dialect dialect;
    private final String baseSql;
    private final String template;
    private final Set<String> alive = ConcurrentHashMap.newKeySet();
    private final ExecutorService makers = Executors.newFixedThreadPool(6, daemon("corpus-create"));
    private final ExecutorService droppers = Executors.newFixedThreadPool(10, daemon("corpus-drop"));
    private final ArrayDeque<Future<String>> ready = new ArrayDeque<>();
    private final long openedAt = System.nanoTime();
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    private final Thread onExit = new Thread(this::close, "corpus-drop-on-exit");
    private int taken;

    private ScratchPool(DatabaseServer server, String baseSql) {
        this.server = server;
        this.dialect = server.dialect();
        this.baseSql = baseSql;
        this.template = dialect == Dialect.POSTGRESQL ? newName() : null;
    }

    /** A pool on the server; for PostgreSQL it first builds the template database from base.sql. */
    static ScratchPool open(DatabaseServer server, String baseSql) throws SQLException {
        ScratchPool pool = new ScratchPool(server, baseSql);
        // a forked JVM that is stopped (surefire timeout, Ctrl-C) still drops what it made
        Runtime.getRuntime().addShutdownHook(pool.onExit);
        if (pool.template != null) {
            try {
                pool.create(pool.template, null);
                try (Connection c = pool.connect(pool.template)) {
                    Optional<String> failure = apply(c, baseSql, Dialect.POSTGRESQL).map(Failure::describe);
                    if (failure.isPresent()) {
                        throw new SQLException("base.sql does not apply: " + failure.get());
                    }
                }
            } catch (SQLException | RuntimeException e) {
                pool.close();
                throw e;
            }
        }
        return pool;
    }

    /** The server of the standard client variables, as {@link ScratchDatabases} finds it. */
    static DatabaseServer server(Dialect dialect) {
        Map<String, String> env = System.getenv();
        if (dialect == Dialect.POSTGRESQL) {
            String url = env.get("PLC_POSTGRES_URL");
            if (url != null && !url.isBlank()) {
                return DatabaseServer.parse(url, "server");
            }
            String host = env.getOrDefault("PGHOST", "127.0.0.1");
            host = host.startsWith("/") ? "127.0.0.1" : host;
            return new DatabaseServer(Dialect.POSTGRESQL, "jdbc:postgresql://" + host + ":" + env.getOrDefault("PGPORT", "5432")
                    + "/" + env.getOrDefault("PGDATABASE", "postgres"), env.getOrDefault("PGUSER", "postgres"),
                    env.get("PGPASSWORD"), "local-server");
        }
        String url = env.getOrDefault("PLC_MARIADB_URL", env.get("PLC_MYSQL_URL"));
        if (url != null && !url.isBlank()) {
            return DatabaseServer.parse(url, "server");
        }
        return new DatabaseServer(Dialect.MARIADB, "jdbc:mariadb://" + env.getOrDefault("MYSQL_HOST", "127.0.0.1") + ":"
                + env.getOrDefault("MYSQL_TCP_PORT", "3306") + "/", env.getOrDefault("MYSQL_USER", "root"),
                env.getOrDefault("MYSQL_PWD", ""), "local-server");
    }

    /** The name of a fresh copy; hand it back with {@link #release(String)}. */
    synchronized String take() throws SQLException {
        while (ready.size() < AHEAD + 1) {
            ready.add(makers.submit(() -> {
                String name = newName();
                create(name, template);
                return name;
            }));
        }
        Future<String> next = ready.poll();
        taken++;
        try {
            return next.get(2, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof SQLException s ? s : new SQLException("could not make a scratch copy", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for a scratch copy", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new SQLException("no scratch copy within 2 minutes", e);
        }
    }

    void release(String name) {
        droppers.submit(() -> dropQuietly(name));
    }

    Connection connect(String database) throws SQLException {
        return server.connect(server.urlFor(database), 10);
    }

    Dialect dialect() {
        return dialect;
    }

    /** Drops every database this pool made, including copies made ahead and the template. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (Thread.currentThread() != onExit) {
            Runtime.getRuntime().removeShutdownHook(onExit);
        }
        long closing = System.nanoTime();
        makers.shutdown();
        synchronized (this) {
            for (Future<String> f : ready) {
                try {
                    String name = f.get(2, TimeUnit.MINUTES);
                    droppers.submit(() -> dropQuietly(name));
                } catch (Exception ignored) {
                    // a failed create left nothing, or left a name in alive that the sweep below drops
                }
            }
            ready.clear();
        }
        try {
            makers.awaitTermination(2, TimeUnit.MINUTES);
            droppers.shutdown();
            droppers.awaitTermination(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (String name : List.copyOf(alive)) {
            if (!name.equals(template)) {
                dropQuietly(name);
            }
        }
        if (template != null) {
            dropQuietly(template);
        }
        System.err.printf("corpus: %d %s copies in %.1f s, then %.1f s to drop the rest%n", taken, dialect.id(),
                (closing - openedAt) / 1e9, (System.nanoTime() - closing) / 1e9);
    }

    private void create(String name, String fromTemplate) throws SQLException {
        alive.add(name);
        try (Connection c = server.connect(server.adminUrl(), 10); Statement s = c.createStatement()) {
            if (dialect == Dialect.POSTGRESQL) {
                s.execute("CREATE DATABASE \"" + name + "\"" + (fromTemplate == null ? "" : " TEMPLATE \"" + fromTemplate + "\""));
                return;
            }
            s.execute("CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }
        try (Connection c = connect(name)) {
            Optional<String> failure = apply(c, baseSql, dialect).map(Failure::describe);
            if (failure.isPresent()) {
                throw new SQLException("base.sql does not apply: " + failure.get());
            }
        }
    }

    private void dropQuietly(String name) {
        if (!name.startsWith(ScratchDatabases.PREFIX)) {
            throw new IllegalStateException("not a scratch database: " + name);
        }
        try (Connection c = server.connect(server.adminUrl(), 10); Statement s = c.createStatement()) {
            s.execute(dialect == Dialect.POSTGRESQL
                    ? "DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)"
                    : "DROP DATABASE IF EXISTS `" + name + "`");
            alive.remove(name);
        } catch (SQLException e) {
            System.err.println("could not drop scratch database " + name + ": " + e.getMessage());
        }
    }

    /** A statement of a script that the server refused. */
    record Failure(int index, SqlStatement statement, SQLException error) {
        String describe() {
            return "statement " + (index + 1) + " (line " + statement.line() + ") failed: " + error.getMessage()
                    + "\n    " + statement.text().replace("\n", "\n    ");
        }
    }

    /**
     * Runs a script statement by statement with autocommit, as split by the project's splitter; stops at the
     * first statement the server refuses.
     */
    static Optional<Failure> apply(Connection c, String sql, Dialect dialect) throws SQLException {
        c.setAutoCommit(true);
        List<SqlStatement> statements = SqlScript.split(sql, dialect);
        for (int i = 0; i < statements.size(); i++) {
            try (Statement s = c.createStatement()) {
                s.setQueryTimeout(60);
                boolean result = s.execute(statements.get(i).text());
                // drain every result (a MariaDB CALL can return several)
                int results = 0;
                while (result || s.getUpdateCount() != -1) {
                    results++;
                    result = s.getMoreResults();
                }
                // pgjdbc runs "a; b" as two commands with a result each: more than one means the splitter
                // left two statements joined, which would otherwise go unnoticed
                if (dialect == Dialect.POSTGRESQL && results > 1) {
                    return Optional.of(new Failure(i, statements.get(i), new SQLException(
                            "the splitter left " + results + " statements in one")));
                }
            } catch (SQLException e) {
                return Optional.of(new Failure(i, statements.get(i), e));
            }
        }
        return Optional.empty();
    }

    private static String newName() {
        byte[] random = new byte[4];
        RANDOM.nextBytes(random);
        return ScratchDatabases.PREFIX + (System.currentTimeMillis() / 1000) + "_" + HexFormat.of().formatHex(random);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
