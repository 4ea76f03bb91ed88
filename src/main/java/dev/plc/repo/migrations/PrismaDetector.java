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

/** Prisma Migrate: a {@code schema.prisma} with a datasource, and {@code migrations/<timestamp>_<name>/migration.sql} next to it. */
public final class PrismaDetector implements MigrationDetector {

    private static final Pattern DATASOURCE = Pattern.compile("^\\s*datasource\\s+\\w+\\s*\\{");
    private static final Pattern PROVIDER = Pattern.compile(
            "^\\s*provider\\s*=\\s*\"(postgresql|postgres|mysql|sqlite|sqlserver|cockroachdb|mongodb)\"");
    private static final Pattern FOLDER = Pattern.compile("(\\d{14})_(\\w+)");

    private final Clock clock;

    public PrismaDetector() {
        this(Clock.systemUTC());
    }

    public PrismaDetector(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return "prisma";
    }

    @Override
    public Optional<MigrationFramework> detect(RepoIndex repo) {
        Optional<String> schema = repo.filesNamed(n -> n.endsWith(".prisma"))
                .filter(f -> !MigrationFiles.isTestOrSample(f))
                .filter(f -> repo.firstMatch(f, DATASOURCE).isPresent())
                .findFirst();
        if (schema.isEmpty()) {
            return Optional.empty();
        }
        String prismaDir = prismaDir(schema.get());
        String migrationsDir = RepoIndex.join(prismaDir, "migrations");
        List<Versioned> migrations = migrations(repo, migrationsDir);
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(repo.firstMatch(schema.get(), PROVIDER).or(() -> repo.firstMatch(schema.get(), DATASOURCE)).orElseThrow());
        evidence.addAll(MigrationFiles.firstAndLast(migrations));
        List<String> notes = new ArrayList<>(List.of("Prisma Migrate has no down migrations (roll forward, or `prisma migrate diff` for a revert script)"));
        if (migrations.isEmpty()) {
            notes.add("no " + migrationsDir + " yet: the schema may be applied with `prisma db push`");
        }
        String example = migrations.isEmpty() ? null : RepoIndex.fileName(RepoIndex.parent(migrations.get(migrations.size() - 1).file()));
        VersionScheme scheme = VersionScheme.of(MigrationFiles.versions(migrations), VersionScheme.TIMESTAMP, clock);
        return Optional.of(MigrationFiles.framework(name(), List.of(migrationsDir), "<timestamp>_<name>/migration.sql", example,
                migrations.size(), scheme, false, evidence, notes));
    }

    /** prisma/schema.prisma, or a multi-file schema in prisma/schema/*.prisma: migrations live in prisma/. */
    private static String prismaDir(String schemaFile) {
        String dir = RepoIndex.parent(schemaFile);
        return RepoIndex.fileName(dir).equals("schema") ? RepoIndex.parent(dir) : dir;
    }

    private static List<Versioned> migrations(RepoIndex repo, String migrationsDir) {
        List<Versioned> found = new ArrayList<>();
        repo.filesUnder(migrationsDir).filter(f -> RepoIndex.fileName(f).equals("migration.sql")).forEach(f -> {
            var m = FOLDER.matcher(RepoIndex.fileName(RepoIndex.parent(f)));
            if (m.matches()) {
                found.add(new Versioned(m.group(1), f));
            }
        });
        return MigrationFiles.sorted(found);
    }
}
