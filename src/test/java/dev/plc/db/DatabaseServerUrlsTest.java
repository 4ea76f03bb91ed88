package dev.plc.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plc.testing.RealServers;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Every spelling of a database_url reaches the machine's real servers; a password never shows in an error. */
class DatabaseServerUrlsTest {

    private static int answer(String url) throws Exception {
        DatabaseServer server = DatabaseServer.parse(url, "server");
        try (Connection c = server.connect(server.adminUrl(), 5); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "postgres://postgres@127.0.0.1:5432/postgres",
            "postgresql://postgres:any%40pass%2Fword@127.0.0.1:5432/postgres",
            "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres",
            "jdbc:postgresql://postgres:secret@127.0.0.1:5432/postgres",
            "postgresql://127.0.0.1:5432/postgres?user=postgres&password=p%26w",
    })
    void everyPostgresSpellingConnects(String url) throws Exception {
        RealServers.require(Dialect.POSTGRESQL);
        assertThat(DatabaseServer.parse(url, "server").dialect()).isEqualTo(Dialect.POSTGRESQL);
        assertThat(answer(url)).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "mysql://root@127.0.0.1:3306/",
            "mariadb://root@127.0.0.1:3306",
            "jdbc:mysql://127.0.0.1:3306/?user=root",
            "jdbc:mariadb://127.0.0.1:3306/?user=root",
            "jdbc:mysql://root@127.0.0.1:3306/mysql",
            "jdbc:mariadb://root:@127.0.0.1:3306/",
    })
    void everyMysqlAndMariadbSpellingConnects(String url) throws Exception {
        RealServers.require(Dialect.MARIADB);
        DatabaseServer server = DatabaseServer.parse(url, "server");
        assertThat(server.adminUrl()).startsWith("jdbc:mariadb://");
        assertThat(server.dialect()).isEqualTo(url.contains("mysql") ? Dialect.MYSQL : Dialect.MARIADB);
        assertThat(answer(url)).isEqualTo(1);
    }

    @Test
    void percentEncodedPasswordsAreDecodedInEveryForm() throws Exception {
        RealServers.require(Dialect.MARIADB);
        String user = "plc_url_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
        String password = "p@ss/w:rd?+&=%";
        try (Connection admin = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/?user=root"); Statement s = admin.createStatement()) {
            s.execute("CREATE USER '" + user + "'@'%' IDENTIFIED BY '" + password.replace("'", "''") + "'");
            s.execute("CREATE USER '" + user + "'@'localhost' IDENTIFIED BY '" + password.replace("'", "''") + "'");
            try {
                String encoded = java.net.URLEncoder.encode(password, java.nio.charset.StandardCharsets.UTF_8);
                String userinfo = password.replace("%", "%25").replace("@", "%40").replace("/", "%2F").replace(":", "%3A").replace("?", "%3F");
                for (String url : new String[] {
                        "mysql://" + user + ":" + userinfo + "@127.0.0.1:3306/",
                        "mariadb://" + user + ":" + userinfo + "@127.0.0.1:3306/",
                        "jdbc:mysql://127.0.0.1:3306/?user=" + user + "&password=" + encoded,
                        "jdbc:mariadb://" + user + ":" + userinfo + "@127.0.0.1:3306/"}) {
                    assertThat(answer(url)).as(url).isEqualTo(1);
                }
            } finally {
                s.execute("DROP USER IF EXISTS '" + user + "'@'%'");
                s.execute("DROP USER IF EXISTS '" + user + "'@'localhost'");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "mysql://root:hunter2%40x@127.0.0.1:3306/",
            "jdbc:mysql://127.0.0.1:3306/?user=root&password=hunter2%40x",
            "jdbc:mariadb://root:hunter2@x@127.0.0.1:3306/",
    })
    void aWrongPasswordNeverShowsInTheError(String url) {
        RealServers.require(Dialect.MARIADB);
        ScratchDatabases scratch = new ScratchDatabases(Map.of());
        assertThatThrownBy(() -> scratch.create(Dialect.MARIADB, url).close())
                .isInstanceOf(ScratchDatabaseException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains("Access denied").doesNotContain("hunter2"));
        assertThat(DatabaseServer.parse(url, "server").unreachableReason()).hasValueSatisfying(r -> assertThat(r).doesNotContain("hunter2"));
    }

    @Test
    void anUnsupportedUrlIsRefusedWithoutEchoingItsPassword() {
        assertThatThrownBy(() -> DatabaseServer.parse("oracle://scott:hunter2@db/orcl", "server"))
                .isInstanceOf(IllegalArgumentException.class).satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
    }
}
