package dev.plc.repo.migrations;

import dev.plc.repo.Evidence;
import dev.plc.repo.MigrationFramework;
import dev.plc.repo.RepoIndex;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/** Tiny fixture repos for detector tests. */
final class Fixtures {

    /** 2024-06-01T12:00:00Z: later than every timestamp used in the fixtures below unless a test says otherwise. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-06-01T12:00:00Z"), ZoneOffset.UTC);

    private Fixtures() {
    }

    /** Writes (path, content) pairs under {@code dir} and indexes it. */
    static RepoIndex repo(Path dir, String... pathsAndContents) {
        if (pathsAndContents.length % 2 != 0) {
            throw new IllegalArgumentException("expected (path, content) pairs");
        }
        try {
            for (int i = 0; i < pathsAndContents.length; i += 2) {
                Path file = dir.resolve(pathsAndContents[i]);
                Files.createDirectories(file.getParent());
                Files.writeString(file, pathsAndContents[i + 1]);
            }
            return RepoIndex.scan(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Optional<Evidence> evidenceIn(MigrationFramework framework, String file) {
        return framework.evidence().stream().filter(e -> e.file().equals(file)).findFirst();
    }
}
