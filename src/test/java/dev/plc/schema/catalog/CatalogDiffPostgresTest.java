package dev.plc.schema.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plc.db.Dialect;
import dev.plc.db.ScratchDatabase;
import dev.plc.db.ScratchDatabases;
import dev.plc.testing.RealServers;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One statement on a real PostgreSQL, the catalog read before and after it, and exactly the effects it had. */
class CatalogDiffPostgresTest {

    static final String BASE = """
            CREATE TABLE users (id bigserial PRIMARY KEY, email varchar(100) NOT NULL, name text, created_at timestamptz DEFAULT now());
            CREATE INDEX users_email_idx ON users (email);
            CREATE TABLE orders (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, user_id bigint CONSTRAINT orders_user_fk REFERENCES users (id),
              total numeric(10,2) CONSTRAINT orders_total_check CHECK (total >= 0), status text);
            """;
    static final String ENUM = "CREATE TYPE mood AS ENUM ('sad', 'ok'); CREATE TABLE feelings (id int, m mood);";
    static final String PARTS = "CREATE TABLE events (id int, at date NOT NULL) PARTITION BY RANGE (at);"
            + "CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');";
    static final String TRIGGER_FN = BASE + "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.created_at := now(); RETURN NEW; END $$;";

    private static ScratchDatabase db;

    @BeforeAll
    static void open() throws Exception {
        RealServers.require(Dialect.POSTGRESQL);
        db = ScratchDatabases.fromEnvironment().create(Dialect.POSTGRESQL, null);
    }

    @AfterAll
    static void close() {
        if (db != null) {
            db.close();
        }
    }

    static Arguments c(String name, String setup, String statement, String... effects) {
        return Arguments.of(name, setup, statement, List.of(effects));
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                c("add nullable column", BASE, "ALTER TABLE users ADD COLUMN age int",
                        "column added users.age (none -> integer)"),
                c("add column NOT NULL with default", BASE, "ALTER TABLE users ADD COLUMN active boolean NOT NULL DEFAULT true",
                        "column added users.active (none -> boolean NOT NULL DEFAULT true)"),
                c("drop column", BASE, "ALTER TABLE users DROP COLUMN name",
                        "column dropped users.name (text -> none)"),
                c("rename column keeps attnum: one rename, the index on it unchanged", BASE, "ALTER TABLE users RENAME COLUMN email TO login",
                        "column renamed users.email -> login"),
                c("drop and add a same-named column is a drop and an add", BASE, "ALTER TABLE users DROP COLUMN name, ADD COLUMN name text",
                        "column dropped users.name (text -> none)", "column added users.name (none -> text)"),
                c("rename table: foreign keys and owned sequences follow", BASE, "ALTER TABLE users RENAME TO accounts",
                        "relation renamed users -> accounts"),
                c("change type", BASE, "ALTER TABLE users ALTER COLUMN email TYPE varchar(255)",
                        "column type changed users.email (character varying(100) -> character varying(255))"),
                c("change type with USING", BASE, "ALTER TABLE orders ALTER COLUMN status TYPE varchar(20) USING substr(status, 1, 20)",
                        "column type changed orders.status (text -> character varying(20))"),
                c("set not null", BASE, "ALTER TABLE users ALTER COLUMN name SET NOT NULL",
                        "column not null set users.name"),
                c("drop not null", BASE, "ALTER TABLE users ALTER COLUMN email DROP NOT NULL",
                        "column not null dropped users.email"),
                c("set default", BASE, "ALTER TABLE users ALTER COLUMN name SET DEFAULT 'x'",
                        "column default changed users.name (none -> 'x'::text)"),
                c("drop default", BASE, "ALTER TABLE users ALTER COLUMN created_at DROP DEFAULT",
                        "column default changed users.created_at (now() -> none)"),
                c("add identity", "CREATE TABLE t (a int NOT NULL)", "ALTER TABLE t ALTER COLUMN a ADD GENERATED ALWAYS AS IDENTITY",
                        "column identity changed t.a (none -> ALWAYS)",
                        "sequence created t_a_seq (none -> integer START 1 INCREMENT 1 MINVALUE 1 MAXVALUE 2147483647 OWNED BY t.a)"),
                c("identity ALWAYS to BY DEFAULT", BASE, "ALTER TABLE orders ALTER COLUMN id SET GENERATED BY DEFAULT",
                        "column identity changed orders.id (ALWAYS -> BY DEFAULT)"),
                c("add stored generated column", BASE,
                        "ALTER TABLE orders ADD COLUMN total_cents bigint GENERATED ALWAYS AS ((total * 100)::bigint) STORED",
                        "column added orders.total_cents (none -> bigint GENERATED ALWAYS AS ((total * (100)::numeric))::bigint STORED)"),
                c("collation", BASE, "ALTER TABLE users ALTER COLUMN name TYPE text COLLATE \"C\"",
                        "column collation changed users.name (none -> \"C\")"),
                c("comment on table", BASE, "COMMENT ON TABLE users IS 'people'",
                        "relation comment changed users (none -> people)"),
                c("comment on column", BASE, "COMMENT ON COLUMN users.email IS 'login'",
                        "column comment changed users.email (none -> login)"),
                c("comment on constraint", BASE, "COMMENT ON CONSTRAINT orders_total_check ON orders IS 'never negative'",
                        "constraint comment changed orders.orders_total_check (none -> never negative)"),
                c("set statistics", BASE, "ALTER TABLE users ALTER COLUMN email SET STATISTICS 500",
                        "column extra changed users.email (none -> statistics 500)"),
                c("set storage", BASE, "ALTER TABLE users ALTER COLUMN name SET STORAGE EXTERNAL",
                        "column extra changed users.name (none -> storage EXTERNAL)"),
                c("set fillfactor", BASE, "ALTER TABLE users SET (fillfactor = 70)",
                        "relation options changed users (none -> fillfactor=70)"),
                c("set unlogged", BASE, "ALTER TABLE orders SET UNLOGGED",
                        "relation options changed orders (none -> UNLOGGED)"),
                c("create index", BASE, "CREATE INDEX users_name_idx ON users (name)",
                        "index created users.users_name_idx (none -> CREATE INDEX users_name_idx ON public.users USING btree (name))"),
                c("create index concurrently", BASE, "CREATE INDEX CONCURRENTLY users_name_idx ON users (name)",
                        "index created users.users_name_idx (none -> CREATE INDEX users_name_idx ON public.users USING btree (name))"),
                c("expression index", BASE, "CREATE UNIQUE INDEX users_lower_email_key ON users (lower(email))",
                        "index created users.users_lower_email_key (none -> CREATE UNIQUE INDEX users_lower_email_key ON public.users USING btree (lower((email)::text)))"),
                c("include index", BASE, "CREATE INDEX users_email_incl ON users (email) INCLUDE (name)",
                        "index created users.users_email_incl (none -> CREATE INDEX users_email_incl ON public.users USING btree (email) INCLUDE (name))"),
                c("partial index", BASE, "CREATE INDEX users_named ON users (email) WHERE name IS NOT NULL",
                        "index created users.users_named (none -> CREATE INDEX users_named ON public.users USING btree (email) WHERE (name IS NOT NULL))"),
                c("drop index", BASE, "DROP INDEX users_email_idx",
                        "index dropped users.users_email_idx (CREATE INDEX users_email_idx ON public.users USING btree (email) -> none)"),
                c("alter index rename", BASE, "ALTER INDEX users_email_idx RENAME TO users_by_email",
                        "index renamed users.users_email_idx -> users_by_email"),
                c("index fillfactor", BASE, "ALTER INDEX users_email_idx SET (fillfactor = 80)",
                        "index changed users.users_email_idx (CREATE INDEX users_email_idx ON public.users USING btree (email) -> CREATE INDEX users_email_idx ON public.users USING btree (email) WITH (fillfactor='80'))"),
                c("add check NOT VALID", BASE, "ALTER TABLE users ADD CONSTRAINT users_email_at CHECK (email LIKE '%@%') NOT VALID",
                        "constraint added users.users_email_at (none -> CHECK (((email)::text ~~ '%@%'::text)) NOT VALID)"),
                c("validate constraint", BASE + "ALTER TABLE users ADD CONSTRAINT users_email_at CHECK (email LIKE '%@%') NOT VALID;",
                        "ALTER TABLE users VALIDATE CONSTRAINT users_email_at",
                        "constraint validated users.users_email_at (CHECK (((email)::text ~~ '%@%'::text)) NOT VALID -> CHECK (((email)::text ~~ '%@%'::text)))"),
                c("rename check constraint", BASE, "ALTER TABLE orders RENAME CONSTRAINT orders_total_check TO orders_total_positive",
                        "constraint renamed orders.orders_total_check -> orders_total_positive"),
                c("rename primary key renames its index", BASE, "ALTER TABLE users RENAME CONSTRAINT users_pkey TO users_pk",
                        "constraint renamed users.users_pkey -> users_pk", "index renamed users.users_pkey -> users_pk"),
                c("add unique constraint", BASE, "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email)",
                        "constraint added users.users_email_key (none -> UNIQUE (email))",
                        "index created users.users_email_key (none -> CREATE UNIQUE INDEX users_email_key ON public.users USING btree (email))"),
                c("add foreign key NOT VALID", BASE + "CREATE TABLE notes (id int, user_id bigint);",
                        "ALTER TABLE notes ADD CONSTRAINT notes_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE NOT VALID",
                        "constraint added notes.notes_user_fk (none -> FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE NOT VALID)"),
                c("drop constraint", BASE, "ALTER TABLE orders DROP CONSTRAINT orders_user_fk",
                        "constraint dropped orders.orders_user_fk (FOREIGN KEY (user_id) REFERENCES users(id) -> none)"),
                c("create table", BASE, "CREATE TABLE tags (id serial PRIMARY KEY, label text)",
                        "relation created tags (none -> TABLE)",
                        "sequence created tags_id_seq (none -> integer START 1 INCREMENT 1 MINVALUE 1 MAXVALUE 2147483647 OWNED BY tags.id)"),
                c("drop table", BASE, "DROP TABLE orders",
                        "relation dropped orders (TABLE -> none)",
                        "sequence dropped orders_id_seq (integer START 1 INCREMENT 1 MINVALUE 1 MAXVALUE 2147483647 OWNED BY orders.id -> none)"),
                c("enum add value", ENUM, "ALTER TYPE mood ADD VALUE 'happy'",
                        "enum value added mood (none -> happy)"),
                c("enum add value before", ENUM, "ALTER TYPE mood ADD VALUE 'meh' BEFORE 'ok'",
                        "enum value added mood (none -> meh)"),
                c("enum rename value", ENUM, "ALTER TYPE mood RENAME VALUE 'ok' TO 'fine'",
                        "enum value renamed mood (ok -> fine)"),
                c("create enum", "", "CREATE TYPE color AS ENUM ('red', 'green')",
                        "type created color (none -> ENUM ('red', 'green'))"),
                c("rename type: its columns keep their type", ENUM, "ALTER TYPE mood RENAME TO feeling",
                        "type renamed mood -> feeling"),
                c("create domain", "", "CREATE DOMAIN email AS text CHECK (VALUE LIKE '%@%')",
                        "type created email (none -> DOMAIN text CONSTRAINT email_check CHECK ((VALUE ~~ '%@%'::text)))"),
                c("alter domain set not null", "CREATE DOMAIN email AS text;", "ALTER DOMAIN email SET NOT NULL",
                        "type changed email (text -> text NOT NULL)"),
                c("create view", BASE, "CREATE VIEW named_users AS SELECT id, name FROM users WHERE name IS NOT NULL",
                        "relation created named_users (none -> VIEW)"),
                c("replace view", BASE + "CREATE VIEW named_users AS SELECT id, name FROM users;",
                        "CREATE OR REPLACE VIEW named_users AS SELECT id, name FROM users WHERE name IS NOT NULL",
                        "view definition changed named_users ( SELECT users.id,\n    users.name\n   FROM users; ->  SELECT users.id,\n    users.name\n   FROM users\n  WHERE (users.name IS NOT NULL);)"),
                c("create materialized view", BASE, "CREATE MATERIALIZED VIEW user_count AS SELECT count(*) AS n FROM users",
                        "relation created user_count (none -> MATERIALIZED_VIEW)"),
                c("index on materialized view", BASE + "CREATE MATERIALIZED VIEW user_count AS SELECT count(*) AS n FROM users;",
                        "CREATE UNIQUE INDEX user_count_n ON user_count (n)",
                        "index created user_count.user_count_n (none -> CREATE UNIQUE INDEX user_count_n ON public.user_count USING btree (n))"),
                c("create trigger", TRIGGER_FN, "CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch()",
                        "trigger created users.users_touch (none -> CREATE TRIGGER users_touch BEFORE UPDATE ON public.users FOR EACH ROW EXECUTE FUNCTION touch())"),
                c("disable trigger", TRIGGER_FN + "CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch();",
                        "ALTER TABLE users DISABLE TRIGGER users_touch",
                        "trigger changed users.users_touch (CREATE TRIGGER users_touch BEFORE UPDATE ON public.users FOR EACH ROW EXECUTE FUNCTION touch() -> CREATE TRIGGER users_touch BEFORE UPDATE ON public.users FOR EACH ROW EXECUTE FUNCTION touch() (DISABLED))"),
                c("rename trigger", TRIGGER_FN + "CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch();",
                        "ALTER TRIGGER users_touch ON users RENAME TO users_touch_updated",
                        "trigger renamed users.users_touch -> users_touch_updated"),
                c("create sequence", "", "CREATE SEQUENCE invoice_no START 1000",
                        "sequence created invoice_no (none -> bigint START 1000 INCREMENT 1 MINVALUE 1 MAXVALUE 9223372036854775807)"),
                c("alter sequence", "CREATE SEQUENCE invoice_no;", "ALTER SEQUENCE invoice_no INCREMENT BY 10 CYCLE",
                        "sequence changed invoice_no (bigint START 1 INCREMENT 1 MINVALUE 1 MAXVALUE 9223372036854775807 -> bigint START 1 INCREMENT 10 MINVALUE 1 MAXVALUE 9223372036854775807 CYCLE)"),
                c("rename sequence", "CREATE SEQUENCE invoice_no;", "ALTER SEQUENCE invoice_no RENAME TO invoice_seq",
                        "sequence renamed invoice_no -> invoice_seq"),
                c("create partition", PARTS, "CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')",
                        "relation created events_2025 (none -> TABLE)",
                        "partition attached events_2025 (none -> events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01'))"),
                c("detach partition", PARTS, "ALTER TABLE events DETACH PARTITION events_2024",
                        "partition detached events_2024 (events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01') -> none)"),
                c("attach partition", PARTS + "CREATE TABLE events_2025 (id int, at date NOT NULL);",
                        "ALTER TABLE events ATTACH PARTITION events_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')",
                        "partition attached events_2025 (none -> events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01'))"),
                c("DO block that adds a column", BASE, "DO $$ BEGIN EXECUTE 'ALTER TABLE users ADD COLUMN age int'; END $$",
                        "column added users.age (none -> integer)"),
                c("create schema", "", "CREATE SCHEMA audit",
                        "schema created audit"),
                c("rename schema", "CREATE SCHEMA audit; CREATE TABLE audit.log (id int);", "ALTER SCHEMA audit RENAME TO history",
                        "schema renamed audit -> history"),
                c("move table to another schema", BASE + "CREATE SCHEMA archive;", "ALTER TABLE orders SET SCHEMA archive",
                        "relation renamed orders -> archive.orders", "sequence renamed orders_id_seq -> archive.orders_id_seq"),
                c("create extension", "", "CREATE EXTENSION citext",
                        "extension created citext (none -> 1.6)"),
                c("create function", "", "CREATE FUNCTION add1(i int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT i + 1'",
                        "routine created add1(i integer) (none -> FUNCTION RETURNS integer IMMUTABLE body sha256 196ce84747fc)"),
                c("replace function body", "CREATE FUNCTION add1(i int) RETURNS int LANGUAGE sql AS 'SELECT i + 1';",
                        "CREATE OR REPLACE FUNCTION add1(i int) RETURNS int LANGUAGE sql AS 'SELECT i + 2'",
                        "routine changed add1(i integer) (FUNCTION RETURNS integer VOLATILE body sha256 4c6102c50455 -> FUNCTION RETURNS integer VOLATILE body sha256 09e9a53e0c27)"),
                c("drop function", "CREATE FUNCTION add1(i int) RETURNS int LANGUAGE sql AS 'SELECT i + 1';", "DROP FUNCTION add1(int)",
                        "routine dropped add1(i integer) (FUNCTION RETURNS integer VOLATILE body sha256 4c6102c50455 -> none)"),
                c("rename column used by an expression index, a check and a foreign key", BASE
                                + "CREATE UNIQUE INDEX users_lower_email ON users (lower(email)); ALTER TABLE users ADD CONSTRAINT users_email_at CHECK (email LIKE '%@%');",
                        "ALTER TABLE users RENAME COLUMN email TO login",
                        "column renamed users.email -> login"),
                c("rename referenced column", BASE, "ALTER TABLE users RENAME COLUMN id TO user_id",
                        "column renamed users.id -> user_id"),
                c("drop column that an index uses drops the index", BASE, "ALTER TABLE users DROP COLUMN email",
                        "column dropped users.email (character varying(100) NOT NULL -> none)",
                        "index dropped users.users_email_idx (CREATE INDEX users_email_idx ON public.users USING btree (email) -> none)"),
                c("unlogged table created", "", "CREATE UNLOGGED TABLE cache (k text PRIMARY KEY, v text)",
                        "relation created cache (none -> TABLE)"),
                c("rename view", BASE + "CREATE VIEW named_users AS SELECT id, name FROM users;", "ALTER VIEW named_users RENAME TO user_names",
                        "relation renamed named_users -> user_names"),
                c("drop enum type", ENUM + "DROP TABLE feelings;", "DROP TYPE mood",
                        "type dropped mood (ENUM ('sad', 'ok') -> none)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void statementHasExactlyTheseEffects(String name, String setup, String statement, List<String> expected) throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            reset(st);
            if (!setup.isBlank()) {
                st.execute(setup);
            }
            CatalogReader reader = CatalogReader.of(Dialect.POSTGRESQL);
            Catalog before = reader.read(c);
            st.execute(statement);
            Catalog after = reader.read(c);
            List<String> actual = CatalogDiff.diff(before, after).stream().map(Effect::describe).toList();
            assertThat(actual).as(statement).containsExactlyElementsOf(expected);
        }
    }

    /** Every non-system schema dropped (their objects and extensions with them) and an empty public made again. */
    static void reset(Statement st) throws Exception {
        st.execute("DO $$ DECLARE s text; BEGIN FOR s IN SELECT nspname FROM pg_namespace WHERE nspname NOT IN "
                + "('pg_catalog', 'information_schema', 'pg_toast') AND nspname NOT LIKE 'pg\\_temp\\_%' AND nspname NOT LIKE 'pg\\_toast\\_temp\\_%' "
                + "LOOP EXECUTE format('DROP SCHEMA %I CASCADE', s); END LOOP; END $$");
        st.execute("CREATE SCHEMA public");
    }
}
