package dev.plc.plan.compat;

import java.util.List;

/**
 * Whether the application's own queries prepare against the schema at each rollout state of a plan: the current code
 * in the states where it still runs, and the changed code (the working tree, when it differs from the base) in the
 * states where it already runs, including the old schema when the plan ships the code first (rollback safety).
 *
 * @param queriesFound          statements the extractor found in the current data-access code (checked + unchecked)
 * @param queriesChecked        statements of the current code concrete enough to prepare
 * @param queriesUnchecked      statements it could not make concrete (see {@code unchecked}; both code versions)
 * @param changedQueriesChecked statements of the changed code prepared, or null when the data-access code is unchanged
 * @param rollout               which code runs on which state, in words
 * @param states                state 0 is the schema before the change; state r the schema after release r's SQL
 * @param failures              every query that did not prepare (or would fail every insert) in a state
 * @param unchecked             what was not checked, and why
 * @param note                  what the check could not do (a release whose SQL does not apply), or null
 * @param explained             which queries were EXPLAINed in which states, and how (or why none were)
 * @param performance           queries a state leaves without an index where they had one, or new ones no index serves
 */
public record CompatibilityReport(int queriesFound, int queriesChecked, int queriesUnchecked, Integer changedQueriesChecked, String rollout,
                                  List<State> states, List<Failure> failures, List<QueryExtractor.Unchecked> unchecked, String note,
                                  String explained, List<PerformanceFinding> performance) {

    public CompatibilityReport {
        performance = performance == null ? List.of() : List.copyOf(performance);
    }

    /** A report read before query plans were (stored plans). */
    public CompatibilityReport(int queriesFound, int queriesChecked, int queriesUnchecked, Integer changedQueriesChecked, String rollout,
                               List<State> states, List<Failure> failures, List<QueryExtractor.Unchecked> unchecked, String note) {
        this(queriesFound, queriesChecked, queriesUnchecked, changedQueriesChecked, rollout, states, failures, unchecked, note, null, List.of());
    }

    /**
     * A query that loses an index in a rollout state where its code runs, or a new one no index serves.
     *
     * @param rule        {@code index-lost}: an index served it in an earlier state where its code ran and no longer
     *                    does (it reads the whole table, or on MariaDB/MySQL only fewer indexes apply);
     *                    {@code unindexed-filter}: a query only the changed code runs filters a table no index serves;
     *                    {@code n-plus-one}: a relation of a table the change touches read inside a loop over its rows
     *                    (a static hint, read from the code: the message says how to fetch it with the rows)
     * @param kind        the query's kind; for {@code n-plus-one} the relation's: jpa-relation, django-relation, sqlalchemy-relation
     * @param code        {@code current} or {@code changed}, as in {@link Failure}
     * @param state       the first state it is found in
     * @param table       the table (MariaDB/MySQL: the table or alias its EXPLAIN names)
     * @param indexesLost the indexes that served it in an earlier state and no longer do ({@code index-lost}), else empty
     * @param fix         how to avoid it, when the finding says ({@code n-plus-one}); null otherwise
     */
    public record PerformanceFinding(String rule, String file, int line, String kind, String code, int state, String table,
                                     List<String> indexesLost, String message, String sql, String fix) {

        public PerformanceFinding(String rule, String file, int line, String kind, String code, int state, String table,
                                  List<String> indexesLost, String message, String sql) {
            this(rule, file, line, kind, code, state, table, indexesLost, message, sql, null);
        }
    }

    /**
     * @param state           0 = before the change, r = after release r
     * @param description     what the schema is at this state
     * @param currentCodeLive whether the current code runs against this state
     * @param changedCodeLive whether the changed code runs against this state
     * @param checked         queries of the current code prepared
     * @param failing         queries of the current code that failed
     * @param changedChecked  queries of the changed code prepared (0 when there is none)
     * @param changedFailing  queries of the changed code that failed
     */
    public record State(int state, String description, boolean currentCodeLive, boolean changedCodeLive, int checked, int failing,
                        int changedChecked, int changedFailing) {
    }

    /**
     * @param code       {@code current} (the repo's code at its base) or {@code changed} (the working tree's)
     * @param state      the rollout state it fails in
     * @param live       whether that code runs in that state (a failure there breaks running code)
     * @param regression false when the query fails in every state of its code's window and before: a broken query, not the change
     * @param error      the database's error, or why every insert would fail
     */
    public record Failure(String file, int line, String kind, String code, int state, boolean live, boolean regression, String error,
                          String sql) {
    }

    /** Failures that break running code: in a state where that code runs, and caused by the change. */
    /** This report with {@code more} findings after its own. */
    public CompatibilityReport withPerformance(List<PerformanceFinding> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<PerformanceFinding> all = new java.util.ArrayList<>(performance);
        all.addAll(more);
        return new CompatibilityReport(queriesFound, queriesChecked, queriesUnchecked, changedQueriesChecked, rollout, states, failures, unchecked,
                note, explained, all);
    }

    /**
     * The N+1 hints as findings of {@code code} (the code they were read from), at the first state it runs in, each
     * with its fix.
     */
    public static List<PerformanceFinding> nPlusOne(List<dev.plc.plan.impact.NPlusOne.Hint> hints, String code, Rollout rollout) {
        int state = (code.equals(Rollout.CURRENT) ? rollout.currentLive() : rollout.changedLive()).stream().mapToInt(Integer::intValue).min().orElse(0);
        return hints.stream().map(h -> new PerformanceFinding("n-plus-one", h.file(), h.line(), h.kind(), code, state, h.table(), List.of(),
                h.message(), null, h.fix())).toList();
    }

    public List<Failure> breaking() {
        return failures.stream().filter(f -> f.live() && f.regression()).toList();
    }

    public int failingIn(int state) {
        return states.stream().filter(s -> s.state() == state).mapToInt(s -> s.failing() + s.changedFailing()).findFirst().orElse(0);
    }
}
