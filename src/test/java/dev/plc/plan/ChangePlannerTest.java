package dev.plc.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plc.core.PlcException;
import dev.plc.core.Progress;
import dev.plc.db.Dialect;
import dev.plc.db.ScratchDatabase;
import dev.plc.db.ScratchDatabases;
import dev.plc.plan.impact.CodeChange;
import dev.plc.schema.SchemaSnapshot;
import dev.plc.testing.RealServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** plan_change's service on the example repos and real databases: every plan is proven by running its steps. */
class ChangePlannerTest {

    static final Path SHOP = Path.of("examples/spring-flyway-postgres").toAbsolutePath();
    static final Path BLOG = Path.of("examples/go-migrate-mariadb").toAbsolutePath();

    private final PlanStore store = new PlanStore();
    private final ChangePlanner planner = new ChangePlanner(ScratchDatabases.fromEnvironment(), store);

    private ChangePlan plan(Path repo, String sql) {
        return planner.plan(new ChangePlanner.Request(repo, null, sql, null, true, null, null, Duration.ofSeconds(60)), Progress.NONE);
    }

    @Test
    void aStagedRenameShipsTheCodeEditsInTheReleaseThatSwitchesToTheNewName() {
        dev.plc.testing.RealServers.require(dev.plc.db.Dialect.POSTGRESQL);
        ChangePlan plan = plan(SHOP, "ALTER TABLE orders RENAME COLUMN total_cents TO amount_cents");
        int switchRelease = plan.steps().stream().filter(s -> "switch".equals(s.phase())).mapToInt(ChangePlan.Step::release).min().orElseThrow();
        assertThat(plan.codeChanges()).anySatisfy(c -> {
            assertThat(c.file()).isEqualTo("src/main/java/com/example/shop/order/OrderTotals.java");
            assertThat(c.status()).isEqualTo("edit");
            assertThat(c.release()).isEqualTo(switchRelease);
            assertThat(c.diff()).contains("-                \"SELECT COALESCE(SUM(total_cents), 0)", "+                \"SELECT COALESCE(SUM(amount_cents), 0)");
        });
        assertThat(plan.codeChanges()).anySatisfy(c -> {
            assertThat(c.file()).endsWith("db/tables/Orders.java");
            assertThat(c.status()).isEqualTo("edit");
            assertThat(c.release()).isEqualTo(switchRelease);
            assertThat(c.diff()).contains("-    public final TableField<Record, Integer> TOTAL_CENTS = createField(DSL.name(\"total_cents\")",
                    "+    public final TableField<Record, Integer> AMOUNT_CENTS = createField(DSL.name(\"amount_cents\")");
            assertThat(c.why()).contains("jOOQ's default generator strategy");
        });
        // the edits of existing files carry the hash of the content they were made for; the test file is new (and this repo
        // has no JUnit 5, so the plan says that instead of writing one)
        assertThat(plan.codeChanges()).filteredOn(c -> !c.status().equals(CodeChange.CREATE) && !c.why().startsWith("no test of the new access path"))
                .isNotEmpty().allSatisfy(c -> assertThat(c.sha256()).hasSize(64));
        assertThat(plan.codeChanges()).filteredOn(c -> c.status().equals(CodeChange.CREATE)).allSatisfy(c -> assertThat(c.sha256()).isNull());
    }

    @Test
    void aRelationOfTheChangedTableReadInALoopIsAnNPlusOneFindingOfThePlan(@TempDir Path work) throws Exception {
        dev.plc.testing.RealServers.require(Dialect.POSTGRESQL);
        Path shop = dev.plc.testing.ExampleRepos.copy("spring-flyway-postgres", work);
        Files.writeString(shop.resolve("src/main/java/com/example/shop/order/Order.java"), dev.plc.testing.ShopFixtures.ORDER_ENTITY);
        Files.writeString(shop.resolve("src/main/java/com/example/shop/order/ReceiptMailer.java"), dev.plc.testing.ShopFixtures.RECEIPT_MAILER);
        ChangePlan plan = plan(shop, "ALTER TABLE orders ADD COLUMN shipped_at timestamptz");
        assertThat(plan.compatibility().performance()).filteredOn(f -> f.rule().equals("n-plus-one")).singleElement().satisfies(f -> {
            assertThat(f.file() + ":" + f.line()).isEqualTo("src/main/java/com/example/shop/order/ReceiptMailer.java:10");
            assertThat(f.kind()).isEqualTo("jpa-relation");
            assertThat(f.table()).isEqualTo("orders");
            assertThat(f.message()).contains("Order.customer", "@ManyToOne, lazy");
            assertThat(f.fix()).startsWith("fetch it with the rows: JOIN FETCH o.customer");
        });
        assertThat(PlanReport.summary(plan)).contains("N+1: 1 relation read(s) inside loops (src/main/java/com/example/shop/order/ReceiptMailer.java:10)");
        // a change to another table leaves the relation alone
        ChangePlan other = plan(shop, "CREATE TABLE coupons (id bigint PRIMARY KEY)");
        assertThat(other.compatibility() == null ? List.<Object>of() : other.compatibility().performance()).isEmpty();
    }

    @Test
    void testCodeThatNamesARenamedColumnIsImpactedAndTakesTheEditToo(@TempDir Path work) throws Exception {
        dev.plc.testing.RealServers.require(Dialect.POSTGRESQL);
        Path shop = dev.plc.testing.ExampleRepos.copy("spring-flyway-postgres", work);
        Path test = shop.resolve("src/test/java/com/example/shop/order/OrderTotalsTest.java");
        Files.createDirectories(test.getParent());
        Files.writeString(test, """
                package com.example.shop.order;

                class OrderTotalsTest {
                    static final String SEED = "INSERT INTO orders (customer_id, total_cents) VALUES (1, 250)";
                }
                """);
        ChangePlan plan = plan(shop, "ALTER TABLE orders RENAME COLUMN total_cents TO amount_cents");
        assertThat(plan.impactedCode()).anySatisfy(i -> assertThat(i.file() + ":" + i.line()).isEqualTo("src/test/java/com/example/shop/order/OrderTotalsTest.java:4"));
        assertThat(plan.codeChanges()).anySatisfy(c -> {
            assertThat(c.file()).isEqualTo("src/test/java/com/example/shop/order/OrderTotalsTest.java");
            assertThat(c.status()).isEqualTo("edit");
            assertThat(c.diff()).contains("+    static final String SEED = \"INSERT INTO orders (customer_id, amount_cents) VALUES (1, 250)\";");
        });
    }

    @Test
    void expectedSchemaIsWhatTheDatabaseHasAfterAllSteps() {
        RealServers.require(Dialect.POSTGRESQL);
        ChangePlan plan = plan(SHOP, "ALTER TABLE orders ADD COLUMN priority integer NOT NULL DEFAULT 0; CREATE INDEX orders_priority_idx ON orders (priority)");
        SchemaSnapshot.Table orders = plan.expectedSchema().table("orders").orElseThrow();
        assertThat(orders.column("priority")).hasValueSatisfying(c -> {
            assertThat(c.type()).isEqualTo("int");
            assertThat(c.nullable()).isFalse();
        });
        assertThat(orders.indexes()).extracting(SchemaSnapshot.Index::name).contains("orders_priority_idx");
        assertThat(plan.database().dialect()).isEqualTo("postgresql");
        assertThat(plan.database().approximation()).isFalse();
        assertThat(plan.steps()).filteredOn(s -> !s.transactional()).singleElement()
                .satisfies(s -> assertThat(s.sql()).anySatisfy(sql -> assertThat(sql).contains("CONCURRENTLY")));
    }

    @Test
    void samePlanForTheSameRepoAndChangeAndADifferentOneForAnotherChange() {
        RealServers.require(Dialect.POSTGRESQL);
        ChangePlan a = plan(SHOP, "ALTER TABLE orders ADD COLUMN x int");
        ChangePlan b = plan(SHOP, "ALTER TABLE orders ADD COLUMN x int");
        ChangePlan c = plan(SHOP, "ALTER TABLE orders ADD COLUMN y int");
        assertThat(a.planId()).isEqualTo(b.planId()).isNotEqualTo(c.planId());
        assertThat(store.get(a.planId())).isPresent();
    }

    @Test
    void destructivePlanCarriesAnApprovalBoundToItsSql() {
        RealServers.require(Dialect.POSTGRESQL);
        ChangePlan plan = plan(SHOP, "ALTER TABLE orders DROP COLUMN note");
        assertThat(plan.migrationType()).isEqualTo("destructive");
        assertThat(plan.requiresApproval()).isTrue();
        assertThat(plan.approval().token()).startsWith("approve-");
        List<ChangePlan.Step> destructive = plan.steps().stream().filter(ChangePlan.Step::destructive).toList();
        assertThat(plan.approval().covers()).containsExactlyElementsOf(destructive.stream().map(ChangePlan.Step::number).toList());
        String sql = String.join("\n", destructive.get(0).sql());
        assertThat(plan.approval().sha256()).isEqualTo(ChangePlanner.sha256(sql));
        assertThat(plan.expectedSchema().table("orders").orElseThrow().column("note")).isEmpty();
        assertThat(plan.rollback()).anySatisfy(r -> assertThat(r.dataLoss()).isTrue());
    }

    @Test
    void plansForMariadbAreProvenOnMariadb() {
        RealServers.require(Dialect.MARIADB);
        ChangePlan plan = plan(BLOG, "ALTER TABLE posts ADD COLUMN slug VARCHAR(300) NULL; ALTER TABLE posts ADD UNIQUE INDEX posts_slug_uq (slug)");
        assertThat(plan.dialect()).isEqualTo("mariadb");
        assertThat(plan.database().dialect()).isEqualTo("mariadb");
        assertThat(plan.steps()).flatExtracting(ChangePlan.Step::sql)
                .contains("ALTER TABLE posts ADD COLUMN slug varchar(300), ALGORITHM=INSTANT, LOCK=NONE;",
                        "ALTER TABLE posts ADD UNIQUE INDEX posts_slug_uq (slug), ALGORITHM=INPLACE, LOCK=NONE;");
        // MariaDB reports a unique index as a unique key
        assertThat(plan.expectedSchema().table("posts").orElseThrow().uniqueKeys()).extracting(SchemaSnapshot.Key::name).contains("posts_slug_uq");
        assertThat(plan.prechecks()).anySatisfy(p -> assertThat(p.name()).startsWith("duplicates in posts"));
    }

    @Test
    void aTypeTheDatabaseDoesNotKnowIsAnErrorFromTheProof() {
        RealServers.require(Dialect.POSTGRESQL);
        assertThatThrownBy(() -> plan(SHOP, "ALTER TABLE orders ADD COLUMN x inteeger"))
                .isInstanceOf(PlcException.class)
                .hasMessageContaining("inteeger")
                .satisfies(e -> assertThat(((PlcException) e).code()).isEqualTo(PlcException.Code.INVALID_ARGUMENT));
    }

    @Test
    void scratchDatabasesAreDroppedAfterPlansThatFail() {
        RealServers.require(Dialect.POSTGRESQL);
        int before = ScratchDatabase.openCount();
        assertThatThrownBy(() -> plan(SHOP, "ALTER TABLE orders DROP COLUMN nope")).hasMessageContaining("column \"nope\" of relation \"orders\" does not exist");
        assertThatThrownBy(() -> plan(SHOP, "ALTER TABLE orders ADD COLUMN x inteeger")).isInstanceOf(PlcException.class);
        assertThat(ScratchDatabase.openCount()).isEqualTo(before);
    }

    @Test
    void aRepoWithoutMigrationsIsToldToEstablishAFramework(@TempDir Path repo) throws Exception {
        Files.writeString(repo.resolve("pom.xml"), "<project/>");
        assertThatThrownBy(() -> plan(repo, "ALTER TABLE t ADD COLUMN x int"))
                .isInstanceOf(PlcException.class).hasMessageContaining("No migration framework");
    }

    @Test
    void tableSizesMakeSmallTablesSimple() {
        RealServers.require(Dialect.POSTGRESQL);
        ChangePlan large = planner.plan(new ChangePlanner.Request(SHOP, null, "ALTER TABLE orders ALTER COLUMN total_cents TYPE bigint", null,
                true, null, null, Duration.ofSeconds(60), null), Progress.NONE);
        assertThat(large.verification().differences()).as("%s", large.verification()).isEmpty();
        ChangePlan small = planner.plan(new ChangePlanner.Request(SHOP, null, "ALTER TABLE orders ALTER COLUMN total_cents TYPE bigint", null, true,
                Map.of("orders", 500L), null, Duration.ofSeconds(60)), Progress.NONE);
        assertThat(large.migrationType()).isEqualTo("staged");
        assertThat(large.assumptions()).anySatisfy(a -> assertThat(a).contains("orders").contains("large"));
        assertThat(small.migrationType()).isEqualTo("additive");
        assertThat(small.steps()).hasSize(1);
        assertThat(small.planId()).isNotEqualTo(large.planId());
    }

    @Test
    void progressIsReportedInOrder() {
        RealServers.require(Dialect.POSTGRESQL);
        List<Integer> done = new ArrayList<>();
        planner.plan(new ChangePlanner.Request(SHOP, null, "ALTER TABLE orders ADD COLUMN x int", null, true, null, null, Duration.ofSeconds(60)),
                (d, total, message) -> done.add(d));
        assertThat(done).isSorted().contains(0, 5);
    }
}
