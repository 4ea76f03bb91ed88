package dev.plc.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plc.Progress;
import dev.plc.check.CheckReport;
import dev.plc.check.CheckRunner;
import dev.plc.db.Dialect;
import dev.plc.db.ScratchDatabases;
import dev.plc.plan.ChangePlan;
import dev.plc.plan.ChangePlanner;
import dev.plc.plan.PlanStore;
import dev.plc.testing.RealServers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compatibility proof on the examples: the repo's own queries against the schema before the change and after each release. */
class CompatibilityCheckerTest {

    static final Path SHOP = Path.of("examples/spring-flyway-postgres").toAbsolutePath();
    static final Path BLOG = Path.of("examples/go-migrate-mariadb").toAbsolutePath();
    static final String ORDER_TOTALS = "src/main/java/com/example/shop/order/OrderTotals.java";
    static final String CUSTOMER = "src/main/java/com/example/shop/customer/Customer.java";
    static final String POSTS_GO = "internal/store/posts.go";

    private final ScratchDatabases scratch = ScratchDatabases.fromEnvironment();
    private final ChangePlanner planner = new ChangePlanner(scratch, new PlanStore());

    private ChangePlan plan(Path repo, String sql, boolean zeroDowntime) {
        return planner.plan(new ChangePlanner.Request(repo, null, sql, null, zeroDowntime, null, null, Duration.ofSeconds(60)), Progress.NONE);
    }

    private CheckReport.Check runCompatibility(Path repo, ChangePlan plan) {
        CheckReport report = new CheckRunner(scratch).run(new CheckRunner.Request(repo, java.util.List.of("compatibility"), null, plan, null,
                Duration.ofSeconds(60), false), Progress.NONE);
        return report.checks().get(0);
    }

    @Test
    void renamingAColumnInOneStepBreaksTheJdbcQueryInOrderTotals() {
        RealServers.require(Dialect.POSTGRESQL);
        ChangePlan plan = plan(SHOP, "ALTER TABLE orders RENAME COLUMN status TO state", false);
        CompatibilityReport compat = plan.compatibility();
        assertThat(compat.breaking()).anySatisfy(f -> {
            assertThat(f.file()).isEqualTo(ORDER_TOTALS);
            assertThat(f.line()).isEqualTo(17);
            assertThat(f.state()).isEqualTo(1);
            assertThat(f.error()).contains("status");
        });
        CheckReport.Check check = runCompatibility(SHOP, plan);
        assertThat(check.status()).isEqualTo("fail");
        assertThat(check.findings()).anySatisfy(f -> {
            assertThat(f.file()).isEqualTo(ORDER_TOTALS);
            assertThat(f.line()).isEqualTo(17);
            assertThat(f.severity()).isEqualTo("error");
            assertThat(f.message()).contains("after release 1");
        });
    }

    @Test
    void aHandMadeOneStepRenameFailsTheCheckWithFileLineAndState() {
        RealServers.require(Dialect.POSTGRESQL);
        ChangePlan plan = handMade("postgresql", step(1, 1, "ALTER TABLE orders RENAME COLUMN status TO state;"));
        CheckReport.Check check = runCompatibility(SHOP, plan);
        assertThat(check.status()).isEqualTo("fail");
        assertThat(check.reason()).contains("5 queries found", "5 checked", "0 unchecked", "state 0: 0/5 failing", "state 1: 2/5 failing");
        assertThat(check.findings()).filteredOn(f -> f.severity().equals("error")).extracting(f -> f.file() + ":" + f.line())
                .containsExactlyInAnyOrder(ORDER_TOTALS + ":17", "src/main/generated/com/example/shop/db/tables/Orders.java:21");
    }

    @Test
    void theStagedRenamePassesInEveryStateWhereTheOldCodeRuns() {
        RealServers.require(Dialect.POSTGRESQL);
        ChangePlan plan = plan(SHOP, "ALTER TABLE orders RENAME COLUMN status TO state", true);
        assertThat(plan.migrationType()).isEqualTo("staged");
        CompatibilityReport compat = plan.compatibility();
        assertThat(compat.breaking()).isEmpty();
        assertThat(compat.states()).extracting(CompatibilityReport.State::state).startsWith(0, 1, 2);
        assertThat(compat.states()).filteredOn(CompatibilityReport.State::oldCodeLive).allSatisfy(s -> assertThat(s.failing()).isZero());
        // the last release drops the old column: by then the code must have changed, and the report says which code
        CompatibilityReport.State last = compat.states().get(compat.states().size() - 1);
        assertThat(last.oldCodeLive()).isFalse();
        assertThat(compat.failures()).filteredOn(f -> f.state() == last.state()).extracting(CompatibilityReport.Failure::file).contains(ORDER_TOTALS);
        // as the CLI and MCP clients pass it: the plan as JSON, compatibility included
        ChangePlan fromJson = dev.plc.json.Json.MAPPER.readValue(dev.plc.json.Json.compact(plan), ChangePlan.class);
        assertThat(fromJson.compatibility()).isEqualTo(compat);
        CheckReport.Check check = runCompatibility(SHOP, fromJson);
        assertThat(check.status()).as(check.reason()).isEqualTo("pass");
        assertThat(check.findings()).isEmpty();
    }

    @Test
    void droppingAColumnTheJpaEntityStillMapsFailsOnTheEntity() {
        RealServers.require(Dialect.POSTGRESQL);
        ChangePlan naive = handMade("postgresql", step(1, 1, "ALTER TABLE customers DROP COLUMN full_name;"));
        CheckReport.Check check = runCompatibility(SHOP, naive);
        assertThat(check.status()).isEqualTo("fail");
        assertThat(check.findings()).filteredOn(f -> f.severity().equals("error")).isNotEmpty().allSatisfy(f -> {
            assertThat(f.file() + ":" + f.line()).isEqualTo(CUSTOMER + ":22"); // the @Column(name = "full_name") line
            assertThat(f.message()).contains("jpa-entity", "after release 1", "full_name");
        });
    }

    @Test
    void thePlannedDropKeepsTheColumnWhileTheEntityStillMapsIt() {
        RealServers.require(Dialect.POSTGRESQL);
        ChangePlan plan = plan(SHOP, "ALTER TABLE customers DROP COLUMN full_name", true);
        CompatibilityReport compat = plan.compatibility();
        assertThat(compat.breaking()).isEmpty();
        // release 2 drops it: the entity must stop mapping it in release 1, and the report names the line to change
        assertThat(compat.failures()).isNotEmpty().allSatisfy(f -> {
            assertThat(f.state()).isEqualTo(2);
            assertThat(f.oldCodeLive()).isFalse();
            assertThat(f.file() + ":" + f.line()).isEqualTo(CUSTOMER + ":22");
        });
    }

    @Test
    void addingANullableColumnPasses() {
        RealServers.require(Dialect.POSTGRESQL);
        ChangePlan plan = plan(SHOP, "ALTER TABLE orders ADD COLUMN shipped_at timestamptz", true);
        assertThat(plan.compatibility().failures()).isEmpty();
        assertThat(plan.compatibility().queriesChecked()).isEqualTo(5);
        assertThat(runCompatibility(SHOP, plan).status()).isEqualTo("pass");
    }

    @Test
    void onMariadbRenamingPostsTitleInOneStepBreaksTheGoQuery() {
        RealServers.require(Dialect.MARIADB);
        ChangePlan plan = plan(BLOG, "ALTER TABLE posts RENAME COLUMN title TO headline", false);
        CompatibilityReport compat = plan.compatibility();
        assertThat(compat.queriesFound()).isEqualTo(1);
        assertThat(compat.queriesChecked()).isEqualTo(1);
        assertThat(compat.states()).extracting(CompatibilityReport.State::failing).containsExactly(0, 1);
        assertThat(compat.breaking()).singleElement().satisfies(f -> {
            assertThat(f.file()).isEqualTo(POSTS_GO);
            assertThat(f.line()).isEqualTo(22);
            assertThat(f.state()).isEqualTo(1);
            assertThat(f.error()).contains("title");
        });
        CheckReport.Check check = runCompatibility(BLOG, plan);
        assertThat(check.status()).as(check.reason()).isEqualTo("fail");
        assertThat(check.findings()).singleElement().satisfies(f -> assertThat(f.file() + ":" + f.line()).isEqualTo(POSTS_GO + ":22"));
    }

    @Test
    void onMariadbAStagedRenamePasses() {
        RealServers.require(Dialect.MARIADB);
        ChangePlan plan = plan(BLOG, "ALTER TABLE posts RENAME COLUMN title TO headline", true);
        assertThat(plan.compatibility().breaking()).isEmpty();
        assertThat(runCompatibility(BLOG, plan).status()).isEqualTo("pass");
    }

    @Test
    void onH2TheDriversPrepareChecksThePlainJdbcQuery() {
        ChangePlan plan = plan(Path.of("examples/h2-flyway-quickstart").toAbsolutePath(), "ALTER TABLE notes RENAME COLUMN pinned TO starred", false);
        assertThat(plan.compatibility().queriesChecked()).isEqualTo(1);
        assertThat(plan.compatibility().breaking()).singleElement().satisfies(f -> {
            assertThat(f.file() + ":" + f.line()).isEqualTo("src/main/java/com/example/notes/NoteDao.java:20");
            assertThat(f.error()).containsIgnoringCase("pinned");
        });
    }

    @Test
    void withoutAPlanTheCheckIsSkipped() {
        RealServers.require(Dialect.POSTGRESQL);
        CheckReport.Check check = runCompatibility(SHOP, null);
        assertThat(check.status()).isEqualTo("skipped");
        assertThat(check.reason()).contains("needs plan_id/plan");
    }

    @Test
    void coverageCountsWhatCouldNotBeCheckedAndListsItWithTheReason(@TempDir Path work) throws IOException {
        RealServers.require(Dialect.POSTGRESQL);
        Path repo = copy(SHOP, work.resolve("shop"));
        Files.writeString(repo.resolve("src/main/java/com/example/shop/order/OrderSearch.java"), """
                package com.example.shop.order;

                class OrderSearch {
                    java.util.List<Long> ids(String orderBy) {
                        return jdbc.queryForList("SELECT id FROM orders ORDER BY " + orderBy, Long.class);
                    }

                    @org.springframework.data.jpa.repository.Query(value = "SELECT id FROM orders WHERE note = :note", nativeQuery = true)
                    java.util.List<Long> withNote(String note);
                }
                """);
        ChangePlan plan = handMade("postgresql", step(1, 1, "ALTER TABLE orders ADD COLUMN shipped_at timestamptz;"));
        CheckReport.Check check = runCompatibility(repo, plan);
        assertThat(check.status()).as(check.reason()).isEqualTo("warn");
        assertThat(check.reason()).contains("7 queries found", "6 checked", "1 unchecked", "state 0: 0/6 failing", "state 1: 0/6 failing");
        assertThat(check.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("compatibility-unchecked");
            assertThat(f.file() + ":" + f.line()).isEqualTo("src/main/java/com/example/shop/order/OrderSearch.java:5");
            assertThat(f.message()).contains("concatenated with code");
        });
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }

    private static ChangePlan.Step step(int number, int release, String... sql) {
        return new ChangePlan.Step(number, "expand", release, "step " + number, java.util.List.of(sql), true, "", false, 0);
    }

    private static ChangePlan handMade(String dialect, ChangePlan.Step... steps) {
        return new ChangePlan("plan-handmade", "staged", dialect, "flyway", "hand-made", java.util.List.of(), java.util.List.of(steps),
                java.util.List.of(), java.util.List.of(), java.util.List.of(), null, java.util.List.of(), false, null, java.util.List.of(),
                java.util.List.of(), null, null);
    }
}
