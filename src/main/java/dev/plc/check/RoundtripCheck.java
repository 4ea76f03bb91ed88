package dev.plc.check;

import dev.plc.apply.ApplyResult;
import dev.plc.apply.MigrationApplier;
import dev.plc.db.DatabaseErrors;
import dev.plc.db.ScratchDatabase;
import dev.plc.db.ScratchDatabaseException;
import dev.plc.schema.SchemaSnapshot;
import dev.plc.sql.SqlScript;
import dev.plc.sql.SqlStatement;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** up -> down -> up over the new migrations gives the schema before and after them (Liquibase: update, rollback, update). */
final class RoundtripCheck implements Check {

    @Override
    public String name() {
        return "roundtrip";
    }

    @Override
    public CheckReport.Check run(CheckContext ctx) throws ScratchDatabaseException, SQLException {
        if (ctx.set.unsupported() != null) {
            return ctx.unsupported("roundtrip");
        }
        List<Migrations.Migration> withDown = ctx.changed.stream().filter(m -> m.down() != null).toList();
        if (ctx.changed.isEmpty()) {
            return CheckReport.Check.notApplicable("roundtrip", NotApplicableReason.NO_NEW_MIGRATIONS, "no new or changed migrations");
        }
        if (ctx.set.liquibase() != null) {
            return liquibaseRoundtrip(ctx);
        }
        if (withDown.size() < ctx.changed.size()) {
            List<String> missing = ctx.changed.stream().filter(m -> m.down() == null).map(Migrations.Migration::file).toList();
            if (withDown.isEmpty()) {
                return CheckReport.Check.notApplicable("roundtrip", NotApplicableReason.NO_DOWN_SCRIPTS, "the new migrations have no down/undo scripts");
            }
            return new CheckReport.Check("roundtrip", CheckStatus.WARN, "no down script for " + String.join(", ", missing), 0, List.of(
                    CheckReport.Finding.warning(missing.get(0), 0, "roundtrip", "no down/undo script: the change cannot be rolled back by script",
                            "add one (write_migration include_down=true)")));
        }
        MigrationApplier applier = new MigrationApplier(ctx.index.root());
        try (ScratchDatabase db = ctx.scratchDatabase()) {
            String baseline = ctx.baseline();
            ApplyResult upToBaseline = baseline == null ? null : applier.apply(db, ctx.set, ctx.request.timeout(), baseline);
            if (upToBaseline != null && !upToBaseline.ok()) {
                return CheckContext.dependsOnApply("roundtrip", upToBaseline);
            }
            SchemaSnapshot before = CheckContext.read(db);
            int rank = historyRank(db);
            ApplyResult up = applier.apply(db, ctx.set, ctx.request.timeout());
            if (!up.ok()) {
                return CheckContext.dependsOnApply("roundtrip", up);
            }
            SchemaSnapshot after = CheckContext.read(db);
            List<Migrations.Migration> reversed = new ArrayList<>(ctx.changed);
            reversed.sort((a, b) -> Migrations.order().compare(b.version(), a.version()));
            try (Connection c = db.connect()) {
                c.setAutoCommit(true);
                for (Migrations.Migration m : reversed) {
                    Migrations.Down down = m.down();
                    for (SqlStatement statement : SqlScript.split(down.sql(), ctx.dialect)) {
                        try (Statement s = c.createStatement()) {
                            s.execute(statement.text());
                        } catch (SQLException e) {
                            return new CheckReport.Check("roundtrip", CheckStatus.FAIL, "a down script fails", 0, List.of(CheckReport.Finding.error(
                                    down.file(), statement.line() + down.firstLine() - 1, "roundtrip", DatabaseErrors.describe(e),
                                    "make the down script the inverse of " + m.file())));
                        }
                    }
                }
                try (Statement s = c.createStatement()) {
                    s.execute("DELETE FROM flyway_schema_history WHERE installed_rank > " + rank);
                }
            }
            SchemaSnapshot down = CheckContext.read(db);
            List<CheckReport.Finding> findings = new ArrayList<>();
            if (!down.equals(before)) {
                findings.add(CheckReport.Finding.error(withDown.get(0).down().file(), 0, "roundtrip",
                        "after the down scripts the schema differs from before the change: " + SchemaDiff.describe(before, down),
                        "make the down scripts the exact inverse of the up scripts"));
            }
            ApplyResult again = applier.apply(db, ctx.set, ctx.request.timeout());
            if (!again.ok()) {
                findings.add(CheckReport.Finding.error(again.failure().file(), again.failure().line(), "roundtrip",
                        "up after down fails: " + again.failure().message(), "the down scripts must leave a database the up scripts can run on"));
            } else {
                SchemaSnapshot upAgain = CheckContext.read(db);
                if (!upAgain.equals(after)) {
                    findings.add(CheckReport.Finding.error(ctx.changed.get(0).file(), 0, "roundtrip", "up -> down -> up gives another schema than up: "
                            + SchemaDiff.describe(after, upAgain), "make the down scripts the exact inverse of the up scripts"));
                }
            }
            return new CheckReport.Check("roundtrip", findings.isEmpty() ? CheckStatus.PASS : CheckStatus.FAIL,
                    "up -> down -> up over " + withDown.size() + " migration(s)", 0, findings);
        }
    }

    /**
     * Liquibase: update to before the first new changeSet, update, roll back every changeSet after that point
     * (Liquibase's rollbackCount, with the changeSets' rollback blocks or the rollbacks it generates), compare the
     * schema with before, update again and compare with after.
     */
    private CheckReport.Check liquibaseRoundtrip(CheckContext ctx) throws ScratchDatabaseException, SQLException {
        String baseline = ctx.baseline();
        int from = baseline == null ? 0 : Integer.parseInt(baseline);
        List<Migrations.Migration> rolledBack = ctx.migrations.all().stream().filter(m -> Integer.parseInt(m.version()) > from).toList();
        List<CheckReport.Finding> impossible = rolledBack.stream().filter(m -> m.changeSet().rollbackProblem() != null)
                .map(m -> CheckReport.Finding.error(m.file(), m.changeSet().line(), "roundtrip", m.changeSet().rollbackProblem()
                        + ": the change cannot be rolled back", "add a rollback block that undoes it (or <rollback/> with a reason, when it needs none)"))
                .toList();
        if (!impossible.isEmpty()) {
            return new CheckReport.Check("roundtrip", CheckStatus.FAIL, impossible.size() + " new changeSet(s) cannot be rolled back", 0, impossible);
        }
        MigrationApplier applier = new MigrationApplier(ctx.index.root());
        try (ScratchDatabase db = ctx.scratchDatabase()) {
            ApplyResult upToBaseline = baseline == null ? null : applier.apply(db, ctx.set, ctx.request.timeout(), baseline);
            if (upToBaseline != null && !upToBaseline.ok()) {
                return CheckContext.dependsOnApply("roundtrip", upToBaseline);
            }
            SchemaSnapshot before = CheckContext.read(db);
            ApplyResult up = applier.apply(db, ctx.set, ctx.request.timeout());
            if (!up.ok()) {
                return CheckContext.dependsOnApply("roundtrip", up);
            }
            SchemaSnapshot after = CheckContext.read(db);
            ApplyResult rollback = dev.plc.apply.LiquibaseRunner.rollback(ctx.index.root(), db, ctx.set.liquibase(), ctx.request.timeout(),
                    rolledBack.size());
            if (!rollback.ok()) {
                if (rollback.failure().couldNotRun()) {
                    return CheckReport.Check.error("roundtrip", "the rollback could not run: " + rollback.failure().message(),
                            "check the database (or raise timeout_s) and run the checks again");
                }
                return new CheckReport.Check("roundtrip", CheckStatus.FAIL, "a rollback fails", 0, List.of(CheckReport.Finding.error(
                        rollback.failure().file(), rollback.failure().line(), "roundtrip", "rollback fails: " + rollback.failure().message()
                                + (rollback.failure().statement() == null ? "" : " -- statement: " + rollback.failure().statement()),
                        "make the rollback block the inverse of the changeSet")));
            }
            SchemaSnapshot down = CheckContext.read(db);
            List<CheckReport.Finding> findings = new ArrayList<>();
            Migrations.Migration first = rolledBack.get(0);
            if (!down.equals(before)) {
                findings.add(CheckReport.Finding.error(first.file(), first.changeSet().line(), "roundtrip",
                        "after rolling back the new changeSets the schema differs from before them: " + SchemaDiff.describe(before, down),
                        "make each rollback block the exact inverse of its changeSet"));
            }
            ApplyResult again = applier.apply(db, ctx.set, ctx.request.timeout());
            if (!again.ok()) {
                findings.add(CheckReport.Finding.error(again.failure().file(), again.failure().line(), "roundtrip",
                        "update after rollback fails: " + again.failure().message(), "the rollbacks must leave a database the changeSets can run on"));
            } else {
                SchemaSnapshot updatedAgain = CheckContext.read(db);
                if (!updatedAgain.equals(after)) {
                    findings.add(CheckReport.Finding.error(first.file(), first.changeSet().line(), "roundtrip",
                            "update -> rollback -> update gives another schema than update: " + SchemaDiff.describe(after, updatedAgain),
                            "make each rollback block the exact inverse of its changeSet"));
                }
            }
            return new CheckReport.Check("roundtrip", findings.isEmpty() ? CheckStatus.PASS : CheckStatus.FAIL,
                    "update -> rollback -> update over " + rolledBack.size() + " changeSet(s) with Liquibase", 0, findings);
        }
    }

    private static int historyRank(ScratchDatabase db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT coalesce(max(installed_rank), 0) FROM flyway_schema_history")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            return 0; // no history table yet: the baseline is the empty database
        }
    }
}
