package dev.plc.plan;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** Runs a plan's steps in order on one connection, as the releases would: the proof of the plan and its replay share it. */
final class StepRunner {

    private StepRunner() {
    }

    /** What runs once a release's last step has run (its code rolls out next). */
    @FunctionalInterface
    interface AfterRelease {
        void after(int release) throws SQLException;
    }

    /** The statement that stopped the run: of which step, as written in the plan, and the database's error. */
    record Failure(ChangePlan.Step step, String statement, SQLException error) {
    }

    /**
     * Runs every statement of every step (steps ordered by release) and calls {@code afterRelease} after the last step
     * of each release. Stops at the first statement that fails and returns it; null when every statement ran.
     */
    static Failure run(Connection c, List<ChangePlan.Step> steps, AfterRelease afterRelease) throws SQLException {
        for (int i = 0; i < steps.size(); i++) {
            ChangePlan.Step step = steps.get(i);
            for (String sql : step.sql()) {
                try (Statement s = c.createStatement()) {
                    s.execute(EffectProbe.stripSemicolon(sql));
                } catch (SQLException e) {
                    return new Failure(step, sql, e);
                }
            }
            if (i + 1 == steps.size() || steps.get(i + 1).release() != step.release()) {
                afterRelease.after(step.release());
            }
        }
        return null;
    }
}
