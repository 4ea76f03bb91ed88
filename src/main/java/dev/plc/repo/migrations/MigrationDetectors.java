package dev.plc.repo.migrations;

import dev.plc.repo.MigrationFramework;
import dev.plc.repo.RepoIndex;
import java.util.List;

/** STUB until the detectors branch lands. */
public final class MigrationDetectors {
    public static List<MigrationFramework> detectAll(RepoIndex repo) {
        return List.of();
    }
}
