package dev.plc.apply;

import dev.plc.repo.migrations.LiquibaseSettings;
import java.util.List;

/**
 * What to apply to build a repo's schema from scratch.
 *
 * @param framework       the migration framework id
 * @param flywayLocations repo-relative folders Flyway reads as they are (Flyway repos)
 * @param scripts         up scripts in version order (other SQL-file frameworks), applied through Flyway
 * @param unsupported     why the repo's migrations cannot be applied by this tool, or null
 * @param warnings        what will not be applied (Java migrations, ...) and other facts
 * @param liquibase       the master changelog and its contexts/labels (Liquibase repos, applied with Liquibase), or null
 */
public record MigrationSet(
        String framework,
        List<String> flywayLocations,
        List<UpScript> scripts,
        String unsupported,
        List<String> warnings,
        LiquibaseSettings liquibase) {

    public MigrationSet(String framework, List<String> flywayLocations, List<UpScript> scripts, String unsupported, List<String> warnings) {
        this(framework, flywayLocations, scripts, unsupported, warnings, null);
    }

    /**
     * @param version     numeric version, dotted (Flyway-compatible)
     * @param file        repo-relative file that holds the script
     * @param sql         the up part of the file
     * @param firstLine   the file line where {@code sql} starts (1-based)
     */
    public record UpScript(String version, String description, String file, String sql, int firstLine) {
    }

    public static MigrationSet unsupported(String framework, String why) {
        return new MigrationSet(framework, List.of(), List.of(), why, List.of());
    }

    public static MigrationSet liquibase(LiquibaseSettings settings, List<String> warnings) {
        return new MigrationSet("liquibase", List.of(), List.of(), null, warnings, settings);
    }

    public int size() {
        return scripts.size();
    }
}
