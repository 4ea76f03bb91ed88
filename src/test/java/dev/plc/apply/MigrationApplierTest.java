package dev.plc.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plc.db.Dialect;
import dev.plc.db.ScratchDatabase;
import dev.plc.db.ScratchDatabases;
import dev.plc.repo.MigrationFramework;
import dev.plc.repo.Naming;
import dev.plc.repo.RepoIndex;
import dev.plc.schema.SchemaReader;
import dev.plc.schema.SchemaSnapshot;
import dev.plc.testing.RealServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationApplierTest {

    private final ScratchDatabases scratch = ScratchDatabases.fromEnvironment();

    @TempDir
    Path repo;

    private void write(String path, String content) throws Exception {
        Path file = repo.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private static MigrationSet flyway(String... locations) {
        return new MigrationSet("flyway", List.of(locations), List.of(), null, List.of());
    }

    private MigrationSet of(String framework, String location) throws Exception {
        MigrationFramework f = new MigrationFramework(framework, List.of(location), new Naming("", "", "integer", 0), 0, null, null,
                false, List.of(), List.of());
        return MigrationSets.of(RepoIndex.scan(repo), f);
    }

    @Test
    void reportsTheFailingFileLineAndPostgresErrorAndDropsTheDatabase() throws Exception {
        RealServers.require(Dialect.POSTGRESQL);
        write("db/migration/V1__init.sql", "CREATE TABLE a (id int primary key);\n");
        write("db/migration/V2__broken.sql", "-- adds b\n\nALTER TABLE a ADD COLUMN b int;\nALTER TABLE a ADD COLUMN c intt;\n");
        int openBefore = ScratchDatabase.openCount();
        ApplyResult result;
        try (ScratchDatabase db = scratch.create(Dialect.POSTGRESQL, null)) {
            result = new MigrationApplier(repo).apply(db, flyway("db/migration"), Duration.ofSeconds(60));
        }
        assertThat(result.ok()).isFalse();
        assertThat(result.failure().file()).isEqualTo("db/migration/V2__broken.sql");
        assertThat(result.failure().line()).isEqualTo(4);
        assertThat(result.failure().message()).contains("intt");
        assertThat(result.failure().sqlState()).isEqualTo("42704");
        assertThat(ScratchDatabase.openCount()).isEqualTo(openBefore);
    }

    @Test
    void appliesCreateIndexConcurrentlyOnPostgresWithoutHanging() throws Exception {
        RealServers.require(Dialect.POSTGRESQL);
        write("db/migration/V1__init.sql", "CREATE TABLE a (id int primary key, b int);\n");
        write("db/migration/V2__index.sql", "CREATE INDEX CONCURRENTLY a_b_idx ON a (b);\n");
        try (ScratchDatabase db = scratch.create(Dialect.POSTGRESQL, null)) {
            ApplyResult result = new MigrationApplier(repo).apply(db, flyway("db/migration"), Duration.ofSeconds(60));
            assertThat(result.failure()).isNull();
            assertThat(result.applied()).isEqualTo(2);
            try (Connection c = db.connect()) {
                SchemaSnapshot schema = SchemaReader.read(c, db.dialect());
                assertThat(schema.table("a").orElseThrow().indexes()).extracting(SchemaSnapshot.Index::name).containsExactly("a_b_idx");
            }
        }
    }

    @Test
    void boundsAnApplyThatWaitsForALockAndSaysSo() throws Exception {
        RealServers.require(Dialect.POSTGRESQL);
        write("v1/V1__init.sql", "CREATE TABLE a (id int primary key);\n");
        write("v2/V2__alter.sql", "ALTER TABLE a ADD COLUMN b int;\n");
        try (ScratchDatabase db = scratch.create(Dialect.POSTGRESQL, null)) {
            MigrationApplier applier = new MigrationApplier(repo);
            assertThat(applier.apply(db, flyway("v1"), Duration.ofSeconds(60)).ok()).isTrue();
            try (Connection locker = db.connect(); Statement s = locker.createStatement()) {
                locker.setAutoCommit(false);
                s.execute("LOCK TABLE a IN ACCESS EXCLUSIVE MODE");
                long start = System.nanoTime();
                ApplyResult blocked = applier.apply(db, flyway("v1", "v2"), Duration.ofSeconds(3));
                long seconds = (System.nanoTime() - start) / 1_000_000_000;
                assertThat(blocked.ok()).isFalse();
                assertThat(blocked.failure().message()).contains("did not finish within 3 s")
                        .contains("ALTER TABLE a ADD COLUMN b int").contains("AccessExclusiveLock").contains("LOCK TABLE a");
                assertThat(seconds).isLessThan(30);
                locker.rollback();
            }
        }
    }

    @Test
    void mapsAGolangMigrateFailureBackToTheUpFile() throws Exception {
        RealServers.require(Dialect.MARIADB);
        write("db/migrations/000001_init.up.sql", "CREATE TABLE a (id int primary key);\n");
        write("db/migrations/000001_init.down.sql", "DROP TABLE a;\n");
        write("db/migrations/000002_more.up.sql", "ALTER TABLE a ADD COLUMN b int;\n\nALTER TABLE missing ADD COLUMN c int;\n");
        try (ScratchDatabase db = scratch.create(Dialect.MARIADB, null)) {
            ApplyResult result = new MigrationApplier(repo).apply(db, of("golang-migrate", "db/migrations"), Duration.ofSeconds(60));
            assertThat(result.ok()).isFalse();
            assertThat(result.applied()).isZero();
            assertThat(result.failure().file()).isEqualTo("db/migrations/000002_more.up.sql");
            assertThat(result.failure().line()).isEqualTo(3);
            assertThat(result.failure().message()).containsIgnoringCase("missing");
        }
    }

    @Test
    void appliesOnlyTheUpSectionOfDbmateAndGooseFilesAndKeepsTheirLineNumbers() throws Exception {
        write("db/migrations/20240101000000_init.sql",
                "-- migrate:up\nCREATE TABLE a (id int primary key);\n\n-- migrate:down\nDROP TABLE a;\n");
        write("db/migrations/20240102000000_bad.sql",
                "-- migrate:up\nALTER TABLE a ADD COLUMN b int;\nALTER TABLE nope ADD COLUMN c int;\n-- migrate:down\nSELECT 1;\n");
        MigrationSet dbmate = of("dbmate", "db/migrations");
        assertThat(dbmate.scripts()).extracting(MigrationSet.UpScript::version).containsExactly("20240101000000", "20240102000000");
        assertThat(dbmate.scripts().get(0).sql()).contains("CREATE TABLE a").doesNotContain("DROP TABLE");
        try (ScratchDatabase db = scratch.create(Dialect.H2, null)) {
            ApplyResult result = new MigrationApplier(repo).apply(db, dbmate, Duration.ofSeconds(60));
            assertThat(result.failure().file()).isEqualTo("db/migrations/20240102000000_bad.sql");
            assertThat(result.failure().line()).isEqualTo(3);
        }

        write("goose/00001_init.sql", "-- +goose Up\n-- +goose StatementBegin\nCREATE TABLE g (id int);\n-- +goose StatementEnd\n"
                + "-- +goose Down\nDROP TABLE g;\n");
        MigrationSet goose = of("goose", "goose");
        assertThat(goose.scripts()).hasSize(1);
        assertThat(goose.scripts().get(0).sql()).contains("CREATE TABLE g").doesNotContain("DROP TABLE g");
    }

    @Test
    void saysWhichFrameworksItCannotApply() throws Exception {
        MigrationSet rails = of("rails", "db/migrate");
        assertThat(rails.unsupported()).contains("rails").contains("database_url");
    }
}
