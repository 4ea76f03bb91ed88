package dev.plc.check;

import dev.plc.apply.MigrationSet;
import dev.plc.apply.MigrationSets;
import dev.plc.core.PlcException;
import dev.plc.core.Progress;
import dev.plc.db.DatabaseErrors;
import dev.plc.db.Dialect;
import dev.plc.db.ScratchDatabaseException;
import dev.plc.db.ScratchDatabases;
import dev.plc.inspect.RepoInspection;
import dev.plc.inspect.RepoInspector;
import dev.plc.plan.ChangePlan;
import dev.plc.repo.MigrationFramework;
import dev.plc.repo.RepoIndex;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The service behind {@code run_checks}: proves the repo's migrations, and the change among them, on throwaway databases. */
public final class CheckRunner {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CheckRunner.class);

    /** Every check's name, in the documentation's order. */
    public static final List<String> ALL = Checks.names();
    /** The checks that run when none are named, in their order. */
    public static final List<String> DEFAULT = Checks.DEFAULT;

    /**
     * @param checks      which checks (null: the defaults, which run the required validations)
     * @param base        the git ref the change is compared with (null: the default branch)
     * @param plan        the plan the migrations implement (enables "expectation")
     * @param databaseUrl a server to make the scratch databases in (null: resolved as usual)
     * @param lintAll     lint every migration, not only the new or changed ones
     * @param allowNotApplicable accept not_applicable for checks named in {@code checks}; without it such a check is an
     *                    error (the caller asked for a proof that was not made)
     * @param validations the repo's own commands: null runs the required ones (the profile's, an inferred test command) when
     *                    the defaults run, and all of them when "validations" is named in checks; true runs all of them;
     *                    false skips them, and the result says they were skipped on request
     */
    public record Request(Path repo, List<String> checks, String base, ChangePlan plan, String databaseUrl, Duration timeout, boolean lintAll,
                          boolean allowNotApplicable, Boolean validations) {

        /** A request that proves the migrations only: the repo's own validations are skipped (on request). */
        public Request(Path repo, List<String> checks, String base, ChangePlan plan, String databaseUrl, Duration timeout, boolean lintAll) {
            this(repo, checks, base, plan, databaseUrl, timeout, lintAll, false, false);
        }
    }

    private final ScratchDatabases scratch;

    public CheckRunner(ScratchDatabases scratch) {
        this.scratch = scratch;
    }

    public CheckReport run(Request request, Progress progress) {
        long start = System.nanoTime();
        boolean named = request.checks() != null && !request.checks().isEmpty();
        List<String> wanted = named ? request.checks() : DEFAULT;
        for (String check : wanted) {
            if (!ALL.contains(check)) {
                throw PlcException.invalid("unknown check '" + check + "'; checks: " + String.join(", ", ALL));
            }
        }
        if (named && wanted.contains("validations") && Boolean.FALSE.equals(request.validations())) {
            throw PlcException.invalid("checks names validations and validations is false: leave one of them out");
        }
        int total = wanted.size() + 1;
        progress.report(0, total, "inspecting the repository");
        RepoIndex index = RepoInspector.index(request.repo());
        RepoInspection inspection = new RepoInspector(scratch).inspect(index, new RepoInspector.Request(request.repo(), null, false, request.timeout()),
                Progress.NONE);
        if (inspection.primaryFramework() == null) {
            throw new PlcException(PlcException.Code.FAILED_PRECONDITION, inspection.recommendations().get(0));
        }
        MigrationFramework framework = inspection.migrationFrameworks().get(0);
        Dialect dialect = Dialect.fromId(inspection.dialect().name()).orElse(Dialect.H2);
        MigrationSet set = MigrationSets.of(index, framework);
        Migrations migrations = Migrations.of(index, framework, set, dialect);

        Map<String, CheckReport.Check> results = new LinkedHashMap<>();
        Optional<GitChanges> git;
        String gitProblem = null;
        try {
            git = GitChanges.since(request.repo(), request.base());
        } catch (GitChanges.GitException e) {
            if (request.base() != null) {
                throw PlcException.invalid(e.getMessage());
            }
            git = Optional.empty();
            gitProblem = e.getMessage();
        }
        List<Migrations.Migration> changed = git.map(g -> migrations.changedSince(g)).orElse(migrations.all());
        List<String> newFiles = changed.stream().map(Migrations.Migration::file).toList();

        CheckContext ctx = new CheckContext(scratch, request, index, framework, dialect, set, migrations, changed, progress);
        ctx.git = git;
        ctx.gitProblem = gitProblem;
        ctx.inspection = inspection;
        ctx.named = named;
        ctx.total = total;
        int done = 1;
        for (String check : wanted) {
            ctx.position = done;
            progress.report(done++, total, "check " + check);
            long t0 = System.nanoTime();
            CheckReport.Check result;
            try {
                result = Checks.named(check).orElseThrow().run(ctx);
            } catch (ScratchDatabaseException e) {
                // a gate that could not run must not pass: no database means nothing was proven
                result = CheckReport.Check.error(check, "no throwaway " + dialect.id() + " database could be made: " + e.getMessage(),
                        "fix database_url / PLC_*_URL, or start a local server");
            } catch (SQLException e) {
                result = CheckReport.Check.error(check, "the throwaway database failed: " + DatabaseErrors.describe(e),
                        "check the database server and run the checks again");
            } catch (PlcException e) {
                if (e.code() == PlcException.Code.INVALID_ARGUMENT || e.code() == PlcException.Code.CANCELLED) {
                    throw e;
                }
                result = CheckReport.Check.error(check, "the check could not run: " + DatabaseErrors.describe(e), "fix what it says and run the checks again");
            } catch (RuntimeException e) {
                LOG.warn("check {} failed on {}", check, request.repo(), e);
                result = CheckReport.Check.error(check, "the check could not run: " + DatabaseErrors.describe(e), "a bug of this tool: report it with the log");
            }
            if (result.status() == CheckStatus.NOT_APPLICABLE && named && !request.allowNotApplicable()) {
                // the caller asked for this proof by name: "nothing to check" must not read as a pass
                String why = "named in checks, but not applicable (" + result.notApplicableReason().id() + "): " + result.reason()
                        + "; pass allow_not_applicable=true to accept that";
                result = new CheckReport.Check(check, CheckStatus.ERROR, result.notApplicableReason(), why, 0, List.of(CheckReport.Finding.error(null, 0,
                        check, why, "leave " + check + " out of checks, or allow not_applicable")));
            }
            result = result.withMillis((System.nanoTime() - t0) / 1_000_000);
            ctx.done.put(check, result);
            results.put(check, result);
        }
        progress.report(total, total, "done");
        boolean ok = results.values().stream().noneMatch(c -> c.status().failsTheGate());
        return new CheckReport(ok, List.copyOf(results.values()), ctx.database, newFiles, (System.nanoTime() - start) / 1_000_000);
    }
}
