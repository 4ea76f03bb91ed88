package dev.plc.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plc.core.Progress;
import dev.plc.db.Dialect;
import dev.plc.db.ScratchDatabases;
import dev.plc.testing.ExampleRepos;
import dev.plc.testing.RealServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Enum changes read from the catalog: a PostgreSQL type's change reaches the tables whose columns use it (the proof
 * seeds them); a MariaDB/MySQL ENUM read as the catalog's {@code enum(...)}, not the JDBC metadata's varchar(n), so
 * appending a label is the instant change it is and removing one is a narrowing with a precheck of the rows that hold it.
 */
class EnumChangeTest {

    @TempDir
    static Path dir;

    private static Path shop;
    private static Path blog;

    private final ChangePlanner planner = new ChangePlanner(ScratchDatabases.fromEnvironment(), new PlanStore());

    @BeforeAll
    static void repos() throws Exception {
        shop = ExampleRepos.copy("spring-flyway-postgres", dir);
        Files.writeString(shop.resolve("src/main/resources/db/migration/V4__order_state.sql"),
                "CREATE TYPE order_state AS ENUM ('new', 'paid', 'shipped', 'cancelled');\n"
                        + "ALTER TABLE orders ADD COLUMN state order_state NOT NULL DEFAULT 'new';\n");
        blog = ExampleRepos.copy("go-migrate-mariadb", dir);
        Files.writeString(blog.resolve("db/migrations/000004_state.up.sql"),
                "ALTER TABLE posts ADD COLUMN state ENUM('draft','live','archived') NOT NULL DEFAULT 'draft';\n");
        Files.writeString(blog.resolve("db/migrations/000004_state.down.sql"), "ALTER TABLE posts DROP COLUMN state;\n");
    }

    private ChangePlan plan(Path repo, String sql) {
        return planner.plan(new ChangePlanner.Request(repo, null, sql, null, true, Map.of("posts", 5_000_000L, "orders", 5_000_000L), null,
                Duration.ofSeconds(90), null, null), Progress.NONE);
    }

    @Test
    void aRenamedLabelIsProvenOnTheRowsThatUseTheTypeAndUndoneByTheInverseRenamePostgres() {
        RealServers.require(Dialect.POSTGRESQL);
        ChangePlan plan = plan(shop, "ALTER TYPE order_state RENAME VALUE 'paid' TO 'settled'");
        // before: "the change touches no existing table", nothing seeded
        assertThat(plan.verification().ran()).as("%s", plan.verification()).isTrue();
        assertThat(plan.verification().tables()).contains("orders");
        assertThat(plan.verification().differences()).isEmpty();
        assertThat(plan.rollback()).anySatisfy(r -> assertThat(String.join("\n", r.sql()))
                .contains("ALTER TYPE order_state RENAME VALUE 'settled' TO 'paid'"));
        assertThat(plan.description()).contains("RENAME VALUE").doesNotContain("null");
    }

    @Test
    void appendingALabelIsOneInstantStepMariadb() {
        RealServers.require(Dialect.MARIADB);
        ChangePlan plan = plan(blog, "ALTER TABLE posts MODIFY state ENUM('draft','live','archived','deleted') NOT NULL DEFAULT 'draft'");
        // before: "from varchar(8)", a six-step column replacement of a change the server makes in its catalog
        assertThat(plan.migrationType()).isEqualTo("additive");
        assertThat(plan.steps()).hasSize(1);
        assertThat(String.join("\n", plan.steps().get(0).sql())).doesNotContain("state_new");
        assertThat(plan.verification().differences()).isEmpty();
    }

    @Test
    void removingALabelIsANarrowingWithAPrecheckOfItsRowsMariadb() {
        RealServers.require(Dialect.MARIADB);
        ChangePlan plan = plan(blog, "ALTER TABLE posts MODIFY state ENUM('draft','live') NOT NULL DEFAULT 'draft'");
        assertThat(plan.prechecks()).anySatisfy(p -> {
            assertThat(p.sql()).contains("state NOT IN ('draft', 'live')");
            assertThat(p.expect()).isEqualTo("0");
        });
        assertThat(plan.hazards()).anySatisfy(h -> assertThat(h.message()).contains("from enum('draft','live','archived')"));
        // the proof runs on rows that fit both (the change as written fails on an 'archived' row, which the precheck counts)
        assertThat(plan.verification().ran()).as("%s", plan.verification()).isTrue();
        assertThat(plan.verification().differences()).isEmpty();
    }
}
