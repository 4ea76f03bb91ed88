package dev.plc.repo.dialect;

import dev.plc.repo.DialectFinding;
import dev.plc.repo.Evidence;
import dev.plc.repo.RepoIndex;
import dev.plc.repo.dialect.DialectHint.Strength;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds the SQL dialect of a repository from connection URLs, ORM providers, container images and drivers, and, weakest
 * of all, from syntax only one dialect accepts in its .sql files.
 * The production database wins: H2 or SQLite that only tests use never outranks PostgreSQL in the
 * application's own configuration; such dialects are reported in {@code others}.
 */
public final class DialectDetector {

    private static final int MAX_EVIDENCE = 8;
    private static final Set<String> EMBEDDED = Set.of("h2", "sqlite");

    /** Strongest first: production before test, configured before image before dependency. */
    private static final Comparator<DialectHint> STRONGEST_FIRST = Comparator
            .comparing(DialectHint::test)
            .thenComparing(DialectHint::strength)
            .thenComparing(h -> h.evidence().file())
            .thenComparingInt(h -> h.evidence().line());

    public DialectFinding detect(RepoIndex repo) {
        List<DialectHint> hints = new ArrayList<>(LineRules.scan(repo));
        hints.addAll(DependencyHints.scan(repo));
        hints.addAll(SqlSyntaxHints.scan(repo));
        Map<String, List<DialectHint>> byDialect = group(hints);
        if (byDialect.isEmpty()) {
            return DialectFinding.unknown();
        }
        List<String> ranked = byDialect.keySet().stream()
                .sorted(Comparator.comparing((String d) -> rank(byDialect.get(d))).thenComparing(d -> d))
                .toList();
        ranked = mariadbBehindMysqlProtocol(ranked, byDialect);
        String winner = ranked.get(0);
        List<DialectHint> winning = byDialect.get(winner);
        return new DialectFinding(winner, confidence(winning.get(0)), evidence(ranked, byDialect), ranked.subList(1, ranked.size()));
    }

    /**
     * MariaDB is reached through MySQL drivers and URLs (go-sql-driver/mysql, sql.Open("mysql"), jdbc:mysql:), but a
     * MySQL server is never run from a mariadb image: a production mariadb image decides the family unless a mysql
     * image is there too.
     */
    private static List<String> mariadbBehindMysqlProtocol(List<String> ranked, Map<String, List<DialectHint>> byDialect) {
        if (!ranked.get(0).equals("mysql") || !byDialect.containsKey("mariadb")
                || byDialect.get("mysql").stream().anyMatch(h -> h.strength() == Strength.IMAGE)
                || byDialect.get("mariadb").stream().noneMatch(h -> !h.test() && h.strength() == Strength.IMAGE)) {
            return ranked;
        }
        List<String> reordered = new ArrayList<>(ranked);
        reordered.remove("mariadb");
        reordered.add(0, "mariadb");
        return reordered;
    }

    /** Hints per dialect, strongest first, one per file line. */
    private static Map<String, List<DialectHint>> group(List<DialectHint> hints) {
        Map<String, List<DialectHint>> byDialect = new LinkedHashMap<>();
        for (DialectHint hint : hints.stream().sorted(STRONGEST_FIRST).toList()) {
            List<DialectHint> list = byDialect.computeIfAbsent(hint.dialect(), d -> new ArrayList<>());
            if (list.stream().noneMatch(h -> h.evidence().equals(hint.evidence()))) {
                list.add(hint);
            }
        }
        return byDialect;
    }

    /** Smaller is stronger: the best hint decides, then how many production hints agree. */
    private static Rank rank(List<DialectHint> hints) {
        DialectHint best = hints.get(0);
        long production = hints.stream().filter(h -> !h.test()).count();
        return new Rank(best.test(), best.strength(), EMBEDDED.contains(best.dialect()), -production, -hints.size());
    }

    /**
     * An embedded database next to a server one of the same strength is the local/dev convenience (H2 in
     * runtime scope beside the PostgreSQL driver), so it loses the tie whatever the counts.
     */
    private record Rank(boolean test, Strength strength, boolean embedded, long production, long all) implements Comparable<Rank> {
        @Override
        public int compareTo(Rank o) {
            return Comparator.comparing(Rank::test).thenComparing(Rank::strength).thenComparing(Rank::embedded)
                    .thenComparingLong(Rank::production).thenComparingLong(Rank::all).compare(this, o);
        }
    }

    private static String confidence(DialectHint best) {
        if (best.test()) {
            return "low";
        }
        return best.strength() == Strength.CONFIGURED ? "high" : best.strength() == Strength.SQL ? "low" : "medium";
    }

    /** The winner's hints first, strongest first, keeping room for the best hint of each other dialect. */
    private static List<Evidence> evidence(List<String> ranked, Map<String, List<DialectHint>> byDialect) {
        List<String> others = ranked.subList(1, ranked.size());
        int room = MAX_EVIDENCE - Math.min(others.size(), MAX_EVIDENCE / 2);
        Set<Evidence> evidence = new LinkedHashSet<>();
        byDialect.get(ranked.get(0)).stream().limit(room).forEach(h -> evidence.add(h.evidence()));
        others.forEach(d -> evidence.add(byDialect.get(d).get(0).evidence()));
        return evidence.stream().limit(MAX_EVIDENCE).collect(Collectors.toList());
    }
}
