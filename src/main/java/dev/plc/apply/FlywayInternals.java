package dev.plc.apply;

import java.util.Optional;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.executor.MigrationExecutor;
import org.flywaydb.core.api.resolver.ResolvedMigration;
import org.flywaydb.core.internal.info.MigrationInfoImpl;
import org.flywaydb.core.internal.sqlscript.FlywaySqlScriptException;

/**
 * Every use this project makes of a Flyway class outside Flyway's public API ({@code org.flywaydb.core.internal}), in
 * one place, with no reflection. A Flyway upgrade that renames or changes one of them fails to compile here, or fails
 * {@code FlywayInternalsTest}, which exercises each of them on a real migration; nothing else needs to be looked at.
 */
final class FlywayInternals {

    private FlywayInternals() {
    }

    /**
     * The executor Flyway resolved for a pending migration ({@code MigrationInfoImpl.getResolvedMigration()}); empty
     * when the info is not Flyway's own implementation or has no resolved migration.
     */
    static Optional<MigrationExecutor> executor(MigrationInfo migration) {
        if (!(migration instanceof MigrationInfoImpl impl)) {
            return Optional.empty();
        }
        return Optional.ofNullable(impl.getResolvedMigration()).map(ResolvedMigration::getExecutor);
    }

    /**
     * Where a statement of a migration failed, as Flyway's {@code FlywaySqlScriptException} says it.
     *
     * @param fileName   the script's file name (null when Flyway did not name it)
     * @param pathOnDisk the script's absolute path (null when it is not a file)
     * @param line       the statement's first line in the script
     * @param cause      the exception itself, to read the database's error from
     */
    record ScriptFailure(String fileName, String pathOnDisk, int line, String statement, String message, Throwable cause) {
    }

    /** The first {@code FlywaySqlScriptException} in {@code error}'s causes, read. */
    static Optional<ScriptFailure> scriptFailure(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof FlywaySqlScriptException script) {
                String fileName = script.getResource() == null ? null : script.getResource().getFilename();
                String path = script.getResource() == null ? null : script.getResource().getAbsolutePathOnDisk();
                return Optional.of(new ScriptFailure(fileName, path, script.getLineNumber(), script.getStatement(), script.getMessage(), script));
            }
        }
        return Optional.empty();
    }
}
