package dev.plc.apply;

import dev.plc.db.Dialect;
import dev.plc.sql.SqlScript;
import dev.plc.sql.SqlStatement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.CoreMigrationType;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.executor.Context;
import org.flywaydb.core.api.executor.MigrationExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fast path of {@link MigrationApplier}: plain SQL migrations applied from scratch to an empty scratch database
 * over one connection, with Flyway's own resolver, checksums, parser, placeholder replacement and statement executor,
 * and Flyway-compatible history rows written in one batch at the end.
 *
 * <p>Flyway's {@code migrate} pays, per migration, an advisory/named lock, a re-read of the history table and a
 * re-computation of every migration's state (quadratic in the number of migrations), a session reset, a history insert
 * on a second connection (an extra commit: on MariaDB an extra redo-log flush) and an INFO log line: about 7 commits per
 * migration on PostgreSQL where the migration itself needs one. On a database this tool created a moment ago, that no
 * one else can see, none of it protects anything: the lock has no competitor and the history is read by no one before
 * the apply ends.
 *
 * <p>Used only when its preconditions hold; otherwise {@link #migrate} returns empty before touching the database and
 * the caller runs Flyway itself: a dialect other than PostgreSQL and MariaDB/MySQL, a schema that is not empty (or
 * already has a history table: a second apply on the same database), any pending migration that is not a SQL file
 * (Java migrations), SQL callback files ({@code beforeMigrate.sql}, ...) or configured callbacks.
 */
final class DirectMigrate {

    private static final Logger LOG = LoggerFactory.getLogger(DirectMigrate.class);

    /**
     * A migration that may change session state which Flyway resets before the next migration (PostgreSQL: the role
     * and search_path; MySQL/MariaDB: user variables, foreign_key_checks, sql_safe_updates). Deliberately broad: a false
     * positive only costs the reset Flyway would have done anyway.
     */
    private static final Pattern SESSION_STATE = Pattern.compile("(?i)\\b(set|reset|use)\\b|set_config|@");

    /** How many applies took the direct path (tests check that it was taken, or not). */
    static final java.util.concurrent.atomic.AtomicInteger TAKEN = new java.util.concurrent.atomic.AtomicInteger();

    private DirectMigrate() {
    }

    /**
     * Applies the pending migrations of {@code flyway}, or returns empty (having changed nothing) when a precondition
     * of the fast path does not hold. Throws what Flyway's migrate would throw for a failing migration (a
     * {@code FlywaySqlScriptException} naming the file, line and statement) after recording it as Flyway does.
     */
    static Optional<Integer> migrate(Flyway flyway, Dialect dialect) throws SQLException {
        if (dialect != Dialect.POSTGRESQL && !dialect.isMysqlFamily()) {
            return Optional.empty();
        }
        Configuration config = flyway.getConfiguration();
        if (config.getCallbacks().length > 0 || config.isSkipExecutingMigrations() || config.getSchemas().length > 0
                || config.getDefaultSchema() != null || !"flyway_schema_history".equals(config.getTable())
                || config.getTablespace() != null) {
            return Optional.empty();
        }
        // the connection, its checks and its session set-up run alongside Flyway's resolving (info), which opens a
        // connection of its own and reads every file: both mostly wait, for the server or the disk
        Future<Session> opening = BACKGROUND.submit(() -> open(config, dialect));
        Session session = null;
        try {
            MigrationInfo[] pending = flyway.info().pending();
            session = await(opening);
            if (session == null) {
                return Optional.empty();
            }
            for (MigrationInfo m : pending) {
                if (m.getType() != CoreMigrationType.SQL || FlywayInternals.executor(m).isEmpty()) {
                    return Optional.empty();
                }
            }
            TAKEN.incrementAndGet();
            return Optional.of(apply(session.connection(), config, dialect, session.history(), session.historyCreated(), pending));
        } finally {
            if (session != null) {
                // a history table created in a transaction not committed (the direct path was not taken) goes with it
                closeQuietly(session.connection());
            } else {
                discard(opening);
            }
        }
    }

    /**
     * The migration connection, ready for the first migration; {@code historyCreated}: the history table is created in
     * a transaction still open (PostgreSQL), to commit if the direct path is taken.
     */
    private record Session(Connection connection, FlywayHistory history, boolean historyCreated) {
    }

    /**
     * A connection to the scratch database, its schema checked empty and its session prepared as Flyway prepares it;
     * null (nothing changed, nothing open) when the direct path does not apply: callback files, a schema that is not
     * empty.
     */
    private static Session open(Configuration config, Dialect dialect) throws SQLException {
        if (hasCallbackFiles(config)) {
            return null;
        }
        Connection c = config.getDataSource().getConnection();
        try {
            FlywayHistory history = dialect == Dialect.POSTGRESQL ? new FlywayHistory.Postgres(c) : new FlywayHistory.Mysql(c);
            if (!history.schemaIsEmpty()) {
                c.close();
                return null;
            }
            history.prepareSession();
            if (history.ddlTransactions()) {
                // Flyway's migrate creates the history table before anything else, also when nothing is pending; where
                // DDL is transactional, that too is done while Flyway resolves, and undone if Flyway is to migrate
                c.setAutoCommit(false);
                history.create();
                return new Session(c, history, true);
            }
            return new Session(c, history, false);
        } catch (SQLException | RuntimeException | Error e) {
            closeQuietly(c);
            throw e;
        }
    }

    /** Closes the connection {@code opening} gives, once it has it (without waiting here: this thread may be stopping). */
    private static void discard(Future<Session> opening) {
        BACKGROUND.submit(() -> {
            try {
                Session session = opening.get();
                if (session != null) {
                    closeQuietly(session.connection());
                }
            } catch (ExecutionException | InterruptedException e) {
                // nothing was opened, or the thread is stopping with the JVM
            }
            return null;
        });
    }

    /** Closes {@code c}, rolling back what it has not committed. */
    private static void closeQuietly(Connection c) {
        try {
            if (!c.isClosed() && !c.getAutoCommit()) {
                c.rollback();
            }
            c.close();
        } catch (SQLException ignored) {
            // closing a connection to a scratch database: it is dropped afterwards anyway
        }
    }

    /** What {@code opening} gave, or threw. */
    private static Session await(Future<Session> opening) throws SQLException {
        try {
            return opening.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new SQLException(e.getCause());
        }
    }

    private static int apply(Connection c, Configuration config, Dialect dialect, FlywayHistory history, boolean historyCreated, MigrationInfo[] pending)
            throws SQLException {
        Context context = new Context() {
            @Override
            public Configuration getConfiguration() {
                return config;
            }

            @Override
            public Connection getConnection() {
                return c;
            }
        };
        List<Row> rows = new ArrayList<>();
        if (historyCreated) {
            c.commit();
            c.setAutoCommit(true);
        } else {
            // Flyway's migrate creates the history table before anything else, also when nothing is pending
            history.create();
        }
        Throwable failure = null;
        // parsing (Flyway's parser, placeholders) runs one step ahead on another thread, while this one waits for the
        // server: the same work as Flyway's, overlapped with the round trips instead of between them
        List<CompletableFuture<Prepared>> prepared = new ArrayList<>();
        for (int i = 0; i < pending.length; i++) {
            prepared.add(new CompletableFuture<>());
        }
        Future<?> parsing = BACKGROUND.submit(() -> {
            for (int i = 0; i < pending.length && !Thread.currentThread().isInterrupted(); i++) {
                try {
                    prepared.get(i).complete(prepare(pending[i], dialect, history.ddlTransactions()));
                } catch (RuntimeException | Error e) {
                    prepared.get(i).completeExceptionally(e);
                    return;
                }
            }
        });
        try {
            for (int i = 0; i < pending.length; i++) {
                MigrationInfo m = pending[i];
                Prepared p = await(prepared.get(i));
                long start = System.nanoTime();
                if (p.joined() != null) {
                    // PostgreSQL runs the statements of one query string sent in autocommit as one implicit transaction:
                    // one round trip for the whole migration, all or nothing. If it fails, nothing of it remains, and
                    // Flyway's executor runs it again in a transaction to fail the way Flyway fails (file, line,
                    // statement) - the report is Flyway's own
                    c.setAutoCommit(true);
                    try (Statement all = c.createStatement()) {
                        all.execute(p.joined());
                        rows.add(new Row(m, millisSince(start), true));
                        if (p.changesSession()) {
                            history.restoreSession();
                        }
                        continue;
                    } catch (SQLException e) {
                        LOG.debug("migration {} failed as one query; running it statement by statement", m.getScript());
                        start = System.nanoTime();
                    }
                }
                // a single statement commits by itself: the same atomicity without the COMMIT round trip; so does
                // MySQL/MariaDB DDL, where a transaction around it would only cost the autocommit switches (round
                // trips with MariaDB's driver) and a COMMIT
                boolean transaction = p.inTransaction() && p.statements() != 1 && !p.implicitCommits();
                c.setAutoCommit(!transaction);
                try {
                    p.executor().execute(context);
                    if (transaction) {
                        c.commit();
                    }
                } catch (SQLException | RuntimeException e) {
                    if (transaction) {
                        rollbackQuietly(c);
                    }
                    // Flyway records a failed migration only where it could not be rolled back
                    if (!(history.ddlTransactions() && p.inTransaction())) {
                        rows.add(new Row(m, millisSince(start), false));
                    }
                    failure = e;
                    throw e;
                }
                c.setAutoCommit(true);
                rows.add(new Row(m, millisSince(start), true));
                if (p.changesSession()) {
                    history.restoreSession();
                }
            }
        } finally {
            parsing.cancel(true);
            // one batch at the end: nothing reads this private database's history before the apply returns
            try {
                writeRows(c, history, rows);
            } catch (SQLException | RuntimeException e) {
                if (failure == null) {
                    throw e;
                }
                failure.addSuppressed(e);
            }
        }
        LOG.debug("applied {} migrations directly (Flyway-compatible history)", pending.length);
        return pending.length;
    }

    /** A migration parsed and ready to run. */
    private record Prepared(MigrationExecutor executor, boolean inTransaction, int statements, boolean changesSession, String joined,
            boolean implicitCommits) {
    }

    /**
     * A MySQL/MariaDB statement that commits by itself (implicit commit), so a transaction around a migration made only
     * of these holds nothing: CREATE, ALTER, DROP, RENAME, TRUNCATE, except on TEMPORARY tables (which do not commit).
     */
    private static final Pattern IMPLICIT_COMMIT = Pattern.compile("(?is)(?:\\s|--[^\\n]*\\n|#[^\\n]*\\n|/\\*.*?\\*/)*"
            + "(create|alter|drop|rename|truncate)\\b(?!\\s+temporary\\b).*");

    /** Parsing ahead, and opening the connection while Flyway resolves. */
    private static final ExecutorService BACKGROUND = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "plc-apply-direct");
        t.setDaemon(true);
        return t;
    });

    /**
     * What a PostgreSQL migration must not hold to be sent as its file's text without Flyway's parser, as one implicit
     * transaction; deliberately broad (a word anywhere, comments included): a false positive only costs the parse.
     * Statements that cannot run in a transaction (CONCURRENTLY, VACUUM, CREATE/DROP DATABASE, ALTER SYSTEM,
     * TABLESPACE, REINDEX, CLUSTER, DISCARD, SUBSCRIPTION, ALTER TYPE ... ADD VALUE), transaction control (also inside
     * procedures and DO blocks), COPY (FROM STDIN is Flyway's to stream), psql meta-commands and backslash escapes,
     * placeholders ({@code ${...}}, {@code FP__}) and Flyway script settings ({@code -- flyway:...}).
     */
    private static final Pattern NEEDS_PARSER = Pattern.compile("(?i)\\b(?:concurrently|vacuum|database|system|tablespace|reindex|cluster"
            + "|discard|subscription|value|copy|begin|commit|rollback|savepoint|transaction|end|call|do|flyway)\\b|\\\\|\\$\\{|FP__");

    private static Prepared prepare(MigrationInfo m, Dialect dialect, boolean joinStatements) {
        MigrationExecutor executor = FlywayInternals.executor(m).orElseThrow();
        String text = text(m);
        boolean changesSession = text == null || SESSION_STATE.matcher(text).find();
        if (joinStatements && text != null && sendable(m, text, NEEDS_PARSER)) {
            // PostgreSQL splits the file itself, as psql would send it: Flyway's parser would only find what the check
            // above already ruled out. If it fails, the executor parses it then and fails the way Flyway fails
            return new Prepared(executor, true, -1, changesSession, text, false);
        }
        boolean inTransaction = executor.canExecuteInTransaction(); // Flyway's parser, placeholders included
        if (text == null) {
            return new Prepared(executor, inTransaction, -1, changesSession, null, false);
        }
        if (joinStatements && inTransaction && sendable(m, text, FLYWAY_TEXT)) {
            // Flyway's parser found nothing that cannot run in a transaction (the words of NEEDS_PARSER were harmless
            // here), and the text is what Flyway would send (no placeholders, no COPY): one round trip, as above
            return new Prepared(executor, true, -1, changesSession, text, false);
        }
        // the statements as this project's SQL reader splits them (the dialect's quoting, comments and delimiters): how
        // many there are, and whether each commits by itself; Flyway's executor still runs them
        List<SqlStatement> statements = SqlScript.split(text, dialect);
        boolean implicitCommits = !joinStatements && !statements.isEmpty()
                && statements.stream().allMatch(st -> IMPLICIT_COMMIT.matcher(st.text()).matches());
        return new Prepared(executor, inTransaction, statements.size(), changesSession, null, implicitCommits);
    }

    /**
     * What Flyway changes or handles itself in a script's text: placeholders, COPY (streamed), psql backslashes, Flyway
     * script settings. A script without them is, statement for statement, what Flyway would send.
     */
    private static final Pattern FLYWAY_TEXT = Pattern.compile("(?i)\\bcopy\\b|\\\\|\\$\\{|FP__|\\bflyway\\b");

    /** Whether a PostgreSQL migration's text, by itself, can be sent as it is (see {@link #NEEDS_PARSER}). */
    static boolean sendableAsIs(String text) {
        return sendable(text, NEEDS_PARSER);
    }

    /** Something besides blanks, no byte order mark, and nothing {@code mustNotHold} finds. */
    private static boolean sendable(String text, Pattern mustNotHold) {
        return !text.isBlank() && text.charAt(0) != '\uFEFF' && !mustNotHold.matcher(text).find();
    }

    /** {@link #sendable(String, Pattern)}, and no {@code .conf} beside the migration (its settings are Flyway's to apply). */
    private static boolean sendable(MigrationInfo m, String text, Pattern mustNotHold) {
        return sendable(text, mustNotHold) && !Files.exists(Path.of(m.getPhysicalLocation() + ".conf"));
    }

    /** The migration file's text (as Flyway reads it: UTF-8), or null when it has no file or cannot be read. */
    private static String text(MigrationInfo m) {
        String location = m.getPhysicalLocation();
        if (location == null) {
            return null;
        }
        try {
            return Files.readString(Path.of(location), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The prepared migration, or what parsing it threw (as Flyway would throw it when reaching that migration). */
    private static Prepared await(CompletableFuture<Prepared> prepared) throws SQLException {
        try {
            return prepared.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new SQLException(e.getCause());
        }
    }

    private static void writeRows(Connection c, FlywayHistory history, List<Row> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        c.setAutoCommit(true);
        String installedBy = history.installedBy;
        // a JDBC batch: one INSERT of all the rows measured slower on PostgreSQL (16-23 ms against 11-15 ms for 500 rows)
        try (PreparedStatement insert = c.prepareStatement(history.insert() + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int rank = 0;
            for (Row row : rows) {
                MigrationInfo m = row.migration();
                insert.setInt(1, ++rank);
                if (m.getVersion() == null) {
                    insert.setNull(2, Types.VARCHAR);
                } else {
                    insert.setString(2, m.getVersion().toString());
                }
                insert.setString(3, m.getDescription());
                insert.setString(4, m.getType().name());
                insert.setString(5, m.getScript());
                if (m.getChecksum() == null) {
                    insert.setNull(6, Types.INTEGER);
                } else {
                    insert.setInt(6, m.getChecksum());
                }
                insert.setString(7, installedBy);
                insert.setInt(8, row.millis());
                insert.setBoolean(9, row.success());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** SQL callback files ({@code beforeMigrate.sql}, {@code afterEachMigrate__x.sql}, ...) in a filesystem location. */
    private static boolean hasCallbackFiles(Configuration config) {
        for (var location : config.getLocations()) {
            String descriptor = location.getDescriptor();
            if (!descriptor.startsWith("filesystem:")) {
                return true;
            }
            Path dir = Path.of(descriptor.substring("filesystem:".length()));
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (var files = Files.walk(dir)) {
                if (files.map(f -> f.getFileName().toString().toLowerCase(Locale.ROOT)).anyMatch(DirectMigrate::isCallbackName)) {
                    return true;
                }
            } catch (IOException | RuntimeException e) {
                return true;
            }
        }
        return false;
    }

    /** Flyway's callback event ids, lower case: a file named {@code <id>.sql}, {@code <id>__x.sql} or {@code <id>.x} is a callback. */
    private static final java.util.Set<String> CALLBACK_IDS = java.util.Arrays.stream(Event.values())
            .map(e -> e.getId().toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.toUnmodifiableSet());

    private static boolean isCallbackName(String lowerCaseName) {
        // one set lookup per file instead of a comparison with each of Flyway's ~50 events: a repo has hundreds of files
        int dot = lowerCaseName.indexOf('.');
        int underscores = lowerCaseName.indexOf("__");
        int end = dot < 0 ? underscores : underscores < 0 ? dot : Math.min(dot, underscores);
        return end > 0 && CALLBACK_IDS.contains(lowerCaseName.substring(0, end));
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the failure being reported says why
        }
    }

    private static int millisSince(long start) {
        return (int) ((System.nanoTime() - start) / 1_000_000);
    }

    private record Row(MigrationInfo migration, int millis, boolean success) {
    }
}
