package dev.plc.repo;

import java.util.Optional;

/** Finds one migration mechanism in a repository. Implementations are stateless. */
public interface MigrationDetector {

    /** The mechanism's stable id, as in {@link MigrationFramework#name()}. */
    String name();

    Optional<MigrationFramework> detect(RepoIndex repo);
}
