package dev.plc.check;

import dev.plc.db.ScratchDatabase;
import dev.plc.db.ScratchDatabaseException;
import dev.plc.plan.access.TestStack;
import dev.plc.repo.RepoIndex;
import dev.plc.repo.TestPaths;
import java.util.LinkedHashMap;
import java.util.Map;

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
        if (!readsTestDatabase(ctx.index)) {
            return Validations.run(ctx.inspection.validations(), ctx.request.repo(), requiredOnly, note -> ctx.progress.report(ctx.position, ctx.total, note));
        }
        // a test plan_change wrote migrates the database these variables name: a new empty one, dropped afterwards
        try (ScratchDatabase db = ctx.scratchDatabase()) {
            Map<String, String> env = new LinkedHashMap<>();
            env.put(TestStack.URL_VARIABLE, db.jdbcUrl());
            if (db.user() != null) {
                env.put(TestStack.USER_VARIABLE, db.user());
            }
            if (db.password() != null) {
                env.put(TestStack.PASSWORD_VARIABLE, db.password());
            }
            CheckReport.Check check = Validations.run(ctx.inspection.validations(), ctx.request.repo(), requiredOnly,
                    note -> ctx.progress.report(ctx.position, ctx.total, note), Validations.NOTE_EVERY_MS, env);
            return check.status() == CheckStatus.NOT_APPLICABLE ? check
                    : check.withReason(check.reason() + "; " + TestStack.URL_VARIABLE + " named a throwaway " + db.info().dialect() + " database");
        } catch (ScratchDatabaseException e) {
            return CheckReport.Check.error("validations", "the repo's tests read " + TestStack.URL_VARIABLE + ", and no throwaway "
                    + ctx.dialect.id() + " database could be made for them: " + e.getMessage(), "check the database server and run again");
        }
    }

    /** Whether a test of the repo migrates the database {@link TestStack#URL_VARIABLE} names (a test plan_change wrote). */
    static boolean readsTestDatabase(RepoIndex index) {
        return index.files(f -> TestPaths.isTest(f) && (f.endsWith(".java") || f.endsWith(".kt")))
                .anyMatch(f -> index.read(f).map(t -> t.contains(TestStack.URL_VARIABLE)).orElse(false));
    }
}
