package dev.plc.check;

/** The repo's own commands (its profile's validations, or an inferred test command), with progress while they run. */
final class ValidationsCheck implements Check {

    @Override
    public String name() {
        return "validations";
    }

    @Override
    public CheckReport.Check run(CheckContext ctx) {
        if (Boolean.FALSE.equals(ctx.request.validations())) {
            return CheckReport.Check.notApplicable("validations", NotApplicableReason.SKIPPED_ON_REQUEST,
                    "skipped on request (validations: false): the repo's own commands did not run");
        }
        boolean requiredOnly = !ctx.named && !Boolean.TRUE.equals(ctx.request.validations());
        return Validations.run(ctx.inspection.validations(), ctx.request.repo(), requiredOnly, note -> ctx.progress.report(ctx.position, ctx.total, note));
    }
}
