package dev.plc.repo.migrations;

import dev.plc.repo.Evidence;
import dev.plc.repo.RepoIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.toml.TomlMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a repo tells Flyway to look for migrations. Sources are tried in Flyway's own order of specificity:
 * {@code flyway.conf}, {@code flyway.toml}, Spring Boot properties, the Maven plugin, the Gradle plugin, and a
 * Docker Compose bind mount onto the official image's {@code /flyway/sql}; the first kind of source that names
 * locations wins.
 */
final class FlywayConfig {

    private static final Logger LOG = LoggerFactory.getLogger(FlywayConfig.class);
    static final String DEFAULT_LOCATION = "classpath:db/migration";

    private static final Pattern CONF_LOCATIONS = Pattern.compile("^\\s*flyway\\.locations\\s*[=:]\\s*(.*)$");
    private static final Pattern TOML_LOCATIONS = Pattern.compile("^\\s*locations\\s*=");
    private static final Pattern MAVEN_LOCATION = Pattern.compile("<location>\\s*([^<]+?)\\s*</location>|<locations>\\s*([^<]+?)\\s*</locations>");
    private static final Pattern GRADLE_BLOCK = Pattern.compile("\\bflyway\\s*\\{");
    private static final Pattern GRADLE_LOCATIONS = Pattern.compile("locations\\s*=\\s*(?:\\[|arrayOf\\(|listOf\\()([^\\])]*)[\\])]");
    private static final Pattern QUOTED = Pattern.compile("[\"']([^\"']+)[\"']");
    private static final Pattern POM_DEPENDENCY = Pattern.compile(
            "<artifactId>\\s*(flyway-core|flyway-database-\\w+|flyway-mysql|flyway-sqlserver|spring-boot-starter-flyway|spring-boot-flyway|flyway-maven-plugin)\\s*</artifactId>");
    private static final Pattern GRADLE_DEPENDENCY = Pattern.compile("org\\.flywaydb|flyway-core|spring-boot-starter-flyway");
    private static final Pattern CUSTOM_NAMING = Pattern.compile(
            "(?i)(sqlMigrationPrefix|sqlMigrationSeparator|sqlMigrationSuffixes|repeatableSqlMigrationPrefix|sql-migration-prefix|sql-migration-separator|sql-migration-suffixes)");
    private static final Pattern COMPOSE_FILE = Pattern.compile("(docker-)?compose([.\\w-]*)?\\.ya?ml");
    // the official image reads filesystem:/flyway/sql, so a bind mount onto it names the location
    private static final Pattern COMPOSE_VOLUME = Pattern.compile("[\"'\\s]((?:\\./)?[^:\"'\\s$]+):/flyway/sql(?:[:\"'\\s]|$)");
    private static final TomlMapper TOML = TomlMapper.builder().build();

    /**
     * Locations named by one config file.
     *
     * @param kind      where they come from, for the notes ({@code flyway.conf}, {@code spring}, ...)
     * @param baseDir   folder that {@code filesystem:} locations are relative to, besides the repo root
     * @param module    module whose resources a not-yet-existing {@code classpath:} location belongs to
     */
    record Source(String kind, String file, List<String> locations, String baseDir, String module, List<Evidence> evidence) {
    }

    private FlywayConfig() {
    }

    /** The sources of the first kind that names any location, empty when none does. */
    static List<Source> locationSources(RepoIndex repo) {
        List<Function<RepoIndex, List<Source>>> kinds = List.of(
                FlywayConfig::fromConf, FlywayConfig::fromToml, FlywayConfig::fromSpring,
                FlywayConfig::fromMaven, FlywayConfig::fromGradle, FlywayConfig::fromDockerCompose);
        for (Function<RepoIndex, List<Source>> kind : kinds) {
            List<Source> sources = kind.apply(repo);
            if (!sources.isEmpty()) {
                return sources;
            }
        }
        return List.of();
    }

    static List<Source> fromConf(RepoIndex repo) {
        List<Source> sources = new ArrayList<>();
        for (String file : production(repo, "flyway.conf")) {
            repo.find(file, CONF_LOCATIONS).ifPresent(m -> sources.add(new Source("flyway.conf", file,
                    SpringConfig.splitList(m.value()), RepoIndex.parent(file), RepoIndex.parent(file), List.of(m.evidence()))));
        }
        return sources;
    }

    static List<Source> fromToml(RepoIndex repo) {
        List<Source> sources = new ArrayList<>();
        for (String file : production(repo, "flyway.toml")) {
            List<String> locations = tomlLocations(repo, file);
            if (!locations.isEmpty()) {
                List<Evidence> evidence = repo.matches(file, TOML_LOCATIONS, 5);
                sources.add(new Source("flyway.toml", file, locations, RepoIndex.parent(file), RepoIndex.parent(file), evidence));
            }
        }
        return sources;
    }

    /** {@code [flyway] locations} and every {@code [environments.<env>.flyway] locations}. */
    private static List<String> tomlLocations(RepoIndex repo, String file) {
        List<String> locations = new ArrayList<>();
        try {
            JsonNode root = TOML.readTree(repo.read(file).orElse(""));
            locations.addAll(values(root.path("flyway").path("locations")));
            for (Map.Entry<String, JsonNode> env : root.path("environments").properties()) {
                locations.addAll(values(env.getValue().path("flyway").path("locations")));
                locations.addAll(values(env.getValue().path("locations")));
            }
        } catch (JacksonException e) {
            LOG.debug("{} is not valid TOML: {}", file, e.getOriginalMessage());
        }
        return locations.stream().distinct().toList();
    }

    private static List<String> values(JsonNode node) {
        if (node.isArray()) {
            return node.values().stream().map(JsonNode::asString).toList();
        }
        return node.isValueNode() ? SpringConfig.splitList(node.asString()) : List.of();
    }

    static List<Source> fromSpring(RepoIndex repo) {
        return SpringConfig.read(repo, "spring.flyway.locations").stream()
                .map(s -> new Source("spring.flyway.locations", s.file(), s.values(), "", ClasspathRoots.moduleOf(s.file()), List.of(s.evidence())))
                .toList();
    }

    static List<Source> fromMaven(RepoIndex repo) {
        List<Source> sources = new ArrayList<>();
        for (String pom : production(repo, "pom.xml")) {
            String text = repo.read(pom).orElse("");
            int plugin = text.indexOf("flyway-maven-plugin");
            if (plugin < 0) {
                continue;
            }
            int end = text.indexOf("</plugin>", plugin);
            List<String> locations = new ArrayList<>();
            List<Evidence> evidence = new ArrayList<>();
            Matcher m = MAVEN_LOCATION.matcher(text).region(plugin, end < 0 ? text.length() : end);
            while (m.find()) {
                locations.addAll(SpringConfig.splitList(m.group(1) != null ? m.group(1) : m.group(2)));
                evidence.add(MigrationFiles.evidenceAt(pom, text, m.start()));
            }
            if (!locations.isEmpty()) {
                sources.add(new Source("flyway-maven-plugin", pom, locations, RepoIndex.parent(pom), RepoIndex.parent(pom), evidence));
            }
        }
        return sources;
    }

    static List<Source> fromGradle(RepoIndex repo) {
        List<Source> sources = new ArrayList<>();
        List<String> builds = repo.filesNamed(n -> n.equals("build.gradle") || n.equals("build.gradle.kts"))
                .filter(f -> !MigrationFiles.isTestOrSample(f)).toList();
        for (String build : builds) {
            String text = repo.read(build).orElse("");
            Matcher block = GRADLE_BLOCK.matcher(text);
            if (!block.find()) {
                continue;
            }
            Matcher m = GRADLE_LOCATIONS.matcher(text);
            if (m.find(block.end())) {
                List<String> locations = QUOTED.matcher(m.group(1)).results().map(r -> r.group(1)).toList();
                sources.add(new Source("gradle flyway { locations }", build, locations, RepoIndex.parent(build),
                        RepoIndex.parent(build), List.of(MigrationFiles.evidenceAt(build, text, m.start()))));
            }
        }
        return sources;
    }

    static List<Source> fromDockerCompose(RepoIndex repo) {
        List<Source> sources = new ArrayList<>();
        for (String compose : repo.filesNamed(n -> COMPOSE_FILE.matcher(n).matches()).filter(f -> !MigrationFiles.isTestOrSample(f)).toList()) {
            List<String> lines = repo.lines(compose);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = COMPOSE_VOLUME.matcher(" " + lines.get(i));
                if (m.find()) {
                    sources.add(new Source("docker compose volume on /flyway/sql", compose, List.of("filesystem:" + m.group(1)),
                            RepoIndex.parent(compose), RepoIndex.parent(compose), List.of(new Evidence(compose, i + 1, lines.get(i)))));
                }
            }
        }
        return sources;
    }

    /** A build file line that puts Flyway on the classpath (or the Flyway build plugin). */
    static Optional<Evidence> dependency(RepoIndex repo) {
        Optional<Evidence> maven = MigrationFiles.dependencyLine(repo, "pom.xml", POM_DEPENDENCY);
        if (maven.isPresent()) {
            return maven;
        }
        Optional<Evidence> gradle = MigrationFiles.dependencyLine(repo, "build.gradle", GRADLE_DEPENDENCY);
        return gradle.isPresent() ? gradle : MigrationFiles.dependencyLine(repo, "build.gradle.kts", GRADLE_DEPENDENCY);
    }

    /** Config lines that change Flyway's file naming, which this detector does not model. */
    static List<Evidence> customNaming(RepoIndex repo) {
        List<Evidence> found = new ArrayList<>();
        for (String file : production(repo, "flyway.conf", "flyway.toml")) {
            found.addAll(repo.matches(file, CUSTOM_NAMING, 3));
        }
        for (String file : SpringConfig.applicationFiles(repo)) {
            found.addAll(repo.matches(file, Pattern.compile("flyway.*" + CUSTOM_NAMING.pattern()), 3));
        }
        return found;
    }

    private static List<String> production(RepoIndex repo, String... names) {
        List<String> wanted = List.of(names);
        return repo.filesNamed(wanted::contains).filter(f -> !MigrationFiles.isTestOrSample(f)).toList();
    }
}
