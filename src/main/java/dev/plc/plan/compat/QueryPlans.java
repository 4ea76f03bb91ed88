package dev.plc.plan.compat;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import dev.plc.db.Dialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * How the repo's queries reach each table at each rollout state, read from the database's own {@code EXPLAIN}, and
 * the queries a state leaves without an index: one that an index served in an earlier state where its code ran and
 * that reads the whole table in a later one (a dropped or renamed index, a type change that breaks index use), and a
 * query only the changed code runs whose filter no index serves.
 *
 * <p>The question asked is whether an index <em>can</em> serve the query, not what the planner would pick for the few
 * rows of a scratch database: PostgreSQL plans with sequential scans priced out ({@code enable_seqscan = off}) and a
 * generic plan ({@code plan_cache_mode = force_generic_plan}, so parameters stay parameters instead of NULLs folded
 * away), which leaves a Seq Scan only where no index applies; MariaDB/MySQL report {@code possible_keys}, the indexes
 * that apply whatever the row count. Nothing is executed: {@code EXPLAIN} without {@code ANALYZE} only plans.
 */
final class QueryPlans {

    /** How one query reaches one table (PostgreSQL: relation name; MariaDB/MySQL: the table or alias EXPLAIN names). */
    record Access(Set<String> indexes, boolean full, String filter) {
    }

    private record Observed(QueryExtractor.Query query, Set<String> codes, TreeMap<Integer, Map<String, Access>> states) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Dialect dialect;
    private final Map<String, Observed> bySql = new LinkedHashMap<>();
    private final Set<Integer> statesExplained = new LinkedHashSet<>();
    private int failed;

    QueryPlans(Dialect dialect) {
        this.dialect = dialect;
    }

    static boolean supported(Dialect dialect) {
        return dialect == Dialect.POSTGRESQL || dialect.isMysqlFamily();
    }

    /**
     * Plans {@code query} on the schema {@code c} has now, while it is prepared (PostgreSQL: under the name
     * {@code prepared}; MariaDB/MySQL prepare its EXPLAIN themselves), and tells how it reaches each table; empty when
     * its plan is not read (not a dialect plans are read on, a plain INSERT, or a plan that could not be read: counted).
     */
    java.util.Optional<Map<String, Access>> plan(Connection c, int state, String prepared, QueryExtractor.Query query) {
        if (!supported(dialect) || !reads(query) || dialect == Dialect.POSTGRESQL && prepared == null) {
            return java.util.Optional.empty();
        }
        statesExplained.add(state);
        try {
            return java.util.Optional.of(dialect == Dialect.POSTGRESQL ? postgres(c, prepared) : mysql(c, query.sql(), query.parameters().size()));
        } catch (SQLException | RuntimeException e) {
            failed++; // the query prepared: a plan that cannot be read is not a finding, and is counted in the summary
            return java.util.Optional.empty();
        }
    }

    /** Records the plan of a query that passed its check at {@code state}. */
    void record(int state, QueryExtractor.Query query, String code, Map<String, Access> access) {
        Observed seen = bySql.computeIfAbsent(query.sql(), s -> new Observed(query, new LinkedHashSet<>(), new TreeMap<>()));
        seen.codes().add(code);
        seen.states().put(state, access);
    }

    /** Queries that find rows: a plain INSERT ... VALUES reads no table. */
    private static boolean reads(QueryExtractor.Query query) {
        String s = query.sql().strip().toLowerCase(java.util.Locale.ROOT);
        return !(s.startsWith("insert") || s.startsWith("replace")) || s.contains("select");
    }

    /** The generic plan of the statement prepared as {@code prepared}, with sequential scans priced out. */
    private static Map<String, Access> postgres(Connection c, String prepared) throws SQLException {
        try (Statement s = c.createStatement()) {
            try {
                // both are read when the statement is planned, at EXECUTE: PREPARE only parses it
                s.execute("SET enable_seqscan = off");
                s.execute("SET plan_cache_mode = force_generic_plan");
                int parameters = 0;
                try (java.sql.PreparedStatement p = c.prepareStatement("SELECT cardinality(parameter_types) FROM pg_prepared_statements WHERE name = ?")) {
                    p.setString(1, prepared);
                    try (ResultSet rs = p.executeQuery()) {
                        if (rs.next()) {
                            parameters = rs.getInt(1);
                        }
                    }
                }
                String args = parameters == 0 ? "" : "(" + String.join(", ", java.util.Collections.nCopies(parameters, "NULL")) + ")";
                try (ResultSet rs = s.executeQuery("EXPLAIN (FORMAT JSON, COSTS OFF) EXECUTE " + prepared + args)) {
                    rs.next();
                    Map<String, Access> out = new LinkedHashMap<>();
                    for (JsonNode plan : JSON.readTree(rs.getString(1))) {
                        walk(plan.path("Plan"), out);
                    }
                    return out;
                } catch (JacksonException e) {
                    throw new SQLException("unreadable EXPLAIN output: " + e.getOriginalMessage(), e);
                }
            } finally {
                s.execute("RESET enable_seqscan");
                s.execute("RESET plan_cache_mode");
            }
        }
    }

    /**
     * A Seq Scan, or an index scan without an Index Cond (an index read end to end, chosen because sequential scans
     * are priced out), reads the whole table; an index scan with an Index Cond, or a bitmap scan over index scans, uses
     * those indexes.
     */
    private static void walk(JsonNode node, Map<String, Access> out) {
        String type = node.path("Node Type").asString();
        String relation = node.path("Relation Name").asString(null);
        if (relation != null) {
            switch (type) {
                case "Seq Scan" -> add(out, relation, new Access(Set.of(), true, node.path("Filter").asString(null)));
                case "Index Scan", "Index Only Scan" -> add(out, relation, node.has("Index Cond")
                        ? new Access(Set.of(node.path("Index Name").asString()), false, null)
                        : new Access(Set.of(), true, node.path("Filter").asString(null)));
                case "Bitmap Heap Scan" -> {
                    Set<String> indexes = new LinkedHashSet<>();
                    bitmapIndexes(node, indexes);
                    add(out, relation, new Access(indexes, indexes.isEmpty(), null));
                }
                default -> {
                }
            }
        }
        for (JsonNode child : node.path("Plans")) {
            walk(child, out);
        }
    }

    private static void bitmapIndexes(JsonNode node, Set<String> out) {
        for (JsonNode child : node.path("Plans")) {
            if (child.has("Index Name")) {
                out.add(child.path("Index Name").asString());
            }
            bitmapIndexes(child, out);
        }
    }

    private static Map<String, Access> mysql(Connection c, String sql, int parameters) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("PREPARE plc_explain FROM " + CompatibilityChecker.mysqlString("EXPLAIN " + sql));
            try {
                // any value plans like any other here: possible_keys depends on the condition, not the value; '1' compares
                // with numbers and strings without a conversion that would rule an index out
                s.execute("SET @plc_p = '1'");
                String using = parameters == 0 ? "" : " USING " + String.join(", ", java.util.Collections.nCopies(parameters, "@plc_p"));
                Map<String, Access> out = new LinkedHashMap<>();
                try (ResultSet rs = s.executeQuery("EXECUTE plc_explain" + using)) {
                    while (rs.next()) {
                        String table = rs.getString("table");
                        if (table == null || table.startsWith("<")) {
                            continue; // <derivedN>, <unionM,N>: not a table of the schema
                        }
                        String possible = rs.getString("possible_keys");
                        String type = rs.getString("type");
                        Set<String> indexes = possible == null || possible.isBlank() ? Set.of() : Set.copyOf(List.of(possible.split(",")));
                        boolean full = indexes.isEmpty() && ("ALL".equals(type) || "index".equals(type));
                        String extra = rs.getString("Extra");
                        add(out, table, new Access(indexes, full, full && extra != null && extra.contains("Using where") ? "(its WHERE condition)" : null));
                    }
                }
                return out;
            } finally {
                s.execute("DEALLOCATE PREPARE plc_explain");
            }
        }
    }

    private static void add(Map<String, Access> out, String table, Access access) {
        out.merge(table, access, (a, b) -> {
            Set<String> indexes = new LinkedHashSet<>(a.indexes());
            indexes.addAll(b.indexes());
            return new Access(indexes, a.full() || b.full(), a.filter() != null ? a.filter() : b.filter());
        });
    }

    /**
     * MariaDB/MySQL list every index that applies: fewer of them, and none new (a renamed index is a new name), means
     * an index the query could use is gone. PostgreSQL's plan names only the index it picked, so this is not read there.
     */
    private boolean narrowed(Set<String> before, Set<String> after) {
        return dialect != Dialect.POSTGRESQL && !after.isEmpty() && before.containsAll(after) && before.size() > after.size();
    }

    /** What was explained, in words: how many queries in which states, and how many plans could not be read. */
    String summary() {
        if (!supported(dialect)) {
            return "not EXPLAINed: no query plans are read on " + dialect.id();
        }
        return bySql.size() + " quer" + (bySql.size() == 1 ? "y" : "ies") + " EXPLAINed in state(s) "
                + statesExplained.stream().sorted().map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse("none")
                + (dialect == Dialect.POSTGRESQL ? " (generic plans, sequential scans priced out: a Seq Scan left means no index applies)"
                : " (possible_keys: the indexes that apply)") + (failed == 0 ? "" : "; " + failed + " plan(s) could not be read");
    }

    /**
     * The findings: for each query and table, a state where its code runs and no index serves it after one where an
     * index did ({@code index-lost}); for a query only the changed code runs, a filter on a table no index serves
     * ({@code unindexed-filter}).
     */
    List<CompatibilityReport.PerformanceFinding> findings(Rollout rollout, Map<Integer, String> stateNames) {
        List<CompatibilityReport.PerformanceFinding> out = new ArrayList<>();
        for (Observed seen : bySql.values()) {
            TreeMap<Integer, Map<String, Access>> live = new TreeMap<>();
            seen.states().forEach((state, access) -> {
                if (seen.codes().stream().anyMatch(code -> rollout.live(code, state))) {
                    live.put(state, access);
                }
            });
            QueryExtractor.Query q = seen.query();
            String code = seen.codes().contains(Rollout.CURRENT) ? Rollout.CURRENT : Rollout.CHANGED;
            Set<String> tables = new LinkedHashSet<>();
            live.values().forEach(m -> tables.addAll(m.keySet()));
            for (String table : tables) {
                Integer servedIn = null;
                Set<String> servedBy = Set.of();
                for (var e : live.entrySet()) {
                    Access a = e.getValue().get(table);
                    if (a == null) {
                        continue;
                    }
                    if (!a.full() && !a.indexes().isEmpty() && servedIn == null) {
                        servedIn = e.getKey();
                        servedBy = a.indexes();
                    } else if (servedIn != null && (a.full() || narrowed(servedBy, a.indexes()))) {
                        Set<String> lost = new LinkedHashSet<>(servedBy);
                        lost.removeAll(a.indexes());
                        String where = "in state " + e.getKey() + " (" + stateNames.getOrDefault(e.getKey(), "after release " + e.getKey())
                                + "), where this code runs, ";
                        String message = a.full() ? where + "this query reads every row of " + table + ": no index serves it any more; in state "
                                + servedIn + " " + String.join(", ", servedBy) + (servedBy.size() == 1 ? " did" : " could")
                                : where + "only " + String.join(", ", a.indexes()) + " can serve this query on " + table + "; in state " + servedIn
                                + " " + String.join(", ", lost) + " could too: check the remaining index is selective enough for it";
                        out.add(new CompatibilityReport.PerformanceFinding("index-lost", q.file(), q.line(), q.kind(), code, e.getKey(), table,
                                List.copyOf(lost), message, q.sql(), "keep an index that serves it (or create its replacement in an earlier release) "
                                + "before dropping or changing " + String.join(", ", lost) + ", or accept the full scan if " + table + " stays small"));
                        break;
                    }
                }
                if (servedIn == null && !seen.codes().contains(Rollout.CURRENT)) {
                    live.entrySet().stream().filter(e -> e.getValue().containsKey(table) && e.getValue().get(table).full()
                            && e.getValue().get(table).filter() != null).findFirst().ifPresent(e -> out.add(new CompatibilityReport.PerformanceFinding(
                            "unindexed-filter", q.file(), q.line(), q.kind(), code, e.getKey(), table, List.of(), "this query of the changed code "
                            + "reads every row of " + table + " in state " + e.getKey() + ": no index serves its filter " + e.getValue().get(table).filter(),
                            q.sql(), "add an index on the filtered column(s) of " + table + " in a release before this code ships (CONCURRENTLY / "
                            + "online), or accept the full scan if " + table + " stays small")));
                }
            }
        }
        return out;
    }
}
