package dev.plc.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plc.core.Progress;
import dev.plc.db.DatabaseServer;
import dev.plc.db.Dialect;
import dev.plc.db.ScratchDatabase;
import dev.plc.db.ScratchDatabases;
import dev.plc.testing.ExampleRepos;
import dev.plc.testing.RealServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 100 failing run_checks on PostgreSQL and 100 on MariaDB (a copy of an example with a broken new migration), four
 * at a time: every one fails the apply check, and afterwards none of the scratch databases they made is left on
 * either server. Other processes make scratch databases on the same servers, so only this test's names count.
 */
class ScratchLeaksTest {

    private static final Pattern SCRATCH = Pattern.compile("plc_scratch_\\d+_[0-9a-f]+");
    private static final int RUNS = 100;

    @TempDir
    Path work;

    @Test
    void aHundredFailingChecksOnPostgresqlLeaveNoScratchDatabase() throws Exception {
        RealServers.require(Dialect.POSTGRESQL);
        Path repo = copy("spring-flyway-postgres", "src/main/resources/db/migration/V4__broken.sql",
                "ALTER TABLE orders ADD COLUMN priority integer;\nALTER TABLE no_such_table ADD COLUMN x integer;\n");
        leaveNothing(repo, "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
    }

    @Test
    void aHundredFailingChecksOnMariadbLeaveNoScratchDatabase() throws Exception {
        RealServers.require(Dialect.MARIADB);
        Path repo = copy("go-migrate-mariadb", "db/migrations/000004_broken.up.sql", "ALTER TABLE no_such_table ADD COLUMN x integer;\n");
        Files.writeString(repo.resolve("db/migrations/000004_broken.down.sql"), "SELECT 1;\n");
        leaveNothing(repo, "jdbc:mariadb://127.0.0.1:3306/?user=root");
    }

    private void leaveNothing(Path repo, String serverUrl) throws Exception {
        long start = System.nanoTime();
        CheckRunner runner = new CheckRunner(new ScratchDatabases(System.getenv()));
        Set<String> created = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<CheckReport>> runs = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            runs.add(pool.submit(() -> runner.run(new CheckRunner.Request(repo, List.of("apply"), null, null, serverUrl,
                    Duration.ofSeconds(60), false), Progress.NONE)));
        }
        try {
            for (Future<CheckReport> run : runs) {
                CheckReport report = run.get();
                assertThat(report.ok()).as("a broken migration fails the check").isFalse();
                assertThat(report.checks().get(0).status()).isEqualTo(CheckStatus.FAIL);
                assertThat(report.checks().get(0).findings().get(0).file()).contains("broken");
                Matcher m = SCRATCH.matcher(String.valueOf(report.database().location()));
                assertThat(m.find()).as("the report names its scratch database: %s", report.database()).isTrue();
                created.add(m.group());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(created).as("each check had a database of its own").hasSize(RUNS);
        assertThat(ScratchDatabase.openCount()).as("scratch databases this process still holds open").isZero();
        List<String> left = existing(serverUrl, created);
        assertThat(left).as("scratch databases of this test left on the server").isEmpty();
        System.out.printf("ScratchLeaksTest: %d failing checks on %s, none left, %d ms%n", RUNS, serverUrl.split(":")[1],
                (System.nanoTime() - start) / 1_000_000);
    }

    private Path copy(String example, String brokenFile, String brokenSql) throws Exception {
        Path repo = ExampleRepos.copy(example, work);
        Files.writeString(repo.resolve(brokenFile), brokenSql);
        return repo;
    }

    private static List<String> existing(String url, Set<String> names) throws Exception {
        dev.plc.testing.ServerDatabases.awaitDrops(); // drops run in the background
        DatabaseServer server = DatabaseServer.parse(url, "local-server");
        String sql = server.dialect() == Dialect.POSTGRESQL
                ? "SELECT datname FROM pg_database WHERE datname LIKE 'plc\\_scratch\\_%'"
                : "SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE 'plc\\_scratch\\_%'";
        List<String> found = new ArrayList<>();
        try (Connection c = server.connect(server.adminUrl(), 5); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                if (names.contains(rs.getString(1))) {
                    found.add(rs.getString(1));
                }
            }
        }
        return found;
    }
}
