package dev.plc.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plc.db.Dialect;
import dev.plc.db.ScratchDatabase;
import dev.plc.db.ScratchDatabases;
import dev.plc.schema.SchemaReader;
import dev.plc.schema.SchemaSnapshot;
import dev.plc.testing.RealServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replayed schemas kept as templates: the same migrations are cloned, any edit builds again, closing drops them all. */
class ReplayCacheTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final MigrationSet SET = new MigrationSet("flyway", List.of("db/migration"), List.of(), null, List.of());
    private final ScratchDatabases scratch = ScratchDatabases.fromEnvironment();

    @TempDir
    Path repo;

    private void write(String path, String content) throws Exception {
        Path file = repo.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    @Test
    void theSameMigrationsAreClonedAndAnyEditBuildsAgain() throws Exception {
        RealServers.require(Dialect.POSTGRESQL);
        write("db/migration/V1__a.sql", "CREATE TABLE a (id bigint PRIMARY KEY, name text NOT NULL);\n");
        write("db/migration/V2__rows.sql", "INSERT INTO a VALUES (1, 'one'), (2, 'two');\n");
        List<String> before = scratchDatabases(); // other processes' databases are not this test's business
        List<String> templates;
        try (ReplayCache cache = new ReplayCache(scratch, 2)) {
            SchemaSnapshot built;
            try (ScratchDatabase first = replay(cache, false).db()) {
                built = schema(first);
            }
            assertThat(cache.size()).isEqualTo(1);
            ReplayCache.Replayed again = replay(cache, true);
            try (ScratchDatabase clone = again.db()) {
                assertThat(again.applied().ok()).isTrue();
                assertThat(again.applied().applied()).isEqualTo(2);
                assertThat(schema(clone)).isEqualTo(built);
                assertThat(rows(clone, "SELECT name FROM a ORDER BY id")).containsExactly("one", "two");
                assertThat(rows(clone, "SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank")).containsExactly("1", "2");
            }

            // an edited migration, a new one and a removed one each miss
            write("db/migration/V2__rows.sql", "INSERT INTO a VALUES (1, 'uno');\n");
            try (ScratchDatabase edited = replay(cache, false).db()) {
                assertThat(rows(edited, "SELECT name FROM a")).containsExactly("uno");
            }
            write("db/migration/V3__b.sql", "CREATE TABLE b (id int);\n");
            replay(cache, false).db().close();
            assertThat(cache.size()).isEqualTo(2); // the oldest was pushed out
            Files.delete(repo.resolve("db/migration/V3__b.sql"));
            replay(cache, true).db().close(); // V1 + the edited V2 again: still kept
            templates = new ArrayList<>(scratchDatabases());
            templates.removeAll(before);
            assertThat(templates).as("two templates and their spare clones").hasSizeGreaterThanOrEqualTo(2);
        }
        assertThat(scratchDatabases()).doesNotContainAnyElementsOf(templates);
    }

    @Test
    void aFailedApplyKeepsNothingAndLiquibaseIsNeverKept() throws Exception {
        RealServers.require(Dialect.POSTGRESQL);
        write("db/migration/V1__bad.sql", "CREATE TABLE a (id bigint PRIMARY KEY;\n");
        try (ReplayCache cache = new ReplayCache(scratch, 2)) {
            ReplayCache.Replayed failed = replay(cache, false);
            failed.db().close();
            assertThat(failed.applied().ok()).isFalse();
            assertThat(cache.size()).isZero();
        }
        assertThat(ReplayCache.key(Dialect.POSTGRESQL, repo, MigrationSet.liquibase(null, List.of()))).isNull();
        assertThat(ReplayCache.key(Dialect.POSTGRESQL, repo, SET)).isEqualTo(ReplayCache.key(Dialect.POSTGRESQL, repo, SET))
                .isNotEqualTo(ReplayCache.key(Dialect.MARIADB, repo, SET));
    }

    @Test
    void withoutTemplatesEveryCallApplies() throws Exception {
        RealServers.require(Dialect.MARIADB);
        write("db/migration/V1__a.sql", "CREATE TABLE a (id bigint PRIMARY KEY);\n");
        try (ReplayCache cache = new ReplayCache(scratch, 2)) {
            for (int i = 0; i < 2; i++) {
                ReplayCache.Replayed r = cache.replay(Dialect.MARIADB, repo, SET, TIMEOUT);
                r.db().close();
                assertThat(r.cloned()).isFalse();
                assertThat(r.applied().ok()).isTrue();
            }
            assertThat(cache.size()).isZero(); // MariaDB has no template databases
        }
    }

    private ReplayCache.Replayed replay(ReplayCache cache, boolean cloned) throws Exception {
        ReplayCache.Replayed r = cache.replay(Dialect.POSTGRESQL, repo, SET, TIMEOUT);
        assertThat(r.cloned()).as("cloned").isEqualTo(cloned);
        return r;
    }

    private static SchemaSnapshot schema(ScratchDatabase db) throws Exception {
        try (Connection c = db.connect()) {
            return SchemaReader.read(c, db.dialect());
        }
    }

    private static List<String> rows(ScratchDatabase db, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private List<String> scratchDatabases() throws Exception {
        dev.plc.testing.ServerDatabases.awaitDrops(); // drops run in the background
        List<String> out = new ArrayList<>();
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE 'plc\\_scratch\\_%'")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
