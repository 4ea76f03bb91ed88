package dev.plc.check;

import dev.plc.apply.ApplyResult;
import dev.plc.apply.MigrationApplier;
import dev.plc.db.ScratchDatabase;
import dev.plc.db.ScratchDatabaseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Duplicate versions, folders named like migrations, and the migration tool's own validation (checksums, order, Liquibase preconditions). */
final class ValidateCheck implements Check {

    @Override
    public String name() {
        return "validate";
    }

    @Override
    public CheckReport.Check run(CheckContext ctx) throws ScratchDatabaseException {
        if (ctx.set.unsupported() != null) {
            return ctx.unsupported("validate");
        }
        List<CheckReport.Finding> findings = new ArrayList<>();
        for (Map.Entry<String, List<String>> dup : ctx.migrations.duplicateVersions().entrySet()) {
            findings.add(CheckReport.Finding.error(dup.getValue().get(1), 0, "validate", "version " + dup.getKey() + " is used by "
                    + String.join(" and ", dup.getValue()), "give every migration its own version"));
        }
        for (String dir : ctx.migrations.misnamedDirectories()) {
            findings.add(CheckReport.Finding.error(dir, 0, "validate", "a directory named like a migration file: no migration is read from it, "
                    + "so the change it was meant to hold is missing", "make it a file (or rename the folder so it does not look like a migration)"));
        }
        if (ctx.migrations.problem() != null) {
            findings.add(CheckReport.Finding.error(ctx.set.liquibase().master(), 0, "validate", ctx.migrations.problem(), "fix the changelog"));
        }
        try (ScratchDatabase db = ctx.scratchDatabase()) {
            MigrationApplier applier = new MigrationApplier(ctx.index.root());
            ApplyResult applied = applier.apply(db, ctx.set, ctx.request.timeout());
            if (!applied.ok()) {
                if (!findings.isEmpty()) {
                    return new CheckReport.Check("validate", CheckStatus.FAIL, findings.size() + " problem(s); the migrations do not apply (see apply)",
                            0, findings);
                }
                return CheckContext.dependsOnApply("validate", applied);
            }
            for (String error : applier.validate(db, ctx.set)) {
                findings.add(CheckReport.Finding.error(null, 0, "validate", error, "fix the migration history"));
            }
        }
        return new CheckReport.Check("validate", findings.isEmpty() ? CheckStatus.PASS : CheckStatus.FAIL,
                findings.isEmpty() ? (ctx.set.liquibase() != null ? "Liquibase's validation passes (ids, checksums, preconditions)"
                        : "versions, checksums and order are consistent") : findings.size() + " problem(s)", 0, findings);
    }
}
