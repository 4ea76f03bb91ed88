package dev.plc.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plc.db.Dialect;
import dev.plc.lint.Linter;
import dev.plc.lint.rule.Finding;
import dev.plc.lint.rule.LintOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The plan's own sync triggers carry the reasoned suppression the linter's adding-trigger rule asks for, and only it. */
class PlanTriggersLintTest {

    @Test
    void aPostgresSyncTriggerOfThePlanIsAReasonedExceptionToAddingTrigger() {
        List<String> sql = new Ddl(Dialect.POSTGRESQL).rowTriggers("orders", "orders_state_sync", "    NEW.state := NEW.status;\n", false, null, null);
        List<Finding> findings = Linter.lint("V9__sync.sql", String.join("\n", sql), LintOptions.of(Dialect.POSTGRESQL));
        assertThat(findings).filteredOn(f -> f.rule().equals("adding-trigger")).isNotEmpty()
                .allSatisfy(f -> assertThat(f.suppressed()).as(f.message()).isTrue());
        assertThat(findings).filteredOn(f -> f.rule().equals("suppression-needs-reason")).isEmpty();
    }

    @Test
    void aTriggerWrittenByHandIsStillReported() {
        List<Finding> findings = Linter.lint("V9__audit.sql", "CREATE TRIGGER audit BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION audit();",
                LintOptions.of(Dialect.POSTGRESQL));
        assertThat(findings).filteredOn(f -> f.rule().equals("adding-trigger")).isNotEmpty().noneMatch(Finding::suppressed);
    }
}
