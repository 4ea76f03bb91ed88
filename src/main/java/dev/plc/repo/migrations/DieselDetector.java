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
 * Diesel (Rust): {@code diesel.toml} and/or {@code migrations/<yyyy-mm-dd-hhmmss>_<name>/up.sql} + {@code down.sql}.
 * The {@code 00000000000000_diesel_initial_setup} folder that {@code diesel setup} writes is counted but never
 * decides the version format.
 */
public final class DieselDetector implements MigrationDetector {

    private static final Pattern FOLDER = Pattern.compile("(\\d{4}-\\d{2}-\\d{2}-\\d{6}|\\d{14})_(\\w+)");
    private static final Pattern DIR_SETTING = Pattern.compile("^\\s*dir\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern DEPENDENCY = Pattern.compile("^\\s*(diesel\\s*=|\\[dependencies\\.diesel])");
    private static final String TEMPLATE = "0000-00-00-000000";

    private final Clock clock;

    public DieselDetector() {
        this(Clock.systemUTC());
    }

    public DieselDetector(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return "diesel";
    }

    @Override
    public Optional<MigrationFramework> detect(RepoIndex repo) {
        List<Evidence> evidence = new ArrayList<>();
        Optional<String> toml = repo.filesNamed("diesel.toml"::equals).findFirst();
        List<String> dirs = new ArrayList<>();
        toml.ifPresent(t -> configuredDir(repo, t, dirs, evidence));
        List<Versioned> migrations = migrations(repo, dirs);
        if (toml.isEmpty() && migrations.isEmpty()) {
            return Optional.empty();
        }
        MigrationFiles.dependencyLine(repo, "Cargo.toml", DEPENDENCY).ifPresent(evidence::add);
        evidence.addAll(MigrationFiles.firstAndLast(migrations));
        List<String> locations = migrations.isEmpty()
                ? (dirs.isEmpty() ? List.of("migrations") : dirs)
                : migrations.stream().map(v -> RepoIndex.parent(RepoIndex.parent(v.file()))).distinct().toList();
        boolean hasDown = migrations.stream().anyMatch(v -> repo.exists(RepoIndex.parent(v.file()) + "/down.sql"));
        List<String> notes = new ArrayList<>(List.of("each migration is a folder <version>_<name>/ holding up.sql and down.sql"));
        String example = migrations.isEmpty() ? null : RepoIndex.fileName(RepoIndex.parent(migrations.get(migrations.size() - 1).file()));
        return Optional.of(MigrationFiles.framework(name(), locations, "<yyyy-mm-dd-hhmmss>_<name>/up.sql + down.sql", example,
                migrations.size(), scheme(migrations), hasDown, evidence, notes));
    }

    private static void configuredDir(RepoIndex repo, String toml, List<String> dirs, List<Evidence> evidence) {
        Optional<RepoIndex.Match> dir = repo.find(toml, DIR_SETTING);
        dir.ifPresent(m -> dirs.add(RepoIndex.join(RepoIndex.parent(toml), m.value())));
        evidence.add(dir.map(RepoIndex.Match::evidence)
                .or(() -> repo.firstMatch(toml, Pattern.compile("\\S"))).orElse(Evidence.ofFile(toml)));
    }

    /** {@code <dir>/<version>_<name>/up.sql}, anywhere when no dir is configured. */
    private static List<Versioned> migrations(RepoIndex repo, List<String> dirs) {
        List<Versioned> found = new ArrayList<>();
        for (String file : repo.filesNamed("up.sql"::equals).filter(f -> !MigrationFiles.isTestOrSample(f)).toList()) {
            String folder = RepoIndex.parent(file);
            var m = FOLDER.matcher(RepoIndex.fileName(folder));
            boolean inDir = dirs.isEmpty() ? RepoIndex.fileName(RepoIndex.parent(folder)).equals("migrations")
                    : dirs.contains(RepoIndex.parent(folder));
            if (m.matches() && inDir) {
                found.add(new Versioned(m.group(1), file));
            }
        }
        return MigrationFiles.sorted(found);
    }

    private VersionScheme scheme(List<Versioned> migrations) {
        List<String> dated = MigrationFiles.versions(migrations).stream().filter(v -> v.contains("-")).toList();
        if (dated.isEmpty()) {
            String last = migrations.isEmpty() ? null : migrations.get(migrations.size() - 1).version();
            return new VersionScheme(VersionScheme.TIMESTAMP, 0, last, VersionScheme.nextTimestamp(TEMPLATE, last, clock));
        }
        return VersionScheme.of(dated, VersionScheme.TIMESTAMP, clock);
    }
}
