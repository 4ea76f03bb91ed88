package dev.plc.compat;

import java.util.List;

/**
 * Whether the application's own queries prepare against the schema at each rollout state of a plan.
 *
 * @param queriesFound     statements the extractor found in the data-access code (checked + unchecked)
 * @param queriesChecked   statements concrete enough to prepare
 * @param queriesUnchecked statements it could not make concrete (see {@code unchecked})
 * @param states           state 0 is the schema before the change; state r the schema after release r's SQL
 * @param failures         every query that did not prepare in a state, with the database's error
 * @param unchecked        what was not checked, and why
 * @param note             what the check could not do (a release whose SQL does not apply), or null
 */
public record CompatibilityReport(int queriesFound, int queriesChecked, int queriesUnchecked, List<State> states, List<Failure> failures,
                                  List<QueryExtractor.Unchecked> unchecked, String note) {

    /**
     * @param state       0 = before the change, r = after release r
     * @param description what the schema is at this state
     * @param oldCodeLive whether the repo's current code still runs against this state (states 0 and 1: the deploy window)
     * @param checked     queries prepared
     * @param failing     queries that did not prepare
     */
    public record State(int state, String description, boolean oldCodeLive, int checked, int failing) {
    }

    /**
     * @param state       the rollout state it fails in
     * @param oldCodeLive whether the current code still runs in that state (a failure there breaks running code)
     * @param regression  true when the query prepared before the change (state 0): the change broke it
     * @param error       the database's error
     */
    public record Failure(String file, int line, String kind, int state, boolean oldCodeLive, boolean regression, String error, String sql) {
    }

    /** Failures that break running code: in a state where the current code is live, and caused by the change. */
    public List<Failure> breaking() {
        return failures.stream().filter(f -> f.oldCodeLive() && f.regression()).toList();
    }

    public int failingIn(int state) {
        return states.stream().filter(s -> s.state() == state).mapToInt(State::failing).findFirst().orElse(0);
    }
}
