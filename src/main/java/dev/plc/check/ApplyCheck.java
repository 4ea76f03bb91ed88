package dev.plc.check;

import dev.plc.apply.ApplyResult;
import dev.plc.apply.MigrationApplier;
import dev.plc.db.Dialect;
import dev.plc.db.ScratchDatabase;
import dev.plc.db.ScratchDatabaseException;
import dev.plc.lint.rule.FunctionVolatility;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Applies every migration from scratch on a throwaway database of the repo's dialect, as the repo's own tool would. */
final class ApplyCheck implements Check {

    @Override
    public String name() {
        return "apply";
    }

    @Override
    public CheckReport.Check run(CheckContext ctx) throws ScratchDatabaseException, SQLException {
        if (ctx.set.unsupported() != null) {
            return ctx.unsupported("apply");
        }
        try (ScratchDatabase db = ctx.scratchDatabase()) {
            ApplyResult result = new MigrationApplier(ctx.index.root()).apply(db, ctx.set, ctx.request.timeout());
            if (!result.ok() && result.failure().couldNotRun()) {
                return CheckReport.Check.error("apply", "the migrations could not be applied on " + db.info().dialect() + " " + db.info().version()
                        + ": " + result.failure().message(), "check the database (or raise timeout_s) and run the checks again");
            }
            if (!result.ok()) {
                ApplyResult.Failure f = result.failure();
                return new CheckReport.Check("apply", CheckStatus.FAIL, result.applied() + " migrations applied, then one failed", 0,
                        List.of(CheckReport.Finding.error(f.file(), f.line(), "apply", f.message()
                                + (f.statement() == null ? "" : " -- statement: " + f.statement()), "fix the migration; it does not apply on "
                                + db.info().dialect() + " " + db.info().version())));
            }
            ctx.applied = CheckContext.read(db);
            if (db.dialect() == Dialect.POSTGRESQL) {
                try (Connection c = db.connect()) {
                    ctx.functions = FunctionVolatility.read(c, db.info().version());
                } catch (SQLException e) {
                    // the apply passed: lint falls back to the built-in table, and its messages say which table they used
                    LoggerFactory.getLogger(ApplyCheck.class).warn("could not read pg_proc for lint: {}", e.getMessage());
                }
            }
            return new CheckReport.Check("apply", CheckStatus.PASS, result.applied() + " migrations applied from scratch on " + db.info().dialect() + " "
                    + db.info().version() + (db.info().approximation() ? " (APPROXIMATION of " + db.info().target() + ")" : ""), 0, List.of());
        }
    }
}
