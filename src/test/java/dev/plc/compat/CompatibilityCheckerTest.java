package dev.plc.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plc.Progress;
import dev.plc.check.CheckReport;
import dev.plc.check.CheckReports;
import dev.plc.check.CheckRunner;
import dev.plc.db.Dialect;
import dev.plc.db.ScratchDatabases;
import dev.plc.plan.ChangePlan;
import dev.plc.plan.ChangePlanner;
import dev.plc.plan.PlanStore;
import dev.plc.testing.RealServers;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

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
        System.err.println(dev.plc.json.Json.pretty(compat));
        assertThat(compat.breaking()).anySatisfy(f -> {
            assertThat(f.file()).isEqualTo(ORDER_TOTALS);
            assertThat(f.line()).isEqualTo(17);
            assertThat(f.state()).isEqualTo(1);
            assertThat(f.error()).contains("status");
        });
        CheckReport.Check check = runCompatibility(SHOP, plan);
        System.err.println(check);
        assertThat(check.status()).isEqualTo("fail");
        assertThat(check.findings()).anySatisfy(f -> {
            assertThat(f.file()).isEqualTo(ORDER_TOTALS);
            assertThat(f.line()).isEqualTo(17);
            assertThat(f.severity()).isEqualTo("error");
            assertThat(f.message()).contains("after release 1");
        });
    }
}
