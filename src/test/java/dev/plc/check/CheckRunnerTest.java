package dev.plc.check;

import static dev.plc.testing.ExampleRepos.git;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plc.core.Progress;
import dev.plc.db.Dialect;
import dev.plc.db.ScratchDatabase;
import dev.plc.db.ScratchDatabases;
import dev.plc.json.Json;
import dev.plc.testing.ExampleRepos;
import dev.plc.testing.RealServers;
import dev.plc.testing.ServerDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** run_checks on copies of the examples, committed to a fresh git repo, each seeded with one kind of breakage. */
class CheckRunnerTest {

    @TempDir
    Path work;

    private final CheckRunner runner = new CheckRunner(ScratchDatabases.fromEnvironment());

    private Path committedCopy(String example) throws Exception {
        return ExampleRepos.commitAll(ExampleRepos.copy(example, work));
    }

    private static void write(Path repo, String path, String content) throws IOException {
        Files.createDirectories(repo.resolve(path).getParent());
        Files.writeString(repo.resolve(path), content);
    }

    private CheckReport run(Path repo) {
        return runner.run(new CheckRunner.Request(repo, null, null, null, null, Duration.ofSeconds(60), false), Progress.NONE);
    }

    private static CheckReport.Check check(CheckReport report, String name) {
        return report.checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    static final String SHOP_MIGRATIONS = "src/main/resources/db/migration/";

    @Test
    void aCleanChangePassesEveryCheck() throws Exception {
        RealServers.require(Dialect.POSTGRESQL);
        Path repo = committedCopy("spring-flyway-postgres");
        write(repo, SHOP_MIGRATIONS + "V4__add_shipped_at.sql", "SET lock_timeout = '5s';\nALTER TABLE orders ADD COLUMN shipped_at timestamptz;\n");
        write(repo, "src/main/resources/db/migration-down/U4__add_shipped_at.sql", "ALTER TABLE orders DROP COLUMN shipped_at;\n");
        CheckReport report = run(repo);
        assertThat(report.ok()).as(CheckReports.text(report)).isTrue();
        assertThat(report.newMigrations()).containsExactly(SHOP_MIGRATIONS + "V4__add_shipped_at.sql");
        assertThat(check(report, "roundtrip").status()).isEqualTo(CheckStatus.PASS);
        assertThat(check(report, "data_safety").status()).isEqualTo(CheckStatus.PASS);
        assertThat(report.database().dialect()).isEqualTo("postgresql");
        assertThat(report.database().approximation()).isFalse();
    }

    @Test
    void theRepositorysRequiredValidationsRunByDefaultAndAFailingOneFailsTheGate() throws Exception {
        RealServers.require(Dialect.POSTGRESQL);
        Path repo = ExampleRepos.copy("spring-flyway-postgres", work);
        write(repo, "REPO_PROFILE.json", """
                {"validations": [
                  {"name": "test", "command": "echo 'OrderRepositoryTest > findsByStatus FAILED'; exit 1", "timeout_s": 60},
                  {"name": "e2e", "command": "touch e2e-ran; exit 0", "required": false}
                ]}
                """);
        ExampleRepos.commitAll(repo);
        write(repo, SHOP_MIGRATIONS + "V4__add_shipped_at.sql", "SET lock_timeout = '5s';\nALTER TABLE orders ADD COLUMN shipped_at timestamptz;\n");
        List<String> progress = new java.util.ArrayList<>();

        CheckReport report = runner.run(new CheckRunner.Request(repo, null, null, null, null, Duration.ofSeconds(60), false, false, null),
                (done, total, message) -> progress.add(message));
        assertThat(report.ok()).as(CheckReports.text(report)).isFalse();
        CheckReport.Check validations = check(report, "validations");
        assertThat(validations.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(validations.reason()).contains("not required, not run: e2e");
        assertThat(validations.findings()).singleElement().satisfies(f -> assertThat(f.message()).contains("exited with 1", "findsByStatus FAILED"));
        assertThat(Files.exists(repo.resolve("e2e-ran"))).isFalse();
        assertThat(progress).anySatisfy(m -> assertThat(m).contains("validation 1/1 test", "started"));
        // the migrations themselves are fine: only the repo's own test fails the gate
        assertThat(report.checks()).filteredOn(c -> !c.name().equals("validations")).allSatisfy(c -> assertThat(c.status().failsTheGate()).isFalse());

        CheckReport skipped = runner.run(new CheckRunner.Request(repo, null, null, null, null, Duration.ofSeconds(60), false, false, false),
                Progress.NONE);
        assertThat(skipped.ok()).isTrue();
        assertThat(check(skipped, "validations").notApplicableReason()).isEqualTo(NotApplicableReason.SKIPPED_ON_REQUEST);

        CheckReport all = runner.run(new CheckRunner.Request(repo, List.of("validations"), null, null, null, Duration.ofSeconds(60), false, false,
                null), Progress.NONE);
        assertThat(check(all, "validations").findings()).extracting(CheckReport.Finding::rule).containsExactly("test");
        assertThat(Files.exists(repo.resolve("e2e-ran"))).as("naming validations runs the ones not required too").isTrue();
    }

    @Test
    void aSyntaxErrorFailsApplyWithFileAndLine() throws Exception {
        RealServers.require(Dialect.POSTGRESQL);
        Path repo = committedCopy("spring-flyway-postgres");
        write(repo, SHOP_MIGRATIONS + "V4__broken.sql", "-- oops\nALTER TABLE orders ADD COLUM x int;\n");
        CheckReport report = run(repo);
        assertThat(report.ok()).isFalse();
        assertThat(check(report, "apply").status()).isEqualTo(CheckStatus.FAIL);
        assertThat(check(report, "apply").findings()).singleElement().satisfies(f -> {
            assertThat(f.file()).isEqualTo(SHOP_MIGRATIONS + "V4__broken.sql");
            assertThat(f.line()).isEqualTo(2);
            assertThat(f.message()).contains("syntax error");
        });
    }

    @Test
    void editingACommittedMigrationFailsImmutability() throws Exception {
        RealServers.require(Dialect.POSTGRESQL);
        Path repo = committedCopy("spring-flyway-postgres");
        Files.writeString(repo.resolve(SHOP_MIGRATIONS + "V3__add_order_status.sql"),
                Files.readString(repo.resolve(SHOP_MIGRATIONS + "V3__add_order_status.sql")).replace("TEXT", "VARCHAR(500)"));
        CheckReport report = run(repo);
        assertThat(check(report, "immutability").status()).isEqualTo(CheckStatus.FAIL);
        assertThat(check(report, "immutability").findings()).singleElement().satisfies(f -> {
            assertThat(f.file()).isEqualTo(SHOP_MIGRATIONS + "V3__add_order_status.sql");
            assertThat(f.message()).contains("was edited", "first difference at line 2");
        });
    }

    @Test
    void aDownScriptThatIsNoInverseFailsTheRoundTrip() throws Exception {
        RealServers.require(Dialect.POSTGRESQL);
        Path repo = committedCopy("spring-flyway-postgres");
        write(repo, SHOP_MIGRATIONS + "V4__add_two.sql", "ALTER TABLE orders ADD COLUMN a int;\nALTER TABLE orders ADD COLUMN b int;\n");
        write(repo, "src/main/resources/db/migration-down/U4__add_two.sql", "ALTER TABLE orders DROP COLUMN a;\n");
        CheckReport report = run(repo);
        assertThat(check(report, "roundtrip").status()).isEqualTo(CheckStatus.FAIL);
        assertThat(check(report, "roundtrip").findings()).first().satisfies(f -> {
            assertThat(f.file()).isEqualTo("src/main/resources/db/migration-down/U4__add_two.sql");
            assertThat(f.message()).contains("orders column b is extra");
        });
    }

    @Test
    void anIndexWithoutConcurrentlyAndAForeignKeyWithoutNotValidFailLint() throws Exception {
        RealServers.require(Dialect.POSTGRESQL);
        Path repo = committedCopy("spring-flyway-postgres");
        write(repo, SHOP_MIGRATIONS + "V4__index.sql", "CREATE INDEX orders_note_idx ON orders (note);\n");
        write(repo, SHOP_MIGRATIONS + "V5__fk.sql", "SET lock_timeout = '5s';\n\nALTER TABLE orders ADD CONSTRAINT orders_customer_fk2 FOREIGN KEY (customer_id) REFERENCES customers (id);\n");
        CheckReport report = run(repo);
        CheckReport.Check lint = check(report, "lint");
        assertThat(lint.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(lint.findings()).anySatisfy(f -> {
            assertThat(f.rule()).isEqualTo("require-concurrent-index-creation");
            assertThat(f.file()).endsWith("V4__index.sql");
            assertThat(f.line()).isEqualTo(1);
        });
        assertThat(lint.findings()).anySatisfy(f -> {
            assertThat(f.rule()).isEqualTo("constraint-missing-not-valid");
            assertThat(f.line()).isEqualTo(3);
        });
    }

    @Test
    void aSuppressionWithAReasonIsReportedNotHidden() throws Exception {
        RealServers.require(Dialect.POSTGRESQL);
        Path repo = committedCopy("spring-flyway-postgres");
        write(repo, SHOP_MIGRATIONS + "V4__index.sql",
                "-- plc:ignore require-concurrent-index-creation orders has 200 rows in every environment\nCREATE INDEX orders_note_idx ON orders (note);\n");
        CheckReport.Check lint = check(run(repo), "lint");
        assertThat(lint.findings()).anySatisfy(f -> {
            assertThat(f.rule()).isEqualTo("require-concurrent-index-creation");
            assertThat(f.suppressed()).isTrue();
            assertThat(f.suppressionReason()).contains("200 rows");
        });
        assertThat(lint.findings()).filteredOn(f -> !f.suppressed() && f.severity().equals("error")).isEmpty();
    }

    @Test
    void notNullAddedToAPopulatedTableFailsDataSafety() throws Exception {
        RealServers.require(Dialect.POSTGRESQL);
        Path repo = committedCopy("spring-flyway-postgres");
        write(repo, SHOP_MIGRATIONS + "V4__required.sql", "ALTER TABLE orders ADD COLUMN channel varchar(20) NOT NULL;\n");
        CheckReport report = run(repo);
        assertThat(check(report, "apply").status()).as("passes on the empty database").isEqualTo(CheckStatus.PASS);
        CheckReport.Check data = check(report, "data_safety");
        assertThat(data.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(data.findings()).anySatisfy(f -> {
            assertThat(f.file()).endsWith("V4__required.sql");
            assertThat(f.message()).contains("generated rows", "channel");
        });
    }

    @Test
    void aRedundantIndexAndAForeignKeyNoIndexServesAreReadFromTheCatalogByDataSafety() throws Exception {
        RealServers.require(Dialect.POSTGRESQL);
        Path repo = committedCopy("spring-flyway-postgres");
        write(repo, SHOP_MIGRATIONS + "V4__status_index.sql", "CREATE INDEX CONCURRENTLY orders_status_idx ON orders (status);\n");
        write(repo, SHOP_MIGRATIONS + "V5__referrer.sql", "SET lock_timeout = '5s';\nALTER TABLE orders ADD COLUMN referrer_id bigint;\n"
                + "ALTER TABLE orders ADD CONSTRAINT orders_referrer_fk FOREIGN KEY (referrer_id) REFERENCES customers (id) NOT VALID;\n");
        CheckReport report = runner.run(new CheckRunner.Request(repo, List.of("apply", "data_safety"), null, null, null, Duration.ofSeconds(60), false),
                Progress.NONE);
        CheckReport.Check data = check(report, "data_safety");
        assertThat(data.status()).as(CheckReports.text(report)).isEqualTo(CheckStatus.WARN);
        assertThat(data.findings()).extracting(CheckReport.Finding::rule).containsExactlyInAnyOrder("redundant-index", "foreign-key-without-index");
        assertThat(data.findings()).filteredOn(f -> f.rule().equals("redundant-index")).singleElement().satisfies(f ->
                assertThat(f.message()).contains("orders_status_idx", "orders_status_placed_at_idx"));
        assertThat(data.findings()).filteredOn(f -> f.rule().equals("foreign-key-without-index")).singleElement().satisfies(f ->
                assertThat(f.message() + f.help()).contains("orders_referrer_fk", "referrer_id"));
        assertThat(data.reason()).contains("2 index hazard(s)");
    }

    @Test
    void aRelationOfATableTheNewMigrationsTouchReadInALoopIsAnNPlusOneWarningOfCompatibility() throws Exception {
        RealServers.require(Dialect.POSTGRESQL);
        Path repo = committedCopy("spring-flyway-postgres");
        write(repo, "src/main/java/com/example/shop/order/Order.java", dev.plc.testing.ShopFixtures.ORDER_ENTITY);
        write(repo, "src/main/java/com/example/shop/order/ReceiptMailer.java", dev.plc.testing.ShopFixtures.RECEIPT_MAILER);
        write(repo, SHOP_MIGRATIONS + "V4__shipped_at.sql", "SET lock_timeout = '5s';\nALTER TABLE orders ADD COLUMN shipped_at timestamptz;\n");
        CheckReport report = runner.run(new CheckRunner.Request(repo, List.of("apply", "compatibility"), null, null, null, Duration.ofSeconds(60), false),
                Progress.NONE);
        CheckReport.Check compatibility = check(report, "compatibility");
        assertThat(compatibility.status()).as(CheckReports.text(report)).isEqualTo(CheckStatus.WARN);
        assertThat(compatibility.findings()).filteredOn(f -> f.rule().equals("n-plus-one")).singleElement().satisfies(f -> {
            assertThat(f.file() + ":" + f.line()).isEqualTo("src/main/java/com/example/shop/order/ReceiptMailer.java:10");
            assertThat(f.message()).contains("Order.customer").doesNotContain("JOIN FETCH");
            assertThat(f.help()).startsWith("fetch it with the rows: JOIN FETCH o.customer");
        });
        assertThat(compatibility.reason()).contains("1 N+1 hint(s)");
    }

    @Test
    void mariadbChangesAreCheckedOnMariadbIncludingTheirDownScripts() throws Exception {
        RealServers.require(Dialect.MARIADB);
        Path repo = committedCopy("go-migrate-mariadb");
        write(repo, "db/migrations/000004_add_slug.up.sql", "ALTER TABLE posts ADD COLUMN slug VARCHAR(300) NULL, ALGORITHM=INSTANT, LOCK=NONE;\n");
        write(repo, "db/migrations/000004_add_slug.down.sql", "ALTER TABLE posts DROP COLUMN slug;\n");
        CheckReport report = run(repo);
        assertThat(report.database().dialect()).isEqualTo("mariadb");
        assertThat(check(report, "apply").status()).isEqualTo(CheckStatus.PASS);
        assertThat(check(report, "roundtrip").status()).isEqualTo(CheckStatus.PASS);
        assertThat(check(report, "data_safety").status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void noUsableDatabaseFailsTheGateInsteadOfPassingIt() throws Exception {
        Path repo = committedCopy("spring-flyway-postgres");
        CheckReport report = runner.run(new CheckRunner.Request(repo, List.of("apply", "lint"), null, null,
                "jdbc:postgresql://127.0.0.1:1/postgres?user=nobody&password=hunter2", Duration.ofSeconds(30), false), Progress.NONE);
        assertThat(report.ok()).isFalse();
        assertThat(check(report, "apply").status()).isEqualTo(CheckStatus.ERROR);
        assertThat(check(report, "apply").findings()).singleElement().satisfies(f -> assertThat(f.message())
                .contains("no throwaway postgresql database").doesNotContain("hunter2"));
        assertThat(check(report, "lint").status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void codeThatStillUsesADroppedColumnFailsImpact() throws Exception {
        RealServers.require(Dialect.POSTGRESQL);
        Path repo = committedCopy("spring-flyway-postgres");
        write(repo, SHOP_MIGRATIONS + "V4__drop_status.sql", "ALTER TABLE orders DROP COLUMN status;\n");
        CheckReport.Check impact = check(run(repo), "impact");
        assertThat(impact.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(impact.findings()).extracting(CheckReport.Finding::file).contains("src/main/java/com/example/shop/order/OrderTotals.java");
    }

    @Test
    void aDropNoStatementNamesIsReadFromTheDatabaseByDataSafetyAndImpact() throws Exception {
        RealServers.require(Dialect.POSTGRESQL);
        Path repo = committedCopy("spring-flyway-postgres");
        // dynamic SQL: no statement of the file names the table, so a reader of the text sees nothing dropped
        write(repo, SHOP_MIGRATIONS + "V4__cleanup.sql", "DO $$ BEGIN EXECUTE 'DROP TABLE ' || 'customers CASCADE'; END $$;\n");
        CheckReport report = runner.run(new CheckRunner.Request(repo, List.of("apply", "data_safety", "impact"), null, null, null,
                Duration.ofSeconds(60), false), Progress.NONE);
        CheckReport.Check safety = check(report, "data_safety");
        // lint cannot see this drop: the gate fails on what the catalog says, at the file that did it
        assertThat(safety.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(safety.reason()).doesNotContain("only touches new tables").contains("drops 1 existing object");
        assertThat(safety.findings()).singleElement().satisfies(f -> {
            assertThat(f.message()).contains("drops table customers").contains("no statement names it");
            assertThat(f.severity()).isEqualTo("error");
            assertThat(f.file()).isEqualTo(SHOP_MIGRATIONS + "V4__cleanup.sql");
            assertThat(f.line()).isEqualTo(1);
            assertThat(f.approved()).isFalse();
        });
        CheckReport.Check impact = check(report, "impact");
        assertThat(impact.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(impact.findings()).extracting(CheckReport.Finding::file).contains("src/main/java/com/example/shop/customer/Customer.java");

        // a rename is no drop: the catalog loses the old name, the statement says where it went
        write(repo, SHOP_MIGRATIONS + "V4__cleanup.sql", "ALTER TABLE orders RENAME COLUMN status TO state;\n");
        CheckReport renamed = runner.run(new CheckRunner.Request(repo, List.of("apply", "data_safety", "impact"), null, null, null,
                Duration.ofSeconds(60), false), Progress.NONE);
        assertThat(check(renamed, "data_safety").findings()).noneMatch(f -> f.message().contains("drop"));
        assertThat(check(renamed, "impact").reason()).isEqualTo("1 dropped or renamed object(s)");
    }

    @Test
    void aDroppedSchemaOtherThanTheCurrentOneIsADropOfItsTables() throws Exception {
        RealServers.require(Dialect.POSTGRESQL);
        Path repo = committedCopy("spring-flyway-postgres");
        write(repo, SHOP_MIGRATIONS + "V4__archive.sql", "CREATE SCHEMA archive;\n"
                + "CREATE TABLE archive.old_orders (id bigint PRIMARY KEY, note text);\n"
                + "CREATE TABLE archive.kept (id bigint PRIMARY KEY, note text, reason text);\n");
        ExampleRepos.commitAll(repo);
        // dynamic SQL again: the schema's name is in no statement, and the tables live outside the current schema
        write(repo, SHOP_MIGRATIONS + "V5__drop_archive.sql", "DO $$ BEGIN EXECUTE 'DROP TABLE archive.' || 'old_orders';"
                + " EXECUTE 'ALTER TABLE archive.kept DROP COLUMN ' || 'reason'; END $$;\n");
        CheckReport report = runner.run(new CheckRunner.Request(repo, List.of("apply", "data_safety", "impact"), null, null, null,
                Duration.ofSeconds(60), false), Progress.NONE);
        CheckReport.Check safety = check(report, "data_safety");
        assertThat(safety.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(safety.reason()).doesNotContain("only touches new tables").contains("drops 2 existing object");
        assertThat(safety.findings()).extracting(CheckReport.Finding::file).containsOnly(SHOP_MIGRATIONS + "V5__drop_archive.sql");
        assertThat(safety.findings()).extracting(CheckReport.Finding::message)
                .anySatisfy(m -> assertThat(m).contains("old_orders"))
                .anySatisfy(m -> assertThat(m).contains("kept.reason"));
        assertThat(check(report, "impact").reason()).isEqualTo("2 dropped or renamed object(s)");

        write(repo, SHOP_MIGRATIONS + "V5__drop_archive.sql", "DO $$ BEGIN EXECUTE 'DROP SCHEMA ' || 'archive CASCADE'; END $$;\n");
        CheckReport whole = runner.run(new CheckRunner.Request(repo, List.of("apply", "data_safety", "impact"), null, null, null,
                Duration.ofSeconds(60), false), Progress.NONE);
        assertThat(check(whole, "data_safety").reason()).contains("drops 2 existing object");
        assertThat(check(whole, "impact").reason()).isEqualTo("2 dropped or renamed object(s)");

        // the user approved this very SQL (the stamp write_migration puts in the file): reported, and the gate passes
        String sql = "DO $$ BEGIN EXECUTE 'DROP SCHEMA ' || 'archive CASCADE'; END $$;\n";
        write(repo, SHOP_MIGRATIONS + "V5__drop_archive.sql", "-- " + dev.plc.sql.ApprovalStamp.comment("plan-1", "approve-1", sql, Dialect.POSTGRESQL)
                + "\n" + sql);
        CheckReport.Check approved = check(runner.run(new CheckRunner.Request(repo, List.of("apply", "data_safety"), null, null, null,
                Duration.ofSeconds(60), false), Progress.NONE), "data_safety");
        assertThat(approved.status()).isEqualTo(CheckStatus.PASS);
        assertThat(approved.findings()).hasSize(2).allSatisfy(f -> assertThat(f.approval()).isEqualTo("plan-1 approve-1"));

        // an edit after the approval: the stamp no longer holds, the drop fails again
        write(repo, SHOP_MIGRATIONS + "V5__drop_archive.sql", "-- " + dev.plc.sql.ApprovalStamp.comment("plan-1", "approve-1", sql, Dialect.POSTGRESQL)
                + "\n" + sql + "SELECT 1;\n");
        assertThat(check(runner.run(new CheckRunner.Request(repo, List.of("apply", "data_safety"), null, null, null,
                Duration.ofSeconds(60), false), Progress.NONE), "data_safety").status()).isEqualTo(CheckStatus.FAIL);
    }

    @Test
    void aMigrationThatDropsTheHistoryTableIsNamedWhereItDoesIt() throws Exception {
        RealServers.require(Dialect.POSTGRESQL);
        Path repo = committedCopy("spring-flyway-postgres");
        write(repo, SHOP_MIGRATIONS + "V4__reset.sql", "-- start over\nSET lock_timeout = '1s';\nDROP SCHEMA public CASCADE;\nCREATE SCHEMA public;\n");
        CheckReport report = runner.run(new CheckRunner.Request(repo, List.of("apply", "data_safety"), null, null, null,
                Duration.ofSeconds(60), false), Progress.NONE);
        CheckReport.Check apply = check(report, "apply");
        assertThat(apply.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(apply.findings()).singleElement().satisfies(f -> {
            assertThat(f.file()).isEqualTo(SHOP_MIGRATIONS + "V4__reset.sql");
            assertThat(f.line()).isEqualTo(3);
            assertThat(f.message()).contains("history table flyway_schema_history is gone");
        });
        // no rows are involved: the advice is not about giving a column a default
        assertThat(check(report, "data_safety").findings()).allSatisfy(f -> assertThat(f.help()).doesNotContain("default"));
    }

    @Test
    void eachDropIsTheWorkOfTheNewMigrationThatDidIt() throws Exception {
        RealServers.require(Dialect.POSTGRESQL);
        Path repo = committedCopy("spring-flyway-postgres");
        String approvedSql = "DO $$ BEGIN EXECUTE 'DROP TABLE ' || 'orders'; END $$;\n";
        write(repo, SHOP_MIGRATIONS + "V4__drop_orders.sql", "-- " + dev.plc.sql.ApprovalStamp.comment("plan-2", "approve-2", approvedSql,
                Dialect.POSTGRESQL) + "\n" + approvedSql);
        // the next file names no table either: the drop is its own, and nobody approved it
        write(repo, SHOP_MIGRATIONS + "V5__more.sql", "CREATE TABLE audit (id bigint);\nDO $$ BEGIN EXECUTE 'ALTER TABLE customers DROP COLUMN ' || 'email'; END $$;\n");
        CheckReport.Check safety = check(runner.run(new CheckRunner.Request(repo, List.of("apply", "data_safety"), null, null, null,
                Duration.ofSeconds(60), false), Progress.NONE), "data_safety");
        assertThat(safety.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(safety.findings()).filteredOn(f -> f.message().contains("table orders")).singleElement().satisfies(f -> {
            assertThat(f.file()).endsWith("V4__drop_orders.sql");
            assertThat(f.approved()).isTrue();
        });
        assertThat(safety.findings()).filteredOn(f -> f.message().contains("customers.email")).singleElement().satisfies(f -> {
            assertThat(f.file()).endsWith("V5__more.sql");
            assertThat(f.line()).isEqualTo(2);
            assertThat(f.approved()).isFalse();
        });
    }

    @Test
    void failingRunsLeaveNoScratchDatabaseBehindOnPostgres() throws Exception {
        RealServers.require(Dialect.POSTGRESQL);
        Path repo = committedCopy("spring-flyway-postgres");
        write(repo, SHOP_MIGRATIONS + "V4__broken.sql", "ALTER TABLE nope ADD COLUMN x int;\n");
        assertNoLeaks(repo, Dialect.POSTGRESQL);
    }

    @Test
    void failingRunsLeaveNoScratchDatabaseBehindOnMariadb() throws Exception {
        RealServers.require(Dialect.MARIADB);
        Path repo = committedCopy("go-migrate-mariadb");
        write(repo, "db/migrations/000004_broken.up.sql", "ALTER TABLE nope ADD COLUMN x int;\n");
        write(repo, "db/migrations/000004_broken.down.sql", "SELECT 1;\n");
        assertNoLeaks(repo, Dialect.MARIADB);
    }

    @Test
    void anSqlExceptionInsideACheckIsAnErrorThatFailsTheGate() throws Exception {
        RealServers.require(Dialect.POSTGRESQL);
        Path repo = committedCopy("spring-flyway-postgres");
        // new sessions of the scratch database are read-only: the round trip's own write (the history rows of the
        // migrations it reverted) throws an SQLException that is no finding about the migrations
        write(repo, SHOP_MIGRATIONS + "V4__read_only.sql",
                "DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET default_transaction_read_only = on', current_database()); END $$;\n");
        write(repo, "src/main/resources/db/migration-down/U4__read_only.sql", "SELECT 1;\n");
        CheckReport report = runner.run(new CheckRunner.Request(repo, List.of("roundtrip"), null, null, null, Duration.ofSeconds(60), false),
                Progress.NONE);
        CheckReport.Check roundtrip = check(report, "roundtrip");
        assertThat(roundtrip.status()).as(CheckReports.text(report)).isEqualTo(CheckStatus.ERROR);
        assertThat(report.ok()).isFalse();
        assertThat(roundtrip.reason()).contains("read-only transaction", "SQLSTATE 25006");
        assertThat(roundtrip.findings()).singleElement().satisfies(f -> assertThat(f.severity()).isEqualTo("error"));
    }

    @Test
    void aServerThatRefusesConnectionsIsAnErrorNotAFailure() throws Exception {
        Path repo = committedCopy("spring-flyway-postgres");
        CheckReport report = runner.run(new CheckRunner.Request(repo, List.of("apply", "validate", "roundtrip", "data_safety"), null, null,
                "postgres://nobody:s3cr%40t@127.0.0.1:1/postgres", Duration.ofSeconds(30), false, true, null), Progress.NONE);
        assertThat(report.ok()).isFalse();
        assertThat(check(report, "apply").status()).isEqualTo(CheckStatus.ERROR);
        assertThat(check(report, "validate").status()).isEqualTo(CheckStatus.ERROR);
        assertThat(Json.compact(report)).contains("Connection to 127.0.0.1:1 refused").doesNotContain("s3cr");
    }

    @Test
    void namingRoundtripOnARepoWithoutDownScriptsIsAnErrorUnlessAllowed() throws Exception {
        Path repo = committedCopy("spring-flyway-postgres");
        write(repo, SHOP_MIGRATIONS + "V4__add_shipped_at.sql", "ALTER TABLE orders ADD COLUMN shipped_at timestamptz;\n");
        CheckReport named = runner.run(new CheckRunner.Request(repo, List.of("roundtrip"), null, null, null, Duration.ofSeconds(60), false),
                Progress.NONE);
        assertThat(named.ok()).isFalse();
        assertThat(check(named, "roundtrip").status()).isEqualTo(CheckStatus.ERROR);
        assertThat(check(named, "roundtrip").notApplicableReason()).isEqualTo(NotApplicableReason.NO_DOWN_SCRIPTS);
        assertThat(check(named, "roundtrip").reason()).contains("allow_not_applicable");

        CheckReport allowed = runner.run(new CheckRunner.Request(repo, List.of("roundtrip"), null, null, null, Duration.ofSeconds(60), false, true, null),
                Progress.NONE);
        assertThat(allowed.ok()).isTrue();
        assertThat(check(allowed, "roundtrip").status()).isEqualTo(CheckStatus.NOT_APPLICABLE);
        assertThat(check(allowed, "roundtrip").notApplicableReason()).isEqualTo(NotApplicableReason.NO_DOWN_SCRIPTS);
    }

    @Test
    void statusesAndReasonsAreSnakeCaseStringsInJson() throws Exception {
        assertThat(Json.compact(CheckStatus.values())).isEqualTo("[\"pass\",\"fail\",\"warn\",\"error\",\"not_applicable\"]");
        Path repo = committedCopy("spring-flyway-postgres");
        write(repo, SHOP_MIGRATIONS + "V4__add_shipped_at.sql", "ALTER TABLE orders ADD COLUMN shipped_at timestamptz;\n");
        CheckReport report = runner.run(new CheckRunner.Request(repo, List.of("roundtrip", "expectation", "lint"), null, null, null,
                Duration.ofSeconds(60), false, true, null), Progress.NONE);
        String json = Json.compact(report);
        assertThat(json).contains("\"status\":\"not_applicable\",\"not_applicable_reason\":\"no_down_scripts\"",
                "\"not_applicable_reason\":\"no_plan_given\"").doesNotContain("skipped");
        assertThat(json).containsPattern("\"name\":\"lint\",\"status\":\"(pass|warn)\"");
    }

    @Test
    void jdbcMysqlUrlsWorkThroughTheMariadbDriver() throws Exception {
        RealServers.require(Dialect.MARIADB);
        Path repo = committedCopy("go-migrate-mariadb");
        CheckReport report = runner.run(new CheckRunner.Request(repo, List.of("apply"), null, null, "jdbc:mysql://127.0.0.1:3306/?user=root",
                Duration.ofSeconds(60), false), Progress.NONE);
        assertThat(check(report, "apply").status()).as(CheckReports.text(report)).isEqualTo(CheckStatus.PASS);
        assertThat(report.ok()).isTrue();
    }

    @Test
    void anApplyFailureCarriesTheDatabasesMessageAndSqlstateWithoutJavaClassNames() throws Exception {
        RealServers.require(Dialect.POSTGRESQL);
        Path repo = committedCopy("spring-flyway-postgres");
        write(repo, SHOP_MIGRATIONS + "V4__broken.sql", "-- oops\nALTER TABLE orders ADD COLUM x int;\n");
        CheckReport.Finding broken = check(run(repo), "apply").findings().get(0);
        assertThat(broken.file() + ":" + broken.line()).isEqualTo(SHOP_MIGRATIONS + "V4__broken.sql:2");
        assertThat(broken.message()).contains("syntax error", "SQLSTATE 42601");
        assertThat(dev.plc.db.DatabaseErrors.hasClassName(broken.message())).as(broken.message()).isFalse();

        Files.delete(repo.resolve(SHOP_MIGRATIONS + "V4__broken.sql"));
        write(repo, SHOP_MIGRATIONS + "V4__placeholder.sql", "SELECT 1;\nCREATE TABLE t_${suffix} (id int);\n");
        CheckReport.Finding placeholder = check(run(repo), "apply").findings().get(0);
        assertThat(placeholder.file()).isEqualTo(SHOP_MIGRATIONS + "V4__placeholder.sql");
        assertThat(placeholder.line()).isPositive();
        assertThat(placeholder.message()).contains("No value provided for placeholder: ${suffix}").doesNotContain(repo.toString());
    }

    private void assertNoLeaks(Path repo, Dialect dialect) throws Exception {
        int before = ScratchDatabase.openCount();
        java.util.Set<String> earlier = ScratchDatabase.createdNames();
        for (int i = 0; i < 3; i++) {
            assertThat(run(repo).ok()).isFalse();
        }
        assertThat(ScratchDatabase.openCount()).isEqualTo(before);
        java.util.Set<String> made = new java.util.HashSet<>(ScratchDatabase.createdNames());
        made.removeAll(earlier);
        assertThat(made).as("the runs made scratch databases").isNotEmpty();
        // other processes may be testing on the same server: only the databases these runs made count
        assertThat(ServerDatabases.stillThere(dialect, made)).as("scratch databases left on the server").isEmpty();
    }
}
