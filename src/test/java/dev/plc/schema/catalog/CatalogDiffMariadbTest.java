package dev.plc.schema.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plc.db.Dialect;
import dev.plc.db.ScratchDatabase;
import dev.plc.db.ScratchDatabases;
import dev.plc.testing.RealServers;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One statement on a real MariaDB, the catalog read before and after it, and exactly the effects it had. */
class CatalogDiffMariadbTest {

    static final String BASE = """
            CREATE TABLE users (id int AUTO_INCREMENT PRIMARY KEY, email varchar(100) NOT NULL, name varchar(50), bio text,
              created_at timestamp NULL DEFAULT CURRENT_TIMESTAMP, KEY users_email_idx (email)) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
            CREATE TABLE orders (id int AUTO_INCREMENT PRIMARY KEY, user_id int, status enum('new','paid') NOT NULL DEFAULT 'new',
              total decimal(10,2), CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id),
              CONSTRAINT orders_total_check CHECK (total >= 0)) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
            """;

    private static ScratchDatabase db;

    @BeforeAll
    static void open() throws Exception {
        RealServers.require(Dialect.MARIADB);
        db = ScratchDatabases.fromEnvironment().create(Dialect.MARIADB, null);
    }

    @AfterAll
    static void close() {
        if (db != null) {
            db.close();
        }
    }

    static Arguments c(String name, String setup, String statement, String... effects) {
        return Arguments.of(name, setup, statement, Map.of(), List.of(effects));
    }

    static Arguments hinted(String name, String setup, String statement, Map<String, String> renames, String... effects) {
        return Arguments.of(name, setup, statement, renames, List.of(effects));
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                c("add column", BASE, "ALTER TABLE users ADD COLUMN age int",
                        "column added users.age (none -> int(11))"),
                c("add column AFTER moves nothing else", BASE, "ALTER TABLE users ADD COLUMN age int AFTER email",
                        "column added users.age (none -> int(11))"),
                c("add column FIRST moves nothing else", BASE, "ALTER TABLE users ADD COLUMN tenant int NOT NULL DEFAULT 0 FIRST",
                        "column added users.tenant (none -> int(11) NOT NULL DEFAULT 0)"),
                c("drop column", BASE, "ALTER TABLE users DROP COLUMN bio",
                        "column dropped users.bio (text COLLATE utf8mb4_general_ci -> none)"),
                c("modify type", BASE, "ALTER TABLE users MODIFY name varchar(200)",
                        "column type changed users.name (varchar(50) -> varchar(200))"),
                c("an incomplete MODIFY drops NOT NULL", BASE, "ALTER TABLE users MODIFY email varchar(150)",
                        "column type changed users.email (varchar(100) -> varchar(150))", "column not null dropped users.email"),
                c("modify to NOT NULL", BASE, "ALTER TABLE users MODIFY name varchar(50) NOT NULL",
                        "column not null set users.name"),
                hinted("CHANGE old new, told by the statement", BASE, "ALTER TABLE users CHANGE name full_name varchar(50)",
                        Map.of("users.name", "full_name"),
                        "column renamed users.name -> full_name"),
                c("CHANGE old new without the hint is a drop and an add", BASE, "ALTER TABLE users CHANGE name full_name varchar(50)",
                        "column dropped users.name (varchar(50) COLLATE utf8mb4_general_ci -> none)",
                        "column added users.full_name (none -> varchar(50) COLLATE utf8mb4_general_ci)"),
                hinted("RENAME COLUMN of an indexed column: the index follows", BASE, "ALTER TABLE users RENAME COLUMN email TO login",
                        Map.of("users.email", "login"),
                        "column renamed users.email -> login"),
                hinted("CHANGE with a new type", BASE, "ALTER TABLE users CHANGE name full_name varchar(80) NOT NULL",
                        Map.of("users.name", "full_name"),
                        "column renamed users.name -> full_name", "column type changed users.full_name (varchar(50) -> varchar(80))",
                        "column not null set users.full_name"),
                c("MODIFY ... FIRST", BASE, "ALTER TABLE users MODIFY email varchar(100) NOT NULL FIRST",
                        "column moved users.email (AFTER id -> FIRST)"),
                c("MODIFY ... AFTER", BASE, "ALTER TABLE users MODIFY bio text AFTER id",
                        "column moved users.bio (AFTER name -> AFTER id)"),
                c("set default", BASE, "ALTER TABLE users ALTER COLUMN name SET DEFAULT 'x'",
                        "column default changed users.name (none -> 'x')"),
                c("drop default", BASE, "ALTER TABLE users ALTER COLUMN created_at DROP DEFAULT",
                        "column default changed users.created_at (current_timestamp() -> none)"),
                c("ON UPDATE CURRENT_TIMESTAMP", BASE,
                        "ALTER TABLE users MODIFY created_at timestamp NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP",
                        "column extra changed users.created_at (none -> on update current_timestamp())"),
                c("AUTO_INCREMENT removed", BASE, "ALTER TABLE users MODIFY id int NOT NULL",
                        "column identity changed users.id (AUTO_INCREMENT -> none)"),
                c("AUTO_INCREMENT added", "CREATE TABLE t (id int NOT NULL PRIMARY KEY, v int);", "ALTER TABLE t MODIFY id int NOT NULL AUTO_INCREMENT",
                        "column identity changed t.id (none -> AUTO_INCREMENT)"),
                c("virtual generated column", BASE, "ALTER TABLE users ADD COLUMN domain varchar(100) AS (substring_index(email, '@', -1)) VIRTUAL",
                        "column added users.domain (none -> varchar(100) COLLATE utf8mb4_general_ci GENERATED ALWAYS AS substring_index(`email`,'@',-1) VIRTUAL)"),
                c("stored generated column", BASE, "ALTER TABLE orders ADD COLUMN cents bigint AS (total * 100) STORED",
                        "column added orders.cents (none -> bigint(20) GENERATED ALWAYS AS `total` * 100 STORED)"),
                c("column collation", BASE, "ALTER TABLE users MODIFY name varchar(50) COLLATE utf8mb4_bin",
                        "column collation changed users.name (utf8mb4_general_ci -> utf8mb4_bin)"),
                c("convert table to another charset", "CREATE TABLE t (id int PRIMARY KEY, s varchar(10)) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;",
                        "ALTER TABLE t CONVERT TO CHARACTER SET latin1 COLLATE latin1_swedish_ci",
                        "relation options changed t (ENGINE=InnoDB, COLLATE=utf8mb4_general_ci -> ENGINE=InnoDB, COLLATE=latin1_swedish_ci)",
                        "column collation changed t.s (utf8mb4_general_ci -> latin1_swedish_ci)"),
                c("table comment", BASE, "ALTER TABLE users COMMENT = 'people'",
                        "relation comment changed users (none -> people)"),
                c("column comment", BASE, "ALTER TABLE users MODIFY name varchar(50) COMMENT 'display name'",
                        "column comment changed users.name (none -> display name)"),
                c("row format", "CREATE TABLE t (id int PRIMARY KEY);", "ALTER TABLE t ROW_FORMAT=COMPRESSED",
                        "relation options changed t (ENGINE=InnoDB, COLLATE=utf8mb4_general_ci -> ENGINE=InnoDB, COLLATE=utf8mb4_general_ci, row_format=COMPRESSED)"),
                c("engine change", "CREATE TABLE t (id int PRIMARY KEY);", "ALTER TABLE t ENGINE=Aria",
                        "relation options changed t (ENGINE=InnoDB, COLLATE=utf8mb4_general_ci -> ENGINE=Aria, COLLATE=utf8mb4_general_ci, transactional=1)"),
                c("ALGORITHM=COPY gives the table a new InnoDB id, not a new identity", BASE,
                        "ALTER TABLE users ADD COLUMN age int, ALGORITHM=COPY",
                        "column added users.age (none -> int(11))"),
                c("a rebuild without change has no effect", BASE, "ALTER TABLE users FORCE"),
                c("RENAME TABLE: the foreign key that points at it follows", BASE, "RENAME TABLE users TO accounts",
                        "relation renamed users -> accounts"),
                c("ALTER TABLE RENAME TO", BASE, "ALTER TABLE orders RENAME TO purchases",
                        "relation renamed orders -> purchases"),
                c("create index", BASE, "CREATE INDEX users_name_idx ON users (name)",
                        "index created users.users_name_idx (none -> CREATE INDEX `users_name_idx` ON `users` (`name`))"),
                c("create unique index is also a unique constraint", BASE, "CREATE UNIQUE INDEX users_email_key ON users (email)",
                        "constraint added users.users_email_key (none -> UNIQUE (`email`))",
                        "index created users.users_email_key (none -> CREATE UNIQUE INDEX `users_email_key` ON `users` (`email`))"),
                c("drop index", BASE, "DROP INDEX users_email_idx ON users",
                        "index dropped users.users_email_idx (CREATE INDEX `users_email_idx` ON `users` (`email`) -> none)"),
                c("RENAME INDEX", BASE, "ALTER TABLE users RENAME INDEX users_email_idx TO users_by_email",
                        "index renamed users.users_email_idx -> users_by_email"),
                c("fulltext index", BASE, "CREATE FULLTEXT INDEX users_bio_ft ON users (bio)",
                        "index created users.users_bio_ft (none -> CREATE FULLTEXT INDEX `users_bio_ft` ON `users` (`bio`))"),
                c("prefix index", BASE, "CREATE INDEX users_bio_prefix ON users (bio(50))",
                        "index created users.users_bio_prefix (none -> CREATE INDEX `users_bio_prefix` ON `users` (`bio`(50)))"),
                c("descending index", BASE, "CREATE INDEX users_recent ON users (created_at DESC, id)",
                        "index created users.users_recent (none -> CREATE INDEX `users_recent` ON `users` (`created_at` DESC, `id`))"),
                c("ignored index", BASE, "ALTER TABLE users ALTER INDEX users_email_idx IGNORED",
                        "index changed users.users_email_idx (CREATE INDEX `users_email_idx` ON `users` (`email`) -> CREATE INDEX `users_email_idx` ON `users` (`email`) IGNORED)"),
                c("add foreign key makes its index", BASE + "CREATE TABLE notes (id int PRIMARY KEY, user_id int);",
                        "ALTER TABLE notes ADD CONSTRAINT notes_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE",
                        "constraint added notes.notes_user_fk (none -> FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE CASCADE)",
                        "index created notes.notes_user_fk (none -> CREATE INDEX `notes_user_fk` ON `notes` (`user_id`))"),
                c("drop foreign key keeps its index", BASE, "ALTER TABLE orders DROP FOREIGN KEY orders_user_fk",
                        "constraint dropped orders.orders_user_fk (FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) -> none)"),
                c("add check", BASE, "ALTER TABLE users ADD CONSTRAINT users_email_at CHECK (email LIKE '%@%')",
                        "constraint added users.users_email_at (none -> CHECK (`email` like '%@%'))"),
                c("column-level check is named after the column", BASE, "ALTER TABLE users ADD COLUMN age int CHECK (age >= 0)",
                        "column added users.age (none -> int(11))",
                        "constraint added users.age (none -> CHECK (`age` >= 0))"),
                c("drop check", BASE, "ALTER TABLE orders DROP CONSTRAINT orders_total_check",
                        "constraint dropped orders.orders_total_check (CHECK (`total` >= 0) -> none)"),
                c("enum value appended", BASE, "ALTER TABLE orders MODIFY status enum('new','paid','shipped') NOT NULL DEFAULT 'new'",
                        "column type changed orders.status (enum('new','paid') -> enum('new','paid','shipped'))"),
                c("enum values reordered", BASE, "ALTER TABLE orders MODIFY status enum('paid','new') NOT NULL DEFAULT 'new'",
                        "column type changed orders.status (enum('new','paid') -> enum('paid','new'))"),
                c("create table", BASE, "CREATE TABLE tags (id int AUTO_INCREMENT PRIMARY KEY, label varchar(20))",
                        "relation created tags (none -> TABLE)"),
                c("drop table", BASE, "DROP TABLE orders",
                        "relation dropped orders (TABLE -> none)"),
                c("create view", BASE, "CREATE VIEW named_users AS SELECT id, name FROM users WHERE name IS NOT NULL",
                        "relation created named_users (none -> VIEW)"),
                c("replace view", BASE + "CREATE VIEW named_users AS SELECT id, name FROM users;",
                        "CREATE OR REPLACE VIEW named_users AS SELECT id, name FROM users WHERE name IS NOT NULL",
                        "view definition changed named_users (select `users`.`id` AS `id`,`users`.`name` AS `name` from `users` -> "
                                + "select `users`.`id` AS `id`,`users`.`name` AS `name` from `users` where `users`.`name` is not null)"),
                c("drop view", BASE + "CREATE VIEW named_users AS SELECT id, name FROM users;", "DROP VIEW named_users",
                        "relation dropped named_users (VIEW -> none)"),
                c("create trigger", BASE, "CREATE TRIGGER users_lower BEFORE INSERT ON users FOR EACH ROW SET NEW.email = lower(NEW.email)",
                        "trigger created users.users_lower (none -> CREATE TRIGGER `users_lower` BEFORE INSERT ON `users` FOR EACH ROW SET NEW.email = lower(NEW.email))"),
                c("drop trigger", BASE + "CREATE TRIGGER users_lower BEFORE INSERT ON users FOR EACH ROW SET NEW.email = lower(NEW.email);",
                        "DROP TRIGGER users_lower",
                        "trigger dropped users.users_lower (CREATE TRIGGER `users_lower` BEFORE INSERT ON `users` FOR EACH ROW SET NEW.email = lower(NEW.email) -> none)"),
                c("create function", "", "CREATE FUNCTION add1(i int) RETURNS int DETERMINISTIC RETURN i + 1",
                        "routine created add1(i int(11)) (none -> FUNCTION RETURNS int(11) DETERMINISTIC body sha256 f20562da0a9f)"),
                c("add partition", "CREATE TABLE m (id int, y int) PARTITION BY RANGE (y) (PARTITION p2024 VALUES LESS THAN (2025));",
                        "ALTER TABLE m ADD PARTITION (PARTITION p2025 VALUES LESS THAN (2026))",
                        "relation options changed m (ENGINE=InnoDB, COLLATE=utf8mb4_general_ci, PARTITION BY RANGE (`y`), PARTITION p2024 VALUES LESS THAN (2025) -> "
                                + "ENGINE=InnoDB, COLLATE=utf8mb4_general_ci, PARTITION BY RANGE (`y`), PARTITION p2024 VALUES LESS THAN (2025), PARTITION p2025 VALUES LESS THAN (2026))"),
                c("create sequence", "", "CREATE SEQUENCE invoice_no",
                        "sequence created invoice_no (none -> bigint START 0 INCREMENT 0 MINVALUE 0 MAXVALUE 0)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void statementHasExactlyTheseEffects(String name, String setup, String statement, Map<String, String> renames, List<String> expected)
            throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            reset(st);
            for (String sql : setup.split(";\\s*\\n")) {
                if (!sql.isBlank()) {
                    st.execute(sql);
                }
            }
            CatalogReader reader = CatalogReader.of(Dialect.MARIADB);
            Catalog before = reader.read(c);
            st.execute(statement);
            Catalog after = reader.read(c);
            List<String> actual = CatalogDiff.diff(before, after, renames).stream().map(Effect::describe).toList();
            assertThat(actual).as(statement).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void innodbTableIdSurvivesRenameButNotACopyRebuild() throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            reset(st);
            st.execute("CREATE TABLE t (id int PRIMARY KEY, v varchar(10))");
            CatalogReader reader = CatalogReader.of(Dialect.MARIADB);
            String created = reader.read(c).relation("t").orElseThrow().id();
            st.execute("RENAME TABLE t TO u");
            String renamed = reader.read(c).relation("u").orElseThrow().id();
            st.execute("ALTER TABLE u ADD COLUMN w int, ALGORITHM=INSTANT");
            String instant = reader.read(c).relation("u").orElseThrow().id();
            st.execute("ALTER TABLE u MODIFY v varchar(20), ALGORITHM=COPY");
            String copied = reader.read(c).relation("u").orElseThrow().id();
            assertThat(created).isNotNull();
            assertThat(renamed).isEqualTo(created);
            assertThat(instant).isEqualTo(created);
            assertThat(copied).isNotEqualTo(created);
        }
    }

    /** The scratch database emptied by dropping and making it again under the same name. */
    static void reset(Statement st) throws Exception {
        st.execute("DROP DATABASE IF EXISTS " + MysqlCatalogReader.quote(db.name()));
        st.execute("CREATE DATABASE " + MysqlCatalogReader.quote(db.name()) + " DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci");
        st.execute("USE " + MysqlCatalogReader.quote(db.name()));
    }
}
