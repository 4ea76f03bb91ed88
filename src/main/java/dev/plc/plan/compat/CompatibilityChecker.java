package dev.plc.plan.compat;

import dev.plc.db.Dialect;
import dev.plc.db.ScratchDatabase;
import dev.plc.db.Secrets;
import dev.plc.sql.Identifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks the application's queries against the schema at each rollout state, without touching data: each query is
 * prepared, never run (PostgreSQL {@code PREPARE ... AS} + {@code DEALLOCATE}; MariaDB/MySQL {@code PREPARE ... FROM}
 * + {@code DEALLOCATE PREPARE}, which resolve every table and column; elsewhere the driver's prepare). An INSERT that
 * prepares is also checked for writes that would fail every time: a NOT NULL column without a default it does not set
 * (unless a BEFORE INSERT row trigger on the table may set it).
 * Every query that prepares is also EXPLAINed ({@link QueryPlans}): one an index served that reads the whole table in a
 * later state where its code runs is a performance finding.
 *
 * <p>Which code runs in which state comes from the plan ({@link Rollout}): the current code (the repo at its base)
 * until its release's code ships, the changed code (the working tree, when its data-access code differs) from then on,
 * and on the previous state too when the plan ships that code before its migrations. Failures in states where a code
 * version does not run are still reported (which queries must change, and by when) but do not fail the check.
 */
public final class CompatibilityChecker {

    /** The SQL of one release of a plan, in step order. */
    public record Release(int number, List<String> sql) {
    }

    private record Seen(QueryExtractor.Query query, String code, int state, String error) {
    }

    private static final Pattern INSERT = Pattern.compile("(?is)^\\s*(?:insert|replace)\\s+(?:ignore\\s+)?into\\s+([\\w.\"`]+)\\s*\\(([^)]*)\\)\\s*(?:values|select|\\().*");

    private final QueryExtractor.Extraction current;
    private final QueryExtractor.Extraction changed;
    private final Dialect dialect;
    private final Rollout rollout;
    private final List<CompatibilityReport.State> states = new ArrayList<>();
    private final List<Seen> seen = new ArrayList<>();
    private final Map<QueryExtractor.Query, Set<Integer>> preparedIn = new HashMap<>();
    private final QueryPlans plans;

    /** The name queries are prepared under (one at a time, deallocated before the next). */
    private static final String PREPARED = "plc_q";

    /**
     * @param changed the working tree's queries when its data-access code differs from the base, else null
     * @param dialect the dialect of the database the states are built on (the queries must be extracted for it)
     */
    public CompatibilityChecker(QueryExtractor.Extraction current, QueryExtractor.Extraction changed, Dialect dialect, Rollout rollout) {
        this.current = current;
        this.changed = changed;
        this.dialect = dialect;
        this.rollout = rollout;
        this.plans = new QueryPlans(dialect);
    }

    /**
     * Builds every state on {@code db}, which must hold state 0 (the repo's migrations before the change), by running
     * each release's SQL in order, and checks the queries at each state. A release whose SQL fails ends the check
     * with a note: later states cannot be built.
     */
    public static CompatibilityReport check(ScratchDatabase db, QueryExtractor.Extraction current, QueryExtractor.Extraction changed,
                                            Rollout rollout, List<Release> releases) throws SQLException {
        CompatibilityChecker checker = new CompatibilityChecker(current, changed, db.dialect(), rollout);
        try (Connection c = db.connect()) {
            c.setAutoCommit(true);
            checker.checkState(c, 0);
            for (Release release : releases) {
                for (String sql : release.sql()) {
                    try (Statement s = c.createStatement()) {
                        s.execute(stripSemicolon(sql));
                    } catch (SQLException e) {
                        return checker.report("release " + release.number() + "'s SQL does not apply on " + db.info().dialect() + ": "
                                + firstLine(e) + " -- statement: " + sql + "; later states were not checked");
                    }
                }
                checker.checkState(c, release.number());
            }
        }
        return checker.report(null);
    }

    /** {@link #checkState(Connection, int)} on a connection of its own. */
    public void checkState(ScratchDatabase db, int state) throws SQLException {
        try (Connection c = db.connect()) {
            c.setAutoCommit(true);
            checkState(c, state);
        }
    }

    /** Prepares every query of both code versions against the schema {@code c} has now, recorded as {@code state}. */
    public void checkState(Connection c, int state) {
        Map<String, Set<String>> required = new HashMap<>();
        int failing = check(c, state, current, Rollout.CURRENT, required);
        int changedFailing = changed == null ? 0 : check(c, state, changed, Rollout.CHANGED, required);
        states.add(new CompatibilityReport.State(state, rollout.describe(state), rollout.currentLive(state), changed != null && rollout.changedLive(state),
                current.queries().size(), failing, changed == null ? 0 : changed.queries().size(), changedFailing));
    }

    private int check(Connection c, int state, QueryExtractor.Extraction extraction, String code, Map<String, Set<String>> required) {
        int failing = 0;
        for (QueryExtractor.Query query : extraction.queries()) {
            List<Map<String, QueryPlans.Access>> plan = new ArrayList<>(1);
            String error = prepare(c, query.sql(), prepared -> plans.plan(c, state, prepared, query).ifPresent(plan::add));
            if (error == null) {
                error = unsetRequiredColumns(c, query.sql(), required);
            }
            if (error == null) {
                preparedIn.computeIfAbsent(query, q -> new HashSet<>()).add(state);
                if (!plan.isEmpty()) {
                    plans.record(state, query, code, plan.get(0));
                }
                continue;
            }
            failing++;
            seen.add(new Seen(new QueryExtractor.Query(query.file(), lineOf(c, query), query.kind(), query.sql(), query.parameters(),
                    query.table(), query.columns()), code, state, error));
        }
        return failing;
    }

    public CompatibilityReport report(String note) {
        List<CompatibilityReport.Failure> failures = new ArrayList<>();
        for (Seen s : seen) {
            boolean current = s.code().equals(Rollout.CURRENT);
            boolean live = rollout.live(s.code(), s.state());
            QueryExtractor.Query q = s.query();
            Set<Integer> prepared = preparedIn.getOrDefault(original(q, s.code()), Set.of());
            boolean regression = current ? prepared.contains(0) : !prepared.isEmpty();
            failures.add(new CompatibilityReport.Failure(q.file(), q.line(), q.kind(), s.code(), s.state(), live, regression, s.error(), q.sql()));
        }
        List<QueryExtractor.Unchecked> unchecked = new ArrayList<>(current.unchecked());
        if (changed != null) {
            changed.unchecked().stream().filter(u -> current.unchecked().stream().noneMatch(o -> o.file().equals(u.file()) && o.text().equals(u.text())))
                    .forEach(unchecked::add);
        }
        Map<Integer, String> names = new HashMap<>();
        states.forEach(st -> names.put(st.state(), st.description()));
        return new CompatibilityReport(current.found(), current.queries().size(), unchecked.size(), changed == null ? null : changed.queries().size(),
                describeRollout(), List.copyOf(states), List.copyOf(failures), List.copyOf(unchecked), note, plans.summary(),
                plans.findings(rollout, names));
    }

    /** The query as extracted (failures carry the line of the missing column instead). */
    private QueryExtractor.Query original(QueryExtractor.Query failed, String code) {
        QueryExtractor.Extraction extraction = code.equals(Rollout.CURRENT) ? current : changed;
        return extraction.queries().stream().filter(q -> q.file().equals(failed.file()) && q.sql().equals(failed.sql()) && q.kind().equals(failed.kind()))
                .findFirst().orElse(failed);
    }

    private String describeRollout() {
        String text = "current code runs on state(s) " + states(rollout.currentLive());
        if (changed == null) {
            return text + "; the data-access code is unchanged from the base, so the code of release " + rollout.codeRelease()
                    + " is not known yet (its states: " + states(rollout.changedLive()) + ")";
        }
        return text + "; changed code (the working tree, taken as release " + rollout.codeRelease() + "'s code) runs on state(s) "
                + states(rollout.changedLive()) + (rollout.codeFirst() ? " (the plan ships it before its migrations)" : "");
    }

    private static String states(Set<Integer> states) {
        return states.stream().sorted().map(String::valueOf).collect(Collectors.joining(", "));
    }

    /**
     * For an INSERT that names its columns: the NOT NULL columns without a default (nor identity, generated or
     * auto-increment) it leaves out, which make every such insert fail; null when there are none or it cannot tell.
     */
    private String unsetRequiredColumns(Connection c, String sql, Map<String, Set<String>> cache) {
        Matcher m = INSERT.matcher(sql);
        if (!m.matches() || !(dialect == Dialect.POSTGRESQL || dialect.isMysqlFamily())) {
            return null;
        }
        String table = m.group(1);
        Set<String> listed = new HashSet<>();
        for (String column : m.group(2).split(",")) {
            listed.add(Identifiers.unquote(column.strip()).toLowerCase(Locale.ROOT));
        }
        Set<String> required = cache.computeIfAbsent(table.toLowerCase(Locale.ROOT), t -> requiredColumns(c, table));
        List<String> missing = required.stream().filter(col -> !listed.contains(col.toLowerCase(Locale.ROOT))).sorted().toList();
        if (missing.isEmpty()) {
            return null;
        }
        return "every insert fails: " + String.join(", ", missing) + (missing.size() == 1 ? " is" : " are")
                + " NOT NULL without a default and this INSERT does not set " + (missing.size() == 1 ? "it" : "them");
    }

    private Set<String> requiredColumns(Connection c, String qualified) {
        String[] parts = qualified.split("\\.");
        String table = Identifiers.unquote(parts[parts.length - 1]);
        String schema = parts.length > 1 ? Identifiers.unquote(parts[parts.length - 2]) : null;
        String sql = dialect == Dialect.POSTGRESQL
                ? "SELECT column_name FROM information_schema.columns WHERE table_schema = COALESCE(?, current_schema()) AND table_name = ? "
                        + "AND is_nullable = 'NO' AND column_default IS NULL AND is_identity = 'NO' AND is_generated = 'NEVER'"
                : "SELECT column_name FROM information_schema.columns WHERE table_schema = COALESCE(?, DATABASE()) AND table_name = ? "
                        + "AND is_nullable = 'NO' AND column_default IS NULL AND extra NOT LIKE '%auto_increment%' AND is_generated = 'NEVER'";
        boolean quoted = parts[parts.length - 1].startsWith("\"");
        String name = dialect == Dialect.POSTGRESQL && !quoted ? table.toLowerCase(Locale.ROOT) : table;
        if (fillsOnInsert(c, schema, name)) {
            return Set.of(); // a BEFORE INSERT row trigger may set any column (a plan's own sync trigger does): no claim
        }
        Set<String> out = new HashSet<>();
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, schema);
            p.setString(2, name);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            return Set.of(); // cannot tell: the prepare already proved the table and columns exist
        }
        return out;
    }

    /** Whether the table has an enabled row-level BEFORE INSERT trigger; true when that cannot be read (no claim then either). */
    private boolean fillsOnInsert(Connection c, String schema, String table) {
        String sql = dialect == Dialect.POSTGRESQL
                // tgtype bits: 1 row-level, 2 before, 4 insert
                ? "SELECT 1 FROM pg_trigger t JOIN pg_class r ON r.oid = t.tgrelid JOIN pg_namespace n ON n.oid = r.relnamespace "
                        + "WHERE NOT t.tgisinternal AND t.tgenabled <> 'D' AND (t.tgtype & 7) = 7 AND n.nspname = COALESCE(?, current_schema()) AND r.relname = ?"
                : "SELECT 1 FROM information_schema.triggers WHERE event_object_schema = COALESCE(?, DATABASE()) AND event_object_table = ? "
                        + "AND action_timing = 'BEFORE' AND event_manipulation = 'INSERT'";
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, schema);
            p.setString(2, table);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            return true;
        }
    }

    /** The database's error, or null when the statement prepares. */
    private String prepare(Connection c, String sql) {
        return prepare(c, sql, prepared -> {
        });
    }

    /**
     * The database's error, or null when the statement prepares; while it is prepared, {@code whilePrepared} is given
     * its name (PostgreSQL: {@value #PREPARED}; elsewhere null: a MariaDB/MySQL statement prepared here cannot be
     * EXPLAINed, and a driver's prepared statement has no name).
     */
    private String prepare(Connection c, String sql, Consumer<String> whilePrepared) {
        try {
            switch (dialect) {
                case POSTGRESQL -> {
                    try (Statement s = c.createStatement()) {
                        s.execute("PREPARE " + PREPARED + " AS " + sql);
                        try {
                            whilePrepared.accept(PREPARED);
                        } finally {
                            s.execute("DEALLOCATE " + PREPARED);
                        }
                    }
                }
                case MARIADB, MYSQL -> {
                    try (Statement s = c.createStatement()) {
                        s.execute("PREPARE " + PREPARED + " FROM " + mysqlString(sql));
                        s.execute("DEALLOCATE PREPARE " + PREPARED);
                    }
                    whilePrepared.accept(null);
                }
                default -> {
                    try (PreparedStatement p = c.prepareStatement(sql)) {
                        p.getParameterMetaData();
                    }
                    whilePrepared.accept(null);
                }
            }
            return null;
        } catch (SQLException e) {
            if ("42P18".equals(e.getSQLState())) {
                return null; // PostgreSQL resolved every name but cannot infer a parameter's type (SELECT $1): not a schema problem
            }
            return firstLine(e);
        }
    }

    /** {@code text} as a MariaDB/MySQL string literal (PREPARE ... FROM takes one) under the scratch database's SQL_MODE: backslashes escape. */
    static String mysqlString(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    /** For an entity or jOOQ table: the line of the mapped column the schema lacks (probed one by one), else the query's line. */
    private int lineOf(Connection c, QueryExtractor.Query query) {
        if (query.columns().isEmpty()) {
            return query.line();
        }
        if (prepare(c, "SELECT 1 FROM " + query.table()) != null) {
            return query.line();
        }
        for (var column : query.columns()) {
            if (prepare(c, "SELECT " + column.name() + " FROM " + query.table()) != null) {
                return column.line();
            }
        }
        return query.line();
    }

    private static String firstLine(SQLException e) {
        return Secrets.redact(String.valueOf(e.getMessage())).lines().findFirst().orElse("").strip();
    }

    private static String stripSemicolon(String sql) {
        String s = sql.strip();
        return s.endsWith(";") ? s.substring(0, s.length() - 1) : s;
    }
}
