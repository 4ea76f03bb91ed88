package dev.plc.check;

import dev.plc.apply.ApplyResult;
import dev.plc.apply.MigrationApplier;
import dev.plc.apply.MigrationSet;
import dev.plc.apply.MigrationSets;
import dev.plc.check.lint.LintOptions;
import dev.plc.check.lint.Linter;
import dev.plc.core.PlcException;
import dev.plc.core.Progress;
import dev.plc.db.DatabaseErrors;
import dev.plc.db.DatabaseInfo;
import dev.plc.db.Dialect;
import dev.plc.db.ScratchDatabase;
import dev.plc.db.ScratchDatabaseException;
import dev.plc.db.ScratchDatabases;
import dev.plc.db.Secrets;
import dev.plc.inspect.RepoInspection;
import dev.plc.inspect.RepoInspector;
import dev.plc.plan.ChangePlan;
import dev.plc.plan.DdlReader;
import dev.plc.plan.Operation;
import dev.plc.plan.compat.CompatibilityChecker;
import dev.plc.plan.compat.CompatibilityReport;
import dev.plc.plan.compat.QueryExtractor;
import dev.plc.plan.compat.Rollout;
import dev.plc.plan.impact.ImpactFinder;
import dev.plc.plan.impact.ImpactedCode;
import dev.plc.plan.impact.SchemaReference;
import dev.plc.repo.MigrationFramework;
import dev.plc.repo.RepoIndex;
import dev.plc.repo.Validation;
import dev.plc.schema.SchemaReader;
import dev.plc.schema.SchemaSnapshot;
import dev.plc.sql.SqlScript;
import dev.plc.sql.SqlStatement;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The service behind {@code run_checks}: proves the repo's migrations, and the change among them, on throwaway databases. */
public final class CheckRunner {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CheckRunner.class);

    public static final List<String> ALL = List.of("apply", "validate", "immutability", "lint", "roundtrip", "expectation", "data_safety",
            "validations", "impact", "compatibility");
    /** Every check; validations last: the repo's own commands are the slowest, and run on what the others proved. */
    public static final List<String> DEFAULT = List.of("apply", "validate", "immutability", "lint", "roundtrip", "expectation", "data_safety",
            "impact", "compatibility", "validations");

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

        DatabaseInfo database = null;
        int done = 1;
        Context ctx = new Context(request, index, framework, dialect, set, migrations, changed, progress);
        for (String check : wanted) {
            progress.report(done++, total, "check " + check);
            long t0 = System.nanoTime();
            CheckReport.Check result;
            try {
                result = switch (check) {
                    case "apply" -> apply(ctx);
                    case "validate" -> validate(ctx);
                    case "immutability" -> immutability(ctx, git, gitProblem);
                    case "lint" -> lint(ctx, git.isPresent());
                    case "roundtrip" -> roundtrip(ctx);
                    case "expectation" -> expectation(ctx);
                    case "data_safety" -> dataSafety(ctx);
                    case "validations" -> validations(ctx, inspection, named, done - 1, total);
                    case "impact" -> impact(ctx);
                    case "compatibility" -> compatibility(ctx, git);
                    default -> throw new IllegalStateException(check);
                };
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
            if (database == null) {
                database = ctx.database;
            }
            result = result.withMillis((System.nanoTime() - t0) / 1_000_000);
            ctx.done.put(check, result);
            results.put(check, result);
        }
        progress.report(total, total, "done");
        boolean ok = results.values().stream().noneMatch(c -> c.status().failsTheGate());
        return new CheckReport(ok, List.copyOf(results.values()), ctx.database, newFiles, (System.nanoTime() - start) / 1_000_000);
    }

    /** What every check needs. */
    private static final class Context {
        final Request request;
        final RepoIndex index;
        final MigrationFramework framework;
        final Dialect dialect;
        final MigrationSet set;
        final Migrations migrations;
        final List<Migrations.Migration> changed;
        final Progress progress;
        DatabaseInfo database;
        SchemaSnapshot applied;
        /** What the new migrations dropped, read from the database before and after them (data_safety); null until then. */
        List<SchemaReference> dropped;
        /** The checks done so far in this run, by name. */
        final Map<String, CheckReport.Check> done = new LinkedHashMap<>();

        Context(Request request, RepoIndex index, MigrationFramework framework, Dialect dialect, MigrationSet set, Migrations migrations,
                List<Migrations.Migration> changed, Progress progress) {
            this.request = request;
            this.index = index;
            this.framework = framework;
            this.dialect = dialect;
            this.set = set;
            this.migrations = migrations;
            this.changed = changed;
            this.progress = progress;
        }

        /** The version before the first changed migration: where "before the change" ends; null = the empty database. */
        String baseline() {
            if (changed.isEmpty()) {
                return null;
            }
            String first = changed.stream().map(Migrations.Migration::version).min(Migrations.order()).orElseThrow();
            return migrations.all().stream().map(Migrations.Migration::version).filter(v -> Migrations.order().compare(v, first) < 0)
                    .max(Migrations.order()).orElse(null);
        }
    }

    private ScratchDatabase database(Context ctx) throws ScratchDatabaseException {
        ScratchDatabase db = scratch.create(ctx.dialect, ctx.request.databaseUrl());
        if (ctx.database == null) {
            ctx.database = db.info();
        }
        return db;
    }

    /** A check that builds on applying the migrations, when that apply did not succeed. */
    private static CheckReport.Check dependsOnApply(String name, ApplyResult applied) {
        if (applied.failure().couldNotRun()) {
            return CheckReport.Check.error(name, "the migrations could not be applied: " + applied.failure().message(),
                    "check the database (or raise timeout_s) and run the checks again");
        }
        return CheckReport.Check.notApplicable(name, NotApplicableReason.DEPENDS_ON_FAILED_CHECK, "the migrations do not apply (see apply)"
                + (applied.failure().file() == null ? "" : ": " + applied.failure().file()
                + (applied.failure().line() > 0 ? ":" + applied.failure().line() : "")));
    }

    private static CheckReport.Check unsupported(String name, Context ctx) {
        return CheckReport.Check.notApplicable(name, NotApplicableReason.UNSUPPORTED_FRAMEWORK, ctx.set.unsupported());
    }

    private CheckReport.Check apply(Context ctx) throws ScratchDatabaseException, SQLException {
        if (ctx.set.unsupported() != null) {
            return unsupported("apply", ctx);
        }
        try (ScratchDatabase db = database(ctx)) {
            ApplyResult result = new MigrationApplier(ctx.index.root()).apply(db, ctx.set, ctx.request.timeout());
            if (!result.ok() && result.failure().couldNotRun()) {
                return CheckReport.Check.error("apply", "the migrations could not be applied on " + db.info().dialect() + " " + db.info().version()
                        + ": " + result.failure().message(), "check the database (or raise timeout_s) and run the checks again");
            }
            if (!result.ok()) {
                ApplyResult.Failure f = result.failure();
                return new CheckReport.Check("apply", CheckStatus.FAIL, result.applied() + " migrations applied, then one failed", 0,
                        List.of(CheckReport.Finding.error(f.file(), f.line(), "apply", f.message()
                                + (f.statement() == null ? "" : " -- statement: " + f.statement()), "fix the migration; it does not apply on "
                                + db.info().dialect() + " " + db.info().version())));
            }
            ctx.applied = read(db);
            return new CheckReport.Check("apply", CheckStatus.PASS, result.applied() + " migrations applied from scratch on " + db.info().dialect() + " "
                    + db.info().version() + (db.info().approximation() ? " (APPROXIMATION of " + db.info().target() + ")" : ""), 0, List.of());
        }
    }

    private CheckReport.Check validate(Context ctx) throws ScratchDatabaseException {
        if (ctx.set.unsupported() != null) {
            return unsupported("validate", ctx);
        }
        List<CheckReport.Finding> findings = new ArrayList<>();
        for (Map.Entry<String, List<String>> dup : ctx.migrations.duplicateVersions().entrySet()) {
            findings.add(CheckReport.Finding.error(dup.getValue().get(1), 0, "validate", "version " + dup.getKey() + " is used by "
                    + String.join(" and ", dup.getValue()), "give every migration its own version"));
        }
        for (String dir : ctx.migrations.misnamedDirectories()) {
            findings.add(CheckReport.Finding.error(dir, 0, "validate", "a directory named like a migration file: no migration is read from it, "
                    + "so the change it was meant to hold is missing", "make it a file (or rename the folder so it does not look like a migration)"));
        }
        if (ctx.migrations.problem() != null) {
            findings.add(CheckReport.Finding.error(ctx.set.liquibase().master(), 0, "validate", ctx.migrations.problem(), "fix the changelog"));
        }
        try (ScratchDatabase db = database(ctx)) {
            MigrationApplier applier = new MigrationApplier(ctx.index.root());
            ApplyResult applied = applier.apply(db, ctx.set, ctx.request.timeout());
            if (!applied.ok()) {
                if (!findings.isEmpty()) {
                    return new CheckReport.Check("validate", CheckStatus.FAIL, findings.size() + " problem(s); the migrations do not apply (see apply)",
                            0, findings);
                }
                return dependsOnApply("validate", applied);
            }
            for (String error : applier.validate(db, ctx.set)) {
                findings.add(CheckReport.Finding.error(null, 0, "validate", error, "fix the migration history"));
            }
        }
        return new CheckReport.Check("validate", findings.isEmpty() ? CheckStatus.PASS : CheckStatus.FAIL,
                findings.isEmpty() ? (ctx.set.liquibase() != null ? "Liquibase's validation passes (ids, checksums, preconditions)"
                        : "versions, checksums and order are consistent") : findings.size() + " problem(s)", 0, findings);
    }

    private static CheckReport.Check immutability(Context ctx, Optional<GitChanges> git, String gitProblem) {
        if (git.isEmpty()) {
            if (gitProblem != null) {
                return CheckReport.Check.error("immutability", "git could not tell what changed: " + gitProblem, "pass base (a branch or commit)");
            }
            return CheckReport.Check.notApplicable("immutability", NotApplicableReason.NOT_A_GIT_REPOSITORY,
                    "the repo is not a git work tree (or git is missing): nothing to compare with");
        }
        if (ctx.migrations.liquibase()) {
            return liquibaseImmutability(ctx, git.get());
        }
        List<CheckReport.Finding> findings = new ArrayList<>();
        for (GitChanges.Change change : git.get().all()) {
            if (change.status() == 'A' || !ctx.migrations.isMigrationFile(change.path())) {
                continue;
            }
            String what = switch (change.status()) {
                case 'D' -> "deleted";
                case 'R' -> "renamed";
                default -> "edited";
            };
            String summary = change.status() == 'M' ? diffSummary(git.get().atBase(change.path()).orElse(""),
                    ctx.index.read(change.path()).orElse("")) : "";
            findings.add(CheckReport.Finding.error(change.path(), 0, "immutability", "this migration exists on the base "
                    + git.get().base() + " and was " + what + summary + ": databases that already ran it will not run it again, and "
                    + "Flyway's checksum validation fails", "restore it and put the change in a new migration"));
        }
        return new CheckReport.Check("immutability", findings.isEmpty() ? CheckStatus.PASS : CheckStatus.FAIL, "compared with " + git.get().base(), 0, findings);
    }

    /**
     * Liquibase identifies a changeSet by file, id and author, and refuses to run a changelog whose applied changeSets'
     * checksums changed: adding changeSets to a file is normal, editing or removing an applied one is not.
     */
    private static CheckReport.Check liquibaseImmutability(Context ctx, GitChanges git) {
        Map<String, String> base = ctx.migrations.baseChecksums(git);
        if (base == null) {
            return CheckReport.Check.error("immutability", "the changelog as it was at " + git.base() + " could not be read by Liquibase"
                    + (ctx.migrations.baseProblem() == null ? "" : ": " + ctx.migrations.baseProblem()),
                    "fix the changelog at the base, or pass another base");
        }
        List<CheckReport.Finding> findings = new ArrayList<>();
        Set<String> current = new LinkedHashSet<>();
        for (Migrations.Migration m : ctx.migrations.all()) {
            String key = Migrations.key(m.changeSet());
            current.add(key);
            String before = base.get(key);
            if (before != null && !before.equals(m.changeSet().checksum()) && !ctx.migrations.runsOnChange(m)) {
                findings.add(CheckReport.Finding.error(m.file(), m.changeSet().line(), "immutability", m.prefix() + "exists on the base "
                        + git.base() + " and was edited: databases that already ran it fail Liquibase's checksum validation",
                        "restore it and put the change in a new changeSet"));
            }
        }
        base.keySet().stream().filter(k -> !current.contains(k)).forEach(k -> findings.add(CheckReport.Finding.error(k.substring(0, k.indexOf("::")), 0,
                "immutability", "changeSet " + k.substring(k.indexOf("::") + 2).replace("::", " by ") + " exists on the base " + git.base()
                        + " and was removed: databases that ran it keep its changes", "restore it; undo its change in a new changeSet")));
        return new CheckReport.Check("immutability", findings.isEmpty() ? CheckStatus.PASS : CheckStatus.FAIL, "changeSets compared with " + git.base(),
                0, findings);
    }

    private static String diffSummary(String before, String after) {
        List<String> a = before.lines().toList();
        List<String> b = after.lines().toList();
        int firstDiff = 0;
        while (firstDiff < Math.min(a.size(), b.size()) && a.get(firstDiff).equals(b.get(firstDiff))) {
            firstDiff++;
        }
        return " (" + a.size() + " -> " + b.size() + " lines, first difference at line " + (firstDiff + 1) + ")";
    }

    /**
     * Lints each file against the schema as it stood before it: a table is new (exempt from lock hazards) only when it
     * was created earlier in the same file, or by an earlier file of the change under review when this file is part of
     * that change. Tables created by any other migration existed before, so --lint-all on an existing repository sees
     * every hazard. Without git no file is known to be part of a change: only the same file's tables are new.
     */
    private static CheckReport.Check lint(Context ctx, boolean hasGit) {
        List<Migrations.Migration> targets = ctx.request.lintAll() ? ctx.migrations.all() : ctx.changed;
        Set<Migrations.Migration> inChange = hasGit ? Set.copyOf(ctx.changed) : Set.of();
        List<CheckReport.Finding> findings = new ArrayList<>();
        Set<String> createdByTheChange = new LinkedHashSet<>();
        for (Migrations.Migration m : targets) {
            boolean partOfTheChange = inChange.contains(m);
            LintOptions options = new LintOptions(ctx.dialect, m.transactional(), null, partOfTheChange ? createdByTheChange : Set.of());
            for (dev.plc.check.lint.Finding f : Linter.lint(m.file(), m.sql(), options)) {
                findings.add(new CheckReport.Finding(m.file(), m.fileLine(f.line()), f.rule(), f.severity(), m.prefix() + f.message(), f.help(),
                        f.suppressed(), f.suppressionReason(), f.approved(), f.approval()));
            }
            if (partOfTheChange) {
                createdByTheChange.addAll(Linter.tablesCreated(m.sql(), ctx.dialect));
            }
        }
        boolean errors = findings.stream().anyMatch(f -> f.counts() && f.severity().equals("error"));
        boolean warnings = findings.stream().anyMatch(CheckReport.Finding::counts);
        String scope = (ctx.request.lintAll() ? "all " + targets.size() + " migrations" : targets.size() + " new or changed migration(s)")
                + (hasGit ? "" : " (no git: " + (ctx.request.lintAll() ? "" : "every migration counts as new, and ")
                + "each is linted against the tables that existed before it; only tables created in the same file count as new)");
        return new CheckReport.Check("lint", errors ? CheckStatus.FAIL : warnings ? CheckStatus.WARN : CheckStatus.PASS, scope, 0, findings);
    }

    private static CheckReport.Check validations(Context ctx, RepoInspection inspection, boolean named, int done, int total) {
        if (Boolean.FALSE.equals(ctx.request.validations())) {
            return CheckReport.Check.notApplicable("validations", NotApplicableReason.SKIPPED_ON_REQUEST,
                    "skipped on request (validations: false): the repo's own commands did not run");
        }
        boolean requiredOnly = !named && !Boolean.TRUE.equals(ctx.request.validations());
        return Validations.run(inspection.validations(), ctx.request.repo(), requiredOnly, note -> ctx.progress.report(done, total, note));
    }

    private CheckReport.Check roundtrip(Context ctx) throws ScratchDatabaseException, SQLException {
        if (ctx.set.unsupported() != null) {
            return unsupported("roundtrip", ctx);
        }
        List<Migrations.Migration> withDown = ctx.changed.stream().filter(m -> m.down() != null).toList();
        if (ctx.changed.isEmpty()) {
            return CheckReport.Check.notApplicable("roundtrip", NotApplicableReason.NO_NEW_MIGRATIONS, "no new or changed migrations");
        }
        if (ctx.set.liquibase() != null) {
            return liquibaseRoundtrip(ctx);
        }
        if (withDown.size() < ctx.changed.size()) {
            List<String> missing = ctx.changed.stream().filter(m -> m.down() == null).map(Migrations.Migration::file).toList();
            if (withDown.isEmpty()) {
                return CheckReport.Check.notApplicable("roundtrip", NotApplicableReason.NO_DOWN_SCRIPTS, "the new migrations have no down/undo scripts");
            }
            return new CheckReport.Check("roundtrip", CheckStatus.WARN, "no down script for " + String.join(", ", missing), 0, List.of(
                    CheckReport.Finding.warning(missing.get(0), 0, "roundtrip", "no down/undo script: the change cannot be rolled back by script",
                            "add one (write_migration include_down=true)")));
        }
        MigrationApplier applier = new MigrationApplier(ctx.index.root());
        try (ScratchDatabase db = database(ctx)) {
            String baseline = ctx.baseline();
            ApplyResult upToBaseline = baseline == null ? null : applier.apply(db, ctx.set, ctx.request.timeout(), baseline);
            if (upToBaseline != null && !upToBaseline.ok()) {
                return dependsOnApply("roundtrip", upToBaseline);
            }
            SchemaSnapshot before = read(db);
            int rank = historyRank(db);
            ApplyResult up = applier.apply(db, ctx.set, ctx.request.timeout());
            if (!up.ok()) {
                return dependsOnApply("roundtrip", up);
            }
            SchemaSnapshot after = read(db);
            List<Migrations.Migration> reversed = new ArrayList<>(ctx.changed);
            reversed.sort((a, b) -> Migrations.order().compare(b.version(), a.version()));
            try (Connection c = db.connect()) {
                c.setAutoCommit(true);
                for (Migrations.Migration m : reversed) {
                    Migrations.Down down = m.down();
                    for (SqlStatement statement : SqlScript.split(down.sql(), ctx.dialect)) {
                        try (Statement s = c.createStatement()) {
                            s.execute(statement.text());
                        } catch (SQLException e) {
                            return new CheckReport.Check("roundtrip", CheckStatus.FAIL, "a down script fails", 0, List.of(CheckReport.Finding.error(
                                    down.file(), statement.line() + down.firstLine() - 1, "roundtrip", DatabaseErrors.describe(e),
                                    "make the down script the inverse of " + m.file())));
                        }
                    }
                }
                try (Statement s = c.createStatement()) {
                    s.execute("DELETE FROM flyway_schema_history WHERE installed_rank > " + rank);
                }
            }
            SchemaSnapshot down = read(db);
            List<CheckReport.Finding> findings = new ArrayList<>();
            if (!down.equals(before)) {
                findings.add(CheckReport.Finding.error(withDown.get(0).down().file(), 0, "roundtrip",
                        "after the down scripts the schema differs from before the change: " + SchemaDiff.describe(before, down),
                        "make the down scripts the exact inverse of the up scripts"));
            }
            ApplyResult again = applier.apply(db, ctx.set, ctx.request.timeout());
            if (!again.ok()) {
                findings.add(CheckReport.Finding.error(again.failure().file(), again.failure().line(), "roundtrip",
                        "up after down fails: " + again.failure().message(), "the down scripts must leave a database the up scripts can run on"));
            } else {
                SchemaSnapshot upAgain = read(db);
                if (!upAgain.equals(after)) {
                    findings.add(CheckReport.Finding.error(ctx.changed.get(0).file(), 0, "roundtrip", "up -> down -> up gives another schema than up: "
                            + SchemaDiff.describe(after, upAgain), "make the down scripts the exact inverse of the up scripts"));
                }
            }
            return new CheckReport.Check("roundtrip", findings.isEmpty() ? CheckStatus.PASS : CheckStatus.FAIL,
                    "up -> down -> up over " + withDown.size() + " migration(s)", 0, findings);
        }
    }

    /**
     * Liquibase: update to before the first new changeSet, update, roll back every changeSet after that point
     * (Liquibase's rollbackCount, with the changeSets' rollback blocks or the rollbacks it generates), compare the
     * schema with before, update again and compare with after.
     */
    private CheckReport.Check liquibaseRoundtrip(Context ctx) throws ScratchDatabaseException, SQLException {
        String baseline = ctx.baseline();
        int from = baseline == null ? 0 : Integer.parseInt(baseline);
        List<Migrations.Migration> rolledBack = ctx.migrations.all().stream().filter(m -> Integer.parseInt(m.version()) > from).toList();
        List<CheckReport.Finding> impossible = rolledBack.stream().filter(m -> m.changeSet().rollbackProblem() != null)
                .map(m -> CheckReport.Finding.error(m.file(), m.changeSet().line(), "roundtrip", m.changeSet().rollbackProblem()
                        + ": the change cannot be rolled back", "add a rollback block that undoes it (or <rollback/> with a reason, when it needs none)"))
                .toList();
        if (!impossible.isEmpty()) {
            return new CheckReport.Check("roundtrip", CheckStatus.FAIL, impossible.size() + " new changeSet(s) cannot be rolled back", 0, impossible);
        }
        MigrationApplier applier = new MigrationApplier(ctx.index.root());
        try (ScratchDatabase db = database(ctx)) {
            ApplyResult upToBaseline = baseline == null ? null : applier.apply(db, ctx.set, ctx.request.timeout(), baseline);
            if (upToBaseline != null && !upToBaseline.ok()) {
                return dependsOnApply("roundtrip", upToBaseline);
            }
            SchemaSnapshot before = read(db);
            ApplyResult up = applier.apply(db, ctx.set, ctx.request.timeout());
            if (!up.ok()) {
                return dependsOnApply("roundtrip", up);
            }
            SchemaSnapshot after = read(db);
            ApplyResult rollback = dev.plc.apply.LiquibaseRunner.rollback(ctx.index.root(), db, ctx.set.liquibase(), ctx.request.timeout(),
                    rolledBack.size());
            if (!rollback.ok()) {
                if (rollback.failure().couldNotRun()) {
                    return CheckReport.Check.error("roundtrip", "the rollback could not run: " + rollback.failure().message(),
                            "check the database (or raise timeout_s) and run the checks again");
                }
                return new CheckReport.Check("roundtrip", CheckStatus.FAIL, "a rollback fails", 0, List.of(CheckReport.Finding.error(
                        rollback.failure().file(), rollback.failure().line(), "roundtrip", "rollback fails: " + rollback.failure().message()
                                + (rollback.failure().statement() == null ? "" : " -- statement: " + rollback.failure().statement()),
                        "make the rollback block the inverse of the changeSet")));
            }
            SchemaSnapshot down = read(db);
            List<CheckReport.Finding> findings = new ArrayList<>();
            Migrations.Migration first = rolledBack.get(0);
            if (!down.equals(before)) {
                findings.add(CheckReport.Finding.error(first.file(), first.changeSet().line(), "roundtrip",
                        "after rolling back the new changeSets the schema differs from before them: " + SchemaDiff.describe(before, down),
                        "make each rollback block the exact inverse of its changeSet"));
            }
            ApplyResult again = applier.apply(db, ctx.set, ctx.request.timeout());
            if (!again.ok()) {
                findings.add(CheckReport.Finding.error(again.failure().file(), again.failure().line(), "roundtrip",
                        "update after rollback fails: " + again.failure().message(), "the rollbacks must leave a database the changeSets can run on"));
            } else {
                SchemaSnapshot updatedAgain = read(db);
                if (!updatedAgain.equals(after)) {
                    findings.add(CheckReport.Finding.error(first.file(), first.changeSet().line(), "roundtrip",
                            "update -> rollback -> update gives another schema than update: " + SchemaDiff.describe(after, updatedAgain),
                            "make each rollback block the exact inverse of its changeSet"));
                }
            }
            return new CheckReport.Check("roundtrip", findings.isEmpty() ? CheckStatus.PASS : CheckStatus.FAIL,
                    "update -> rollback -> update over " + rolledBack.size() + " changeSet(s) with Liquibase", 0, findings);
        }
    }

    private static int historyRank(ScratchDatabase db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT coalesce(max(installed_rank), 0) FROM flyway_schema_history")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            return 0; // no history table yet: the baseline is the empty database
        }
    }

    private static CheckReport.Check expectation(Context ctx) {
        ChangePlan plan = ctx.request.plan();
        if (plan == null) {
            return CheckReport.Check.notApplicable("expectation", NotApplicableReason.NO_PLAN_GIVEN, "no plan given (pass plan_id or plan)");
        }
        if (plan.expectedSchema() == null) {
            return CheckReport.Check.notApplicable("expectation", NotApplicableReason.PLAN_HAS_NO_EXPECTED_SCHEMA, "the plan has no expected schema");
        }
        if (plan.steps().stream().anyMatch(s -> s.release() > 1 && !s.sql().isEmpty())) {
            return CheckReport.Check.notApplicable("expectation", NotApplicableReason.PLAN_SPANS_SEVERAL_RELEASES,
                    "the plan spans several releases; its expected schema is the state after all of them");
        }
        if (ctx.applied == null) {
            CheckReport.Check apply = ctx.done.get("apply");
            return apply == null
                    ? CheckReport.Check.notApplicable("expectation", NotApplicableReason.DEPENDS_ON_CHECK_NOT_RUN,
                            "needs the schema the apply check reads: add apply to checks, before expectation")
                    : CheckReport.Check.notApplicable("expectation", NotApplicableReason.DEPENDS_ON_FAILED_CHECK,
                            "needs the apply check to pass (it is " + apply.status().id() + ")");
        }
        if (ctx.applied.equals(plan.expectedSchema())) {
            return new CheckReport.Check("expectation", CheckStatus.PASS, "the schema after the migrations is the plan's expected schema", 0, List.of());
        }
        return new CheckReport.Check("expectation", CheckStatus.FAIL, "the schema differs from the plan", 0, List.of(CheckReport.Finding.error(null, 0,
                "expectation", SchemaDiff.describe(plan.expectedSchema(), ctx.applied), "write the migrations from the plan (write_migration), or plan again")));
    }

    private CheckReport.Check dataSafety(Context ctx) throws ScratchDatabaseException, SQLException {
        if (ctx.set.unsupported() != null) {
            return unsupported("data_safety", ctx);
        }
        if (ctx.changed.isEmpty()) {
            return CheckReport.Check.notApplicable("data_safety", NotApplicableReason.NO_NEW_MIGRATIONS, "no new or changed migrations");
        }
        String baseline = ctx.baseline();
        Set<String> touched = new LinkedHashSet<>();
        for (Migrations.Migration m : ctx.changed) {
            touched.addAll(Migrations.touchedTables(m.sql()));
        }
        MigrationApplier applier = new MigrationApplier(ctx.index.root());
        try (ScratchDatabase db = database(ctx)) {
            ApplyResult upToBaseline = baseline == null ? null : applier.apply(db, ctx.set, ctx.request.timeout(), baseline);
            if (upToBaseline != null && !upToBaseline.ok()) {
                return dependsOnApply("data_safety", upToBaseline);
            }
            SchemaSnapshot before = read(db);
            touched.removeIf(t -> before.table(t).isEmpty());
            List<String> problems = touched.isEmpty() ? List.of() : Seeder.seed(db, before, touched);
            ApplyResult result = applier.apply(db, ctx.set, ctx.request.timeout());
            List<CheckReport.Finding> findings = new ArrayList<>();
            if (result.ok()) {
                // what the migrations did is read from the database, not from their text: a DROP SCHEMA ... CASCADE drops tables no statement names
                List<SchemaReference> renamed = statementReferences(ctx).stream().filter(r -> r.change().startsWith("rename")).toList();
                ctx.dropped = dropped(before, read(db)).stream().filter(gone -> renamed.stream().noneMatch(r -> covers(r, gone))).toList();
                for (SchemaReference gone : ctx.dropped) {
                    String what = gone.column() == null ? "table " + gone.table() : "column " + gone.table() + "." + gone.column();
                    findings.add(CheckReport.Finding.warning(null, 0, "data_safety", "the new migrations drop " + what + ", which existed before the "
                            + "change" + (touched.contains(gone.table().toLowerCase(Locale.ROOT)) ? " (its " + Seeder.ROWS + " generated rows are gone)" : "")
                            + ": what it holds in production is lost", "drop only through an approved plan, after the code stopped using it"));
                }
            }
            if (touched.isEmpty() && result.ok() && ctx.dropped.isEmpty()) {
                return new CheckReport.Check("data_safety", CheckStatus.PASS, "the change only touches new tables (read from the database "
                        + "before and after it)", 0, List.of());
            }
            problems.forEach(p -> findings.add(CheckReport.Finding.warning(null, 0, "data_safety", p, "seed the table by hand to check it")));
            if (!result.ok() && result.failure().couldNotRun()) {
                return CheckReport.Check.error("data_safety", "the new migrations could not run over the generated rows: " + result.failure().message(),
                        "check the database (or raise timeout_s) and run the checks again");
            }
            if (!result.ok()) {
                ApplyResult.Failure f = result.failure();
                findings.add(CheckReport.Finding.error(f.file(), f.line(), "data_safety", (touched.isEmpty() ? "fails over the schema before the change: "
                        : "fails on a table with rows (" + Seeder.ROWS + " generated rows in " + String.join(", ", touched) + "): ") + f.message(),
                        "a production table has rows: give the column a default, backfill before constraining, or check the data first"));
            }
            String dropSummary = ctx.dropped == null || ctx.dropped.isEmpty() ? "" : "; drops " + ctx.dropped.size() + " existing object(s)";
            return new CheckReport.Check("data_safety", !result.ok() ? CheckStatus.FAIL : findings.isEmpty() ? CheckStatus.PASS : CheckStatus.WARN,
                    (touched.isEmpty() ? "new migrations applied" : "new migrations applied over " + Seeder.ROWS + " generated rows in "
                            + String.join(", ", touched)) + dropSummary, 0, findings);
        }
    }

    /** Tables, and columns of tables that remain, in {@code before} and not in {@code after} (the migration tools' own tables aside). */
    static List<SchemaReference> dropped(SchemaSnapshot before, SchemaSnapshot after) {
        List<SchemaReference> out = new ArrayList<>();
        for (SchemaSnapshot.Table t : before.tables()) {
            if (dev.plc.schema.catalog.Catalog.TOOL_TABLES.contains(t.name().toLowerCase(Locale.ROOT))) {
                continue;
            }
            Optional<SchemaSnapshot.Table> now = after.table(t.name());
            if (now.isEmpty()) {
                out.add(new SchemaReference(t.name(), null, "drop_table"));
                continue;
            }
            for (SchemaSnapshot.Column c : t.columns()) {
                if (now.get().column(c.name()).isEmpty()) {
                    out.add(new SchemaReference(t.name(), c.name(), "drop_column"));
                }
            }
        }
        return out;
    }


    private static CheckReport.Check impact(Context ctx) {
        List<SchemaReference> references = statementReferences(ctx);
        if (ctx.dropped != null) {
            // what the database says went away, which the statements may not name (DROP SCHEMA ... CASCADE, a DO block)
            for (SchemaReference gone : ctx.dropped) {
                if (references.stream().noneMatch(r -> covers(r, gone))) {
                    references.add(gone);
                }
            }
        }
        if (references.isEmpty()) {
            return new CheckReport.Check("impact", CheckStatus.PASS, "the new migrations drop or rename nothing"
                    + (ctx.dropped == null ? " (read from their statements only: data_safety did not read the database after them)" : ""), 0, List.of());
        }
        List<ImpactedCode> impacted = new ImpactFinder().find(ctx.index, references,
                ImpactFinder.Options.defaults().withMigrationLocations(Set.copyOf(ctx.framework.locations())));
        List<CheckReport.Finding> findings = impacted.stream().map(i -> CheckReport.Finding.error(i.file(), i.line(), "impact", i.reason(),
                "update this code (and deploy it) before the migration that drops or renames " + i.table()
                        + (i.column() == null ? "" : "." + i.column()))).toList();
        return new CheckReport.Check("impact", findings.isEmpty() ? CheckStatus.PASS : CheckStatus.FAIL, references.size() + " dropped or renamed object(s)", 0, findings);
    }

    /** Whether {@code named} (from a statement) already covers {@code gone} (from the catalog): the same table, and column when it names one. */
    private static boolean covers(SchemaReference named, SchemaReference gone) {
        return named.table().equalsIgnoreCase(gone.table())
                && (named.column() == null || gone.column() != null && named.column().equalsIgnoreCase(gone.column()));
    }

    /** The drops and renames the new migrations' statements name. */
    private static List<SchemaReference> statementReferences(Context ctx) {
        List<SchemaReference> references = new ArrayList<>();
        DdlReader reader = new DdlReader(ctx.dialect);
        for (Migrations.Migration m : ctx.changed) {
            for (SqlStatement statement : SqlScript.split(m.sql(), ctx.dialect)) {
                List<Operation> ops;
                try {
                    ops = reader.read(statement.text());
                } catch (PlcException notAChange) {
                    continue; // DML, SET, DO blocks: no table or column goes away
                }
                for (Operation op : ops) {
                    switch (op.kind()) {
                        case DROP_COLUMN, RENAME_COLUMN -> references.add(new SchemaReference(op.table(), op.column(), op.kind().id()));
                        case DROP_TABLE, RENAME_TABLE -> references.add(new SchemaReference(op.table(), null, op.kind().id()));
                        default -> { }
                    }
                }
            }
        }
        return references;
    }

    /**
     * The repo's own queries prepared against the schema before the plan's change and after each of its releases. State 0
     * is the repo's migrations without the new ones (git tells which are new; without git, all of them: the plan is
     * then expected not to be written yet). With git, the current code is the data-access code at the base and the
     * changed code is the working tree's, when they differ; each is checked in the states where the plan runs it.
     */
    private CheckReport.Check compatibility(Context ctx, Optional<GitChanges> git) throws ScratchDatabaseException, SQLException {
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
            return unsupported("compatibility", ctx);
        }
        try (ScratchDatabase db = database(ctx)) {
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
                    return dependsOnApply("compatibility", applied);
                }
            }
            if (plan == null) {
                return compatibilityCheck(newMigrations(ctx, db, applier, current, changed));
            }
            java.util.TreeMap<Integer, List<String>> byRelease = new java.util.TreeMap<>();
            for (ChangePlan.Step step : plan.steps()) {
                byRelease.computeIfAbsent(step.release(), r -> new ArrayList<>()).addAll(step.sql());
            }
            List<CompatibilityChecker.Release> releases = byRelease.entrySet().stream()
                    .map(e -> new CompatibilityChecker.Release(e.getKey(), List.copyOf(e.getValue()))).toList();
            CompatibilityReport report = CompatibilityChecker.check(db, current, changed, ChangePlan.rollout(plan.steps()), releases);
            return compatibilityCheck(report);
        }
    }

    /**
     * Without a plan, the new migrations are one release shipped the usual way (migrations first, then the code):
     * state 0 is the database before them, state 1 after them.
     */
    private static CompatibilityReport newMigrations(Context ctx, ScratchDatabase db, MigrationApplier applier, QueryExtractor.Extraction current,
                                                     QueryExtractor.Extraction changed) throws SQLException {
        Rollout rollout = ChangePlan.rollout(List.of(new ChangePlan.Step(1, "expand", 1, "the new migrations", List.of("-- " + ctx.changed.size()
                + " new migration(s)"), true, null, false, 0)));
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
    private static RepoIndex atBase(Context ctx, GitChanges git) {
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
                + (report.note() == null ? "" : "; " + report.note());
        boolean breaking = !report.breaking().isEmpty();
        boolean warnings = findings.stream().anyMatch(f -> f.severity().equals("warning")) || report.note() != null;
        return new CheckReport.Check("compatibility", breaking ? CheckStatus.FAIL : warnings ? CheckStatus.WARN : CheckStatus.PASS, reason, 0, findings);
    }

    private static String stateName(int state) {
        return state == 0 ? "before the change" : "after release " + state + "'s migrations";
    }

    private static SchemaSnapshot read(ScratchDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            return SchemaReader.read(c, db.dialect());
        }
    }

}
