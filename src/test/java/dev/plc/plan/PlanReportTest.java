package dev.plc.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The plan's one-line summary counts what its steps avoid apart from what is left to the reviewer. */
class PlanReportTest {

    private static ChangePlan.Hazard hazard(String rule, String mitigatedBy) {
        return new ChangePlan.Hazard(rule, "warning", "ALTER TABLE t ...", null, "risk", "message of " + rule, "instead", mitigatedBy);
    }

    private static ChangePlan plan(List<ChangePlan.Hazard> hazards) {
        ChangePlan.Step step = new ChangePlan.Step(1, "expand", 1, "step 1", List.of("ALTER TABLE t ADD COLUMN c int"), true, "", false, 0);
        return new ChangePlan("plan-x", "additive", "postgresql", "flyway", "x", List.of(), List.of(step), hazards, List.of(), List.of(), null,
                List.of(), false, null, List.of(), List.of(), null, null, null, List.of());
    }

    @Test
    void hazardsNoStepAvoidsAreCountedAsToReview() {
        assertThat(PlanReport.summary(plan(List.of(hazard("adding-not-nullable-field", "step 2"), hazard("redundant-index", null),
                hazard("foreign-key-without-index", null))))).contains("1 hazard(s) avoided, 2 to review, ");
        assertThat(PlanReport.summary(plan(List.of(hazard("adding-not-nullable-field", "step 2"))))).contains("1 hazard(s) avoided, 0 code");
        assertThat(PlanReport.summary(plan(List.of()))).contains("0 hazard(s) avoided, 0 code");
    }
}
