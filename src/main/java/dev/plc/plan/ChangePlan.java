package dev.plc.plan;

import dev.plc.db.DatabaseInfo;
import dev.plc.plan.compat.CompatibilityReport;
import dev.plc.plan.compat.Rollout;
import dev.plc.plan.impact.CodeChange;
import dev.plc.plan.impact.ImpactedCode;
import dev.plc.schema.SchemaSnapshot;
import java.util.List;

/**
 * A rollout plan for a schema change: what to run, in which release, what the application code must do at
 * each point, what could go wrong, and how to undo it.
 *
 * @param planId           deterministic: the same repo state and the same change give the same id
 * @param migrationType    additive (safe in one step), staged (several releases) or destructive (drops or narrows data)
 * @param dialect          the dialect the SQL is written for
 * @param framework        the repo's migration framework the steps will be written for
 * @param description      the caller's description of the change, or one made from the operations
 * @param operations       the change as operations (what was asked, normalised)
 * @param steps            ordered steps; each belongs to a release
 * @param hazards          what the naive version of the change would do, and how the steps avoid it
 * @param prechecks        read-only queries to run against production (or a replica) before the steps
 * @param impactedCode     code that references the affected tables and columns
 * @param expectedSchema   the schema after all steps, as the database reports it
 * @param rollback         how to undo each step
 * @param requiresApproval true when a step destroys data: write_migration needs {@code approval}
 * @param approval         the token a destructive plan asks for, bound to the plan id and the exact SQL
 * @param assumptions      what the plan assumed (table sizes, server version)
 * @param warnings         anything else the agent should know
 * @param database         the throwaway database that proved the steps apply and produced expectedSchema
 * @param compatibility    the repo's own queries prepared against the schema before the change and after each release
 *                         (found / checked / unchecked, failing per state); null when the steps were not proven
 * @param verification     the proof on seeded rows: the change as written and the plan's releases, compared (schema and data)
 * @param codeChanges      the edits the impacted code needs, per file and release: a unified diff against the file's current
 *                         content (with its sha256), or the reason it must be done by hand
 */
public record ChangePlan(
        String planId,
        String migrationType,
        String dialect,
        String framework,
        String description,
        List<Operation> operations,
        List<Step> steps,
        List<Hazard> hazards,
        List<Precheck> prechecks,
        List<ImpactedCode> impactedCode,
        SchemaSnapshot expectedSchema,
        List<RollbackNote> rollback,
        boolean requiresApproval,
        Approval approval,
        List<String> assumptions,
        List<String> warnings,
        DatabaseInfo database,
        CompatibilityReport compatibility,
        Verification verification,
        List<CodeChange> codeChanges) {

    public ChangePlan {
        codeChanges = codeChanges == null ? List.of() : List.copyOf(codeChanges);
    }

    /** A plan without code changes (hand-made plans, plans stored before code changes existed). */
    public ChangePlan(String planId, String migrationType, String dialect, String framework, String description, List<Operation> operations,
                      List<Step> steps, List<Hazard> hazards, List<Precheck> prechecks, List<ImpactedCode> impactedCode,
                      SchemaSnapshot expectedSchema, List<RollbackNote> rollback, boolean requiresApproval, Approval approval,
                      List<String> assumptions, List<String> warnings, DatabaseInfo database, CompatibilityReport compatibility,
                      Verification verification) {
        this(planId, migrationType, dialect, framework, description, operations, steps, hazards, prechecks, impactedCode, expectedSchema,
                rollback, requiresApproval, approval, assumptions, warnings, database, compatibility, verification, List.of());
    }

    /** A plan without a proof on rows (hand-made plans, plans stored before the proof existed). */
    public ChangePlan(String planId, String migrationType, String dialect, String framework, String description, List<Operation> operations,
                      List<Step> steps, List<Hazard> hazards, List<Precheck> prechecks, List<ImpactedCode> impactedCode,
                      SchemaSnapshot expectedSchema, List<RollbackNote> rollback, boolean requiresApproval, Approval approval,
                      List<String> assumptions, List<String> warnings, DatabaseInfo database, CompatibilityReport compatibility) {
        this(planId, migrationType, dialect, framework, description, operations, steps, hazards, prechecks, impactedCode, expectedSchema,
                rollback, requiresApproval, approval, assumptions, warnings, database, compatibility, null);
    }

    /**
     * @param number        1-based order
     * @param phase         expand, backfill, switch or contract
     * @param release       the deploy it belongs to (1 = this release)
     * @param title         what the step does
     * @param sql           statements in the repo's dialect (empty for code-only steps)
     * @param transactional whether the statements can run inside a transaction (false: a migration of its own,
     *                      marked non-transactional the way the framework expects)
     * @param appCode       what the application code must do at this point
     * @param destructive   whether the step destroys data (needs approval)
     * @param operation     index of the operation it implements (0-based)
     */
    public record Step(
            int number,
            String phase,
            int release,
            String title,
            List<String> sql,
            boolean transactional,
            String appCode,
            boolean destructive,
            int operation) {

        /** This step as the rollout reads it: a code-only step has no SQL, only application code. */
        public Rollout.Step rolloutStep() {
            return new Rollout.Step(release, number, !sql.isEmpty(), sql.isEmpty() && appCode != null && !appCode.isBlank());
        }
    }

    /** Which code runs on which schema state while these steps roll out. */
    public static Rollout rollout(List<Step> steps) {
        return Rollout.of(steps.stream().map(Step::rolloutStep).toList());
    }

    /**
     * @param rule            rule id from the catalogue
     * @param severity        error or warning
     * @param statement       the naive statement that has the hazard
     * @param lock            the lock it takes, or null
     * @param risk            what happens: table rewrite, blocked writes, data loss, broken running code
     * @param message         the problem, with the real table and column names
     * @param safeAlternative what to do instead
     * @param mitigatedBy     which steps of this plan apply the safe alternative ("steps 1-3"), or null
     */
    public record Hazard(
            String rule,
            String severity,
            String statement,
            String lock,
            String risk,
            String message,
            String safeAlternative,
            String mitigatedBy) {
    }

    /**
     * @param name   what it checks
     * @param sql    a read-only query
     * @param expect what result means it is safe to go on (e.g. "0")
     * @param why    what fails if the expectation does not hold
     */
    public record Precheck(String name, String sql, String expect, String why) {
    }

    /**
     * @param step        the step it undoes
     * @param sql         statements that undo it (empty when nothing is needed)
     * @param dataLoss    true when undoing loses data written since, or when the step cannot be undone
     * @param note        what to know
     */
    public record RollbackNote(int step, List<String> sql, boolean dataLoss, String note) {
    }

    /**
     * @param token  pass this as {@code approval} to write_migration to write the destructive steps
     * @param sha256 the digest of the destructive SQL the token approves
     * @param covers the destructive steps it approves
     */
    public record Approval(String token, String sha256, List<Integer> covers) {
    }
}
