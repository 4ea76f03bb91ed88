package dev.plc.schema.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plc.db.Dialect;
import dev.plc.db.ScratchDatabase;
import dev.plc.db.ScratchDatabases;
import dev.plc.testing.RealServers;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Two schemas built in different ways compare equal when only generated names and positions differ, and not otherwise. */
class CatalogDifferencesTest {

    private static final String PG_ORIGINAL = """
            CREATE TABLE orgs (id int PRIMARY KEY);
            CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL UNIQUE, org int REFERENCES orgs (id), note text,
              CHECK (email <> ''));
            CREATE INDEX ON users (lower(email));
            CREATE VIEW named AS SELECT id, email FROM users;
            """;

    /** The same schema: other constraint and index names, constraints added later, a column dropped and added again. */
    private static final String PG_OTHER_WAY = """
            CREATE TABLE orgs (id int);
            ALTER TABLE orgs ADD CONSTRAINT orgs_pk PRIMARY KEY (id);
            CREATE TABLE users (id serial, email text, org int, note int);
            ALTER TABLE users DROP COLUMN note, ADD COLUMN note text;
            ALTER TABLE users ADD CONSTRAINT pk_users PRIMARY KEY (id), ADD CONSTRAINT uq_email UNIQUE (email),
              ADD CONSTRAINT fk_org FOREIGN KEY (org) REFERENCES orgs (id), ADD CONSTRAINT email_not_blank CHECK (email <> '');
            ALTER TABLE users ALTER COLUMN email SET NOT NULL;
            CREATE INDEX users_by_lower_email ON users (lower(email));
            CREATE VIEW named AS SELECT id, email FROM users;
            CREATE TABLE flyway_schema_history (installed_rank int PRIMARY KEY);
            """;

    @Test
    void postgresSchemasBuiltTwoWaysCompareEqual() throws Exception {
        assertThat(postgres(PG_ORIGINAL, PG_OTHER_WAY)).isEmpty();
    }

    @Test
    void postgresReportsWhatMakesSchemasDiffer() throws Exception {
        String actual = PG_ORIGINAL.replace("email text NOT NULL UNIQUE", "email text UNIQUE")
                .replace("org int REFERENCES orgs (id)", "org int")
                .replace("note text", "note text DEFAULT 'x'")
                .replace("CREATE INDEX ON users (lower(email));", "")
                .replace("SELECT id, email FROM users", "SELECT id, email FROM users WHERE id > 0");
        assertThat(postgres(PG_ORIGINAL, actual)).containsExactly(
                "named: view definition  SELECT users.id,\n    users.email\n   FROM users; vs  SELECT users.id,\n    users.email\n   FROM users\n  WHERE (users.id > 0);",
                "users.email: NOT NULL vs nullable",
                "users.note: default none vs 'x'::text",
                "foreign key on users FOREIGN KEY (org) REFERENCES orgs(id) missing",
                "index on users USING btree (lower(email)) missing");
    }

    @Test
    void postgresReportsAColumnOrderDifference() throws Exception {
        assertThat(postgres("CREATE TABLE t (a int, b int);", "CREATE TABLE t (b int, a int);"))
                .containsExactly("t: column order (a, b) vs (b, a)");
    }

    private static final String MARIADB_ORIGINAL = """
            CREATE TABLE orgs (id int PRIMARY KEY);
            CREATE TABLE users (id int AUTO_INCREMENT PRIMARY KEY, email varchar(100) NOT NULL UNIQUE, org int, bio text,
              FOREIGN KEY (org) REFERENCES orgs (id), CHECK (email <> ''), KEY (bio(20)));
            CREATE VIEW named AS SELECT id, email FROM users;
            """;

    private static final String MARIADB_OTHER_WAY = """
            CREATE TABLE orgs (id int NOT NULL);
            ALTER TABLE orgs ADD PRIMARY KEY (id);
            CREATE TABLE users (id int NOT NULL, email varchar(100), bio text, org int);
            ALTER TABLE users MODIFY org int AFTER email;
            ALTER TABLE users MODIFY id int AUTO_INCREMENT PRIMARY KEY, MODIFY email varchar(100) NOT NULL,
              ADD CONSTRAINT uq_email UNIQUE (email), ADD CONSTRAINT fk_org FOREIGN KEY (org) REFERENCES orgs (id),
              ADD CONSTRAINT email_not_blank CHECK (email <> ''), ADD INDEX bio_prefix (bio(20));
            CREATE VIEW named AS SELECT id, email FROM users;
            CREATE TABLE flyway_schema_history (installed_rank int PRIMARY KEY);
            """;

    @Test
    void mariadbSchemasBuiltTwoWaysCompareEqual() throws Exception {
        assertThat(mariadb(MARIADB_ORIGINAL, MARIADB_OTHER_WAY)).isEmpty();
    }

    @Test
    void mariadbReportsWhatMakesSchemasDiffer() throws Exception {
        String actual = MARIADB_ORIGINAL.replace("email varchar(100) NOT NULL UNIQUE", "email varchar(255) UNIQUE")
                .replace("FOREIGN KEY (org) REFERENCES orgs (id),", "")
                .replace("bio text", "bio text DEFAULT 'none'")
                .replace(", KEY (bio(20))", "");
        assertThat(mariadb(MARIADB_ORIGINAL, actual)).containsExactly(
                "named.email: type varchar(100) vs varchar(255)",
                "named.email: NOT NULL vs nullable",
                "users.email: type varchar(100) vs varchar(255)",
                "users.email: NOT NULL vs nullable",
                "users.bio: default none vs 'none'",
                "foreign key on users FOREIGN KEY (`org`) REFERENCES `orgs` (`id`) missing",
                "index on users (`bio`(20)) missing",
                "index on users (`org`) missing");
    }

    private static List<String> postgres(String expectedSql, String actualSql) throws Exception {
        RealServers.require(Dialect.POSTGRESQL);
        try (ScratchDatabase db = ScratchDatabases.fromEnvironment().create(Dialect.POSTGRESQL, null);
             Connection c = db.connect(); Statement st = c.createStatement()) {
            CatalogReader reader = CatalogReader.of(Dialect.POSTGRESQL);
            CatalogDiffPostgresTest.reset(st);
            st.execute(expectedSql);
            Catalog expected = reader.read(c);
            CatalogDiffPostgresTest.reset(st);
            st.execute(actualSql);
            return CatalogDiff.differences(expected, reader.read(c));
        }
    }

    private static List<String> mariadb(String expectedSql, String actualSql) throws Exception {
        RealServers.require(Dialect.MARIADB);
        try (ScratchDatabase db = ScratchDatabases.fromEnvironment().create(Dialect.MARIADB, null);
             Connection c = db.connect(); Statement st = c.createStatement()) {
            CatalogReader reader = CatalogReader.of(Dialect.MARIADB);
            runAll(st, expectedSql);
            Catalog expected = reader.read(c);
            st.execute("DROP DATABASE " + MysqlCatalogReader.quote(db.name()));
            st.execute("CREATE DATABASE " + MysqlCatalogReader.quote(db.name()));
            st.execute("USE " + MysqlCatalogReader.quote(db.name()));
            runAll(st, actualSql);
            return CatalogDiff.differences(expected, reader.read(c));
        }
    }

    private static void runAll(Statement st, String sql) throws Exception {
        for (String s : sql.split(";\\s*\\n")) {
            if (!s.isBlank()) {
                st.execute(s);
            }
        }
    }
}
