package dev.plc.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plc.check.CheckReport;
import dev.plc.check.CheckReports;
import dev.plc.check.CheckRunner;
import dev.plc.check.CheckStatus;
import dev.plc.core.Progress;
import dev.plc.db.Dialect;
import dev.plc.db.ScratchDatabases;
import dev.plc.plan.ChangePlan;
import dev.plc.plan.ChangePlanner;
import dev.plc.plan.PlanStore;
import dev.plc.plan.impact.CodeChange;
import dev.plc.testing.ExampleRepos;
import dev.plc.testing.Javac;
import dev.plc.testing.RealServers;
import dev.plc.testing.ShopFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The end-to-end proof on the example shop: renaming a column that JPA, jOOQ (generated classes and DSL) and
 * a SQL string use gives code changes that compile in every release state, written release by release as an agent
 * would, and whose queries prepare in every rollout state where their code runs.
 */
class CodeChangesCompileTest {

    @TempDir
    Path work;

    /** The shop's sources, compiled with javac against the test classpath (jOOQ, JPA, Spring Data, Spring JDBC): the errors, or "". */
    private static String compile(Path shop, Path out) throws IOException {
        return Javac.compile(List.of(shop.resolve("src/main/java"), shop.resolve("src/main/generated")), out);
    }

    @Test
    void aRenameUsedThroughJpaJooqAndSqlCompilesInEveryReleaseAndPreparesInEveryState() throws Exception {
        RealServers.require(Dialect.POSTGRESQL);
        Path shop = ExampleRepos.copy("spring-flyway-postgres", work.resolve("repo"));
        Files.writeString(shop.resolve("src/main/java/com/example/shop/order/Order.java"), ShopFixtures.ORDER_ENTITY);
        ExampleRepos.commitAll(shop);
        assertThat(compile(shop, Files.createDirectories(work.resolve("classes-base")))).as("the shop compiles before the change").isEmpty();

        ChangePlan plan = new ChangePlanner(ScratchDatabases.fromEnvironment(), new PlanStore()).plan(new ChangePlanner.Request(shop, null,
                "ALTER TABLE orders RENAME COLUMN status TO state", null, true, null, null, Duration.ofSeconds(60)), Progress.NONE);
        assertThat(plan.codeChanges()).extracting(c -> c.file() + " " + c.status()).contains(
                "src/main/generated/com/example/shop/db/tables/Orders.java edit",
                "src/main/java/com/example/shop/order/OrderQueries.java edit",
                "src/main/java/com/example/shop/order/OrderTotals.java edit",
                "src/main/java/com/example/shop/order/Order.java edit");
        assertThat(plan.codeChanges()).noneMatch(c -> c.status().equals(CodeChange.MANUAL));

        ExampleRepos.writeEveryRelease(shop, plan, true, (release, written) -> {
            String errors = compile(shop, Files.createDirectories(work.resolve("classes-" + release)));
            assertThat(errors).as("the shop compiles in release " + release + "'s state").isEmpty();
        });
        assertThat(Files.readString(shop.resolve("src/main/generated/com/example/shop/db/tables/Orders.java")))
                .contains("STATE = createField(DSL.name(\"state\")").doesNotContain("STATUS");
        assertThat(Files.readString(shop.resolve("src/main/java/com/example/shop/order/OrderQueries.java"))).contains("ORDERS.STATE.eq(\"new\")");
        assertThat(Files.readString(shop.resolve("src/main/java/com/example/shop/order/OrderTotals.java"))).contains("AND state <> 'cancelled'");
        assertThat(Files.readString(shop.resolve("src/main/java/com/example/shop/order/Order.java"))).contains("@Column(name = \"state\")");

        // the base's code and the written code, each in the states where the plan runs it
        CheckReport report = new CheckRunner(ScratchDatabases.fromEnvironment()).run(new CheckRunner.Request(shop, List.of("compatibility"), null, plan,
                null, Duration.ofSeconds(60), false), Progress.NONE);
        CheckReport.Check compatibility = report.checks().get(0);
        assertThat(compatibility.status()).as(CheckReports.text(report)).isIn(CheckStatus.PASS, CheckStatus.WARN);
        assertThat(compatibility.findings()).as(CheckReports.text(report)).noneMatch(f -> f.severity().equals("error"));
        assertThat(compatibility.reason()).contains("in the changed code");
    }
}
