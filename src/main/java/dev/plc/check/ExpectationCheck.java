package dev.plc.check;

import dev.plc.plan.ChangePlan;
import java.util.List;

/** The schema after the migrations is the expected schema of the plan they implement. */
final class ExpectationCheck implements Check {

    @Override
    public String name() {
        return "expectation";
    }

    @Override
    public CheckReport.Check run(CheckContext ctx) {
        ChangePlan plan = ctx.request.plan();
        if (plan == null) {
            return CheckReport.Check.notApplicable("expectation", NotApplicableReason.NO_PLAN_GIVEN, "no plan given (pass plan_id or plan)");
        }
        if (plan.expectedSchema() == null) {
            return CheckReport.Check.notApplicable("expectation", NotApplicableReason.PLAN_HAS_NO_EXPECTED_SCHEMA, "the plan has no expected schema");
        }
        if (plan.steps().stream().anyMatch(s -> s.release() > 1 && !s.sql().isEmpty())) {
            return CheckReport.Check.notApplicable("expectation", NotApplicableReason.PLAN_SPANS_SEVERAL_RELEASES,
                    "the plan spans several releases; its expected schema is the state after all of them");
        }
        if (ctx.applied == null) {
            CheckReport.Check apply = ctx.done.get("apply");
            return apply == null
                    ? CheckReport.Check.notApplicable("expectation", NotApplicableReason.DEPENDS_ON_CHECK_NOT_RUN,
                            "needs the schema the apply check reads: add apply to checks, before expectation")
                    : CheckReport.Check.notApplicable("expectation", NotApplicableReason.DEPENDS_ON_FAILED_CHECK,
                            "needs the apply check to pass (it is " + apply.status().id() + ")");
        }
        if (ctx.applied.equals(plan.expectedSchema())) {
            return new CheckReport.Check("expectation", CheckStatus.PASS, "the schema after the migrations is the plan's expected schema", 0, List.of());
        }
        return new CheckReport.Check("expectation", CheckStatus.FAIL, "the schema differs from the plan", 0, List.of(CheckReport.Finding.error(null, 0,
                "expectation", SchemaDiff.describe(plan.expectedSchema(), ctx.applied), "write the migrations from the plan (write_migration), or plan again")));
    }
}
