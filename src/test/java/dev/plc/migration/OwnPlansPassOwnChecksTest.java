package dev.plc.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plc.check.CheckReport;
import dev.plc.check.CheckReports;
import dev.plc.check.CheckRunner;
import dev.plc.check.CheckStatus;
import dev.plc.core.PlcException;
import dev.plc.core.Progress;
import dev.plc.db.Dialect;
import dev.plc.db.ScratchDatabases;
import dev.plc.plan.ChangePlan;
import dev.plc.plan.ChangePlanner;
import dev.plc.plan.PlanStore;
import dev.plc.testing.ExampleRepos;
import dev.plc.testing.RealServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our output passes our own gate: a series of changes (every kind of operation plan_change stages, indexes of each kind,
 * enums, constraints, renames, type changes, drops with the user's approval, backfills) is planned one after the other
 * on a Flyway repository, each plan's proof must hold, every release of each is written with write_migration, and then
 * run_checks (apply, validate, lint, roundtrip, data_safety, impact) must pass on all the migrations written, without a
 * suppression we did not write with its reason. A failing check names the migration file, and so the change.
 */
class OwnPlansPassOwnChecksTest {

    @TempDir
    Path work;

    private static final Map<String, String> POSTGRES_BASE = Map.of(
            "V1__create_customers.sql", """
                    CREATE TABLE customers (
                        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                        email varchar(255) NOT NULL UNIQUE,
                        full_name text,
                        status text NOT NULL DEFAULT 'active',
                        created_at timestamptz NOT NULL DEFAULT now()
                    );
                    """,
            "V2__create_orders.sql", """
                    CREATE TABLE orders (
                        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                        customer_id bigint NOT NULL REFERENCES customers (id),
                        total_cents integer NOT NULL,
                        state varchar(20) NOT NULL DEFAULT 'new',
                        note text,
                        created_at timestamptz DEFAULT now()
                    );
                    CREATE INDEX orders_customer_id_idx ON orders (customer_id);
                    """,
            "V3__create_products.sql", """
                    CREATE TYPE mood AS ENUM ('happy', 'sad');
                    CREATE TABLE products (
                        id serial PRIMARY KEY,
                        sku varchar(64) NOT NULL,
                        price numeric(10, 2),
                        mood mood,
                        tags text[]
                    );
                    CREATE TABLE order_items (
                        order_id bigint NOT NULL REFERENCES orders (id),
                        product_id integer NOT NULL REFERENCES products (id),
                        qty integer NOT NULL CHECK (qty > 0),
                        PRIMARY KEY (order_id, product_id)
                    );
                    CREATE INDEX order_items_product_id_idx ON order_items (product_id);
                    """);

    /** In order: each is planned on the schema the ones before it left. */
    private static final List<String> POSTGRES_CHANGES = List.of(
            "ALTER TABLE customers ADD COLUMN phone text",
            "ALTER TABLE customers ADD COLUMN tier integer NOT NULL DEFAULT 0",
            "ALTER TABLE orders ADD COLUMN placed_at timestamptz DEFAULT clock_timestamp()",
            "CREATE INDEX orders_created_at_idx ON orders (created_at)",
            "CREATE UNIQUE INDEX products_sku_key ON products (sku)",
            "ALTER TABLE orders ADD CONSTRAINT orders_total_nonneg CHECK (total_cents >= 0)",
            "UPDATE orders SET note = '' WHERE note IS NULL; ALTER TABLE orders ALTER COLUMN note SET NOT NULL",
            "ALTER TABLE orders ALTER COLUMN total_cents TYPE bigint",
            "ALTER TABLE products ALTER COLUMN sku TYPE varchar(128)",
            "ALTER TYPE mood ADD VALUE 'meh'",
            "ALTER TABLE orders ADD COLUMN product_id integer REFERENCES products (id)",
            "CREATE TABLE shipments (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, order_id bigint NOT NULL REFERENCES orders (id),"
                    + " shipped_at timestamptz)",
            "CREATE INDEX shipments_order_id_idx ON shipments (order_id)",
            "COMMENT ON COLUMN orders.state IS 'new, paid, shipped or cancelled'",
            "ALTER TABLE products ALTER COLUMN price SET DEFAULT 0",
            "CREATE VIEW big_orders AS SELECT id, total_cents FROM orders WHERE total_cents > 10000",
            "ALTER TABLE order_items ADD COLUMN unit_cents integer",
            "UPDATE order_items SET unit_cents = 0 WHERE unit_cents IS NULL",
            "ALTER TABLE products ADD COLUMN discontinued boolean NOT NULL DEFAULT false",
            "CREATE INDEX products_lower_sku_idx ON products (lower(sku))",
            "CREATE INDEX orders_open_idx ON orders (customer_id) WHERE state = 'new'",
            "ALTER TABLE customers ADD CONSTRAINT customers_status_check CHECK (status IN ('active', 'closed'))",
            "CREATE SEQUENCE invoice_no_seq",
            "ALTER TABLE orders ADD COLUMN invoice_no bigint DEFAULT nextval('invoice_no_seq')",
            "ALTER TABLE products RENAME COLUMN mood TO vibe",
            "CREATE TABLE audit_log (id bigserial PRIMARY KEY, payload jsonb NOT NULL, at timestamptz NOT NULL DEFAULT now())",
            "CREATE INDEX audit_log_payload_idx ON audit_log USING gin (payload)",
            "ALTER TABLE shipments ADD COLUMN carrier text NOT NULL DEFAULT 'post'",
            "ALTER INDEX orders_created_at_idx RENAME TO orders_created_idx",
            "ALTER TABLE customers DROP COLUMN full_name",
            "DROP INDEX orders_open_idx",
            "ALTER TABLE orders RENAME COLUMN note TO remark",
            "ALTER TABLE orders ALTER COLUMN state TYPE text",
            "ALTER TABLE audit_log ALTER COLUMN payload DROP NOT NULL",
            "ALTER TABLE products DROP COLUMN tags",
            "CREATE INDEX orders_customer_created_idx ON orders (customer_id, created_at) INCLUDE (total_cents)",
            "ALTER TABLE shipments ADD CONSTRAINT shipments_carrier_check CHECK (carrier <> '')",
            "ALTER TABLE customers RENAME TO clients",
            "ALTER TABLE clients ADD COLUMN vip boolean",
            "DROP TABLE audit_log");

    @Test
    void fortyPostgresPlansWrittenAsPlannedPassRunChecks() throws Exception {
        RealServers.require(Dialect.POSTGRESQL);
        Path repo = Files.createDirectories(work.resolve("repo"));
        Path migrations = Files.createDirectories(repo.resolve("src/main/resources/db/migration"));
        for (Map.Entry<String, String> m : POSTGRES_BASE.entrySet()) {
            Files.writeString(migrations.resolve(m.getKey()), m.getValue());
        }
        Files.writeString(repo.resolve("src/main/resources/application.properties"), "spring.datasource.url=jdbc:postgresql://localhost:5432/app\n");
        ExampleRepos.commitAll(repo);
        List<String> refused = new ArrayList<>();
        MigrationWriter writer = new MigrationWriter(ScratchDatabases.fromEnvironment());
        ChangePlanner planner = new ChangePlanner(ScratchDatabases.fromEnvironment(), new PlanStore());
        for (String change : POSTGRES_CHANGES) {
            ChangePlan plan;
            try {
                plan = planner.plan(new ChangePlanner.Request(repo, null, change, null, true, null, null, Duration.ofSeconds(60)), Progress.NONE);
            } catch (PlcException e) {
                refused.add(change + ": " + e.code() + " " + e.getMessage());
                continue;
            }
            // proven on rows, or nothing to prove it on (only new tables and objects): never a proof that failed or could not run
            assertThat(plan.verification().ok() || !plan.verification().ran() && plan.verification().notRun().startsWith("the change touches no existing table"))
                    .as(change + ": " + plan.verification()).isTrue();
            int releases = plan.steps().stream().mapToInt(ChangePlan.Step::release).max().orElse(0);
            String approval = plan.approval() == null ? null : plan.approval().token();
            for (int release = 1; release <= releases; release++) {
                writer.write(new MigrationWriter.Request(repo, plan, null, false, null, approval, release, false), Progress.NONE);
            }
        }
        assertThat(refused).as("changes plan_change refused").isEmpty();

        CheckReport report = new CheckRunner(ScratchDatabases.fromEnvironment()).run(new CheckRunner.Request(repo,
                List.of("apply", "validate", "lint", "roundtrip", "data_safety", "impact"), "HEAD", null, null, Duration.ofSeconds(120), false,
                true, false), Progress.NONE);
        String text = CheckReports.text(report);
        assertThat(report.checks()).as(text).allSatisfy(c -> assertThat(c.status()).as(c.name() + ": " + c.reason())
                .isIn(CheckStatus.PASS, CheckStatus.WARN, CheckStatus.NOT_APPLICABLE));
        assertThat(report.checks()).as(text).flatExtracting(CheckReport.Check::findings)
                .noneMatch(f -> f.severity().equals("error") && !f.suppressed() && !f.approved());
        assertThat(report.ok()).as(text).isTrue();
    }
}
