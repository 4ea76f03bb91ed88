package dev.plc.repo.migrations;

import dev.plc.repo.Evidence;
import dev.plc.repo.MigrationDetector;
import dev.plc.repo.MigrationFramework;
import dev.plc.repo.Naming;
import dev.plc.repo.RepoIndex;
import dev.plc.repo.migrations.MigrationFiles.Versioned;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Alembic: {@code alembic.ini} ({@code script_location}) or {@code [tool.alembic]} in pyproject.toml, and
 * {@code <script_location>/versions/*.py} revisions. Revision ids are hashes chained by {@code down_revision}, so
 * they are ordered by the chain and there is no "next version" to compute.
 */
public final class AlembicDetector implements MigrationDetector {

    private static final Pattern SCRIPT_LOCATION = Pattern.compile("^\\s*script_location\\s*=\\s*\"?([^\"\\s]+)\"?");
    private static final Pattern TOOL_SECTION = Pattern.compile("^\\s*\\[tool\\.alembic]");
    private static final Pattern REVISION = Pattern.compile("^revision\\s*(?::[^=]+)?=\\s*['\"]([^'\"]+)['\"]");
    private static final Pattern DOWN_REVISION = Pattern.compile("^down_revision\\s*(?::[^=]+)?=\\s*(.+)$");
    private static final Pattern QUOTED = Pattern.compile("['\"]([^'\"]+)['\"]");
    private static final Pattern DOWNGRADE = Pattern.compile("^def\\s+downgrade\\s*\\(");

    /** One revision file. */
    private record Revision(String id, List<String> downs, String file) {
    }

    @Override
    public String name() {
        return "alembic";
    }

    @Override
    public Optional<MigrationFramework> detect(RepoIndex repo) {
        List<Evidence> evidence = new ArrayList<>();
        List<String> locations = scriptLocations(repo, evidence);
        List<Revision> revisions = locations.stream()
                .flatMap(l -> repo.filesUnder(l + "/versions"))
                .filter(f -> f.endsWith(".py"))
                .map(f -> revision(repo, f)).flatMap(Optional::stream)
                .collect(Collectors.toCollection(ArrayList::new));
        if (locations.isEmpty()) {
            return Optional.empty();
        }
        List<Revision> ordered = byChain(revisions);
        List<Versioned> asVersioned = ordered.stream().map(r -> new Versioned(r.id(), r.file())).toList();
        List<String> heads = heads(ordered);
        List<String> notes = new ArrayList<>(List.of("revision ids are hashes ordered by down_revision: "
                + "`alembic revision -m <message>` picks the next id and sets down_revision to the current head"));
        if (heads.size() > 1) {
            notes.add("multiple heads " + heads + ": an `alembic merge` is needed before the next revision");
        }
        String last = ordered.isEmpty() ? null : ordered.get(ordered.size() - 1).id();
        if (!ordered.isEmpty()) {
            repo.firstMatch(ordered.get(ordered.size() - 1).file(), REVISION).ifPresent(evidence::add);
        }
        evidence.addAll(firstAndLast(asVersioned));
        boolean hasDown = ordered.stream().anyMatch(r -> hasDowngrade(repo.lines(r.file())));
        Naming naming = new Naming("<revision>_<slug>.py", MigrationFiles.lastFileName(asVersioned, null), VersionScheme.NONE, 0);
        return Optional.of(new MigrationFramework(name(), locations.stream().map(l -> l + "/versions").toList(), naming,
                ordered.size(), last, null, hasDown, List.copyOf(new LinkedHashSet<>(evidence)), notes));
    }

    private static List<Evidence> firstAndLast(List<Versioned> ordered) {
        // already in chain order: MigrationFiles.firstAndLast would re-sort them by text
        if (ordered.isEmpty()) {
            return List.of();
        }
        return List.of(Evidence.ofFile(ordered.get(0).file()), Evidence.ofFile(ordered.get(ordered.size() - 1).file()));
    }

    private static List<String> scriptLocations(RepoIndex repo, List<Evidence> evidence) {
        List<String> locations = new ArrayList<>();
        for (String ini : repo.filesNamed("alembic.ini"::equals).filter(f -> !MigrationFiles.isTestOrSample(f)).toList()) {
            Optional<RepoIndex.Match> m = repo.find(ini, SCRIPT_LOCATION);
            m.ifPresent(match -> evidence.add(match.evidence()));
            // Flask-Migrate keeps alembic.ini inside the script folder, without script_location
            locations.add(m.map(match -> resolve(RepoIndex.parent(ini), match.value())).orElse(RepoIndex.parent(ini)));
        }
        for (String pyproject : repo.filesNamed("pyproject.toml"::equals).toList()) {
            pyprojectLocation(repo, pyproject, evidence).ifPresent(locations::add);
        }
        if (locations.isEmpty()) {
            // no config found: a folder with env.py, script.py.mako and versions/ is an Alembic script folder
            repo.filesNamed("script.py.mako"::equals).map(RepoIndex::parent)
                    .filter(d -> repo.exists(RepoIndex.join(d, "env.py")) && repo.dirExists(RepoIndex.join(d, "versions")))
                    .forEach(locations::add);
        }
        return locations.stream().distinct().toList();
    }

    private static Optional<String> pyprojectLocation(RepoIndex repo, String pyproject, List<Evidence> evidence) {
        List<String> lines = repo.lines(pyproject);
        boolean inSection = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.strip().startsWith("[")) {
                inSection = TOOL_SECTION.matcher(line).find();
            } else if (inSection) {
                Matcher m = SCRIPT_LOCATION.matcher(line);
                if (m.find()) {
                    evidence.add(new Evidence(pyproject, i + 1, line));
                    return Optional.of(resolve(RepoIndex.parent(pyproject), m.group(1)));
                }
            }
        }
        return Optional.empty();
    }

    /** {@code %(here)s/alembic}, {@code alembic}, or a package path {@code myapp:migrations}. */
    private static String resolve(String base, String location) {
        String path = location.replace("%(here)s/", "").replace("%(here)s", "").replace(':', '/');
        return RepoIndex.join(base, path);
    }

    private static Optional<Revision> revision(RepoIndex repo, String file) {
        Optional<RepoIndex.Match> id = repo.find(file, REVISION);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        List<String> downs = repo.find(file, DOWN_REVISION)
                .map(m -> QUOTED.matcher(m.value()).results().map(r -> r.group(1)).toList())
                .orElse(List.of());
        return Optional.of(new Revision(id.get().value(), downs, file));
    }

    /** Depth in the down_revision graph first (base = 0), file name second. */
    private static List<Revision> byChain(List<Revision> revisions) {
        Map<String, Revision> byId = revisions.stream().collect(Collectors.toMap(Revision::id, r -> r, (a, b) -> a));
        Map<String, Integer> depth = new HashMap<>();
        revisions.forEach(r -> depth(r.id(), byId, depth, new HashSet<>()));
        List<Revision> ordered = new ArrayList<>(revisions);
        ordered.sort(Comparator.<Revision>comparingInt(r -> depth.get(r.id())).thenComparing(Revision::file));
        return ordered;
    }

    private static int depth(String id, Map<String, Revision> byId, Map<String, Integer> depth, Set<String> visiting) {
        Integer known = depth.get(id);
        Revision revision = byId.get(id);
        if (known != null || revision == null || !visiting.add(id)) {
            return known != null ? known : 0; // unknown parent or a cycle: treat as a base
        }
        int d = revision.downs().stream().mapToInt(p -> depth(p, byId, depth, visiting) + (byId.containsKey(p) ? 1 : 0)).max().orElse(0);
        depth.put(id, d);
        return d;
    }

    private static List<String> heads(List<Revision> revisions) {
        Set<String> parents = revisions.stream().flatMap(r -> r.downs().stream()).collect(Collectors.toSet());
        return revisions.stream().map(Revision::id).filter(id -> !parents.contains(id)).toList();
    }

    /** A downgrade() whose body is more than {@code pass}, comments and docstrings. */
    static boolean hasDowngrade(List<String> lines) {
        boolean inBody = false;
        for (String line : lines) {
            if (DOWNGRADE.matcher(line).find()) {
                inBody = true;
                continue;
            }
            String s = line.strip();
            if (inBody && !line.isBlank() && !Character.isWhitespace(line.charAt(0))) {
                return false; // next top-level statement: the body was empty
            }
            if (inBody && !s.isEmpty() && !s.equals("pass") && !s.startsWith("#") && !s.startsWith("\"\"\"") && !s.startsWith("'''")) {
                return true;
            }
        }
        return false;
    }
}
