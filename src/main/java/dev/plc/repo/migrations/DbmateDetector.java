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

/** dbmate: {@code <timestamp>_<name>.sql} with {@code -- migrate:up} and {@code -- migrate:down} sections (default {@code db/migrations}). */
public final class DbmateDetector implements MigrationDetector {

    private static final Pattern FILE = Pattern.compile("(\\d+)_(.+)\\.sql");
    private static final Pattern UP = Pattern.compile("^\\s*--\\s*migrate:up\\b");
    private static final Pattern DOWN = Pattern.compile("^\\s*--\\s*migrate:down\\b");
    private static final Pattern NO_TX = Pattern.compile("migrate:up\\s+transaction:false");
    private static final Pattern DIR_SETTING = Pattern.compile("DBMATE_MIGRATIONS_DIR\\s*[=:]\\s*\"?([^\"\\s]+)");

    private final Clock clock;

    public DbmateDetector() {
        this(Clock.systemUTC());
    }

    public DbmateDetector(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return "dbmate";
    }

    @Override
    public Optional<MigrationFramework> detect(RepoIndex repo) {
        List<String> files = repo.filesNamed(n -> FILE.matcher(n).matches())
                .filter(f -> !MigrationFiles.isTestOrSample(f))
                .filter(f -> repo.firstMatch(f, UP).isPresent())
                .toList();
        List<Versioned> migrations = MigrationFiles.versioned(files, FILE);
        if (migrations.isEmpty()) {
            return Optional.empty();
        }
        List<Evidence> evidence = new ArrayList<>();
        repo.firstMatch(migrations.get(0).file(), UP).ifPresent(evidence::add);
        repo.filesNamed(n -> n.equals(".env") || n.equals(".env.example"))
                .map(f -> repo.firstMatch(f, DIR_SETTING)).flatMap(Optional::stream).findFirst().ifPresent(evidence::add);
        evidence.addAll(MigrationFiles.firstAndLast(migrations));
        List<String> notes = new ArrayList<>();
        if (migrations.stream().anyMatch(v -> repo.firstMatch(v.file(), NO_TX).isPresent())) {
            notes.add("some migrations use `-- migrate:up transaction:false` (needed for CREATE INDEX CONCURRENTLY)");
        }
        boolean hasDown = migrations.stream().anyMatch(v -> MigrationFiles.hasStatementsAfter(repo.read(v.file()).orElse(""), DOWN, UP));
        VersionScheme scheme = VersionScheme.of(MigrationFiles.versions(migrations), VersionScheme.TIMESTAMP, clock);
        return Optional.of(MigrationFiles.framework(name(), MigrationFiles.parents(migrations),
                "<timestamp>_<name>.sql (-- migrate:up / -- migrate:down)", MigrationFiles.lastFileName(migrations, null),
                migrations.size(), scheme, hasDown, evidence, notes));
    }
}
