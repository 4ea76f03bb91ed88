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

/**
 * golang-migrate: {@code <version>_<title>.up.sql} with optional {@code .down.sql} twins. sqlx reads the same
 * names, so files inside crates that depend on sqlx are left to {@link SqlxDetector}; goose annotations rule a file out.
 */
public final class GolangMigrateDetector implements MigrationDetector {

    private static final Pattern UP = Pattern.compile("(\\d+)_(.+)\\.up\\.sql");
    private static final Pattern DOWN = Pattern.compile("(\\d+)_(.+)\\.down\\.sql");
    private static final Pattern GO_MOD = Pattern.compile("github\\.com/golang-migrate/migrate");
    private static final Pattern OTHER_TOOL = Pattern.compile("(?i)--\\s*\\+goose|--\\s*migrate:up");

    private final Clock clock;

    public GolangMigrateDetector() {
        this(Clock.systemUTC());
    }

    public GolangMigrateDetector(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return "golang-migrate";
    }

    @Override
    public Optional<MigrationFramework> detect(RepoIndex repo) {
        List<String> sqlxCrates = SqlxDetector.sqlxCrates(repo);
        List<String> candidates = repo.filesNamed(n -> UP.matcher(n).matches() || DOWN.matcher(n).matches())
                .filter(f -> !MigrationFiles.isTestOrSample(f))
                .filter(f -> sqlxCrates.stream().noneMatch(c -> c.isEmpty() || f.startsWith(c + "/")))
                .filter(f -> repo.read(f).map(t -> !OTHER_TOOL.matcher(t).find()).orElse(true))
                .toList();
        List<Versioned> ups = MigrationFiles.versioned(candidates, UP);
        if (ups.isEmpty()) {
            return Optional.empty();
        }
        List<Versioned> downs = MigrationFiles.versioned(candidates, DOWN);
        List<Evidence> evidence = new ArrayList<>();
        MigrationFiles.dependencyLine(repo, "go.mod", GO_MOD).ifPresent(evidence::add);
        evidence.addAll(MigrationFiles.firstAndLast(ups));
        List<String> notes = new ArrayList<>();
        long unpaired = ups.stream().filter(u -> downs.stream().noneMatch(d -> d.version().equals(u.version()))).count();
        if (!downs.isEmpty() && unpaired > 0) {
            notes.add(unpaired + " up migration(s) without a .down.sql twin");
        }
        VersionScheme scheme = VersionScheme.of(MigrationFiles.versions(ups), VersionScheme.INTEGER, clock);
        return Optional.of(MigrationFiles.framework(name(), MigrationFiles.parents(ups), "<version>_<title>.up.sql + <version>_<title>.down.sql",
                MigrationFiles.lastFileName(ups, null), ups.size(), scheme, !downs.isEmpty(), evidence, notes));
    }
}
