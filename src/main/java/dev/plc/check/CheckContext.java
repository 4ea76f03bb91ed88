package dev.plc.check;

import dev.plc.apply.ApplyResult;
import dev.plc.apply.MigrationSet;
import dev.plc.core.Progress;
import dev.plc.db.DatabaseInfo;
import dev.plc.db.Dialect;
import dev.plc.db.ScratchDatabase;
import dev.plc.db.ScratchDatabaseException;
import dev.plc.db.ScratchDatabases;
import dev.plc.inspect.RepoInspection;
import dev.plc.lint.rule.FunctionVolatility;
import dev.plc.plan.impact.SchemaReference;
import dev.plc.repo.MigrationFramework;
import dev.plc.repo.RepoIndex;
import dev.plc.schema.SchemaReader;
import dev.plc.schema.SchemaSnapshot;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What every check of one run needs: the request, the repo and its migrations, git, and what earlier checks found. */
final class CheckContext {

    private final ScratchDatabases scratch;
    final CheckRunner.Request request;
    /** What git says changed since the base; empty without git (then {@link #gitProblem} may say why). */
    Optional<GitChanges> git = Optional.empty();
    String gitProblem;
    RepoInspection inspection;
    /** Whether the caller named the checks (then "not applicable" is not accepted silently). */
    boolean named;
    /** The running check's position in the run, for progress notes. */
    int position;
    int total;
    final RepoIndex index;
    final MigrationFramework framework;
    final Dialect dialect;
    final MigrationSet set;
    final Migrations migrations;
    final List<Migrations.Migration> changed;
    final Progress progress;
    DatabaseInfo database;
    SchemaSnapshot applied;
    /** Which functions are volatile, read from the database the migrations were applied to (PostgreSQL); null until then. */
    FunctionVolatility functions;
    /** What the new migrations dropped, read from the database before and after them (data_safety); null until then. */
    List<SchemaReference> dropped;
    /** The checks done so far in this run, by name. */
    final Map<String, CheckReport.Check> done = new LinkedHashMap<>();

    CheckContext(ScratchDatabases scratch, CheckRunner.Request request, RepoIndex index, MigrationFramework framework, Dialect dialect,
                 MigrationSet set, Migrations migrations, List<Migrations.Migration> changed, Progress progress) {
        this.scratch = scratch;
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

    /** A new throwaway database of the repo's dialect; the first one made is the one the report names. */
    ScratchDatabase scratchDatabase() throws ScratchDatabaseException {
        ScratchDatabase db = scratch.create(dialect, request.databaseUrl());
        if (database == null) {
            database = db.info();
        }
        return db;
    }

    /** A check that builds on applying the migrations, when that apply did not succeed. */
    static CheckReport.Check dependsOnApply(String name, ApplyResult applied) {
        if (applied.failure().couldNotRun()) {
            return CheckReport.Check.error(name, "the migrations could not be applied: " + applied.failure().message(),
                    "check the database (or raise timeout_s) and run the checks again");
        }
        return CheckReport.Check.notApplicable(name, NotApplicableReason.DEPENDS_ON_FAILED_CHECK, "the migrations do not apply (see apply)"
                + (applied.failure().file() == null ? "" : ": " + applied.failure().file()
                + (applied.failure().line() > 0 ? ":" + applied.failure().line() : "")));
    }

    /** The migration tool can be detected but not run here. */
    CheckReport.Check unsupported(String name) {
        return CheckReport.Check.notApplicable(name, NotApplicableReason.UNSUPPORTED_FRAMEWORK, set.unsupported());
    }

    static SchemaSnapshot read(ScratchDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            return SchemaReader.read(c, db.dialect());
        }
    }
}
