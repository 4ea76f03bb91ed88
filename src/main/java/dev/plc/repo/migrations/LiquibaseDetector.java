package dev.plc.repo.migrations;

import dev.plc.repo.Evidence;
import dev.plc.repo.MigrationDetector;
import dev.plc.repo.MigrationFramework;
import dev.plc.repo.RepoIndex;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Liquibase: the master changelog (Spring's {@code spring.liquibase.change-log}, {@code liquibase.properties}
 * {@code changeLogFile}, the Maven/Gradle plugin, or {@code db/changelog/db.changelog-master.*}), followed through
 * its {@code include}/{@code includeAll} entries. Versions are changeSet ids, so there is no next version.
 */
public final class LiquibaseDetector implements MigrationDetector {

    private static final Pattern DEFAULT_MASTER = Pattern.compile("(?:.*/)?db\\.changelog-master\\.(xml|ya?ml|json|sql)");
    private static final Pattern PROPERTIES_KEY = Pattern.compile("^\\s*(?:changeLogFile|changelogFile|changelog-file)\\s*[=:]\\s*(\\S+)");
    private static final Pattern POM_KEY = Pattern.compile("<changeLogFile>\\s*([^<\\s]+)\\s*</changeLogFile>");
    private static final Pattern GRADLE_KEY = Pattern.compile("change[Ll]og[Ff]ile\\s*[:=]?\\s*\\(?\\s*['\"]([^'\"]+)['\"]");
    private static final Pattern POM_DEPENDENCY = Pattern.compile("<artifactId>\\s*(liquibase-core|liquibase-maven-plugin|spring-boot-starter-liquibase)\\s*</artifactId>");
    private static final Pattern GRADLE_DEPENDENCY = Pattern.compile("org\\.liquibase");
    static final String DEFAULT_PATH = "src/main/resources/db/changelog/db.changelog-master.yaml";

    @Override
    public String name() {
        return "liquibase";
    }

    @Override
    public Optional<MigrationFramework> detect(RepoIndex repo) {
        List<Evidence> evidence = new ArrayList<>();
        Optional<String> master = configuredMaster(repo, evidence).or(() -> defaultMaster(repo));
        Optional<Evidence> dependency = dependency(repo);
        if (master.isEmpty() && dependency.isEmpty()) {
            return Optional.empty();
        }
        dependency.ifPresent(evidence::add);
        LiquibaseChangelog.Walk walk = master.map(m -> LiquibaseChangelog.walk(repo, m)).orElse(LiquibaseChangelog.Walk.EMPTY);
        evidence.addAll(walk.evidence());
        List<String> locations = new ArrayList<>(List.of(master.orElse(DEFAULT_PATH)));
        walk.files().stream().map(RepoIndex::parent).forEach(locations::add);
        List<String> ids = walk.ids();
        List<String> notes = new ArrayList<>();
        notes.add("Liquibase orders changeSets by include order and identifies them by id + author + file: a new changeSet needs a new unique id, not a next version");
        if (master.isEmpty()) {
            notes.add("no master changelog yet: Spring Boot's default is classpath:db/changelog/db.changelog-master.yaml");
        }
        if (!walk.hasRollback() && !ids.isEmpty()) {
            notes.add("no explicit rollback blocks: Liquibase can still generate rollbacks for many change types (createTable, addColumn, ...)");
        }
        walk.missing().forEach(m -> notes.add("included path not found: " + m));
        VersionScheme scheme = VersionScheme.of(ids, VersionScheme.NONE, Clock.systemUTC());
        VersionScheme idsOnly = new VersionScheme(scheme.style(), scheme.padWidth(), ids.isEmpty() ? null : ids.get(ids.size() - 1), null);
        String example = walk.files().isEmpty() ? master.map(RepoIndex::fileName).orElse(null)
                : RepoIndex.fileName(walk.files().get(walk.files().size() - 1));
        return Optional.of(MigrationFiles.framework(name(), locations, walk.pattern(), example, ids.size(), idsOnly,
                walk.hasRollback(), evidence, notes));
    }

    private static Optional<String> configuredMaster(RepoIndex repo, List<Evidence> evidence) {
        for (SpringConfig.Setting s : SpringConfig.read(repo, "spring.liquibase.change-log")) {
            Optional<String> file = resolveMaster(repo, s.values().get(0), s.file());
            if (file.isPresent()) {
                evidence.add(s.evidence());
                return file;
            }
        }
        List<String> configs = repo.filesNamed(n -> n.equals("liquibase.properties") || n.equals("pom.xml") || n.startsWith("build.gradle"))
                .filter(f -> !MigrationFiles.isTestOrSample(f)).toList();
        for (String config : configs) {
            Pattern key = config.endsWith(".properties") ? PROPERTIES_KEY : config.endsWith(".xml") ? POM_KEY : GRADLE_KEY;
            Optional<RepoIndex.Match> m = repo.find(config, key);
            if (m.isPresent()) {
                Optional<String> file = resolveMaster(repo, m.get().value(), config);
                if (file.isPresent()) {
                    evidence.add(m.get().evidence());
                    return file;
                }
            }
        }
        return Optional.empty();
    }

    /** Relative to the config's folder, to any module's resources, or to the repo root. */
    private static Optional<String> resolveMaster(RepoIndex repo, String value, String configFile) {
        String path = value.replaceFirst("^classpath\\*?:", "").replaceFirst("^/", "");
        Set<String> candidates = new LinkedHashSet<>();
        candidates.add(RepoIndex.join(RepoIndex.parent(configFile), path));
        for (String module : ClasspathRoots.modules(repo)) {
            candidates.add(RepoIndex.join(module, "src/main/resources/" + path));
        }
        candidates.add(path);
        return candidates.stream().filter(repo::exists).findFirst();
    }

    private static Optional<String> defaultMaster(RepoIndex repo) {
        return repo.files(f -> DEFAULT_MASTER.matcher(f).matches() && !MigrationFiles.isTestOrSample(f)).findFirst();
    }

    private static Optional<Evidence> dependency(RepoIndex repo) {
        return MigrationFiles.dependencyLine(repo, "pom.xml", POM_DEPENDENCY)
                .or(() -> MigrationFiles.dependencyLine(repo, "build.gradle", GRADLE_DEPENDENCY))
                .or(() -> MigrationFiles.dependencyLine(repo, "build.gradle.kts", GRADLE_DEPENDENCY));
    }
}
