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
 * sqlx (Rust): {@code <version>_<description>.sql}, or reversible {@code .up.sql}/{@code .down.sql} pairs, in a
 * crate's {@code migrations/} folder or the folder given to {@code sqlx::migrate!("...")}.
 */
public final class SqlxDetector implements MigrationDetector {

    private static final Pattern DEPENDENCY = Pattern.compile("^\\s*(sqlx\\s*=|\\[dependencies\\.sqlx]|sqlx\\s*\\.)");
    private static final Pattern MIGRATE_MACRO = Pattern.compile("sqlx::migrate!\\(\\s*\"([^\"]+)\"");
    private static final Pattern SIMPLE = Pattern.compile("(\\d+)_(.+?)(?<!\\.up|\\.down)\\.sql");
    private static final Pattern UP = Pattern.compile("(\\d+)_(.+)\\.up\\.sql");
    private static final Pattern DOWN = Pattern.compile("(\\d+)_(.+)\\.down\\.sql");

    private final Clock clock;

    public SqlxDetector() {
        this(Clock.systemUTC());
    }

    public SqlxDetector(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return "sqlx";
    }

    /** The Cargo.toml line that depends on sqlx. */
    static Optional<Evidence> sqlxDependency(RepoIndex repo) {
        return MigrationFiles.dependencyLine(repo, "Cargo.toml", DEPENDENCY);
    }

    /** Folders of the Cargo.toml files that depend on sqlx ("" = the repo root). */
    static List<String> sqlxCrates(RepoIndex repo) {
        return repo.filesNamed("Cargo.toml"::equals)
                .filter(c -> repo.firstMatch(c, DEPENDENCY).isPresent())
                .map(RepoIndex::parent).toList();
    }

    @Override
    public Optional<MigrationFramework> detect(RepoIndex repo) {
        Optional<Evidence> dependency = sqlxDependency(repo);
        if (dependency.isEmpty()) {
            return Optional.empty();
        }
        List<Evidence> evidence = new ArrayList<>(List.of(dependency.get()));
        List<String> dirs = migrationDirs(repo, evidence);
        List<String> files = dirs.stream().flatMap(repo::filesIn).toList();
        List<Versioned> simple = MigrationFiles.versioned(files, SIMPLE);
        List<Versioned> ups = MigrationFiles.versioned(files, UP);
        List<Versioned> migrations = new ArrayList<>(simple);
        migrations.addAll(ups);
        migrations = MigrationFiles.sorted(migrations);
        if (migrations.isEmpty() && dirs.stream().noneMatch(repo::dirExists)) {
            return Optional.empty(); // sqlx used for queries only
        }
        evidence.addAll(MigrationFiles.firstAndLast(migrations));
        boolean reversible = !MigrationFiles.versioned(files, DOWN).isEmpty();
        List<String> notes = new ArrayList<>();
        notes.add(reversible ? "reversible migrations: `sqlx migrate add -r` writes .up.sql/.down.sql pairs"
                : "simple migrations (no down): `sqlx migrate add` writes <version>_<description>.sql");
        String pattern = reversible ? "<version>_<description>.up.sql + <version>_<description>.down.sql" : "<version>_<description>.sql";
        VersionScheme scheme = VersionScheme.of(MigrationFiles.versions(migrations), VersionScheme.TIMESTAMP, clock);
        return Optional.of(MigrationFiles.framework(name(), dirs, pattern, MigrationFiles.lastFileName(migrations, null),
                migrations.size(), scheme, reversible, evidence, notes));
    }

    /** {@code migrate!("dir")} paths (relative to the crate), else each crate's {@code migrations/}. */
    private static List<String> migrationDirs(RepoIndex repo, List<Evidence> evidence) {
        List<String> dirs = new ArrayList<>();
        for (String source : repo.filesNamed(n -> n.endsWith(".rs")).toList()) {
            repo.find(source, MIGRATE_MACRO).ifPresent(m -> {
                dirs.add(RepoIndex.join(crateOf(repo, source), m.value()));
                evidence.add(m.evidence());
            });
        }
        if (dirs.isEmpty()) {
            repo.filesNamed("Cargo.toml"::equals)
                    .map(c -> RepoIndex.join(RepoIndex.parent(c), "migrations"))
                    .filter(repo::dirExists)
                    .forEach(dirs::add);
        }
        if (dirs.isEmpty()) {
            dirs.add("migrations");
        }
        return dirs.stream().distinct().toList();
    }

    private static String crateOf(RepoIndex repo, String source) {
        for (String dir = RepoIndex.parent(source); ; dir = RepoIndex.parent(dir)) {
            if (repo.exists(RepoIndex.join(dir, "Cargo.toml")) || dir.isEmpty()) {
                return dir;
            }
        }
    }
}
