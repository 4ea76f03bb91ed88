package dev.plc.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plc.testing.RealServers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScratchDatabaseCopyTest {

    private final ScratchDatabases scratch = ScratchDatabases.fromEnvironment();

    @Test
    void copiesAPostgresDatabaseWithItsRowsAndLeavesTheOriginalAlone() throws Exception {
        RealServers.require(Dialect.POSTGRESQL);
        try (ScratchDatabase db = scratch.create(Dialect.POSTGRESQL, null)) {
            run(db, "CREATE TABLE t (id int PRIMARY KEY, name text NOT NULL)", "INSERT INTO t VALUES (1, 'a'), (2, 'b')",
                    "CREATE VIEW v AS SELECT name FROM t");
            try (ScratchDatabase copy = scratch.copyOf(db)) {
                assertThat(copy.name()).startsWith(ScratchDatabases.PREFIX).isNotEqualTo(db.name());
                assertThat(rows(copy, "SELECT name FROM v ORDER BY name")).containsExactly("a", "b");
                run(copy, "ALTER TABLE t DROP COLUMN name CASCADE");
                assertThat(rows(db, "SELECT name FROM t ORDER BY id")).containsExactly("a", "b");
            }
        }
    }

    @Test
    void copiesAMariadbDatabaseWithForeignKeysViewsTriggersAndCounters() throws Exception {
        RealServers.require(Dialect.MARIADB);
        try (ScratchDatabase db = scratch.create(Dialect.MARIADB, null)) {
            run(db, "CREATE TABLE p (id int AUTO_INCREMENT PRIMARY KEY, name varchar(20) NOT NULL, up varchar(20) AS (UPPER(name)) VIRTUAL)",
                    "CREATE TABLE c (id int PRIMARY KEY, p_id int NOT NULL, CONSTRAINT c_p FOREIGN KEY (p_id) REFERENCES p (id))",
                    "INSERT INTO p (name) VALUES ('a'), ('b')", "INSERT INTO c VALUES (1, 2)",
                    "CREATE VIEW v AS SELECT p.name, c.id FROM p JOIN c ON c.p_id = p.id",
                    "CREATE TRIGGER p_name BEFORE INSERT ON p FOR EACH ROW SET NEW.name = LOWER(NEW.name)");
            try (ScratchDatabase copy = scratch.copyOf(db)) {
                assertThat(rows(copy, "SELECT name FROM v")).containsExactly("b");
                assertThat(rows(copy, "SELECT up FROM p ORDER BY id")).containsExactly("A", "B");
                run(copy, "INSERT INTO p (name) VALUES ('C')");
                assertThat(rows(copy, "SELECT CONCAT(id, name) FROM p WHERE name = 'c'")).containsExactly("3c");
                assertThat(rows(copy, "SELECT CONSTRAINT_NAME FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE()"))
                        .containsExactly("c_p");
                assertThat(rows(db, "SELECT COUNT(*) FROM p")).containsExactly("2");
            }
        }
    }

    private static void run(ScratchDatabase db, String... sql) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
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
}
