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

/** TypeORM: {@code <timestamp>-<Name>.ts} classes that implement {@code MigrationInterface} with {@code up} and {@code down}. */
public final class TypeOrmDetector implements MigrationDetector {

    private static final Pattern FILE = Pattern.compile("(\\d{10,})-(\\w+)\\.(ts|js)");
    private static final Pattern CLASS = Pattern.compile("implements\\s+MigrationInterface");
    private static final Pattern DOWN = Pattern.compile("(?s)\\bdown\\s*\\([^)]*\\)\\s*(?::\\s*Promise<\\w+>\\s*)?\\{(.*?)\\n\\s*}");

    private final Clock clock;

    public TypeOrmDetector() {
        this(Clock.systemUTC());
    }

    public TypeOrmDetector(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return "typeorm";
    }

    @Override
    public Optional<MigrationFramework> detect(RepoIndex repo) {
        List<String> files = repo.filesNamed(n -> FILE.matcher(n).matches())
                .filter(f -> !MigrationFiles.isTestOrSample(f))
                .filter(f -> repo.firstMatch(f, CLASS).isPresent())
                .toList();
        List<Versioned> migrations = MigrationFiles.versioned(files, FILE);
        if (migrations.isEmpty()) {
            return Optional.empty();
        }
        List<Evidence> evidence = new ArrayList<>();
        repo.firstMatch(migrations.get(migrations.size() - 1).file(), CLASS).ifPresent(evidence::add);
        evidence.addAll(MigrationFiles.firstAndLast(migrations));
        boolean hasDown = migrations.stream().anyMatch(v -> hasDown(repo.read(v.file()).orElse("")));
        List<String> notes = List.of("the version is the epoch-millisecond timestamp in the file and class name (e.g. AddUsers1700000000000)");
        VersionScheme scheme = VersionScheme.of(MigrationFiles.versions(migrations), VersionScheme.TIMESTAMP, clock);
        return Optional.of(MigrationFiles.framework(name(), MigrationFiles.parents(migrations), "<timestamp>-<Name>.ts",
                MigrationFiles.lastFileName(migrations, null), migrations.size(), scheme, hasDown, evidence, notes));
    }

    /** A {@code down} method whose body does something. */
    static boolean hasDown(String text) {
        var m = DOWN.matcher(text);
        while (m.find()) {
            if (!m.group(1).replaceAll("//[^\\n]*", "").isBlank()) {
                return true;
            }
        }
        return false;
    }
}
