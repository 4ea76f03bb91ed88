package dev.plc.repo.migrations;

import dev.plc.repo.RepoIndex;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How the repo runs Liquibase: the master changelog, the contexts and the label filter its configuration sets
 * (Spring's {@code spring.liquibase.*}, else {@code liquibase.properties}), and the folders Liquibase resolves
 * changelog paths against (the classpath roots, then the repo root).
 *
 * @param master        repo-relative path of the master changelog
 * @param changelogPath the master's path as Liquibase is given it (relative to the first root that holds it): it is
 *                      what Liquibase stores in DATABASECHANGELOG.FILENAME, as the application would
 * @param contexts      the contexts, comma-separated as Liquibase reads them; null: none set (every changeSet runs)
 * @param labels        the label filter expression; null: none set
 * @param roots         repo-relative folders to resolve changelog paths in, in order ("" = the repo root)
 * @param configuredBy  where contexts/labels were read from ("file:line"), for the report; empty when nothing was set
 */
public record LiquibaseSettings(String master, String changelogPath, String contexts, String labels, List<String> roots,
                                List<String> configuredBy) {

    private static final Pattern PROPERTIES_CONTEXTS = Pattern.compile("^\\s*(?:contexts|liquibase\\.command\\.contexts)\\s*[=:]\\s*(.+?)\\s*$");
    private static final Pattern PROPERTIES_LABELS = Pattern.compile(
            "^\\s*(?:labelFilter|label-filter|labels|liquibase\\.command\\.labelFilter)\\s*[=:]\\s*(.+?)\\s*$");

    /** The settings for {@code master} (repo-relative), read from the repo's configuration. */
    public static LiquibaseSettings of(RepoIndex repo, String master) {
        List<String> configuredBy = new ArrayList<>();
        String contexts = spring(repo, "spring.liquibase.contexts", configuredBy)
                .or(() -> properties(repo, PROPERTIES_CONTEXTS, configuredBy)).orElse(null);
        String labels = spring(repo, "spring.liquibase.label-filter", configuredBy)
                .or(() -> spring(repo, "spring.liquibase.labels", configuredBy))
                .or(() -> properties(repo, PROPERTIES_LABELS, configuredBy)).orElse(null);
        Set<String> roots = new LinkedHashSet<>();
        int resources = master.lastIndexOf("src/main/resources/");
        if (resources >= 0) {
            roots.add(master.substring(0, resources) + "src/main/resources");
        }
        for (String module : ClasspathRoots.modules(repo)) {
            String root = RepoIndex.join(module, "src/main/resources");
            if (repo.dirExists(root)) {
                roots.add(root);
            }
        }
        roots.add("");
        String root = roots.stream().filter(r -> r.isEmpty() || master.startsWith(r + "/")).findFirst().orElse("");
        String path = root.isEmpty() ? master : master.substring(root.length() + 1);
        return new LiquibaseSettings(master, path, contexts, labels, List.copyOf(roots), List.copyOf(configuredBy));
    }

    private static Optional<String> spring(RepoIndex repo, String key, List<String> configuredBy) {
        for (SpringConfig.Setting s : SpringConfig.read(repo, key)) {
            if (!s.values().isEmpty() && !s.values().get(0).isBlank()) {
                configuredBy.add(s.evidence().file() + ":" + s.evidence().line());
                return Optional.of(String.join(",", s.values()));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> properties(RepoIndex repo, Pattern key, List<String> configuredBy) {
        for (String file : repo.filesNamed(n -> n.equals("liquibase.properties")).filter(f -> !MigrationFiles.isTestOrSample(f)).toList()) {
            Optional<RepoIndex.Match> m = repo.find(file, key);
            if (m.isPresent()) {
                configuredBy.add(m.get().evidence().file() + ":" + m.get().evidence().line());
                return Optional.of(m.get().value());
            }
        }
        return Optional.empty();
    }
}
