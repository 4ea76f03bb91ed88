package dev.plc.repo.migrations;

import dev.plc.repo.Evidence;
import dev.plc.repo.MigrationDetector;
import dev.plc.repo.MigrationFramework;
import dev.plc.repo.RepoIndex;
import dev.plc.repo.migrations.MigrationFiles.Versioned;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Flyway: versioned {@code V<version>__<desc>.sql}, undo {@code U...}, repeatable {@code R__...} and Java/Kotlin
 * migrations, in the locations the repo configures (see {@link FlywayConfig}) or Flyway's default.
 */
public final class FlywayDetector implements MigrationDetector {

    static final Pattern VERSIONED_SQL = Pattern.compile("V(\\d+(?:[._]\\d+)*)__(.+)\\.sql");
    static final Pattern UNDO_SQL = Pattern.compile("U(\\d+(?:[._]\\d+)*)__(.+)\\.sql");
    static final Pattern REPEATABLE_SQL = Pattern.compile("R__(.+)\\.sql");
    static final Pattern VERSIONED_CODE = Pattern.compile("V(\\d+(?:_\\d+)*)__(\\w+)\\.(?:java|kt)");
    private static final Pattern DOWN_FOLDER = Pattern.compile("(?i).*(down|undo|rollback|revert).*");
    private static final Pattern DOWN_FILE = Pattern.compile("[VU](\\d+(?:[._]\\d+)*)__(.+)\\.sql");

    private final Clock clock;

    public FlywayDetector() {
        this(Clock.systemUTC());
    }

    public FlywayDetector(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return "flyway";
    }

    @Override
    public Optional<MigrationFramework> detect(RepoIndex repo) {
        List<FlywayConfig.Source> sources = FlywayConfig.locationSources(repo);
        Optional<Evidence> dependency = FlywayConfig.dependency(repo);
        List<String> notes = new ArrayList<>();
        List<String> sqlDirs = new ArrayList<>();
        List<String> codeDirs = new ArrayList<>();
        for (FlywayConfig.Source source : sources) {
            for (String location : source.locations()) {
                resolve(repo, location, source.baseDir(), source.module(), sqlDirs, codeDirs, notes);
            }
        }
        if (sources.isEmpty()) {
            resolve(repo, FlywayConfig.DEFAULT_LOCATION, "", dependency.map(e -> ClasspathRoots.moduleOf(e.file())).orElse(""),
                    sqlDirs, codeDirs, notes);
        }
        Scan scan = scan(repo, distinct(sqlDirs), distinct(codeDirs));
        boolean productionFiles = scan.versioned().stream().anyMatch(v -> !MigrationFiles.isTestOrSample(v.file()));
        if (sources.isEmpty() && dependency.isEmpty() && !productionFiles) {
            return Optional.empty(); // V files only in test fixtures are no evidence of Flyway
        }
        if (scan.locations().stream().anyMatch(l -> l.contains("src/test/"))) {
            notes.add("migrations found only in test resources (src/test/resources): no production location has files");
        }
        return Optional.of(result(repo, sources, dependency, scan, notes));
    }

    /** Adds the repo folders a Flyway location points to. */
    private static void resolve(RepoIndex repo, String location, String baseDir, String module,
                                List<String> sqlDirs, List<String> codeDirs, List<String> notes) {
        if (location.contains("${")) {
            notes.add("location " + location + " uses a placeholder that was not resolved");
            return;
        }
        if (location.startsWith("filesystem:")) {
            filesystemDir(repo, location.substring("filesystem:".length()), baseDir, notes).ifPresent(sqlDirs::add);
            return;
        }
        String path = location.startsWith("classpath:") ? location.substring("classpath:".length()) : location;
        sqlDirs.addAll(ClasspathRoots.resourceDirs(repo, path, module));
        codeDirs.addAll(ClasspathRoots.sourceDirs(repo, path));
    }

    /** Relative to the config file's folder when that exists, else to the repo root (Flyway's working directory). */
    private static Optional<String> filesystemDir(RepoIndex repo, String path, String baseDir, List<String> notes) {
        String root = repo.root().toString().replace('\\', '/');
        String relative = path.startsWith(root + "/") ? path.substring(root.length() + 1) : path;
        if (relative.startsWith("/")) {
            notes.add("location filesystem:" + path + " is outside the repository");
            return Optional.empty();
        }
        List<String> candidates = new ArrayList<>();
        for (String base : new LinkedHashSet<>(List.of(baseDir, ""))) {
            candidates.addAll(ClasspathRoots.expand(repo, RepoIndex.join(base, relative)));
        }
        return candidates.stream().filter(repo::dirExists).findFirst()
                .or(() -> Optional.of(RepoIndex.join("", relative)));
    }

    /** Migration files found under the resolved folders (Flyway scans locations recursively). */
    record Scan(List<String> locations, List<Versioned> versioned, List<Versioned> sql, List<Versioned> code,
                List<Versioned> undo, List<String> repeatable) {
    }

    private static Scan scan(RepoIndex repo, List<String> sqlDirs, List<String> codeDirs) {
        List<String> sqlFiles = sqlDirs.stream().flatMap(repo::filesUnder).distinct().toList();
        List<String> codeFiles = codeDirs.stream().flatMap(repo::filesUnder).distinct().toList();
        List<Versioned> sql = MigrationFiles.versioned(sqlFiles, VERSIONED_SQL);
        List<Versioned> code = MigrationFiles.versioned(codeFiles, VERSIONED_CODE);
        List<Versioned> all = new ArrayList<>(sql);
        all.addAll(code);
        List<String> repeatable = sqlFiles.stream().filter(f -> REPEATABLE_SQL.matcher(RepoIndex.fileName(f)).matches()).toList();
        List<String> locations = new ArrayList<>(sqlDirs);
        codeDirs.stream().filter(d -> !code.isEmpty()).forEach(locations::add);
        return new Scan(locations, MigrationFiles.sorted(all), sql, code,
                MigrationFiles.versioned(sqlFiles, UNDO_SQL), repeatable);
    }

    private MigrationFramework result(RepoIndex repo, List<FlywayConfig.Source> sources, Optional<Evidence> dependency,
                                      Scan scan, List<String> notes) {
        List<Evidence> evidence = new ArrayList<>();
        sources.forEach(s -> evidence.addAll(s.evidence()));
        dependency.ifPresent(evidence::add);
        evidence.addAll(MigrationFiles.firstAndLast(scan.versioned()));
        notes.add(sources.isEmpty()
                ? "no locations configured: Flyway's default " + FlywayConfig.DEFAULT_LOCATION
                : "locations from " + sources.stream().map(s -> s.kind() + " (" + s.file() + ")").distinct().collect(Collectors.joining(", ")));
        List<String> downDirs = downFolders(repo, scan);
        addNotes(scan, downDirs, notes);
        FlywayConfig.customNaming(repo).forEach(e -> {
            evidence.add(e);
            notes.add("custom migration naming configured at " + e + ": file names may not follow V<version>__<description>.sql");
        });
        VersionScheme scheme = VersionScheme.of(MigrationFiles.versions(scan.versioned()), VersionScheme.INTEGER, clock);
        List<Versioned> namingSource = scan.sql().isEmpty() ? scan.versioned() : scan.sql();
        return MigrationFiles.framework(name(), scan.locations(), "V<version>__<description>.sql",
                MigrationFiles.lastFileName(namingSource, "V1__create_tables.sql"), scan.versioned().size(), scheme,
                !scan.undo().isEmpty() || !downDirs.isEmpty(), evidence, notes);
    }

    private static void addNotes(Scan scan, List<String> downDirs, List<String> notes) {
        if (!scan.code().isEmpty()) {
            notes.add(scan.code().size() + " Java/Kotlin migration(s), e.g. " + RepoIndex.fileName(scan.code().get(0).file())
                    + ": they share the version sequence with the SQL files");
        }
        if (!scan.repeatable().isEmpty()) {
            notes.add(scan.repeatable().size() + " repeatable migration(s) (R__*.sql), re-applied when their checksum changes; not counted as versions");
        }
        if (!scan.undo().isEmpty()) {
            notes.add(scan.undo().size() + " undo migration(s) named U<version>__<description>.sql (e.g. "
                    + RepoIndex.fileName(scan.undo().get(scan.undo().size() - 1).file()) + "): applied only by Flyway Teams/Enterprise `undo`");
        }
        downDirs.forEach(d -> notes.add("down scripts kept in " + d + " (named like the V files; not applied by Flyway)"));
        duplicates(scan.versioned()).forEach((v, files) ->
                notes.add("version " + v + " is used by more than one migration (Flyway validate fails): " + files));
        if (scan.versioned().isEmpty()) {
            notes.add("no versioned migrations yet: the first one is V1__<description>.sql");
        }
    }

    /** Sibling folders of a location that hold down scripts named like its V files, e.g. db/migration-down. */
    private static List<String> downFolders(RepoIndex repo, Scan scan) {
        Set<String> versions = scan.sql().stream().map(v -> v.version().replace('_', '.')).collect(Collectors.toSet());
        Set<String> found = new LinkedHashSet<>();
        for (String location : scan.locations()) {
            String parent = RepoIndex.parent(location);
            repo.filesUnder(parent)
                    .filter(f -> !f.startsWith(location + "/"))
                    .filter(f -> isDownScript(f, parent, versions))
                    .map(f -> siblingFolder(f, parent))
                    .forEach(found::add);
        }
        return List.copyOf(found);
    }

    private static boolean isDownScript(String file, String parent, Set<String> versions) {
        String sibling = siblingFolder(file, parent);
        var m = DOWN_FILE.matcher(RepoIndex.fileName(file));
        return sibling != null && DOWN_FOLDER.matcher(RepoIndex.fileName(sibling)).matches()
                && m.matches() && versions.contains(m.group(1).replace('_', '.'));
    }

    private static String siblingFolder(String file, String parent) {
        String rest = parent.isEmpty() ? file : file.substring(parent.length() + 1);
        int slash = rest.indexOf('/');
        return slash < 0 ? null : RepoIndex.join(parent, rest.substring(0, slash));
    }

    private static Map<String, List<String>> duplicates(List<Versioned> migrations) {
        Map<String, List<String>> byVersion = new TreeMap<>();
        migrations.forEach(v -> byVersion.computeIfAbsent(normalized(v.version()), k -> new ArrayList<>()).add(v.file()));
        byVersion.values().removeIf(files -> files.size() < 2);
        return byVersion;
    }

    // Flyway reads 1_1, 1.1 and 1.01 as the same version
    private static String normalized(String version) {
        return Arrays.stream(version.split("[._]"))
                .map(p -> p.replaceFirst("^0+(?=\\d)", "")).collect(Collectors.joining("."));
    }

    private static List<String> distinct(List<String> dirs) {
        return List.copyOf(new LinkedHashSet<>(dirs));
    }
}
