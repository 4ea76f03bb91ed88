package dev.plc.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plc.core.PlcException;
import dev.plc.core.Progress;
import dev.plc.db.Dialect;
import dev.plc.db.ScratchDatabases;
import dev.plc.schema.SchemaSnapshot;
import dev.plc.testing.RealServers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Valid statements that the text reader of before refused or misread: each one is now run on a copy of the repo's schema,
 * planned from what the catalog says it did, and its plan is proven to end in the same schema as the statement itself.
 */
class SqlChangePlanningTest {

    private static final Path SHOP = ChangePlannerTest.SHOP;
    private static final Path BLOG = ChangePlannerTest.BLOG;

    private final ChangePlanner planner = new ChangePlanner(ScratchDatabases.fromEnvironment(), new PlanStore());

    private ChangePlan plan(Path repo, String sql) {
        return planner.plan(new ChangePlanner.Request(repo, null, sql, null, true, null, null, Duration.ofSeconds(60)), Progress.NONE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "ALTER TABLE orders ADD COLUMN seen_at timestamptz DEFAULT clock_timestamp()",
            "UPDATE orders SET note = 'n/a' WHERE note IS NULL",
            "INSERT INTO customers (email, full_name) SELECT 'a@example.com', 'A'",
            "CREATE INDEX orders_customer_total_idx ON orders (customer_id) INCLUDE (total_cents)",
            "ALTER TABLE orders ADD CONSTRAINT orders_note_len CHECK (char_length(note) < 500) NOT VALID;"
                    + " ALTER TABLE orders VALIDATE CONSTRAINT orders_note_len",
            "ALTER TABLE orders RENAME CONSTRAINT orders_total_positive TO orders_total_nonneg",
            "ALTER INDEX orders_status_placed_at_idx RENAME TO orders_status_time_idx",
            "ALTER TABLE orders SET (fillfactor = 70)",
            "ALTER TABLE orders ALTER COLUMN status SET STATISTICS 500",
            "ALTER TABLE orders ADD COLUMN total_dollars numeric GENERATED ALWAYS AS (total_cents / 100.0) STORED",
            "COMMENT ON COLUMN orders.note IS 'free text from the customer'",
            "CREATE TYPE mood AS ENUM ('calm', 'busy'); ALTER TYPE mood ADD VALUE 'idle'",
            "CREATE VIEW big_orders AS SELECT id, total_cents FROM orders WHERE total_cents > 10000",
            "CREATE MATERIALIZED VIEW customer_totals AS SELECT customer_id, sum(total_cents) AS total FROM orders GROUP BY customer_id",
            "CREATE SEQUENCE invoice_seq START 1000",
            "CREATE DOMAIN cents AS integer CHECK (VALUE >= 0)",
            "DO $$ BEGIN ALTER TABLE orders ADD COLUMN ref text; END $$",
            "CREATE FUNCTION touch_order() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.placed_at := now(); RETURN NEW; END $$;"
                    + " CREATE TRIGGER orders_touch BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION touch_order()",
            "CREATE TABLE events (id bigint, at timestamptz NOT NULL) PARTITION BY RANGE (at);"
                    + " CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')",
    })
    void plansAValidPostgresStatementThatTheTextReaderRefused(String sql) {
        RealServers.require(Dialect.POSTGRESQL);
        ChangePlan plan = plan(SHOP, sql);
        assertThat(plan.steps()).isNotEmpty();
        assertThat(plan.migrationType()).isIn("additive", "staged", "destructive");
        assertThat(plan.warnings()).noneMatch(w -> w.contains("does not end in the schema"));
    }

    /** A staged statement gave each place twice (once from its operation, once from its catalog effect). */
    @Test
    void anUpdateOfALargeTableRunsInCommittedKeyRangeBatchesAndComesOutAsTheStatementDoes() {
        RealServers.require(Dialect.POSTGRESQL);
        String sql = "UPDATE orders SET note = 'legacy', status = upper(status) WHERE note IS NULL";
        ChangePlan plan = plan(SHOP, sql);
        assertThat(plan.steps()).singleElement().satisfies(s -> {
            assertThat(s.phase()).isEqualTo("backfill");
            assertThat(s.transactional()).as("each batch commits").isFalse();
            assertThat(String.join("\n", s.sql())).contains("LIMIT 1000", "COMMIT;", "pg_sleep(",
                    "UPDATE orders SET note = 'legacy', status = upper(status) WHERE id > last_key AND id <= batch_end AND (note IS NULL);");
        });
        assertThat(plan.verification().ok()).as("%s", plan.verification()).isTrue();
        assertThat(plan.verification().dataEqual()).isTrue();
        assertThat(plan.prechecks()).extracting(ChangePlan.Precheck::name).contains("rows to backfill in orders");

        // a small table, an UPDATE that moves the key or reads another table: as written
        ChangePlan small = planner.plan(new ChangePlanner.Request(SHOP, null, sql, null, true, java.util.Map.of("orders", 200L), null,
                Duration.ofSeconds(60), null, null), Progress.NONE);
        assertThat(small.steps()).singleElement().satisfies(s -> assertThat(s.sql()).containsExactly(sql + ";"));
        assertThat(plan(SHOP, "UPDATE orders SET id = id + 1000").steps()).singleElement()
                .satisfies(s -> assertThat(String.join("\n", s.sql())).doesNotContain("batch_end"));
        assertThat(plan(SHOP, "UPDATE orders SET note = (SELECT email FROM customers c WHERE c.id = customer_id)").steps()).singleElement()
                .satisfies(s -> assertThat(String.join("\n", s.sql())).doesNotContain("batch_end"));
    }

    @Test
    void aDeleteOfALargeTableRunsInCommittedKeyRangeBatchesLosesExactlyWhatItSaysAndNeedsApproval() {
        RealServers.require(Dialect.POSTGRESQL);
        // seeded rows have NULL notes (every seventh row): the proof sees rows go
        String sql = "DELETE FROM orders WHERE note IS NULL AND total_cents >= 0";
        ChangePlan plan = plan(SHOP, sql);
        assertThat(plan.migrationType()).isEqualTo("destructive");
        assertThat(plan.requiresApproval()).isTrue();
        assertThat(plan.steps()).singleElement().satisfies(s -> {
            assertThat(s.destructive()).isTrue();
            assertThat(s.transactional()).as("each batch commits").isFalse();
            assertThat(String.join("\n", s.sql())).contains("LIMIT 1000", "COMMIT;", "pg_sleep(",
                    "DELETE FROM orders WHERE id > last_key AND id <= batch_end AND (note IS NULL AND total_cents >= 0);");
        });
        // the batches delete exactly the rows the statement deletes, on seeded rows
        assertThat(plan.verification().ok()).as("%s", plan.verification()).isTrue();
        assertThat(plan.verification().dataEqual()).isTrue();
        assertThat(plan.prechecks()).extracting(ChangePlan.Precheck::name).contains("rows to delete in orders");

        // a small table, a condition that reads another table, USING: as written
        ChangePlan small = planner.plan(new ChangePlanner.Request(SHOP, null, sql, null, true, java.util.Map.of("orders", 200L), null,
                Duration.ofSeconds(60), null, null), Progress.NONE);
        assertThat(small.steps()).singleElement().satisfies(s -> assertThat(s.sql()).containsExactly(sql + ";"));
        assertThat(plan(SHOP, "DELETE FROM orders WHERE customer_id IN (SELECT id FROM customers WHERE email LIKE '%@test')").steps())
                .singleElement().satisfies(s -> assertThat(String.join("\n", s.sql())).doesNotContain("batch_end"));
        assertThat(plan(SHOP, "DELETE FROM orders o USING customers c WHERE c.id = o.customer_id AND c.email LIKE '%@test'").steps())
                .singleElement().satisfies(s -> assertThat(String.join("\n", s.sql())).doesNotContain("batch_end"));
    }

    @Test
    void onMariadbADeleteOfALargeTableRunsAsABatchedProcedure() {
        RealServers.require(Dialect.MARIADB);
        ChangePlan plan = plan(BLOG, "DELETE FROM posts WHERE published_at IS NULL");
        assertThat(plan.steps()).singleElement().satisfies(s -> assertThat(String.join("\n", s.sql()))
                .contains("CREATE PROCEDURE", "CALL ", "LIMIT 1000", "COMMIT;", "DROP PROCEDURE", "DELETE FROM posts WHERE id > last_key"));
        assertThat(plan.verification().ok()).as("%s", plan.verification()).isTrue();
    }

    @Test
    void onMariadbAnUpdateOfALargeTableRunsAsABatchedProcedure() {
        RealServers.require(Dialect.MARIADB);
        ChangePlan plan = plan(BLOG, "UPDATE posts SET title = UPPER(title) WHERE published_at IS NULL");
        assertThat(plan.steps()).singleElement().satisfies(s -> assertThat(String.join("\n", s.sql()))
                .contains("CREATE PROCEDURE", "CALL ", "LIMIT 1000", "COMMIT;", "DROP PROCEDURE"));
        assertThat(plan.verification().ok()).as("%s", plan.verification()).isTrue();
    }

    @Test
    void aStagedStatementNamesEachImpactedPlaceOnce() {
        RealServers.require(Dialect.POSTGRESQL);
        ChangePlan plan = plan(SHOP, "ALTER TABLE customers ALTER COLUMN email TYPE varchar(50)");
        assertThat(plan.impactedCode()).isNotEmpty();
        assertThat(plan.impactedCode()).extracting(i -> i.file() + ":" + i.line()).doesNotHaveDuplicates();
    }

    @Test
    void anExpressionIndexIsAnIndexNotAColumn() {
        RealServers.require(Dialect.POSTGRESQL);
        ChangePlan plan = plan(SHOP, "CREATE INDEX customers_email_lower_idx ON customers (lower(email))");
        SchemaSnapshot.Table customers = plan.expectedSchema().table("customers").orElseThrow();
        assertThat(customers.columns()).extracting(SchemaSnapshot.Column::name).containsExactly("id", "email", "full_name", "created_at");
        assertThat(plan.steps()).anySatisfy(s -> assertThat(String.join("\n", s.sql()))
                .contains("CREATE INDEX CONCURRENTLY customers_email_lower_idx ON customers (lower(email))"));
        assertThat(plan.steps()).filteredOn(s -> !s.sql().isEmpty()).allSatisfy(s -> assertThat(s.transactional()).isFalse());
    }

    @Test
    void aForeignKeyOnAnExistingTableIsAddedNotValidThenValidatedWithTheCatalogsDefinition() {
        RealServers.require(Dialect.POSTGRESQL);
        ChangePlan plan = plan(SHOP, "ALTER TABLE orders ADD COLUMN referrer_id bigint;"
                + " ALTER TABLE orders ADD CONSTRAINT orders_referrer_fk FOREIGN KEY (referrer_id) REFERENCES customers (id) ON DELETE SET NULL");
        String all = String.join("\n", plan.steps().stream().flatMap(s -> s.sql().stream()).toList());
        assertThat(all).contains("ADD CONSTRAINT orders_referrer_fk FOREIGN KEY (referrer_id) REFERENCES customers(id) ON DELETE SET NULL NOT VALID")
                .contains("VALIDATE CONSTRAINT orders_referrer_fk");
    }

    @Test
    void aStatementThePostgresServerRefusesIsAnInvalidArgumentWithItsMessage() {
        RealServers.require(Dialect.POSTGRESQL);
        assertThatThrownBy(() -> plan(SHOP, "ALTER TABLE orders ADD COLUMN ok int;\nALTER TABLE nope ADD COLUMN x int"))
                .isInstanceOf(PlcException.class)
                .hasMessageContaining("statement 2 of 2 (line 2)")
                .hasMessageContaining("relation \"nope\" does not exist")
                .hasMessageContaining("42P01")
                .satisfies(e -> assertThat(((PlcException) e).code()).isEqualTo(PlcException.Code.INVALID_ARGUMENT));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "ALTER TABLE posts MODIFY title VARCHAR(400) NOT NULL",
            "ALTER TABLE posts CHANGE COLUMN body content TEXT NOT NULL",
            "ALTER TABLE posts RENAME INDEX posts_published_at_idx TO posts_pub_idx",
            "CREATE INDEX posts_title_prefix ON posts (title(50))",
            "UPDATE posts SET published_at = NOW() WHERE published_at IS NULL",
            "ALTER TABLE authors ADD COLUMN bio TEXT, ALGORITHM=INSTANT",
    })
    void plansAValidMariadbStatementThatTheTextReaderRefused(String sql) {
        RealServers.require(Dialect.MARIADB);
        ChangePlan plan = plan(BLOG, sql);
        assertThat(plan.verification().differences()).as("%s", plan.verification()).isEmpty();
        assertThat(plan.steps()).isNotEmpty();
        assertThat(plan.database().dialect()).isEqualTo("mariadb");
    }

    @Test
    void aFulltextIndexIsAnIndexNotAColumnNamedFulltext() {
        RealServers.require(Dialect.MARIADB);
        ChangePlan plan = plan(BLOG, "ALTER TABLE posts ADD FULLTEXT INDEX posts_title_ft (title)");
        SchemaSnapshot.Table posts = plan.expectedSchema().table("posts").orElseThrow();
        assertThat(posts.columns()).extracting(SchemaSnapshot.Column::name).doesNotContain("fulltext", "FULLTEXT");
        assertThat(posts.indexes()).extracting(SchemaSnapshot.Index::name).contains("posts_title_ft");
        assertThat(plan.steps()).anySatisfy(s -> assertThat(s.title()).contains("INPLACE"));
    }

    @Test
    void aMariadbAlterIsHeldToTheStrongestAlgorithmTheServerAccepts() {
        RealServers.require(Dialect.MARIADB);
        ChangePlan plan = plan(BLOG, "ALTER TABLE posts ADD FULLTEXT INDEX posts_title_ft (title)");
        List<String> sql = plan.steps().stream().flatMap(s -> s.sql().stream()).toList();
        // InnoDB builds the first FULLTEXT index in place but not without a lock: INPLACE is the strongest it accepts
        assertThat(sql).anySatisfy(s -> assertThat(s).contains("ADD FULLTEXT INDEX posts_title_ft (title), ALGORITHM=INPLACE"));
    }
}
