package dev.plc.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user's shared embedded PostgreSQL, for real: started once, found again by the next use, held by open scratch
 * databases, stopped by its watchdog after the idle time, started again when it died. (Across processes: CliIT.)
 */
class SharedEmbeddedPostgresTest {

    @TempDir
    Path cache;

    private ScratchDatabases scratch;

    private ScratchDatabases scratch(int idleSeconds) {
        scratch = new ScratchDatabases(Map.of("PLC_LOCAL_SERVERS", "0", "PLC_CACHE_DIR", cache.toString(),
                "PLC_EMBEDDED_POSTGRES_IDLE", Integer.toString(idleSeconds)));
        return scratch;
    }

    @AfterEach
    void stop() throws Exception {
        if (scratch != null) {
            dev.plc.testing.ServerDatabases.awaitDrops();
            scratch.stopEmbeddedPostgres();
            assertThat(postmasters()).as("no postmaster of this test's cache left running").isZero();
        }
    }

    @Test
    void theSecondUseFindsTheRunningEngineInsteadOfStartingOne() throws Exception {
        ScratchDatabases s = scratch(600);
        String firstData;
        int firstPort;
        try (ScratchDatabase db = s.create(Dialect.POSTGRESQL, null)) {
            assertThat(db.info().kind()).isEqualTo("embedded-engine");
            firstData = dataDirectory(db);
            firstPort = s.embeddedPostgres().orElseThrow().port();
            assertThat(s.embeddedPostgres().orElseThrow().openLeases()).isEqualTo(1);
        }
        dev.plc.testing.ServerDatabases.awaitDrops(); // the lease ends when the background drop is done
        assertThat(s.embeddedPostgres().orElseThrow().running()).as("still running after its last database was dropped").isTrue();
        assertThat(s.embeddedPostgres().orElseThrow().openLeases()).isZero();
        long begin = System.nanoTime();
        try (ScratchDatabase db = s.create(Dialect.POSTGRESQL, null)) {
            long millis = (System.nanoTime() - begin) / 1_000_000;
            assertThat(dataDirectory(db)).isEqualTo(firstData);
            assertThat(s.embeddedPostgres().orElseThrow().port()).isEqualTo(firstPort);
            assertThat(millis).as("a scratch database on the running engine, not a new start").isLessThan(1500);
        }
    }

    @Test
    void theWatchdogStopsItAfterTheIdleTimeAndRemovesItsData() throws Exception {
        ScratchDatabases s = scratch(2);
        try (ScratchDatabase db = s.create(Dialect.POSTGRESQL, null)) {
            assertThat(postmasters()).isEqualTo(1);
        }
        // a lease of a process that is gone does not hold it
        Files.writeString(home().resolve("users").resolve("2147483646-1"), "dead");
        assertThat(eventually(Duration.ofSeconds(20), () -> !s.embeddedPostgres().orElseThrow().running()))
                .as("stopped after 2 s without a scratch database").isTrue();
        assertThat(eventually(Duration.ofSeconds(10), () -> clusters() == 0)).as("its data directory removed").isTrue();
        // the watchdog removes its pid file after the data directory: the two are not one step
        assertThat(eventually(Duration.ofSeconds(10), () -> !Files.exists(home().resolve("reaper.pid")))).as("its pid file removed").isTrue();
        // and it starts again on the next need
        try (ScratchDatabase db = s.create(Dialect.POSTGRESQL, null)) {
            assertThat(s.embeddedPostgres().orElseThrow().running()).isTrue();
        }
    }

    @Test
    void anOpenScratchDatabaseKeepsItRunningPastTheIdleTime() throws Exception {
        ScratchDatabases s = scratch(1);
        try (ScratchDatabase db = s.create(Dialect.POSTGRESQL, null)) {
            Thread.sleep(4000);
            assertThat(s.embeddedPostgres().orElseThrow().running()).isTrue();
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE t (id int)");
            }
            try (ScratchDatabase copy = s.copyOf(db)) {
                db.close(); // the copy holds the engine on its own
                Thread.sleep(3000);
                try (Connection c = copy.connect(); Statement st = c.createStatement()) {
                    st.execute("INSERT INTO t VALUES (1)");
                }
            }
        }
        assertThat(eventually(Duration.ofSeconds(20), () -> !s.embeddedPostgres().orElseThrow().running())).isTrue();
    }

    @Test
    void anEngineThatDiedIsStartedAgain() throws Exception {
        ScratchDatabases s = scratch(600);
        String firstData;
        try (ScratchDatabase db = s.create(Dialect.POSTGRESQL, null)) {
            firstData = dataDirectory(db);
        }
        dev.plc.testing.ServerDatabases.awaitDrops();
        long pid = Long.parseLong(Files.readAllLines(Path.of(firstData, "postmaster.pid")).get(0).strip());
        new ProcessBuilder("kill", "-9", Long.toString(pid)).start().waitFor();
        assertThat(eventually(Duration.ofSeconds(10), () -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true))).isTrue();
        try (ScratchDatabase db = s.create(Dialect.POSTGRESQL, null)) {
            assertThat(dataDirectory(db)).isNotEqualTo(firstData);
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE t (id int)");
            }
        }
        assertThat(Path.of(firstData)).as("the dead engine's data is removed by the next start").doesNotExist();
    }

    @Test
    void theHomeNamesTheBundledMajorVersion() throws Exception {
        ScratchDatabases s = scratch(600);
        try (ScratchDatabase db = s.create(Dialect.POSTGRESQL, null);
             Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT current_setting('server_version_num')::int / 10000")) {
            rs.next();
            assertThat(Integer.toString(rs.getInt(1))).isEqualTo(SharedEmbeddedPostgres.MAJOR);
        }
        assertThat(s.embeddedPostgres().orElseThrow().home()).isEqualTo(cache.resolve("embedded-postgres-" + SharedEmbeddedPostgres.MAJOR));
    }

    @Test
    void idleZeroMeansEachProcessKeepsItsOwn() {
        assertThat(new ScratchDatabases(Map.of("PLC_EMBEDDED_POSTGRES_IDLE", "0", "PLC_CACHE_DIR", cache.toString())).embeddedPostgres()).isEmpty();
        assertThat(SharedEmbeddedPostgres.idle(Map.of("PLC_EMBEDDED_POSTGRES_IDLE", "soon"))).isEqualTo(SharedEmbeddedPostgres.DEFAULT_IDLE);
        assertThat(SharedEmbeddedPostgres.home(Map.of("XDG_CACHE_HOME", "/x/cache")))
                .isEqualTo(Path.of("/x/cache/persistence-layer-change/embedded-postgres-" + SharedEmbeddedPostgres.MAJOR));
    }

    private Path home() {
        return cache.resolve("embedded-postgres-" + SharedEmbeddedPostgres.MAJOR);
    }

    private static String dataDirectory(ScratchDatabase db) throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW data_directory")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private long clusters() {
        try (Stream<Path> list = Files.list(home())) {
            return list.filter(p -> p.getFileName().toString().startsWith("cluster-")).count();
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    /** Running postmasters whose data directory is under this test's cache. */
    private long postmasters() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(cmd -> cmd.endsWith("/postgres")).orElse(false)
                        && p.info().commandLine().map(cmd -> cmd.contains(cache.toString())).orElse(false))
                .count();
    }

    private static boolean eventually(Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(200);
        }
        return condition.getAsBoolean();
    }
}
