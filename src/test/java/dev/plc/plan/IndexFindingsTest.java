package dev.plc.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plc.db.Dialect;
import dev.plc.db.ScratchDatabase;
import dev.plc.db.ScratchDatabases;
import dev.plc.schema.catalog.Catalog;
import dev.plc.schema.catalog.CatalogReader;
import dev.plc.testing.RealServers;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Redundant indexes and unindexed foreign keys, read from the real servers' catalogs before and after a change. */
class IndexFindingsTest {

    private static final String[] POSTGRES_SCHEMA = {
            "CREATE TABLE customers (id BIGINT PRIMARY KEY, email TEXT NOT NULL)",
            "CREATE TABLE orders (id BIGINT PRIMARY KEY, customer_id BIGINT NOT NULL REFERENCES customers (id), status TEXT NOT NULL,"
                    + " placed_at TIMESTAMPTZ NOT NULL, coupon_id BIGINT)",
            "CREATE INDEX orders_customer_id_idx ON orders (customer_id)",
            "CREATE INDEX orders_status_placed_at_idx ON orders (status, placed_at)"};

    private static final String[] MARIADB_SCHEMA = {
            "CREATE TABLE authors (id BIGINT PRIMARY KEY, handle VARCHAR(40) NOT NULL)",
            "CREATE TABLE posts (id BIGINT PRIMARY KEY, author_id BIGINT NOT NULL, title VARCHAR(200) NOT NULL, published_at DATETIME,"
                    + " CONSTRAINT posts_author_fk FOREIGN KEY (author_id) REFERENCES authors (id))",
            "CREATE INDEX posts_published_at_idx ON posts (published_at)"};

    private static List<String> findings(Dialect dialect, String[] schema, String... change) throws Exception {
        RealServers.require(dialect);
        try (ScratchDatabase db = ScratchDatabases.fromEnvironment().create(dialect, null); Connection c = db.connect()) {
            c.setAutoCommit(true);
            run(c, schema);
            Catalog before = CatalogReader.of(dialect).read(c);
            run(c, change);
            Catalog after = CatalogReader.of(dialect).read(c);
            return IndexFindings.of(before, after).stream().map(h -> h.rule() + ": " + h.message() + " -- " + h.safeAlternative()).toList();
        }
    }

    private static void run(Connection c, String... sql) throws Exception {
        try (Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "CREATE INDEX orders_customer_again_idx ON orders (customer_id)|redundant-index: the new index orders_customer_again_idx on orders is redundant: orders_customer_id_idx",
            "CREATE INDEX orders_status_idx ON orders (status)|redundant-index: the new index orders_status_idx on orders is redundant: orders_status_placed_at_idx",
            "CREATE INDEX orders_id_idx ON orders (id)|redundant-index: the new index orders_id_idx on orders is redundant: orders_pkey",
            "CREATE INDEX orders_customer_placed_idx ON orders (customer_id, placed_at)|redundant-index: the new index orders_customer_placed_idx on orders (customer_id, placed_at) covers the existing orders_customer_id_idx",
            "ALTER TABLE orders ADD CONSTRAINT orders_coupon_fk FOREIGN KEY (coupon_id) REFERENCES customers (id)|foreign-key-without-index: no index of orders leads with the foreign key orders_coupon_fk (coupon_id)",
    })
    void postgresqlFlagsWhatTheCatalogShows(String change, String expected) throws Exception {
        assertThat(findings(Dialect.POSTGRESQL, POSTGRES_SCHEMA, change)).singleElement().asString().startsWith(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "CREATE INDEX orders_open_status_idx ON orders (status) WHERE status = 'open'|",
            "CREATE INDEX orders_status_desc_idx ON orders (status DESC, placed_at DESC)|",
            "CREATE INDEX orders_status_hash_idx ON orders USING hash (status)|",
            "CREATE UNIQUE INDEX orders_customer_id_uq ON orders (customer_id, id)|ALTER INDEX orders_customer_id_idx RENAME TO orders_customer_idx",
            "ALTER INDEX orders_customer_id_idx RENAME TO orders_by_customer_idx|",
            "CREATE INDEX orders_lower_status_idx ON orders (lower(status))|",
            "CREATE INDEX orders_coupon_idx ON orders (coupon_id)|ALTER TABLE orders ADD CONSTRAINT orders_coupon_fk FOREIGN KEY (coupon_id) REFERENCES customers (id)",
            "CREATE TABLE refunds (id BIGINT PRIMARY KEY, order_id BIGINT NOT NULL REFERENCES orders (id), amount INT)|CREATE INDEX refunds_order_id_idx ON refunds (order_id, amount)",
    })
    void postgresqlLeavesAloneWhatIsNotRedundant(String first, String second) throws Exception {
        String[] change = second == null ? new String[] {first} : new String[] {first, second};
        List<String> found = findings(Dialect.POSTGRESQL, POSTGRES_SCHEMA, change);
        if (first.startsWith("CREATE UNIQUE INDEX orders_customer_id_uq")) {
            // the unique index leads with customer_id: the existing plain index is the redundant one, the unique one is not
            assertThat(found).singleElement().asString().contains("covers the existing orders_customer_idx");
            return;
        }
        assertThat(found).isEmpty();
    }

    @Test
    void postgresqlFlagsAForeignKeyOfANewTableWithoutAnIndex() throws Exception {
        assertThat(findings(Dialect.POSTGRESQL, POSTGRES_SCHEMA,
                "CREATE TABLE refunds (id BIGINT PRIMARY KEY, order_id BIGINT NOT NULL REFERENCES orders (id), amount INT)"))
                .singleElement().asString().startsWith("foreign-key-without-index: no index of refunds leads with the foreign key refunds_order_id_fkey")
                .contains("CREATE INDEX CONCURRENTLY refunds_order_id_idx ON refunds (order_id)");
    }

    @Test
    void mariadbFlagsAnIndexThatRepeatsTheForeignKeysOwnAndOneItCovers() throws Exception {
        // InnoDB drops the index it made for the foreign key once another one serves it: nothing is left twice
        assertThat(findings(Dialect.MARIADB, MARIADB_SCHEMA, "CREATE INDEX posts_author_idx ON posts (author_id)")).isEmpty();
        assertThat(findings(Dialect.MARIADB, MARIADB_SCHEMA, "CREATE INDEX posts_published_author_idx ON posts (published_at, author_id)"))
                .singleElement().asString().contains("covers the existing posts_published_at_idx");
        assertThat(findings(Dialect.MARIADB, MARIADB_SCHEMA, "CREATE INDEX posts_title_idx ON posts (title(20))")).isEmpty();
        assertThat(findings(Dialect.MARIADB, MARIADB_SCHEMA, "CREATE FULLTEXT INDEX posts_title_ft ON posts (title)")).isEmpty();
    }
}
