package dev.plc.repo.migrations;

import dev.plc.repo.Evidence;
import dev.plc.repo.MigrationDetector;
import dev.plc.repo.MigrationFramework;
import dev.plc.repo.RepoIndex;
import dev.plc.repo.migrations.MigrationFiles.Versioned;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Rails (ActiveRecord): {@code db/migrate/<timestamp>_<name>.rb} (or {@code db/<database>_migrate/}) subclassing {@code ActiveRecord::Migration}. */
public final class RailsDetector implements MigrationDetector {

    private static final Pattern FILE = Pattern.compile("(\\d+)_(\\w+)\\.rb");
    private static final Pattern FOLDER = Pattern.compile("(?:.*/)?db/(?:\\w+_)?migrate");
    private static final Pattern CLASS = Pattern.compile("<\\s*ActiveRecord::Migration");
    private static final Pattern DOWN = Pattern.compile("^\\s*def\\s+down\\b");
    private static final Pattern CHANGE = Pattern.compile("^\\s*def\\s+change\\b");

    private final Clock clock;

    public RailsDetector() {
        this(Clock.systemUTC());
    }

    public RailsDetector(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return "rails";
    }

    @Override
    public Optional<MigrationFramework> detect(RepoIndex repo) {
        List<String> files = repo.filesNamed(n -> FILE.matcher(n).matches())
                .filter(f -> FOLDER.matcher(RepoIndex.parent(f)).matches())
                .filter(f -> repo.firstMatch(f, CLASS).isPresent())
                .toList();
        List<Versioned> migrations = MigrationFiles.versioned(files, FILE);
        if (migrations.isEmpty()) {
            return Optional.empty();
        }
        List<Evidence> evidence = new ArrayList<>();
        repo.firstMatch(migrations.get(migrations.size() - 1).file(), CLASS).ifPresent(evidence::add);
        evidence.addAll(MigrationFiles.firstAndLast(migrations));
        long downs = migrations.stream().filter(v -> repo.firstMatch(v.file(), DOWN).isPresent()).count();
        long changes = migrations.stream().filter(v -> repo.firstMatch(v.file(), CHANGE).isPresent()).count();
        List<String> notes = new ArrayList<>();
        if (changes > 0) {
            notes.add(changes + " migration(s) use `def change`: Rails reverses them automatically, except irreversible operations");
        }
        if (downs > 0) {
            notes.add(downs + " migration(s) define an explicit `def down`");
        }
        VersionScheme scheme = VersionScheme.of(MigrationFiles.versions(migrations), VersionScheme.TIMESTAMP, clock);
        return Optional.of(MigrationFiles.framework(name(), MigrationFiles.parents(migrations), "<timestamp>_<name>.rb",
                MigrationFiles.lastFileName(migrations, null), migrations.size(), scheme, downs + changes > 0, evidence, notes));
    }
}
