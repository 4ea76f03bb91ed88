package dev.plc.inspect;

import dev.plc.apply.ApplyResult;
import dev.plc.db.DatabaseInfo;
import dev.plc.repo.DataAccessLayer;
import dev.plc.repo.DialectFinding;
import dev.plc.repo.MigrationFramework;
import dev.plc.repo.Validation;
import dev.plc.schema.SchemaSnapshot;
import java.util.List;

/**
 * What {@code inspect_repo} found: everything an agent needs before it touches the schema.
 *
 * @param repo                the repository's absolute path
 * @param migrationFrameworks every migration mechanism found, primary first
 * @param primaryFramework    the one new migrations should use; null when there is none
 * @param dialect             the SQL dialect, with confidence and evidence
 * @param dataAccess          data-access layers, most used first
 * @param validations         commands that validate a change (REPO_PROFILE.json, else inferred)
 * @param schema              the current schema; null when it could not be read (see schemaSource)
 * @param schemaSource        how the schema was read, or why it was not
 * @param warnings            problems the agent should know about
 * @param recommendations     what to do next (e.g. establish a migration framework)
 * @param filesScanned        files indexed (build output and dependency folders are skipped)
 * @param millis              wall time of the inspection
 */
public record RepoInspection(
        String repo,
        List<MigrationFramework> migrationFrameworks,
        String primaryFramework,
        DialectFinding dialect,
        List<DataAccessLayer> dataAccess,
        List<Validation> validations,
        SchemaSnapshot schema,
        SchemaSource schemaSource,
        List<String> warnings,
        List<String> recommendations,
        int filesScanned,
        long millis) {

    /**
     * @param status            read, failed (migrations did not apply, see failure), or skipped (see reason)
     * @param origin            migrations (applied to a throwaway database) or live (a database named in the call, read-only)
     * @param database          the database that was used
     * @param migrationsApplied how many migrations were applied to build it
     * @param failure           the failing migration file:line and the database's error
     * @param reason            why the schema was not read, when skipped
     */
    public record SchemaSource(
            String status,
            String origin,
            DatabaseInfo database,
            Integer migrationsApplied,
            ApplyResult.Failure failure,
            String reason) {

        public static SchemaSource skipped(String reason) {
            return new SchemaSource("skipped", null, null, null, null, reason);
        }
    }
}
