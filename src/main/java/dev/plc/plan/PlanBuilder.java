package dev.plc.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects what the planners decide for each operation; {@link ChangePlanner} turns it into a {@link ChangePlan}. */
final class PlanBuilder {

    static final List<String> PHASES = List.of("expand", "backfill", "switch", "contract");

    /** A step before numbering. */
    record Draft(String phase, int release, String title, List<String> sql, boolean transactional, String appCode,
                 boolean destructive, int operation, List<String> rollbackSql, boolean rollbackLosesData, String rollbackNote, int seq) {
    }

    private final List<Draft> drafts = new ArrayList<>();
    private final List<HazardDraft> hazards = new ArrayList<>();

    /** A hazard and the operation whose steps avoid it. */
    record HazardDraft(int operation, ChangePlan.Hazard hazard) {
    }
    private final List<ChangePlan.Precheck> prechecks = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private int operation;
    private String type = "additive";

    void operation(int index) {
        this.operation = index;
    }

    /** Records a step; {@code rollbackSql} undoes it (empty: nothing to undo). */
    void step(String phase, int release, String title, List<String> sql, boolean transactional, String appCode,
              List<String> rollbackSql, boolean rollbackLosesData, String rollbackNote) {
        drafts.add(new Draft(phase, release, title, List.copyOf(sql), transactional, appCode, false, operation, List.copyOf(rollbackSql),
                rollbackLosesData, rollbackNote, drafts.size()));
    }

    /**
     * A step that destroys data: it needs approval, and its rollback cannot bring the data back. The plan's type is
     * the planner's call: dropping a column whose values were copied first (rename, type change) is staged, not destructive.
     */
    void destructiveStep(String phase, int release, String title, List<String> sql, String appCode, List<String> rollbackSql, String rollbackNote) {
        destructiveStep(phase, release, title, sql, true, appCode, rollbackSql, rollbackNote);
    }

    /** A destructive step that may have to run outside a transaction (a batched DELETE commits each batch). */
    void destructiveStep(String phase, int release, String title, List<String> sql, boolean transactional, String appCode, List<String> rollbackSql,
                         String rollbackNote) {
        drafts.add(new Draft(phase, release, title, List.copyOf(sql), transactional, appCode, true, operation, List.copyOf(rollbackSql), true,
                rollbackNote, drafts.size()));
    }

    /** A step with no SQL: what the application code must do before the next step. */
    void codeStep(String phase, int release, String title, String appCode) {
        step(phase, release, title, List.of(), true, appCode, List.of(), false, "revert the code change");
    }

    void hazard(String rule, String severity, String statement, String lock, String risk, String message, String safeAlternative) {
        hazards.add(new HazardDraft(operation, new ChangePlan.Hazard(rule, severity, statement, lock, risk, message, safeAlternative, null)));
    }

    void precheck(String name, String sql, String expect, String why) {
        prechecks.add(new ChangePlan.Precheck(name, sql, expect, why));
    }

    void warn(String warning) {
        warnings.add(warning);
    }

    /** Raises the plan's type: additive < staged < destructive. */
    void type(String atLeast) {
        List<String> order = List.of("additive", "staged", "destructive");
        if (order.indexOf(atLeast) > order.indexOf(type)) {
            type = atLeast;
        }
    }

    String type() {
        return type;
    }

    /** Steps in rollout order: by release, then phase, then the order the planners gave. */
    List<Draft> ordered() {
        List<Draft> sorted = new ArrayList<>(drafts);
        sorted.sort(Comparator.comparingInt(Draft::release)
                .thenComparingInt(d -> PHASES.indexOf(d.phase()))
                .thenComparingInt(Draft::seq));
        return sorted;
    }

    List<HazardDraft> hazards() {
        return hazards;
    }

    List<ChangePlan.Precheck> prechecks() {
        return prechecks;
    }

    List<String> warnings() {
        return warnings;
    }
}
