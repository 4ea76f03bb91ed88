package dev.plc.migration;

import java.util.List;

/**
 * What {@code write_migration} did.
 *
 * @param planId       the plan the files implement
 * @param framework    the framework the files were written for
 * @param release      the release whose steps were written
 * @param files        every file of the release: written now, or already there with the same bytes (unchanged)
 * @param stepsWritten the plan steps that are in the files
 * @param stepsLater   steps of later releases: not written now (see the rollout note)
 * @param nextSteps    what the agent must do next (code to update, checks to run)
 * @param unsupported  why nothing was written for this framework, or null
 * @param sql          the statements per step, when the framework has no writer (for the agent to place)
 * @param warnings     anything else to know
 * @param code         with {@code include_code}: the release's code changes as written (updated, unchanged) and the places
 *                     left to the agent (manual, none, with the reason); empty otherwise
 */
public record WrittenMigrations(
        String planId,
        String framework,
        int release,
        List<WrittenFile> files,
        List<Integer> stepsWritten,
        List<Integer> stepsLater,
        List<String> nextSteps,
        String unsupported,
        List<String> sql,
        List<String> warnings,
        List<WrittenCode> code) {

    public WrittenMigrations {
        code = code == null ? List.of() : List.copyOf(code);
    }

    public WrittenMigrations(String planId, String framework, int release, List<WrittenFile> files, List<Integer> stepsWritten,
                             List<Integer> stepsLater, List<String> nextSteps, String unsupported, List<String> sql, List<String> warnings) {
        this(planId, framework, release, files, stepsWritten, stepsLater, nextSteps, unsupported, sql, warnings, List.of());
    }

    /** A copy with the code changes that were written. */
    public WrittenMigrations withCode(List<WrittenCode> written) {
        return new WrittenMigrations(planId, framework, release, files, stepsWritten, stepsLater, nextSteps, unsupported, sql, warnings, written);
    }

    /**
     * @param path    relative to the repo, forward slashes
     * @param kind    up, down, undo, conf (Flyway script configuration), notes (rollout note), changelog (a Liquibase
     *                changelog with the release's changeSets) or changelog-include (the Liquibase master changelog
     *                that includes it)
     * @param sha256  of the file's bytes (after this call)
     * @param status  written (created by this call), updated (changelog-include: the include was added by this call)
     *                or unchanged (already there, byte for byte)
     * @param version the migration version; Liquibase: the changeSet ids; null for notes and changelog-include
     * @param steps   the plan steps it holds
     */
    public record WrittenFile(String path, String kind, String sha256, String status, String version, List<Integer> steps) {
    }

    /**
     * One file of the release's code changes.
     *
     * @param file   relative to the repo, forward slashes
     * @param status updated (edited by this call), unchanged (already holds the edit), manual (not edited: {@code why}
     *               says what to do by hand), none (needs no edit)
     * @param sha256 of the file's bytes after this call (manual, none: as the plan read them)
     * @param lines  the 1-based lines of the impacted places
     * @param why    what the edit does, or why it is left to the agent
     */
    public record WrittenCode(String file, String status, String sha256, List<Integer> lines, String why) {
        public WrittenCode {
            lines = List.copyOf(lines);
        }
    }
}
