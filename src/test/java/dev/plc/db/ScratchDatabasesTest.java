package dev.plc.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plc.testing.RealServers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScratchDatabasesTest {

    private final ScratchDatabases scratch = ScratchDatabases.fromEnvironment();

    @Test
    void createsAndDropsAScratchDatabaseOnLocalPostgres() throws Exception {
        RealServers.require(Dialect.POSTGRESQL);
        String name;
        try (ScratchDatabase db = scratch.create(Dialect.POSTGRESQL, null)) {
            name = db.name();
            assertThat(name).startsWith("plc_scratch_");
            assertThat(db.info().kind()).isEqualTo("local-server");
            assertThat(db.info().approximation()).isFalse();
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (id int)");
                assertThat(c.getCatalog()).isEqualTo(name);
            }
            assertThat(postgresDatabaseExists(name)).isTrue();
        }
        assertThat(postgresDatabaseExists(name)).isFalse();
    }

    @Test
    void dropsAPostgresScratchDatabaseEvenWithASessionStillOpen() throws Exception {
        RealServers.require(Dialect.POSTGRESQL);
        ScratchDatabase db = scratch.create(Dialect.POSTGRESQL, null);
        Connection leaked = db.connect();
        db.close();
        assertThat(postgresDatabaseExists(db.name())).isFalse();
        assertThat(leaked.isValid(2)).isFalse();
        leaked.close();
    }

    @Test
    void createsAndDropsAScratchDatabaseOnLocalMariadb() throws Exception {
        RealServers.require(Dialect.MARIADB);
        String name;
        try (ScratchDatabase db = scratch.create(Dialect.MARIADB, null)) {
            name = db.name();
            assertThat(db.dialect()).isEqualTo(Dialect.MARIADB);
            assertThat(db.info().version()).containsIgnoringCase("mariadb");
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (id int)");
            }
            assertThat(mariadbDatabaseExists(name)).isTrue();
        }
        assertThat(mariadbDatabaseExists(name)).isFalse();
    }

    @Test
    void mariadbStandingInForMysqlIsReportedAsAnApproximation() throws Exception {
        RealServers.require(Dialect.MARIADB);
        try (ScratchDatabase db = scratch.create(Dialect.MYSQL, null)) {
            assertThat(db.info().approximation()).isTrue();
            assertThat(db.info().target()).isEqualTo("mysql");
            assertThat(db.info().note()).contains("mariadb stands in for mysql");
        }
    }

    @Test
    void serverNamedInTheCallIsUsedAndItsPasswordNeverShows() throws Exception {
        RealServers.require(Dialect.POSTGRESQL);
        String url = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres&password=s3cret-pw";
        try (ScratchDatabase db = scratch.create(Dialect.POSTGRESQL, url)) {
            assertThat(db.info().kind()).isEqualTo("server");
            assertThat(db.info().location()).doesNotContain("s3cret-pw");
            assertThat(db.info().toString()).doesNotContain("s3cret-pw");
        }
    }

    @Test
    void startsEmbeddedPostgresWhenNoServerIsReachable() throws Exception {
        ScratchDatabases noServers = new ScratchDatabases(Map.of("PLC_LOCAL_SERVERS", "0", "PLC_EMBEDDED_POSTGRES_IDLE", "0"));
        try (ScratchDatabase db = noServers.create(Dialect.POSTGRESQL, null)) {
            assertThat(db.info().kind()).isEqualTo("embedded-engine");
            assertThat(db.info().dialect()).isEqualTo("postgresql");
            assertThat(db.info().approximation()).isFalse();
            try (Connection c = db.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT current_setting('server_version_num')::int")) {
                rs.next();
                assertThat(rs.getInt(1)).isGreaterThanOrEqualTo(140000);
            }
        }
    }

    @Test
    void fallsBackToH2InPostgresModeAndSaysItIsAnApproximation() throws Exception {
        ScratchDatabases nothing = new ScratchDatabases(Map.of("PLC_LOCAL_SERVERS", "0", "PLC_EMBEDDED_POSTGRES", "0"));
        try (ScratchDatabase db = nothing.create(Dialect.POSTGRESQL, null)) {
            assertThat(db.info().dialect()).isEqualTo("h2");
            assertThat(db.info().approximation()).isTrue();
            assertThat(db.info().note()).contains("PLC_POSTGRES_URL");
        }
    }

    @Test
    void sqliteScratchFileIsDeletedOnClose() throws Exception {
        ScratchDatabase db = scratch.create(Dialect.SQLITE, null);
        java.nio.file.Path file = java.nio.file.Path.of(db.jdbcUrl().substring("jdbc:sqlite:".length()));
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id integer)");
        }
        assertThat(file).exists();
        db.close();
        assertThat(file).doesNotExist();
    }

    @Test
    void refusesAServerUrlOfAnUnsupportedKind() {
        assertThatThrownBy(() -> scratch.create(Dialect.POSTGRESQL, "jdbc:oracle:thin:@//db:1521/x"))
                .isInstanceOf(ScratchDatabaseException.class)
                .hasMessageContaining("unsupported database URL");
    }

    static boolean postgresDatabaseExists(String name) throws Exception {
        dev.plc.testing.ServerDatabases.awaitDrops(); // drops run in the background
        DatabaseServer server = DatabaseServer.parse("jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres", "local-server");
        try (Connection c = server.connect(server.adminUrl(), 5); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_database WHERE datname = '" + name + "'")) {
            rs.next();
            return rs.getInt(1) == 1;
        }
    }

    static boolean mariadbDatabaseExists(String name) throws Exception {
        dev.plc.testing.ServerDatabases.awaitDrops(); // drops run in the background
        DatabaseServer server = DatabaseServer.parse("jdbc:mariadb://127.0.0.1:3306/?user=root", "local-server");
        try (Connection c = server.connect(server.adminUrl(), 5); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '" + name + "'")) {
            rs.next();
            return rs.getInt(1) == 1;
        }
    }
}
