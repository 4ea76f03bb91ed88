package dev.plc.check;

import dev.plc.apply.ApplyResult;
import dev.plc.apply.MigrationApplier;
import dev.plc.db.ScratchDatabase;
import dev.plc.db.ScratchDatabaseException;
import dev.plc.plan.ChangePlan;
import dev.plc.plan.compat.CompatibilityChecker;
import dev.plc.plan.compat.CompatibilityReport;
import dev.plc.plan.compat.QueryExtractor;
import dev.plc.plan.compat.Rollout;
import dev.plc.plan.impact.ImpactFinder;
import dev.plc.plan.impact.NPlusOne;
import dev.plc.repo.RepoIndex;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The repo's queries prepared in every rollout state, by the code that runs there. */
final class CompatibilityCheck implements Check {

    /** Without a plan, the new migrations are one release, shipped before the code. */
    private static final List<ChangePlan.Step> NEW_MIGRATIONS = List.of(new ChangePlan.Step(1, "expand", 1, "the new migrations",
            List.of("-- the new migrations"), true, null, false, 0));

    @Override
    public String name() {
        return "compatibility";
    }

    /**
     * The repo's own queries prepared against the schema before the plan's change and after each of its releases. State 0
     * is the repo's migrations without the new ones (git tells which are new; without git, all of them: the plan is
     * then expected not to be written yet). With git, the current code is the data-access code at the base and the
     * changed code is the working tree's, when they differ; each is checked in the states where the plan runs it.
     */
    @Override
    public CheckReport.Check run(CheckContext ctx) throws ScratchDatabaseException, SQLException {
        Optional<GitChanges> git = ctx.git;
        ChangePlan plan = ctx.request.plan();
        if (plan == null && git.isEmpty()) {
            return CheckReport.Check.notApplicable("compatibility", NotApplicableReason.NO_PLAN_GIVEN, "needs plan_id/plan, or git to tell which "
                    + "migrations are new: the rollout states come from the plan's releases or from the new migrations");
        }
        if (plan == null && ctx.changed.isEmpty()) {
            return CheckReport.Check.notApplicable("compatibility", NotApplicableReason.NO_NEW_MIGRATIONS, "no plan and no new or changed "
                    + "migrations since " + git.get().base() + ": nothing changes the schema");
        }
        if (ctx.set.unsupported() != null) {
            return ctx.unsupported("compatibility");
        }
        try (ScratchDatabase db = ctx.scratchDatabase()) {
            if (db.info().approximation()) {
                return CheckReport.Check.notApplicable("compatibility", NotApplicableReason.APPROXIMATION_ONLY, "only " + db.info().dialect()
                        + " standing in for " + ctx.dialect.id() + " was available: preparing the queries there proves nothing about " + ctx.dialect.id());
            }
            QueryExtractor extractor = new QueryExtractor();
            QueryExtractor.Extraction working = extractor.extract(ctx.index, ctx.framework.locations(), db.dialect());
            QueryExtractor.Extraction current = working;
            QueryExtractor.Extraction changed = null;
            RepoIndex base = git.isPresent() ? atBase(ctx, git.get()) : ctx.index;
            if (base != ctx.index) {
                QueryExtractor.Extraction atBase = extractor.extract(base, ctx.framework.locations(), db.dialect());
                if (!QueryExtractor.sameQueries(atBase, working)) {
                    current = atBase;
                    changed = working;
                }
            }
            if (current.found() == 0 && (changed == null || changed.found() == 0)) {
                return CheckReport.Check.notApplicable("compatibility", NotApplicableReason.NO_QUERIES_FOUND, "no queries found in the data-access code");
            }
            MigrationApplier applier = new MigrationApplier(ctx.index.root());
            String baseline = git.isPresent() && !ctx.changed.isEmpty() ? ctx.baseline() : null;
            boolean all = git.isEmpty() || ctx.changed.isEmpty();
            if (all || baseline != null) {
                ApplyResult applied = all ? applier.apply(db, ctx.set, ctx.request.timeout()) : applier.apply(db, ctx.set, ctx.request.timeout(), baseline);
                if (!applied.ok()) {
                    return CheckContext.dependsOnApply("compatibility", applied);
                }
            }
            String code = changed == null ? Rollout.CURRENT : Rollout.CHANGED; // the working tree's code, which the N+1 hints are read from
            if (plan == null) {
                Set<String> tables = new LinkedHashSet<>();
                ctx.changed.forEach(m -> tables.addAll(Migrations.touchedTables(m.sql())));
                CompatibilityReport report = newMigrations(ctx, db, applier, current, changed);
                return compatibilityCheck(report.withPerformance(CompatibilityReport.nPlusOne(NPlusOne.find(ctx.index, tables), code,
                        ChangePlan.rollout(NEW_MIGRATIONS))));
            }
            java.util.TreeMap<Integer, List<String>> byRelease = new java.util.TreeMap<>();
            for (ChangePlan.Step step : plan.steps()) {
                byRelease.computeIfAbsent(step.release(), r -> new ArrayList<>()).addAll(step.sql());
            }
            List<CompatibilityChecker.Release> releases = byRelease.entrySet().stream()
                    .map(e -> new CompatibilityChecker.Release(e.getKey(), List.copyOf(e.getValue()))).toList();
            CompatibilityReport report = CompatibilityChecker.check(db, current, changed, ChangePlan.rollout(plan.steps()), releases);
            Set<String> tables = new LinkedHashSet<>();
            plan.operations().stream().map(dev.plc.plan.Operation::table).filter(java.util.Objects::nonNull).forEach(tables::add);
            plan.steps().forEach(step -> step.sql().forEach(sql -> tables.addAll(Migrations.touchedTables(sql))));
            return compatibilityCheck(report.withPerformance(CompatibilityReport.nPlusOne(NPlusOne.find(ctx.index, tables), code,
                    ChangePlan.rollout(plan.steps()))));
        }
    }

    /**
     * Without a plan, the new migrations are one release shipped the usual way (migrations first, then the code):
     * state 0 is the database before them, state 1 after them.
     */
    private static CompatibilityReport newMigrations(CheckContext ctx, ScratchDatabase db, MigrationApplier applier, QueryExtractor.Extraction current,
                                                     QueryExtractor.Extraction changed) throws SQLException {
        Rollout rollout = ChangePlan.rollout(NEW_MIGRATIONS);
        CompatibilityChecker checker = new CompatibilityChecker(current, changed, db.dialect(), rollout);
        checker.checkState(db, 0);
        ApplyResult applied = applier.apply(db, ctx.set, ctx.request.timeout());
        if (!applied.ok()) {
            return checker.report("no plan: the new migrations are release 1, and they do not apply (see apply); state 1 was not checked");
        }
        checker.checkState(db, 1);
        return checker.report(null);
    }

    /**
     * The repo as it was at the git base: data-access files changed since are put back as they were; the index itself
     * when no such file changed.
     */
    private static RepoIndex atBase(CheckContext ctx, GitChanges git) {
        java.util.Map<String, Optional<String>> replaced = new java.util.HashMap<>();
        ImpactFinder.Options options = ImpactFinder.Options.defaults().withMigrationLocations(Set.copyOf(ctx.framework.locations()));
        for (GitChanges.Change change : git.all()) {
            if (!ImpactFinder.wanted(change.path(), options)) {
                continue; // not data-access code: no need to ask git for it
            }
            replaced.put(change.path(), change.status() == 'A' ? Optional.empty() : git.atBase(change.path()));
        }
        return ctx.index.withFiles(replaced);
    }

    static CheckReport.Check compatibilityCheck(CompatibilityReport report) {
        List<CheckReport.Finding> findings = new ArrayList<>();
        Set<String> reported = new LinkedHashSet<>();
        for (CompatibilityReport.Failure f : report.failures()) {
            if (!f.live()) {
                continue;
            }
            String who = f.code().equals("current") ? "the current code" : "the changed code";
            if (f.regression()) {
                String where = report.states().stream().filter(st -> st.state() == f.state()).map(CompatibilityReport.State::description)
                        .findFirst().orElse(stateName(f.state()));
                findings.add(CheckReport.Finding.error(f.file(), f.line(), "compatibility", "this " + f.kind() + " query of " + who + " fails in state "
                        + f.state() + ", " + where + ", while " + who + " runs there: " + f.error() + " -- query: " + f.sql(),
                        f.code().equals("current") ? "keep what this query uses until the code that stops using it is deployed (expand/contract), "
                                + "or change the code in an earlier release"
                                : "make this code match every state it runs on (update the query or entity, regenerate jOOQ classes), "
                                + "or ship the migrations it needs before it"));
            } else if (reported.add(f.code() + f.file() + ":" + f.line() + f.sql())) {
                findings.add(CheckReport.Finding.warning(f.file(), f.line(), "compatibility", "this " + f.kind() + " query of " + who
                        + " does not prepare in any state" + (f.code().equals("current") ? " even before the change" : "") + ": " + f.error()
                        + " -- query: " + f.sql(), "fix the query, or ignore it if it is not SQL the application runs"));
            }
        }
        for (CompatibilityReport.PerformanceFinding p : report.performance()) {
            // the rule says how to avoid it (QueryPlans, NPlusOne); a query's finding also names the query
            findings.add(CheckReport.Finding.warning(p.file(), p.line(), p.rule(), p.sql() == null ? p.message()
                    : "this " + p.kind() + " query of the " + p.code() + " code: " + p.message() + " -- query: " + p.sql(), p.fix()));
        }
        for (QueryExtractor.Unchecked u : report.unchecked()) {
            findings.add(CheckReport.Finding.warning(u.file(), u.line(), "compatibility-unchecked", "not checked: " + u.reason() + " -- " + u.text(),
                    "check this query by hand against each rollout state"));
        }
        String perState = report.states().stream().map(s -> "state " + s.state() + (s.currentCodeLive() ? "" : " (current code gone)") + ": "
                + s.failing() + "/" + s.checked() + " failing" + (report.changedQueriesChecked() == null ? ""
                : ", changed code" + (s.changedCodeLive() ? "" : " (not running)") + " " + s.changedFailing() + "/" + s.changedChecked()))
                .collect(java.util.stream.Collectors.joining("; "));
        long later = report.failures().stream().filter(f -> !f.live() && f.code().equals("current")).map(f -> f.file() + ":" + f.line())
                .distinct().count();
        String reason = report.queriesFound() + " queries found, " + report.queriesChecked() + " checked, " + report.queriesUnchecked()
                + " unchecked" + (report.changedQueriesChecked() == null ? "" : ", " + report.changedQueriesChecked() + " in the changed code")
                + "; " + perState + (later == 0 ? "" : "; " + later + " query site(s) must change before the release that breaks them")
                + performanceSummary(report)
                + (report.note() == null ? "" : "; " + report.note());
        boolean breaking = !report.breaking().isEmpty();
        boolean warnings = findings.stream().anyMatch(f -> f.severity().equals("warning")) || report.note() != null;
        return new CheckReport.Check("compatibility", breaking ? CheckStatus.FAIL : warnings ? CheckStatus.WARN : CheckStatus.PASS, reason, 0, findings);
    }

    private static String performanceSummary(CompatibilityReport report) {
        long hints = report.performance().stream().filter(p -> p.rule().equals("n-plus-one")).count();
        long plans = report.performance().size() - hints;
        return (plans == 0 ? "" : "; " + plans + " query(ies) lose an index or have none") + (hints == 0 ? "" : "; " + hints + " N+1 hint(s)");
    }

    private static String stateName(int state) {
        return state == 0 ? "before the change" : "after release " + state + "'s migrations";
    }
}
