package dev.plc.repo.dialect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Compares what the repository declares with the server a plan was proven on. PostgreSQL 10 and later are one
 * release line per major (15.4 and 15.20 behave alike); before 10, and for MySQL and MariaDB, the line is
 * major.minor (9.5 vs 9.6, 8.0 vs 8.4, 10.6 vs 10.11 differ in what runs instantly). A declaration that names
 * less ({@code mysql:8}) agrees with every server it covers (8.0.36).
 */
final class VersionMismatch {

    private static final Pattern NUMERIC = Pattern.compile("^(\\d+)(?:\\.(\\d+))?(?:\\.\\d+)*");
    // MariaDB through the MySQL protocol reports "5.5.5-10.11.19-MariaDB": the 5.5.5 is a compatibility prefix
    private static final Pattern MARIADB_PREFIX = Pattern.compile("^5\\.5\\.5-(?=\\d+\\.\\d+.*mariadb)", Pattern.CASE_INSENSITIVE);
    private static final int MAX_PLACES = 3;

    private VersionMismatch() {
    }

    static Optional<String> warning(List<ServerVersionHint> hints, String dialect, String serverVersion) {
        if (hints == null || dialect == null || serverVersion == null) {
            return Optional.empty();
        }
        Optional<String> family = Dialects.of(dialect.strip());
        String server = MARIADB_PREFIX.matcher(serverVersion.strip()).replaceFirst("");
        Matcher sm = NUMERIC.matcher(server);
        if (family.isEmpty() || !sm.find()) {
            return Optional.empty();
        }
        String fam = family.get();
        List<Integer> serverLine = line(fam, Integer.parseInt(sm.group(1)), sm.group(2) == null ? null : Integer.valueOf(sm.group(2)));
        String serverShown = fam + " " + sm.group();

        List<ServerVersionHint> same = hints.stream().filter(h -> h.dialect().equals(fam)).toList();
        List<ServerVersionHint> production = same.stream().filter(h -> !h.test()).toList();
        boolean testOnly = production.isEmpty();
        List<ServerVersionHint> chosen = testOnly ? same : production;
        if (chosen.isEmpty()) {
            return Optional.empty();
        }

        Map<List<Integer>, List<ServerVersionHint>> byLine = new LinkedHashMap<>();
        for (ServerVersionHint h : chosen) {
            byLine.computeIfAbsent(line(fam, h.major(), h.minor()), k -> new ArrayList<>()).add(h);
        }
        // mysql:8 next to mysql:8.0.36 is one declaration, said twice with more or less precision
        List<List<Integer>> declared = byLine.keySet().stream()
                .filter(k -> byLine.keySet().stream().noneMatch(o -> o.size() > k.size() && o.subList(0, k.size()).equals(k)))
                .toList();
        String forTests = testOnly ? " for its tests" : "";
        if (declared.size() == 1) {
            List<Integer> only = declared.get(0);
            if (covers(only, serverLine)) {
                return Optional.empty();
            }
            ServerVersionHint first = byLine.get(only).get(0);
            return Optional.of("the repo declares " + fam + " " + first.version() + forTests + " (" + places(byLine.get(only))
                    + ") but the plan was proven on " + serverShown + ": pass target_version " + first.version()
                    + " to plan for that server");
        }
        String each = declared.stream()
                .map(k -> byLine.get(k).get(0).version() + " (" + places(byLine.get(k)) + ")")
                .collect(Collectors.joining(", "));
        return Optional.of("the repo declares " + declared.size() + " different " + fam + " versions" + forTests + ": " + each
                + "; the plan was proven on " + serverShown + ": pass target_version with the version production runs to plan for that server");
    }

    /** The release line a version belongs to: [15] for PostgreSQL 15.4, [9, 6] for 9.6.24, [8, 0] for MySQL 8.0.36. */
    private static List<Integer> line(String dialect, int major, Integer minor) {
        boolean majorOnly = dialect.equals("postgresql") && major >= 10;
        return majorOnly || minor == null ? List.of(major) : List.of(major, minor);
    }

    /** Whether the declared line names the server's (a shorter declaration covers every longer one it prefixes). */
    private static boolean covers(List<Integer> declared, List<Integer> server) {
        return declared.size() <= server.size() && server.subList(0, declared.size()).equals(declared);
    }

    private static String places(List<ServerVersionHint> hints) {
        List<String> shown = hints.stream().map(h -> h.evidence().toString()).distinct().toList();
        String listed = String.join(", ", shown.subList(0, Math.min(MAX_PLACES, shown.size())));
        return shown.size() > MAX_PLACES ? listed + String.format(Locale.ROOT, " and %d more", shown.size() - MAX_PLACES) : listed;
    }
}
