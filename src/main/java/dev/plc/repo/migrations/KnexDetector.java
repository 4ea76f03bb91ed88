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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Knex: a knexfile ({@code migrations: { directory }}, default {@code ./migrations} next to it) and
 * {@code <timestamp>_<name>.(js|ts)} modules exporting {@code up} (and {@code down}).
 */
public final class KnexDetector implements MigrationDetector {

    private static final Pattern KNEXFILE = Pattern.compile("knexfile\\.(js|ts|mjs|cjs)");
    private static final Pattern FILE = Pattern.compile("(\\d{14})_(.+)\\.(js|ts|mjs|cjs)");
    private static final Pattern MIGRATIONS_BLOCK = Pattern.compile("migrations\\s*:\\s*\\{");
    private static final Pattern DIRECTORY = Pattern.compile("directory\\s*:\\s*(?:path\\.join\\(\\s*__dirname\\s*,\\s*)?['\"`]([^'\"`]+)['\"`]");
    private static final Pattern UP = Pattern.compile("exports\\.up\\b|export\\s+(?:async\\s+)?function\\s+up\\b|export\\s+const\\s+up\\b|up\\s*:\\s*(?:async\\s*)?(?:function|\\()");
    private static final Pattern DOWN = Pattern.compile("exports\\.down\\b|export\\s+(?:async\\s+)?function\\s+down\\b|export\\s+const\\s+down\\b|down\\s*:\\s*(?:async\\s*)?(?:function|\\()");
    private static final Pattern PACKAGE_DEPENDENCY = Pattern.compile("\"knex\"\\s*:");

    private final Clock clock;

    public KnexDetector() {
        this(Clock.systemUTC());
    }

    public KnexDetector(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return "knex";
    }

    @Override
    public Optional<MigrationFramework> detect(RepoIndex repo) {
        List<String> knexfiles = repo.filesNamed(n -> KNEXFILE.matcher(n).matches()).toList();
        Optional<Evidence> dependency = MigrationFiles.dependencyLine(repo, "package.json", PACKAGE_DEPENDENCY);
        if (knexfiles.isEmpty() && dependency.isEmpty()) {
            return Optional.empty();
        }
        List<Evidence> evidence = new ArrayList<>();
        List<String> dirs = new ArrayList<>();
        knexfiles.forEach(k -> dirs.add(directory(repo, k, evidence)));
        if (dirs.isEmpty()) {
            dirs.add("migrations");
        }
        dependency.ifPresent(evidence::add);
        List<String> files = dirs.stream().flatMap(repo::filesIn)
                .filter(f -> repo.read(f).map(t -> UP.matcher(t).find()).orElse(false)).toList();
        List<Versioned> migrations = MigrationFiles.versioned(files, FILE);
        if (knexfiles.isEmpty() && migrations.isEmpty()) {
            return Optional.empty(); // knex as a query builder only
        }
        evidence.addAll(MigrationFiles.firstAndLast(migrations));
        boolean hasDown = migrations.stream().anyMatch(v -> repo.read(v.file()).map(t -> DOWN.matcher(t).find()).orElse(false));
        VersionScheme scheme = VersionScheme.of(MigrationFiles.versions(migrations), VersionScheme.TIMESTAMP, clock);
        String extension = migrations.isEmpty() ? "js" : MigrationFiles.lastFileName(migrations, "").replaceAll(".*\\.", "");
        return Optional.of(MigrationFiles.framework(name(), dirs.stream().distinct().toList(), "<timestamp>_<name>." + extension,
                MigrationFiles.lastFileName(migrations, null), migrations.size(), scheme, hasDown, evidence, List.of()));
    }

    /** The knexfile's {@code migrations.directory}, relative to the knexfile; {@code ./migrations} by default. */
    private static String directory(RepoIndex repo, String knexfile, List<Evidence> evidence) {
        String text = repo.read(knexfile).orElse("");
        String base = RepoIndex.parent(knexfile);
        Matcher block = MIGRATIONS_BLOCK.matcher(text);
        if (block.find()) {
            Matcher dir = DIRECTORY.matcher(text);
            if (dir.find(block.end())) {
                evidence.add(MigrationFiles.evidenceAt(knexfile, text, dir.start()));
                return RepoIndex.join(base, dir.group(1));
            }
        }
        evidence.add(Evidence.ofFile(knexfile));
        return RepoIndex.join(base, "migrations");
    }
}
