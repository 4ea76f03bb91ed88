package dev.plc.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plc.db.Dialect;
import dev.plc.db.ScratchDatabase;
import dev.plc.db.ScratchDatabases;
import dev.plc.testing.RealServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The direct path ({@link DirectMigrate}) against Flyway's own migrate on the same files: the same schema history
 * (table and rows), a history Flyway validates and continues from, and the same failure report.
 */
class DirectMigrateTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
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

    private void writeMigrations(Dialect dialect) throws Exception {
        write("db/migration/V1__create_a.sql", "-- a table\nCREATE TABLE a (id int primary key, name varchar(20));\n");
        write("db/migration/V1.1__two_statements.sql", "ALTER TABLE a ADD COLUMN b int;\nINSERT INTO a (id, name) VALUES (1, 'one');\n");
        write("db/migration/V2__placeholder.sql", "CREATE TABLE c (id int, owner varchar(100) DEFAULT '${flyway:user}');\n");
        write("db/migration/V3__session.sql", dialect == Dialect.POSTGRESQL
                ? "SET lock_timeout = '5s';\nCREATE INDEX a_name_idx ON a (name);\n"
                : "SET @plc_x = 1;\nCREATE INDEX a_name_idx ON a (name);\n");
        write("db/migration/V4.sql", "CREATE TABLE d (id int);\n");
        if (dialect == Dialect.POSTGRESQL) {
            // sent as one query string: a body with semicolons, and a line comment at the very end
            write("db/migration/V4.1__function.sql", "CREATE FUNCTION f() RETURNS int AS $$ BEGIN PERFORM 1; RETURN 2; END $$ LANGUAGE plpgsql;\n"
                    + "DO $$ BEGIN PERFORM f(); END $$;\nCREATE TABLE e (id int); -- the end");
            write("db/migration/V5__concurrently.sql", "CREATE INDEX CONCURRENTLY a_b_idx ON a (b);\n");
            // Flyway streams the rows after COPY ... FROM STDIN itself: not sent as one query string
            write("db/migration/V5.1__copy.sql", "COPY d (id) FROM STDIN;\n1\n2\n\\.\n");
        }
        write("db/migration/R__view.sql", "CREATE OR REPLACE VIEW v_a AS SELECT id, name FROM a;\n");
    }

    @ParameterizedTest
    @EnumSource(names = {"POSTGRESQL", "MARIADB"})
    void leavesTheHistoryFlywayWouldHaveWrittenAndFlywayValidatesIt(Dialect dialect) throws Exception {
        RealServers.require(dialect);
        writeMigrations(dialect);
        try (ScratchDatabase fast = scratch.create(dialect, null); ScratchDatabase reference = scratch.create(dialect, null)) {
            MigrationApplier applier = new MigrationApplier(repo);
            int taken = DirectMigrate.TAKEN.get();
            ApplyResult direct = applier.apply(fast, flyway("db/migration"), TIMEOUT);
            assertThat(DirectMigrate.TAKEN.get()).isEqualTo(taken + 1);
            ApplyResult viaFlyway = new MigrationApplier(repo, false).apply(reference, flyway("db/migration"), TIMEOUT);
            assertThat(DirectMigrate.TAKEN.get()).isEqualTo(taken + 1);
            assertThat(direct.failure()).isNull();
            assertThat(viaFlyway.failure()).isNull();
            assertThat(direct.applied()).isEqualTo(viaFlyway.applied()).isEqualTo(dialect == Dialect.POSTGRESQL ? 9 : 6);

            assertThat(history(fast)).isEqualTo(history(reference));
            assertThat(historyTable(fast)).isEqualTo(historyTable(reference));
            assertThat(query(fast, "SELECT owner FROM c WHERE 1 = 0")).isEmpty();
            if (dialect == Dialect.POSTGRESQL) {
                assertThat(query(fast, "SELECT id FROM d ORDER BY id")).isEqualTo(List.of(List.of("1"), List.of("2")));
            }

            assertThat(applier.validate(fast, flyway("db/migration"))).isEmpty();
            Flyway flywayOnFast = Flyway.configure().dataSource(fast.jdbcUrl(), fast.user(), fast.password())
                    .locations("filesystem:" + repo.resolve("db/migration")).load();
            for (MigrationInfo info : flywayOnFast.info().all()) {
                assertThat(info.getState()).as(info.getScript()).isEqualTo(MigrationState.SUCCESS);
            }

            // a later Flyway migrate continues from the direct path's history
            write("db/migration/V6__more.sql", "ALTER TABLE d ADD COLUMN e int;\n");
            ApplyResult more = applier.apply(fast, flyway("db/migration"), TIMEOUT);
            assertThat(DirectMigrate.TAKEN.get()).as("an existing history is Flyway's to read").isEqualTo(taken + 1);
            assertThat(more.failure()).isNull();
            assertThat(more.applied()).isEqualTo(1);
            assertThat(applier.validate(fast, flyway("db/migration"))).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"POSTGRESQL", "MARIADB"})
    void reportsAFailingMigrationExactlyAsFlywayDoes(Dialect dialect) throws Exception {
        RealServers.require(dialect);
        write("db/migration/V1__init.sql", "CREATE TABLE a (id int primary key);\n");
        write("db/migration/V2__broken.sql", "-- adds b\n\nALTER TABLE a ADD COLUMN b int;\nALTER TABLE missing ADD COLUMN c int;\n");
        write("db/migration/V3__never.sql", "CREATE TABLE never (id int);\n");
        try (ScratchDatabase fast = scratch.create(dialect, null); ScratchDatabase reference = scratch.create(dialect, null)) {
            int taken = DirectMigrate.TAKEN.get();
            ApplyResult direct = new MigrationApplier(repo).apply(fast, flyway("db/migration"), TIMEOUT);
            assertThat(DirectMigrate.TAKEN.get()).isEqualTo(taken + 1);
            ApplyResult viaFlyway = new MigrationApplier(repo, false).apply(reference, flyway("db/migration"), TIMEOUT);
            assertThat(direct.failure()).isNotNull();
            assertThat(comparable(direct.failure(), fast)).isEqualTo(comparable(viaFlyway.failure(), reference));
            assertThat(direct.failure().file()).isEqualTo("db/migration/V2__broken.sql");
            assertThat(direct.failure().line()).isEqualTo(4);
            assertThat(direct.failure().statement()).isEqualTo("ALTER TABLE missing ADD COLUMN c int");
            assertThat(direct.applied()).isEqualTo(viaFlyway.applied());
            // PostgreSQL rolls the failed migration back and records nothing; MariaDB records it as failed
            assertThat(history(fast)).isEqualTo(history(reference));
            assertThat(query(fast, "SELECT 1 FROM a")).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"POSTGRESQL", "MARIADB"})
    void leavesCallbacksToFlyway(Dialect dialect) throws Exception {
        RealServers.require(dialect);
        write("db/migration/V1__init.sql", "CREATE TABLE a (id int primary key);\n");
        write("db/migration/afterMigrate.sql", "CREATE TABLE after_migrate_ran (id int);\n");
        try (ScratchDatabase db = scratch.create(dialect, null)) {
            int taken = DirectMigrate.TAKEN.get();
            ApplyResult result = new MigrationApplier(repo).apply(db, flyway("db/migration"), TIMEOUT);
            assertThat(DirectMigrate.TAKEN.get()).isEqualTo(taken);
            assertThat(result.failure()).isNull();
            assertThat(query(db, "SELECT id FROM after_migrate_ran")).isEmpty();
        }
    }

    @org.junit.jupiter.api.Test
    void leavesNothingBehindWhenAJavaMigrationSendsTheApplyToFlyway() throws Exception {
        RealServers.require(Dialect.POSTGRESQL);
        write("db/migration/V1__init.sql", "CREATE TABLE a (id int primary key);\n");
        try (ScratchDatabase db = scratch.create(Dialect.POSTGRESQL, null)) {
            Flyway flyway = Flyway.configure().dataSource(db.jdbcUrl(), db.user(), db.password())
                    .locations("filesystem:" + repo.resolve("db/migration"))
                    .javaMigrations(new V2__java()).load();
            // the history table the direct path creates while Flyway resolves is rolled back: Flyway finds an empty schema
            assertThat(DirectMigrate.migrate(flyway, Dialect.POSTGRESQL)).isEmpty();
            assertThat(query(db, "SELECT count(*) FROM pg_class WHERE relname = 'flyway_schema_history'")).isEqualTo(List.of(List.of("0")));
            assertThat(flyway.migrate().migrationsExecuted).isEqualTo(2);
            assertThat(query(db, "SELECT count(*) FROM b")).isEqualTo(List.of(List.of("0")));
        }
    }

    /** A Java migration: the direct path leaves a set holding one to Flyway. */
    static class V2__java extends org.flywaydb.core.api.migration.BaseJavaMigration {
        @Override
        public void migrate(org.flywaydb.core.api.migration.Context context) throws Exception {
            try (Statement s = context.getConnection().createStatement()) {
                s.execute("CREATE TABLE b (id int)");
            }
        }
    }

    @org.junit.jupiter.api.Test
    void sendsOnlyOrdinaryTransactionalPostgresScriptsWithoutFlywaysParser() {
        assertThat(DirectMigrate.sendableAsIs("CREATE TABLE t (id int);\nALTER TABLE t ADD COLUMN note varchar(200);\n")).isTrue();
        assertThat(DirectMigrate.sendableAsIs("INSERT INTO t (id, name) VALUES (1, 'row 1'), (2, 'row 2');\n")).isTrue();
        for (String needsParser : List.of(
                "CREATE INDEX CONCURRENTLY t_idx ON t (id);",
                "create index concurrently t_idx on t (id);",
                "VACUUM t;",
                "CREATE DATABASE other;",
                "ALTER SYSTEM SET work_mem = '8MB';",
                "CREATE TABLESPACE ts LOCATION '/tmp';",
                "ALTER TYPE mood ADD VALUE 'ok';",
                "COPY t (id) FROM STDIN;\n1\n\\.\n",
                "\\i other.sql",
                "SELECT E'a\\nb';",
                "CREATE TABLE t (owner text DEFAULT '${flyway:user}');",
                "CREATE TABLE FP__x (id int);",
                "BEGIN;\nCREATE TABLE t (id int);\nCOMMIT;",
                "CALL p();",
                "DO $$ BEGIN PERFORM 1; END $$;",
                "-- flyway:executeInTransaction=false\nCREATE TABLE t (id int);",
                "\uFEFFCREATE TABLE t (id int);",
                "   \n")) {
            assertThat(DirectMigrate.sendableAsIs(needsParser)).as(needsParser).isFalse();
        }
    }

    /** The failure without what differs between two databases (MariaDB names its connection id and the database). */
    private static ApplyResult.Failure comparable(ApplyResult.Failure f, ScratchDatabase db) {
        return new ApplyResult.Failure(f.file(), f.line(), f.statement(),
                f.message().replace(db.name(), "<db>").replaceAll("\\(conn=\\d+\\)", "(conn=n)"), f.sqlState());
    }

    /** The history rows, without what differs between two runs (time, duration). */
    private static List<List<Object>> history(ScratchDatabase db) throws SQLException {
        return query(db, "SELECT installed_rank, version, description, type, script, checksum, installed_by, success "
                + "FROM flyway_schema_history ORDER BY installed_rank");
    }

    /** Columns (name, type, nullability, default) and indexes of the history table. */
    private static List<List<Object>> historyTable(ScratchDatabase db) throws SQLException {
        List<List<Object>> out = new ArrayList<>();
        try (Connection c = db.connect()) {
            String schema = db.dialect() == Dialect.POSTGRESQL ? "public" : null;
            String catalog = db.dialect() == Dialect.POSTGRESQL ? null : db.name();
            try (ResultSet rs = c.getMetaData().getColumns(catalog, schema, "flyway_schema_history", "%")) {
                while (rs.next()) {
                    out.add(List.of(rs.getString("COLUMN_NAME"), rs.getString("TYPE_NAME"), rs.getInt("COLUMN_SIZE"),
                            rs.getString("IS_NULLABLE"), String.valueOf(rs.getString("COLUMN_DEF"))));
                }
            }
            try (ResultSet rs = c.getMetaData().getIndexInfo(catalog, schema, "flyway_schema_history", false, false)) {
                while (rs.next()) {
                    out.add(List.of(String.valueOf(rs.getString("INDEX_NAME")), String.valueOf(rs.getString("COLUMN_NAME")),
                            rs.getBoolean("NON_UNIQUE")));
                }
            }
        }
        return out;
    }

    private static List<List<Object>> query(ScratchDatabase db, String sql) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.add(String.valueOf(rs.getObject(i)));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
