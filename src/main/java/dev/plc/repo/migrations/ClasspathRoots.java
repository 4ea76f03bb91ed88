package dev.plc.repo.migrations;

import dev.plc.repo.RepoIndex;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Maps {@code classpath:} and {@code filesystem:} locations (Flyway, Liquibase, Spring) to repo folders. A
 * classpath folder can live in any module's {@code src/main/resources} (or {@code src/main/java} for compiled
 * migrations); test resources count only when nothing else matches.
 */
final class ClasspathRoots {

    private static final Pattern MODULE = Pattern.compile("(?:(.*?)/)?src/(?:main|test)/");

    private ClasspathRoots() {
    }

    private static final RepoIndex.Derived<Set<String>> MODULES = new RepoIndex.Derived<>(ClasspathRoots::findModules);

    /** Module folders: what precedes {@code src/main/} or {@code src/test/} in any path ("" = the repo root). */
    static Set<String> modules(RepoIndex repo) {
        return repo.derived(MODULES); // every location of every detector asks: one pass over the files
    }

    private static Set<String> findModules(RepoIndex repo) {
        Set<String> modules = new TreeSet<>();
        for (String file : repo.files()) {
            if (!file.contains("src/")) {
                continue;
            }
            var m = MODULE.matcher(file);
            if (m.lookingAt()) {
                modules.add(m.group(1) == null ? "" : m.group(1));
            }
        }
        return java.util.Collections.unmodifiableSet(modules);
    }

    /** The module a config file belongs to: the folder before {@code src/}, or the file's own folder. */
    static String moduleOf(String configFile) {
        var m = MODULE.matcher(configFile);
        if (m.lookingAt()) {
            return m.group(1) == null ? "" : m.group(1);
        }
        return RepoIndex.parent(configFile);
    }


    /** Existing resource folders for a classpath path in any module; the config's module when none exists yet. */
    static List<String> resourceDirs(RepoIndex repo, String classpathPath, String configModule) {
        String path = stripSlashes(classpathPath);
        List<String> main = existing(repo, modules(repo), "src/main/resources/" + path);
        if (!main.isEmpty()) {
            return main;
        }
        List<String> test = existing(repo, modules(repo), "src/test/resources/" + path);
        return test.isEmpty() ? List.of(RepoIndex.join(configModule, "src/main/resources/" + path)) : test;
    }

    /** Existing source folders (Java or Kotlin) that hold the classpath package of compiled migrations. */
    static List<String> sourceDirs(RepoIndex repo, String classpathPath) {
        String path = stripSlashes(classpathPath);
        List<String> dirs = new ArrayList<>(existing(repo, modules(repo), "src/main/java/" + path));
        dirs.addAll(existing(repo, modules(repo), "src/main/kotlin/" + path));
        return dirs;
    }

    private static List<String> existing(RepoIndex repo, Set<String> modules, String inModule) {
        List<String> found = new ArrayList<>();
        for (String module : modules) {
            for (String dir : expand(repo, RepoIndex.join(module, inModule))) {
                if (repo.dirExists(dir)) {
                    found.add(dir);
                }
            }
        }
        return found;
    }

    /** Spring's {@code {vendor}} placeholder (and a {@code *} wildcard) match any one folder name. */
    static List<String> expand(RepoIndex repo, String dir) {
        if (!dir.contains("{vendor}") && !dir.contains("*")) {
            return List.of(dir);
        }
        String regex = Pattern.quote(dir).replace("{vendor}", "\\E[^/]+\\Q").replace("*", "\\E[^/]*\\Q");
        Pattern pattern = Pattern.compile("(" + regex + ")/.*");
        Set<String> dirs = new TreeSet<>();
        repo.files().forEach(f -> {
            var m = pattern.matcher(f);
            if (m.matches()) {
                dirs.add(m.group(1));
            }
        });
        return List.copyOf(dirs);
    }

    private static String stripSlashes(String path) {
        return path.replaceAll("^/+", "").replaceAll("/+$", "");
    }
}
