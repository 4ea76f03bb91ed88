package dev.plc.testing;

import dev.plc.db.Dialect;
import dev.plc.db.ScratchDatabases;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Gate for tests that need the machine's real PostgreSQL or MariaDB. Without the server they skip with the
 * reason printed; with {@code PLC_REQUIRE_SERVERS=1} (set by .ci/run) a missing server fails the test instead.
 */
public final class RealServers {

    private RealServers() {
    }

    public static void require(Dialect dialect) {
        Optional<String> unavailable = ScratchDatabases.fromEnvironment().serverUnavailableReason(dialect);
        if (unavailable.isEmpty()) {
            return;
        }
        String reason = "a real " + dialect.id() + " server is needed: " + unavailable.get();
        if ("1".equals(System.getenv("PLC_REQUIRE_SERVERS"))) {
            Assertions.fail(reason + " (PLC_REQUIRE_SERVERS=1 turns this skip into a failure)");
        }
        System.err.println("SKIPPED: " + reason);
        Assumptions.abort(reason);
    }
}
