package dev.plc.repo.migrations;

import dev.plc.repo.Evidence;
import dev.plc.repo.MigrationDetector;
import dev.plc.repo.MigrationFramework;
import dev.plc.repo.RepoIndex;
import dev.plc.repo.migrations.MigrationFiles.Versioned;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Django: {@code <app>/migrations/NNNN_<name>.py} files importing {@code django.db.migrations}. Versions are per
 * app; the reported last/next version is the app with the most migrations.
 */
public final class DjangoDetector implements MigrationDetector {

    private static final Pattern FILE = Pattern.compile("(\\d{4,})_(\\w+)\\.py");
    private static final Pattern IMPORT = Pattern.compile("from\\s+django\\.db\\s+import\\s+.*\\bmigrations\\b");
    private static final Pattern RAW = Pattern.compile("migrations\\.(RunPython|RunSQL)\\(");

    private final Clock clock;

    public DjangoDetector() {
        this(Clock.systemUTC());
    }

    public DjangoDetector(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return "django";
    }

    @Override
    public Optional<MigrationFramework> detect(RepoIndex repo) {
        List<String> files = repo.filesNamed(n -> FILE.matcher(n).matches())
                .filter(f -> RepoIndex.fileName(RepoIndex.parent(f)).equals("migrations"))
                .filter(f -> !MigrationFiles.isTestOrSample(f))
                .filter(f -> repo.firstMatch(f, IMPORT).isPresent())
                .toList();
        if (files.isEmpty()) {
            return Optional.empty();
        }
        Map<String, List<Versioned>> byApp = new TreeMap<>();
        MigrationFiles.versioned(files, FILE).forEach(v -> byApp.computeIfAbsent(RepoIndex.parent(v.file()), k -> new ArrayList<>()).add(v));
        Map.Entry<String, List<Versioned>> main = byApp.entrySet().stream()
                .max(Comparator.<Map.Entry<String, List<Versioned>>>comparingInt(e -> e.getValue().size())
                        .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                .orElseThrow();
        List<Versioned> appMigrations = main.getValue();
        List<Evidence> evidence = new ArrayList<>();
        repo.firstMatch(appMigrations.get(appMigrations.size() - 1).file(), IMPORT).ifPresent(evidence::add);
        byApp.values().forEach(v -> evidence.addAll(MigrationFiles.firstAndLast(v)));
        List<String> notes = notes(repo, byApp, main.getKey(), files);
        VersionScheme scheme = VersionScheme.of(MigrationFiles.versions(appMigrations), VersionScheme.INTEGER, clock);
        return Optional.of(MigrationFiles.framework(name(), List.copyOf(byApp.keySet()), "<NNNN>_<name>.py (per app)",
                MigrationFiles.lastFileName(appMigrations, null), files.size(), scheme, true, evidence, notes));
    }

    private static List<String> notes(RepoIndex repo, Map<String, List<Versioned>> byApp, String main, List<String> files) {
        List<String> notes = new ArrayList<>();
        notes.add("versions are per app; last/next version are those of " + app(main) + " (the app with the most migrations)");
        notes.add(byApp.entrySet().stream()
                .map(e -> app(e.getKey()) + ": " + e.getValue().size() + " (last " + RepoIndex.fileName(e.getValue().get(e.getValue().size() - 1).file()) + ")")
                .collect(Collectors.joining("; ", "per app: ", "")));
        notes.add("Django reverses schema operations itself (`migrate <app> <previous>`)");
        long raw = files.stream().filter(f -> repo.firstMatch(f, RAW).isPresent()).count();
        if (raw > 0) {
            notes.add(raw + " migration(s) use RunPython/RunSQL: reversible only when they pass reverse_code/reverse_sql");
        }
        return notes;
    }

    private static String app(String migrationsDir) {
        String app = RepoIndex.parent(migrationsDir);
        return app.isEmpty() ? "<root>" : RepoIndex.fileName(app);
    }
}
