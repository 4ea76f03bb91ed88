package dev.plc.repo.migrations;

import dev.plc.repo.Evidence;
import dev.plc.repo.RepoIndex;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Walks a Liquibase changelog tree in include order: XML, YAML/JSON and formatted SQL. */
final class LiquibaseChangelog {

    private static final Pattern XML_TAG = Pattern.compile("<(includeAll|include|changeSet)\\b([^>]*)>");
    private static final Pattern XML_ROLLBACK = Pattern.compile("<rollback\\b");
    private static final Pattern KEY = Pattern.compile("^[\\s\\-{\\[]*[\"']?(changeSet|includeAll|include|id|file|path|rollback)[\"']?\\s*:\\s*[\"']?([^\"',}]*)");
    private static final Pattern SQL_CHANGESET = Pattern.compile("^\\s*--\\s*changeset\\s+([^:\\s]+):(\\S+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern SQL_ROLLBACK = Pattern.compile("^\\s*--\\s*rollback\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern CHANGELOG_FILE = Pattern.compile(".*\\.(xml|ya?ml|json|sql)");

    /** What the walk found: changeSet ids with their lines, included files in order, and rollback presence. */
    record Walk(List<String> ids, List<Evidence> changeSets, List<String> files, List<String> missing, boolean hasRollback,
                String pattern, List<Evidence> includes) {

        static final Walk EMPTY = new Walk(List.of(), List.of(), List.of(), List.of(), false, "<changeSet id=\"<id>\" author=\"<author>\">", List.of());

        /** The first include or changeSet of the master, and the last changeSet. */
        List<Evidence> evidence() {
            List<Evidence> evidence = new ArrayList<>();
            if (!includes.isEmpty()) {
                evidence.add(includes.get(0));
            }
            if (!changeSets.isEmpty()) {
                evidence.add(changeSets.get(0));
                evidence.add(changeSets.get(changeSets.size() - 1));
            }
            return evidence;
        }
    }

    private final RepoIndex repo;
    private final String master;
    private final Set<String> modules;
    private final Set<String> visited = new LinkedHashSet<>();
    private final List<String> ids = new ArrayList<>();
    private final List<Evidence> changeSets = new ArrayList<>();
    private final List<Evidence> includes = new ArrayList<>();
    private final List<String> missing = new ArrayList<>();
    private boolean hasRollback;

    private LiquibaseChangelog(RepoIndex repo, String master) {
        this.repo = repo;
        this.master = master;
        this.modules = ClasspathRoots.modules(repo); // walked once: changelogs can include thousands of files
    }

    static Walk walk(RepoIndex repo, String master) {
        LiquibaseChangelog walker = new LiquibaseChangelog(repo, master);
        walker.visit(master);
        List<String> files = walker.visited.stream().filter(f -> !f.equals(master)).toList();
        String last = walker.changeSets.isEmpty() ? master : walker.changeSets.get(walker.changeSets.size() - 1).file();
        return new Walk(List.copyOf(walker.ids), List.copyOf(walker.changeSets), files, List.copyOf(walker.missing),
                walker.hasRollback, pattern(last), List.copyOf(walker.includes));
    }

    private static String pattern(String file) {
        if (file.endsWith(".sql")) {
            return "--changeset <author>:<id>";
        }
        if (file.endsWith(".xml")) {
            return "<changeSet id=\"<id>\" author=\"<author>\">";
        }
        return file.endsWith(".json") ? "{\"changeSet\": {\"id\": \"<id>\", \"author\": \"<author>\"}}" : "- changeSet: {id: <id>, author: <author>}";
    }

    private void visit(String file) {
        if (!visited.add(file)) {
            return; // Liquibase ignores a changelog included twice; so do we, and it stops cycles
        }
        if (file.endsWith(".xml")) {
            visitXml(file);
        } else if (file.endsWith(".sql")) {
            visitSql(file);
        } else {
            visitStructured(file);
        }
    }

    private void visitXml(String file) {
        String text = repo.read(file).orElse("");
        hasRollback |= XML_ROLLBACK.matcher(text).find();
        Matcher m = XML_TAG.matcher(text);
        while (m.find()) {
            String attributes = m.group(2);
            Evidence at = MigrationFiles.evidenceAt(file, text, m.start());
            switch (m.group(1)) {
                case "changeSet" -> changeSet(attribute(attributes, "id"), at);
                case "include" -> include(file, attribute(attributes, "file"), at, false);
                default -> include(file, attribute(attributes, "path"), at, true);
            }
        }
    }

    private static String attribute(String attributes, String name) {
        Matcher m = Pattern.compile("\\b" + name + "\\s*=\\s*[\"']([^\"']*)[\"']").matcher(attributes);
        return m.find() ? m.group(1) : null;
    }

    /** YAML and JSON changelogs: the key after {@code changeSet:} / {@code include:} / {@code includeAll:}. */
    private void visitStructured(String file) {
        List<String> lines = repo.lines(file);
        String pending = null;
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = KEY.matcher(lines.get(i));
            if (!m.find()) {
                continue;
            }
            String key = m.group(1);
            String value = m.group(2).strip();
            Evidence at = new Evidence(file, i + 1, lines.get(i));
            switch (key) {
                case "changeSet", "include", "includeAll" -> pending = key;
                case "rollback" -> hasRollback = true;
                case "id" -> pending = "changeSet".equals(pending) ? handled(() -> changeSet(value, at)) : pending;
                case "file" -> pending = "include".equals(pending) ? handled(() -> include(file, value, at, false)) : pending;
                default -> pending = "includeAll".equals(pending) ? handled(() -> include(file, value, at, true)) : pending;
            }
        }
    }

    private static String handled(Runnable action) {
        action.run();
        return null;
    }

    private void visitSql(String file) {
        List<String> lines = repo.lines(file);
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = SQL_CHANGESET.matcher(lines.get(i));
            if (m.find()) {
                changeSet(m.group(2), new Evidence(file, i + 1, lines.get(i)));
            }
            hasRollback |= SQL_ROLLBACK.matcher(lines.get(i)).find();
        }
    }

    private void changeSet(String id, Evidence at) {
        if (id != null && !id.isBlank()) {
            ids.add(id);
            changeSets.add(at);
        }
    }

    private void include(String from, String path, Evidence at, boolean all) {
        if (path == null || path.isBlank()) {
            return;
        }
        if (from.equals(master)) {
            includes.add(at);
        }
        List<String> candidates = candidates(from, path);
        for (String candidate : candidates) {
            if (!all && repo.exists(candidate)) {
                visit(candidate);
                return;
            }
            if (all && repo.dirExists(candidate)) {
                // includeAll applies the folder's changelogs in path order
                repo.filesUnder(candidate).filter(f -> CHANGELOG_FILE.matcher(f).matches()).sorted().forEach(this::visit);
                return;
            }
        }
        missing.add(path + " (from " + at + ")");
    }

    /** Relative to the including file, to its resources root, to any module's resources, to the repo root. */
    private List<String> candidates(String from, String path) {
        String clean = path.replaceFirst("^classpath\\*?:", "").replaceFirst("^/", "");
        Set<String> candidates = new LinkedHashSet<>();
        candidates.add(RepoIndex.join(RepoIndex.parent(from), clean));
        int resources = from.indexOf("src/main/resources/");
        if (resources >= 0) {
            candidates.add(from.substring(0, resources) + "src/main/resources/" + clean);
        }
        candidates.add(RepoIndex.join(RepoIndex.parent(master), clean));
        for (String module : modules) {
            candidates.add(RepoIndex.join(module, "src/main/resources/" + clean));
        }
        candidates.add(clean);
        return List.copyOf(candidates);
    }
}
