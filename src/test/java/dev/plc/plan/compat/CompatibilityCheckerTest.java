package dev.plc.plan.compat;

import static dev.plc.testing.ExampleRepos.git;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plc.check.CheckReport;
import dev.plc.check.CheckRunner;
import dev.plc.check.CheckStatus;
import dev.plc.check.NotApplicableReason;
import dev.plc.core.Progress;
import dev.plc.db.Dialect;
import dev.plc.db.ScratchDatabases;
import dev.plc.plan.ChangePlan;
import dev.plc.plan.ChangePlanner;
import dev.plc.plan.PlanStore;
import dev.plc.testing.ExampleRepos;
import dev.plc.testing.RealServers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
                Duration.ofSeconds(60), false, true, null), Progress.NONE);
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
        assertThat(check.status()).isEqualTo(CheckStatus.FAIL);
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
        assertThat(check.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(check.reason()).contains("5 queries found", "5 checked", "0 unchecked", "state 0: 0/5 failing", "state 1: 2/5 failing");
        assertThat(check.findings()).filteredOn(f -> f.severity().equals("error")).extracting(f -> f.file() + ":" + f.line())
                .containsExactlyInAnyOrder(ORDER_TOTALS + ":17", "src/main/generated/com/example/shop/db/tables/Orders.java:21");
    }

    @Test
    void theStagedRenamePassesInEveryStateWhereTheOldCodeRuns() {
        RealServers.require(Dialect.POSTGRESQL);
        // the staged rename of before added state with status's DEFAULT 'new', so the backfill (WHERE state IS NULL) copied
        // nothing; the proof on seeded rows now finds no difference at all
        ChangePlan plan = planner.plan(new ChangePlanner.Request(SHOP, null, "ALTER TABLE orders RENAME COLUMN status TO state", null, true, null,
                null, Duration.ofSeconds(60), null), Progress.NONE);
        assertThat(plan.verification().differences()).as("%s", plan.verification()).isEmpty();
        assertThat(plan.migrationType()).isEqualTo("staged");
        CompatibilityReport compat = plan.compatibility();
        assertThat(compat.breaking()).isEmpty();
        assertThat(compat.states()).extracting(CompatibilityReport.State::state).startsWith(0, 1, 2);
        assertThat(compat.states()).filteredOn(CompatibilityReport.State::currentCodeLive).allSatisfy(s -> assertThat(s.failing()).isZero());
        // the last release drops the old column: by then the code must have changed, and the report says which code
        CompatibilityReport.State last = compat.states().get(compat.states().size() - 1);
        assertThat(last.currentCodeLive()).isFalse();
        assertThat(compat.failures()).filteredOn(f -> f.state() == last.state()).extracting(CompatibilityReport.Failure::file).contains(ORDER_TOTALS);
        // as the CLI and MCP clients pass it: the plan as JSON, compatibility included
        ChangePlan fromJson = dev.plc.json.Json.MAPPER.readValue(dev.plc.json.Json.compact(plan), ChangePlan.class);
        assertThat(fromJson.compatibility()).isEqualTo(compat);
        CheckReport.Check check = runCompatibility(SHOP, fromJson);
        assertThat(check.status()).as(check.reason()).isEqualTo(CheckStatus.PASS);
        assertThat(check.findings()).isEmpty();
    }

    @Test
    void droppingAColumnTheJpaEntityStillMapsFailsOnTheEntity() {
        RealServers.require(Dialect.POSTGRESQL);
        ChangePlan naive = handMade("postgresql", step(1, 1, "ALTER TABLE customers DROP COLUMN full_name;"));
        CheckReport.Check check = runCompatibility(SHOP, naive);
        assertThat(check.status()).isEqualTo(CheckStatus.FAIL);
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
            assertThat(f.live()).isFalse();
            assertThat(f.file() + ":" + f.line()).isEqualTo(CUSTOMER + ":22");
        });
    }

    @Test
    void addingANullableColumnPasses() {
        RealServers.require(Dialect.POSTGRESQL);
        ChangePlan plan = plan(SHOP, "ALTER TABLE orders ADD COLUMN shipped_at timestamptz", true);
        assertThat(plan.compatibility().failures()).isEmpty();
        assertThat(plan.compatibility().queriesChecked()).isEqualTo(5);
        assertThat(runCompatibility(SHOP, plan).status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void droppingTheIndexOrderTotalsFiltersOnIsAFullScanFindingWithFileAndLine() {
        RealServers.require(Dialect.POSTGRESQL);
        ChangePlan plan = plan(SHOP, "DROP INDEX orders_customer_id_idx", true);
        assertThat(plan.compatibility().breaking()).isEmpty();
        assertThat(plan.compatibility().explained()).contains("EXPLAINed in state(s) 0, 1");
        assertThat(plan.compatibility().performance()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("index-lost");
            assertThat(f.file() + ":" + f.line()).isEqualTo(ORDER_TOTALS + ":17");
            assertThat(f.state()).isEqualTo(1);
            assertThat(f.indexesLost()).containsExactly("orders_customer_id_idx");
        });
        assertThat(dev.plc.plan.PlanReport.full(plan)).contains("[index-lost] " + ORDER_TOTALS + ":17");
        CheckReport.Check check = runCompatibility(SHOP, plan);
        assertThat(check.status()).as(check.reason()).isEqualTo(CheckStatus.WARN);
        assertThat(check.findings()).filteredOn(f -> f.rule().equals("index-lost")).singleElement().satisfies(f -> {
            assertThat(f.file() + ":" + f.line()).isEqualTo(ORDER_TOTALS + ":17");
            assertThat(f.message()).contains("every row of orders");
        });
    }

    @Test
    void onMariadbDroppingTheIndexTheGoQueryOrdersByIsAFullScanFinding() {
        RealServers.require(Dialect.MARIADB);
        ChangePlan plan = plan(BLOG, "ALTER TABLE posts DROP INDEX posts_published_at_idx", true);
        assertThat(plan.compatibility().performance()).singleElement().satisfies(f -> {
            assertThat(f.file() + ":" + f.line()).isEqualTo(POSTS_GO + ":22");
            assertThat(f.indexesLost()).containsExactly("posts_published_at_idx");
        });
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
        assertThat(check.status()).as(check.reason()).isEqualTo(CheckStatus.FAIL);
        assertThat(check.findings()).singleElement().satisfies(f -> assertThat(f.file() + ":" + f.line()).isEqualTo(POSTS_GO + ":22"));
    }

    @Test
    void onMariadbAStagedRenamePasses() {
        RealServers.require(Dialect.MARIADB);
        ChangePlan plan = planner.plan(new ChangePlanner.Request(BLOG, null, "ALTER TABLE posts RENAME COLUMN title TO headline", null, true, null,
                null, Duration.ofSeconds(60), null), Progress.NONE);
        assertThat(plan.verification().differences()).as("%s", plan.verification()).isEmpty();
        assertThat(plan.compatibility().breaking()).isEmpty();
        assertThat(runCompatibility(BLOG, plan).status()).isEqualTo(CheckStatus.PASS);
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
    void withoutAPlanOrNewMigrationsTheCheckIsNotApplicable(@TempDir Path work) throws IOException {
        RealServers.require(Dialect.POSTGRESQL);
        CheckReport.Check noGit = runCompatibility(ExampleRepos.copyTree(SHOP, work.resolve("shop")), null);
        assertThat(noGit.status()).isEqualTo(CheckStatus.NOT_APPLICABLE);
        assertThat(noGit.reason()).contains("needs plan_id/plan, or git");
        assertThat(noGit.notApplicableReason()).isEqualTo(NotApplicableReason.NO_PLAN_GIVEN);
    }

    @Test
    void withoutAPlanTheNewMigrationsAreOneReleaseAndARenameAmongThemFails(@TempDir Path work) throws Exception {
        RealServers.require(Dialect.POSTGRESQL);
        Path repo = committedCopy(SHOP, work.resolve("shop"));
        CheckReport.Check nothingNew = runCompatibility(repo, null);
        assertThat(nothingNew.status()).isEqualTo(CheckStatus.NOT_APPLICABLE);
        assertThat(nothingNew.reason()).contains("no new or changed migrations");

        Path migration = repo.resolve("src/main/resources/db/migration/V4__rename_status.sql");
        Files.writeString(migration, "ALTER TABLE orders RENAME COLUMN status TO state;\n");
        // the agent changed the query too: the current code still runs while the migration is applied, so it still fails
        edit(repo, ORDER_TOTALS, "status <> 'cancelled'", "state <> 'cancelled'");
        CheckReport.Check rename = runCompatibility(repo, null);
        assertThat(rename.status()).as(rename.reason()).isEqualTo(CheckStatus.FAIL);
        assertThat(rename.findings()).filteredOn(f -> f.severity().equals("error")).extracting(f -> f.file() + ":" + f.line())
                .contains(ORDER_TOTALS + ":17");
        assertThat(rename.findings()).filteredOn(f -> f.file().equals(ORDER_TOTALS))
                .allSatisfy(f -> assertThat(f.message()).contains("current code fails in state 1"));
        // the jOOQ classes were not regenerated: the changed code still maps status, on the state where it is gone
        assertThat(rename.findings()).filteredOn(f -> f.severity().equals("error") && f.message().contains("changed code"))
                .singleElement().satisfies(f -> assertThat(f.file() + ":" + f.line()).isEqualTo("src/main/generated/com/example/shop/db/tables/Orders.java:21"));

        Files.writeString(migration, "ALTER TABLE orders ADD COLUMN state text;\n");
        CheckReport.Check added = runCompatibility(repo, null);
        // the changed query reads the new column and runs only once the migration is in: it passes
        assertThat(added.status()).as(added.reason()).isEqualTo(CheckStatus.PASS);
        assertThat(added.reason()).contains("changed code (not running) 1/5", "state 1: 0/5 failing, changed code 0/5");
    }

    @Test
    void coverageCountsWhatCouldNotBeCheckedAndListsItWithTheReason(@TempDir Path work) throws IOException {
        RealServers.require(Dialect.POSTGRESQL);
        Path repo = ExampleRepos.copyTree(SHOP, work.resolve("shop"));
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
        assertThat(check.status()).as(check.reason()).isEqualTo(CheckStatus.WARN);
        assertThat(check.reason()).contains("7 queries found", "6 checked", "1 unchecked", "state 0: 0/6 failing", "state 1: 0/6 failing");
        assertThat(check.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("compatibility-unchecked");
            assertThat(f.file() + ":" + f.line()).isEqualTo("src/main/java/com/example/shop/order/OrderSearch.java:5");
            assertThat(f.message()).contains("concatenated with code");
        });
    }

    // ---- the changed code (the working tree against its git base) in the states where the plan runs it ----

    @Test
    void codeThatShipsBeforeTheMigrationItNeedsFailsOnTheOldSchema(@TempDir Path work) throws Exception {
        RealServers.require(Dialect.POSTGRESQL);
        Path repo = committedCopy(SHOP, work.resolve("shop"));
        edit(repo, CUSTOMER, "    private String fullName;\n", "    private String fullName;\n\n    @Column(name = \"nickname\")\n    private String nickname;\n");
        int nicknameLine = lineOf(repo, CUSTOMER, "@Column(name = \"nickname\")");
        ChangePlan codeFirst = handMade("postgresql", codeStep(1, 1, "map customers.nickname"),
                step(2, 1, "ALTER TABLE customers ADD COLUMN nickname text;"));
        CheckReport.Check check = runCompatibility(repo, codeFirst);
        assertThat(check.status()).as(check.reason()).isEqualTo(CheckStatus.FAIL);
        assertThat(check.reason()).contains("5 in the changed code", "state 0: 0/5 failing, changed code 2/5",
                "state 1 (current code gone): 0/5 failing, changed code 0/5");
        assertThat(check.findings()).filteredOn(f -> f.severity().equals("error")).isNotEmpty().allSatisfy(f -> {
            assertThat(f.file() + ":" + f.line()).isEqualTo(CUSTOMER + ":" + nicknameLine);
            assertThat(f.message()).contains("of the changed code fails in state 0", "ships release 1's code first", "nickname");
        });

        ChangePlan migrationFirst = handMade("postgresql", step(1, 1, "ALTER TABLE customers ADD COLUMN nickname text;"),
                codeStep(2, 1, "map customers.nickname"));
        CheckReport.Check passing = runCompatibility(repo, migrationFirst);
        assertThat(passing.status()).as(passing.reason()).isEqualTo(CheckStatus.PASS);
        assertThat(passing.reason()).contains("changed code (not running) 2/5", "state 1: 0/5 failing, changed code 0/5");
    }

    @Test
    void theStagedDropPassesOnlyOnceTheEntityStopsMappingTheColumn(@TempDir Path work) throws Exception {
        RealServers.require(Dialect.POSTGRESQL);
        Path repo = committedCopy(SHOP, work.resolve("shop"));
        ChangePlan plan = plan(repo, "ALTER TABLE customers DROP COLUMN full_name", true);
        // release 1 lets inserts omit the column before the code stops writing it, so the changed code can insert on state 1
        assertThat(plan.steps()).extracting(ChangePlan.Step::title).startsWith("let inserts omit full_name", "stop using customers.full_name");

        // release 1's code changed a query but the entity still maps full_name: that entity runs on state 2, where the column is gone
        edit(repo, ORDER_TOTALS, "status <> 'cancelled'", "status NOT IN ('cancelled', 'void')");
        CheckReport.Check stillMapped = runCompatibility(repo, plan);
        assertThat(stillMapped.status()).as(stillMapped.reason()).isEqualTo(CheckStatus.FAIL);
        assertThat(stillMapped.findings()).filteredOn(f -> f.severity().equals("error")).isNotEmpty().allSatisfy(f -> {
            assertThat(f.file() + ":" + f.line()).isEqualTo(CUSTOMER + ":22");
            assertThat(f.message()).contains("jpa-entity", "changed code fails in state 2", "full_name");
        });

        dropLines(repo, CUSTOMER, "full_name", "fullName", "FullName");
        CheckReport.Check unmapped = runCompatibility(repo, plan);
        assertThat(unmapped.status()).as(unmapped.reason()).isEqualTo(CheckStatus.PASS);
        assertThat(unmapped.reason()).contains("state 2 (current code gone): 2/5 failing, changed code 0/5");
    }

    @Test
    void codeThatStopsWritingANotNullColumnBeforeItIsRelaxedBreaksEveryInsert(@TempDir Path work) throws Exception {
        RealServers.require(Dialect.POSTGRESQL);
        Path repo = committedCopy(SHOP, work.resolve("shop"));
        dropLines(repo, CUSTOMER, "full_name", "fullName", "FullName");
        ChangePlan wrongOrder = handMade("postgresql", codeStep(1, 1, "stop using customers.full_name"),
                step(2, 1, "ALTER TABLE customers ALTER COLUMN full_name DROP NOT NULL;"));
        CheckReport.Check check = runCompatibility(repo, wrongOrder);
        assertThat(check.status()).as(check.reason()).isEqualTo(CheckStatus.FAIL);
        assertThat(check.findings()).filteredOn(f -> f.severity().equals("error")).singleElement().satisfies(f -> {
            assertThat(f.file()).isEqualTo(CUSTOMER);
            assertThat(f.message()).contains("INSERT INTO customers (email)", "every insert fails: full_name is NOT NULL without a default",
                    "fails in state 0");
        });
    }

    @Test
    void addingANotNullColumnWithoutADefaultBreaksTheCurrentCodesInserts() {
        RealServers.require(Dialect.POSTGRESQL);
        // applies on the empty throwaway table, yet every insert the running entity makes fails afterwards
        CheckReport.Check check = runCompatibility(SHOP, handMade("postgresql", step(1, 1, "ALTER TABLE customers ADD COLUMN tier text NOT NULL;")));
        assertThat(check.status()).as(check.reason()).isEqualTo(CheckStatus.FAIL);
        assertThat(check.findings()).filteredOn(f -> f.severity().equals("error")).singleElement().satisfies(f -> {
            assertThat(f.file()).isEqualTo(CUSTOMER);
            assertThat(f.message()).contains("current code fails in state 1", "tier is NOT NULL without a default");
        });
        CheckReport.Check withDefault = runCompatibility(SHOP, handMade("postgresql",
                step(1, 1, "ALTER TABLE customers ADD COLUMN tier text NOT NULL DEFAULT 'basic';")));
        assertThat(withDefault.status()).as(withDefault.reason()).isEqualTo(CheckStatus.PASS);
        // a BEFORE INSERT trigger may fill it (as a staged rename's sync trigger does): no claim that every insert fails
        CheckReport.Check withTrigger = runCompatibility(SHOP, handMade("postgresql", step(1, 1, "ALTER TABLE customers ADD COLUMN tier text;",
                "CREATE FUNCTION fill_tier() RETURNS trigger LANGUAGE plpgsql AS $f$ BEGIN NEW.tier := coalesce(NEW.tier, 'basic'); RETURN NEW; END $f$;",
                "CREATE TRIGGER fill_tier BEFORE INSERT ON customers FOR EACH ROW EXECUTE FUNCTION fill_tier();",
                "ALTER TABLE customers ALTER COLUMN tier SET NOT NULL;")));
        assertThat(withTrigger.status()).as(withTrigger.reason()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void onMariadbCodeThatShipsFirstFailsOnTheOldSchemaAndPassesAfterTheMigration(@TempDir Path work) throws Exception {
        RealServers.require(Dialect.MARIADB);
        Path repo = committedCopy(BLOG, work.resolve("blog"));
        edit(repo, POSTS_GO, "SELECT id, author_id, title, published_at FROM posts", "SELECT id, author_id, title, subtitle, published_at FROM posts");
        ChangePlan codeFirst = handMade("mariadb", codeStep(1, 1, "read posts.subtitle"),
                step(2, 1, "ALTER TABLE posts ADD COLUMN subtitle varchar(200) NULL;"));
        CheckReport.Check check = runCompatibility(repo, codeFirst);
        assertThat(check.status()).as(check.reason()).isEqualTo(CheckStatus.FAIL);
        assertThat(check.findings()).filteredOn(f -> f.severity().equals("error")).singleElement().satisfies(f -> {
            assertThat(f.file() + ":" + f.line()).isEqualTo(POSTS_GO + ":22");
            assertThat(f.message()).contains("changed code fails in state 0", "subtitle");
        });
        ChangePlan migrationFirst = handMade("mariadb", step(1, 1, "ALTER TABLE posts ADD COLUMN subtitle varchar(200) NULL;"),
                codeStep(2, 1, "read posts.subtitle"));
        assertThat(runCompatibility(repo, migrationFirst).status()).isEqualTo(CheckStatus.PASS);
    }

    /** A copy of an example as its own git repository with everything committed: the base the changed code is compared to. */
    private static Path committedCopy(Path from, Path to) throws Exception {
        return ExampleRepos.commitAll(ExampleRepos.copyTree(from, to));
    }

    private static void edit(Path repo, String file, String from, String to) throws IOException {
        String text = Files.readString(repo.resolve(file));
        assertThat(text).contains(from);
        Files.writeString(repo.resolve(file), text.replace(from, to));
    }

    /** Removes every line that mentions one of {@code words} (a field, its column annotation, its getter's body). */
    private static void dropLines(Path repo, String file, String... words) throws IOException {
        java.util.List<String> lines = Files.readAllLines(repo.resolve(file));
        java.util.List<String> kept = lines.stream().filter(l -> java.util.Arrays.stream(words).noneMatch(l::contains)).toList();
        assertThat(kept).hasSizeLessThan(lines.size());
        Files.write(repo.resolve(file), kept);
    }

    private static int lineOf(Path repo, String file, String text) throws IOException {
        java.util.List<String> lines = Files.readAllLines(repo.resolve(file));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + file);
    }

    private static ChangePlan.Step codeStep(int number, int release, String appCode) {
        return new ChangePlan.Step(number, "expand", release, "code", java.util.List.of(), true, appCode, false, 0);
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
