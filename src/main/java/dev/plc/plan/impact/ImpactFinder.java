package dev.plc.plan.impact;

import dev.plc.repo.RepoIndex;
import dev.plc.repo.TestPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds the code that references the tables and columns a planned change touches: SQL in string literals and
 * non-migration .sql files, MyBatis mappers, jOOQ generated classes and DSL code, JPA entities, Spring Data
 * repositories, and Django, Prisma and TypeORM models. Matching is by whole identifier, case-insensitive for SQL
 * names; a column in SQL counts only where the same statement names its table. Existing migrations, test code
 * (unless asked), build output and files over 1 MB are not read.
 */
public final class ImpactFinder {

    /** Larger files are generated or vendored; reading them costs time and adds nothing an agent would edit. */
    static final long MAX_FILE_BYTES = 1024 * 1024;

    /** Folders that hold migrations by convention, skipped even when no location is given. */
    private static final Set<String> MIGRATION_DIRS = Set.of("migration", "migrations");
    /** Flyway (V1__x.sql, U/R too) and golang-migrate/dbmate-style (000001_x.up.sql) file names: migrations wherever they live. */
    private static final java.util.regex.Pattern MIGRATION_FILE = java.util.regex.Pattern.compile(
            "(?i)^(?:[VUR]\\d[\\w.]*__.+|\\d{1,14}_.+\\.(?:up|down))\\.sql$");

    /**
     * @param migrationLocations repo-relative folders (or files) holding the migrations; never reported
     * @param includeTests       also report test code (by {@link TestPaths})
     */
    public record Options(Set<String> migrationLocations, boolean includeTests) {

        public Options {
            migrationLocations = migrationLocations == null ? Set.of() : migrationLocations.stream()
                    .map(l -> l.replace('\\', '/').replaceAll("^\\./", "").replaceAll("/+$", ""))
                    .filter(l -> !l.isBlank() && !l.equals("."))
                    .collect(Collectors.toUnmodifiableSet());
        }

        public static Options defaults() {
            return new Options(Set.of(), false);
        }

        public Options withMigrationLocations(Set<String> locations) {
            return new Options(locations, includeTests);
        }

        public Options withTests() {
            return new Options(migrationLocations, true);
        }
    }

    public List<ImpactedCode> find(RepoIndex repo, List<SchemaReference> references) {
        return find(repo, references, Options.defaults());
    }

    public List<ImpactedCode> find(RepoIndex repo, List<SchemaReference> references, Options options) {
        if (references.isEmpty()) {
            return List.of();
        }
        List<Target> targets = references.stream().distinct().map(Target::new).toList();
        List<SourceFile> files = new ArrayList<>();
        for (String path : repo.files()) {
            if (wanted(path, options)) {
                load(repo, path).ifPresent(files::add);
            }
        }
        Findings out = new Findings();
        Set<SourceFile> generated = new java.util.HashSet<>();
        List<String> generatedPackages = new ArrayList<>();
        List<JpaEntities.Entity> entities = new ArrayList<>();
        for (SourceFile file : files) {
            if (isJvm(file) && JooqScanner.isGenerated(file)) {
                generated.add(file);
                String pkg = JooqScanner.generatedPackage(file);
                if (pkg != null && !generatedPackages.contains(pkg)) {
                    generatedPackages.add(pkg);
                }
            } else if (isJvm(file)) {
                JpaEntities.read(file).ifPresent(entities::add);
            }
        }
        generated.forEach(file -> JooqScanner.scanGenerated(file, targets, out));
        JpaScanner.scan(entities, targets, out);
        for (SourceFile file : files) {
            if (generated.contains(file)) {
                continue;
            }
            switch (file.extension) {
                case "sql" -> SqlFileScanner.scan(file, targets, out);
                case "xml" -> {
                    if (MyBatisScanner.isMapper(file)) {
                        MyBatisScanner.scan(file, targets, out);
                    }
                }
                case "prisma" -> OrmModelScanner.scanPrisma(file, targets, out);
                default -> Language.of(file.extension).ifPresent(language -> scanSource(file, language, targets, entities, generatedPackages, out));
            }
        }
        return out.sorted();
    }

    private static void scanSource(SourceFile file, Language language, List<Target> targets, List<JpaEntities.Entity> entities,
                                   List<String> generatedPackages, Findings out) {
        if (isJvm(file)) {
            JooqScanner.scanDsl(file, targets, generatedPackages, out);
            SpringDataScanner.scan(file, language, entities, targets, out);
        } else if (language == Language.PYTHON) {
            OrmModelScanner.scanDjango(file, targets, out);
            SqlAlchemyScanner.scan(file, targets, out);
        } else if (language == Language.JAVASCRIPT) {
            OrmModelScanner.scanTypeOrm(file, targets, out);
        } else if (language == Language.GO) {
            GoStructScanner.scan(file, targets, out);
        }
        SqlStringScanner.scan(file, language, targets, out);
    }

    static boolean isJvm(SourceFile file) {
        return file.extension.equals("java") || file.extension.equals("kt");
    }

    /** Whether {@code path} can hold data-access code under {@code options} (sources, SQL, mapper XML; not tests or migrations). */
    public static boolean wanted(String path, Options options) {
        String extension = SourceFile.extensionOf(path);
        if (!Language.isSource(extension) && !extension.equals("sql") && !extension.equals("xml") && !extension.equals("prisma")) {
            return false;
        }
        if (!options.includeTests() && TestPaths.isTest(path)) {
            return false;
        }
        for (String location : options.migrationLocations()) {
            if (path.equals(location) || path.startsWith(location + "/")) {
                return false;
            }
        }
        if (extension.equals("sql") && MIGRATION_FILE.matcher(RepoIndex.fileName(path)).matches()) {
            return false;
        }
        String[] segments = path.split("/");
        for (int i = 0; i < segments.length - 1; i++) {
            if (MIGRATION_DIRS.contains(segments[i]) || segments[i].equals("migrate") && i > 0 && segments[i - 1].equals("db")) {
                return false;
            }
        }
        return true;
    }

    static Optional<SourceFile> load(RepoIndex repo, String path) {
        try {
            if (Files.size(repo.resolve(path)) > MAX_FILE_BYTES) {
                return Optional.empty();
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return repo.read(path).map(text -> new SourceFile(path, text));
    }
}
