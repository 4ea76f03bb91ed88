package dev.plc.plan;

import dev.plc.apply.ApplyResult;
import dev.plc.apply.ReplayCache;
import dev.plc.apply.MigrationSet;
import dev.plc.apply.MigrationSets;
import dev.plc.core.PlcException;
import dev.plc.core.Progress;
import dev.plc.db.DatabaseInfo;
import dev.plc.db.Dialect;
import dev.plc.db.ScratchDatabase;
import dev.plc.db.ScratchDatabaseException;
import dev.plc.db.ScratchDatabases;
import dev.plc.db.Secrets;
import dev.plc.db.ServerVersion;
import dev.plc.inspect.RepoInspection;
import dev.plc.inspect.RepoInspector;
import dev.plc.json.Json;
import dev.plc.plan.compat.CompatibilityChecker;
import dev.plc.plan.compat.CompatibilityReport;
import dev.plc.plan.compat.QueryExtractor;
import dev.plc.plan.compat.Rollout;
import dev.plc.plan.access.AccessPathTests;
import dev.plc.plan.access.TestStack;
import dev.plc.plan.impact.CodeChange;
import dev.plc.plan.impact.ImpactFinder;
import dev.plc.plan.impact.NPlusOne;
import dev.plc.plan.impact.ImpactedCode;
import dev.plc.plan.impact.SchemaReference;
import dev.plc.repo.MigrationFramework;
import dev.plc.repo.RepoIndex;
import dev.plc.schema.SchemaReader;
import dev.plc.schema.SchemaSnapshot;
import dev.plc.schema.catalog.Catalog;
import dev.plc.schema.catalog.CatalogDiff;
import dev.plc.schema.catalog.CatalogReader;
import dev.plc.schema.catalog.Effect;
import dev.plc.sql.SqlScript;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The service behind {@code plan_change}: turns a desired change into a rollout plan proven on a throwaway database. */
public final class ChangePlanner {

    /**
     * @param operations   the change as operations (or null when {@code sql} is given)
     * @param sql          the change as DDL text (or null)
     * @param zeroDowntime whether running code must keep working throughout (default true)
     * @param tableSizes   row counts per table (optional; unknown tables count as large)
     * @param databaseUrl  a live database to read table sizes from, read-only (optional)
     * @param targetVersion the server version the plan is for ("11", "10.6", "8.0.29"); null: the scratch server's
     * @param acceptDifferences names of proof differences ({@link Verification.Difference#name}) the caller accepts
     */
    public record Request(Path repo, List<Operation> operations, String sql, String description, boolean zeroDowntime,
                          Map<String, Long> tableSizes, String databaseUrl, Duration timeout, String targetVersion,
                          List<String> acceptDifferences) {

        public Request(Path repo, List<Operation> operations, String sql, String description, boolean zeroDowntime,
                       Map<String, Long> tableSizes, String databaseUrl, Duration timeout, String targetVersion) {
            this(repo, operations, sql, description, zeroDowntime, tableSizes, databaseUrl, timeout, targetVersion, null);
        }

        public Request withAcceptDifferences(List<String> names) {
            return new Request(repo, operations, sql, description, zeroDowntime, tableSizes, databaseUrl, timeout, targetVersion, names);
        }

        public Request(Path repo, List<Operation> operations, String sql, String description, boolean zeroDowntime,
                       Map<String, Long> tableSizes, String databaseUrl, Duration timeout) {
            this(repo, operations, sql, description, zeroDowntime, tableSizes, databaseUrl, timeout, null);
        }
    }

    private final ScratchDatabases scratch;
    private final PlanStore store;
    private final ReplayCache replays;

    public ChangePlanner(ScratchDatabases scratch, PlanStore store) {
        this(scratch, store, new ReplayCache(scratch, 0));
    }

    /** @param replays the schemas earlier calls built, kept to clone from (a server keeps some; a one-shot command line none) */
    public ChangePlanner(ScratchDatabases scratch, PlanStore store, ReplayCache replays) {
        this.scratch = scratch;
        this.store = store;
        this.replays = replays;
    }

    public ChangePlan plan(Request request, Progress progress) {
        progress.report(0, 5, "inspecting the repository");
        RepoIndex index = RepoInspector.index(request.repo());
        RepoInspection inspection = new RepoInspector(scratch).inspect(index,
                new RepoInspector.Request(request.repo(), null, false, request.timeout()), Progress.NONE);
        if (inspection.primaryFramework() == null) {
            throw new PlcException(PlcException.Code.FAILED_PRECONDITION, inspection.recommendations().get(0));
        }
        MigrationFramework framework = inspection.migrationFrameworks().get(0);
        Dialect dialect = Dialect.fromId(inspection.dialect().name()).orElseThrow(() -> new PlcException(
                PlcException.Code.FAILED_PRECONDITION, "the repo's SQL dialect is unknown, so the SQL cannot be written for it: "
                + "add the JDBC URL or driver to its configuration (inspect_repo shows what it found)"));
        boolean fromSql = request.operations() == null || request.operations().isEmpty();
        if (fromSql && (request.sql() == null || request.sql().isBlank())) {
            throw PlcException.invalid("change.sql is empty: give one or more statements, e.g. ALTER TABLE orders ADD COLUMN note text");
        }
        List<Operation> operations = fromSql ? List.of() : request.operations();
        validateShape(operations);

        Map<String, Long> sizes = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        List<String> assumptions = new ArrayList<>();
        if (request.databaseUrl() != null && !request.databaseUrl().isBlank()) {
            sizes.putAll(TableSizes.read(request.databaseUrl()));
            assumptions.add("table sizes were read from the live database (statistics, read-only)");
        }
        if (request.tableSizes() != null) {
            sizes.putAll(request.tableSizes());
        }

        MigrationSet migrations = MigrationSets.of(index, framework);
        if (migrations.unsupported() != null) {
            throw new PlcException(PlcException.Code.FAILED_PRECONDITION, migrations.unsupported());
        }
        progress.report(1, 5, "building the current schema on a throwaway database");
        ReplayCache.Replayed replayed;
        try {
            replayed = replays.replay(dialect, index.root(), migrations, request.timeout());
        } catch (ScratchDatabaseException e) {
            throw new PlcException(PlcException.Code.UNAVAILABLE, "no throwaway " + dialect.id() + " database: " + e.getMessage(), e);
        }
        if (replayed.cloned()) {
            assumptions.add("the current schema was cloned from the one the same migrations built in an earlier call of this server"
                    + " (kept as a template database; any edit to a migration builds it again)");
        }
        try (ScratchDatabase db = replayed.db()) {
            ApplyResult applied = replayed.applied();
            if (!applied.ok()) {
                ApplyResult.Failure f = applied.failure();
                throw new PlcException(PlcException.Code.FAILED_PRECONDITION, "the repo's own migrations do not apply on "
                        + db.info().dialect() + " " + db.info().version() + ": " + (f.file() == null ? "" : f.file() + ":" + f.line() + ": ")
                        + f.message() + "; fix them before planning a change");
            }
            ChangePlan plan = planOn(db, index, framework, dialect, request, operations, sizes, assumptions, progress);
            store.put(plan);
            return plan;
        }
    }

    /** Plans the change on {@code db}, which holds the repo's current schema and which the plan's proof changes. */
    private ChangePlan planOn(ScratchDatabase db, RepoIndex index, MigrationFramework framework, Dialect dialect, Request request,
                              List<Operation> operations, Map<String, Long> sizes, List<String> assumptions, Progress progress) {
        boolean fromSql = request.operations() == null || request.operations().isEmpty();
        try {
            SchemaSnapshot current = read(db);
            Dialect planDialect = db.dialect() == Dialect.H2 && dialect != Dialect.H2 ? dialect : db.dialect();
            boolean catalogs = CatalogReader.supports(db.dialect());
            List<SchemaReference> effectReferences = List.of();
            EffectProbe.Result asWritten = null;
            List<dev.plc.sql.SqlStatement> written = null;
            if (fromSql && catalogs) {
                progress.report(2, 5, "running the change as written on the current schema");
                written = SqlScript.split(request.sql(), dialect);
                asWritten = probe(db, written);
                if (asWritten.statements().isEmpty()) {
                    throw PlcException.invalid("change.sql holds no statement (only comments?)");
                }
            } else if (fromSql) {
                // no catalog reader for this engine (H2, SQLite): the statements are read from their text
                operations = new DdlReader(dialect).read(request.sql());
                validateShape(operations);
            }
            progress.report(2, 5, "planning the change");
            ServerVersion target = target(request, db, assumptions);
            PlanContext ctx = new PlanContext(planDialect, current, sizes, request.zeroDowntime()).target(target);
            PlanBuilder out = new PlanBuilder();
            if (asWritten != null) {
                StatementPlanner statements = new StatementPlanner(ctx, out);
                statements.plan(asWritten.statements());
                operations = statements.operations();
                effectReferences = ChangeReferences.of(asWritten);
            } else {
                if (catalogs) {
                    // operations mean the plain statements they stand for: run those as written, so the staged plan is held
                    // to the same truth as a change given as SQL (and copies what they leave behind)
                    String rendered = OperationSql.render(operations, new Ddl(planDialect), current);
                    try {
                        written = SqlScript.split(rendered, dialect);
                        asWritten = probe(db, written);
                        ctx.catalog(asWritten.before()).catalogAfter(asWritten.after());
                    } catch (PlcException e) {
                        ctx.catalog(CatalogReader.read(db));
                        out.warn("the operations as plain statements did not run, so the plan was not compared with them: " + e.getMessage());
                    }
                }
                for (int i = 0; i < operations.size(); i++) {
                    out.operation(i);
                    Planners.plan(operations.get(i), ctx, out);
                }
            }
            List<ChangePlan.Step> steps = OnlineAlgorithms.choose(scratch, db, number(out.ordered()));
            SchemaSnapshot expected = null;
            CompatibilityReport compatibility = null;
            Verification verification = null;
            AccessPathTests tests = null;
            if (db.dialect() == Dialect.H2 && dialect != Dialect.H2) {
                // H2 in compatibility mode rejects online DDL (CONCURRENTLY, NOT VALID): nothing would be proven
                out.warn("the steps were not proven: only H2 standing in for " + dialect.id() + " was available (" + db.info().note()
                        + "); expected_schema is not given");
                verification = Verification.notRun("only H2 standing in for " + dialect.id() + " was available: the plan was not proven on rows", 0);
            } else {
                if (asWritten != null) {
                    progress.report(3, 5, "proving the plan on seeded rows");
                    verification = new PlanProof(scratch).fitting(asWritten.after()).run(db, current, written, steps, affected(asWritten, operations, current),
                            Set.copyOf(request.acceptDifferences() == null ? List.of() : request.acceptDifferences()), PlanProof.ROWS);
                } else {
                    verification = Verification.notRun(catalogs ? "the change as plain statements did not run, so there is nothing to hold the"
                            + " plan to" : "no catalog reader for " + db.info().dialect() + ": the plan was not proven on rows", 0);
                }
                progress.report(3, 5, "proving the steps on " + db.info().dialect());
                QueryExtractor.Extraction queries = new QueryExtractor().extract(index, framework.locations(), db.dialect());
                CompatibilityChecker compat = new CompatibilityChecker(queries, null, db.dialect(), ChangePlan.rollout(steps));
                tests = AccessPaths.tests(index, framework, db.dialect(), operations, steps, asWritten);
                prove(db, steps, operations, compat, tests);
                compatibility = compat.report(null);
                // one catalog read gives both the expected schema and what the steps ended in
                dev.plc.schema.catalog.Catalog end = catalogs ? CatalogReader.read(db) : null;
                expected = end != null ? SchemaReader.of(end) : read(db);
                if (asWritten != null) {
                    List<String> differences = CatalogDiff.differences(asWritten.after(), end);
                    if (!differences.isEmpty()) {
                        // the staged planners do not yet carry every property of a renamed or retyped column (the "every
                        // plan proves itself" work): say exactly where the plan ends elsewhere than the statements do
                        out.warn("the staged plan does not end in the schema the statements as written give: "
                                + String.join("; ", differences) + "; review these differences before writing the migration");
                    }
                }
            }
            progress.report(4, 5, "finding impacted code");
            List<SchemaReference> refs = new ArrayList<>(ChangeReferences.of(operations));
            // a staged statement gives the same reference twice (its operation's, its effect's): one impact per place in the code
            effectReferences.stream().filter(r -> refs.stream().noneMatch(r::sameTarget)).forEach(refs::add);
            // tests too: a test that names a renamed or dropped column breaks with the code it tests, and takes the same edits
            List<ImpactedCode> impacted = new ImpactFinder().find(index, refs,
                    ImpactFinder.Options.defaults().withMigrationLocations(Set.copyOf(framework.locations())).withTests());
            if (compatibility != null) {
                compatibility = compatibility.withPerformance(CompatibilityReport.nPlusOne(NPlusOne.find(index, ChangeReferences.tables(operations, asWritten)),
                        dev.plc.plan.compat.Rollout.CURRENT, ChangePlan.rollout(steps)));
            }

            if (!ctx.assumedLarge().isEmpty()) {
                assumptions.add("no size known for " + String.join(", ", ctx.assumedLarge())
                        + ": treated as large tables (pass table_sizes or database_url for smaller plans)");
            }
            assumptions.add(request.zeroDowntime() ? "zero downtime: running code must keep working at every step"
                    : "downtime acceptable: single-step changes where they are simpler");
            if (db.info().approximation()) {
                assumptions.add("the steps were proven on " + db.info().dialect() + " standing in for " + dialect.id() + ": " + db.info().note());
            }
            String planId = planId(framework, dialect, current, operations, request, sizes);
            List<ChangePlan.Step> destructive = steps.stream().filter(ChangePlan.Step::destructive).toList();
            ChangePlan.Approval approval = destructive.isEmpty() ? null : approval(planId, destructive);
            String description = request.description() != null && !request.description().isBlank() ? request.description()
                    : operations.stream().map(ChangePlanner::describe).collect(Collectors.joining("; "));
            List<ChangePlan.Hazard> hazards = new ArrayList<>(hazards(out, steps));
            if (asWritten != null) {
                hazards.addAll(IndexFindings.of(asWritten.before(), asWritten.after()));
            }
            ChangePlan plan = new ChangePlan(planId, out.type(), dialect.id(), framework.name(), description, List.copyOf(operations),
                    steps, List.copyOf(hazards), List.copyOf(out.prechecks()), impacted, expected, rollback(out.ordered(), steps),
                    approval != null, approval, List.copyOf(assumptions), List.copyOf(out.warnings()), db.info(), compatibility, verification,
                    AccessPaths.withTest(CodeChanges.of(index, current, impacted, operations, steps), tests, index, planId, description));
            PlanProof.refuseUnlessAccepted(verification);
            progress.report(5, 5, "done");
            return plan;
        } catch (ScratchDatabaseException e) {
            throw new PlcException(PlcException.Code.UNAVAILABLE, "no throwaway " + dialect.id() + " database: " + e.getMessage(), e);
        } catch (SQLException e) {
            throw new PlcException(PlcException.Code.UNAVAILABLE, "the throwaway database failed: " + Secrets.redact(e.getMessage()), e);
        }
    }

    /**
     * Runs the statements as written and reads their effects. PostgreSQL: inside a transaction on {@code db} that is
     * rolled back (DDL is transactional there), unless a statement cannot run in one: then on a copy. MariaDB/MySQL
     * commit DDL by itself: always on a copy.
     */
    private EffectProbe.Result probe(ScratchDatabase db, List<dev.plc.sql.SqlStatement> statements) throws SQLException, ScratchDatabaseException {
        if (db.dialect() == Dialect.POSTGRESQL) {
            java.util.Optional<EffectProbe.Result> inTransaction = EffectProbe.runInTransaction(db, statements);
            if (inTransaction.isPresent()) {
                return inTransaction.get();
            }
        }
        try (ScratchDatabase copy = scratch.copyOf(db)) {
            return EffectProbe.run(copy, statements);
        }
    }

    /** The tables with a column of the (enum, domain, composite) type {@code type}, or an array of it. */
    private static List<String> columnsOfType(dev.plc.schema.catalog.Catalog catalog, String type) {
        if (catalog == null || type == null) {
            return List.of();
        }
        String bare = type.contains(".") ? type.substring(type.lastIndexOf('.') + 1) : type;
        return catalog.relations().stream().filter(dev.plc.schema.catalog.Catalog.Relation::isTable)
                .filter(r -> r.columns().stream().map(c -> c.type().replace("\"", "").replaceAll("\\[]$", ""))
                        .anyMatch(t -> t.equalsIgnoreCase(type) || t.equalsIgnoreCase(bare) || t.toLowerCase(java.util.Locale.ROOT).endsWith("." + bare.toLowerCase(java.util.Locale.ROOT))))
                .map(dev.plc.schema.catalog.Catalog.Relation::name).toList();
    }

    /** The existing tables the change touches, read from what the statements as written did (and the operations' tables). */
    private static Set<String> affected(EffectProbe.Result asWritten, List<Operation> operations, SchemaSnapshot current) {
        Set<String> tables = new LinkedHashSet<>();
        for (StatementEffect se : asWritten.statements()) {
            for (Effect e : se.effects()) {
                tables.add(e.relation() != null ? e.relation() : e.name());
                if (e.relation() == null && (e.kind().name().startsWith("ENUM_VALUE") || e.kind().name().startsWith("TYPE_"))) {
                    // a type's change reaches every table with a column of that type: those rows are what it can break
                    tables.addAll(columnsOfType(se.before(), e.name()));
                }
            }
        }
        operations.forEach(op -> tables.add(op.table()));
        tables.removeIf(t -> t == null || current.table(t).isEmpty());
        return tables;
    }

    /** The version the plan is for: the caller's, else the scratch server's (which proved it). */
    private static ServerVersion target(Request request, ScratchDatabase db, List<String> assumptions) {
        ServerVersion server = ServerVersion.parse(db.info().version()).orElse(null);
        if (request.targetVersion() == null || request.targetVersion().isBlank()) {
            return server;
        }
        ServerVersion wanted = ServerVersion.parse(request.targetVersion()).orElseThrow(() -> PlcException.invalid(
                "target_version '" + request.targetVersion() + "' is not a version: give it as the server reports it, e.g. 11, 16.4, 10.6, 8.0.29"));
        if (server != null && (server.major() != wanted.major() || db.dialect().isMysqlFamily() && server.minor() != wanted.minor())) {
            assumptions.add("planned for " + db.info().dialect() + " " + wanted + " (target_version); the steps were proven on "
                    + db.info().dialect() + " " + server + ", which may accept what the target does not");
        }
        return wanted;
    }

    private static SchemaSnapshot read(ScratchDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            return SchemaReader.read(c, db.dialect());
        }
    }

    private static void validateShape(List<Operation> operations) {
        Map<String, Object> asJson;
        for (int i = 0; i < operations.size(); i++) {
            Operation op = operations.get(i);
            OperationKind kind = op.kind();
            asJson = Json.MAPPER.convertValue(op, Map.class);
            for (String field : kind.required()) {
                Object value = asJson.get(field);
                if (value == null || (value instanceof String s && s.isBlank()) || (value instanceof List<?> l && l.isEmpty())) {
                    throw PlcException.invalid("operation " + (i + 1) + " (" + kind.id() + ") needs '" + field + "'; "
                            + kind.id() + " takes: " + String.join(", ", kind.required()));
                }
            }
        }
    }

    /**
     * Runs every statement of every step, in order, so a plan that does not apply is an error and not a surprise; on
     * the way, checks the repo's queries against the schema before the change and after each release (steps are
     * ordered by release).
     */
    private static void prove(ScratchDatabase db, List<ChangePlan.Step> steps, List<Operation> operations, CompatibilityChecker compat,
                              AccessPathTests tests) throws SQLException {
        try (Connection c = db.connect()) {
            c.setAutoCommit(true);
            compat.checkState(c, 0);
            StepRunner.Failure failure = StepRunner.run(c, steps, release -> {
                compat.checkState(c, release);
                if (tests != null) {
                    tests.afterRelease(c, release);
                }
            });
            if (failure != null) {
                ChangePlan.Step step = failure.step();
                String what = "step " + step.number() + " (" + step.title() + ") fails on " + db.info().dialect() + " " + db.info().version()
                        + ": " + Secrets.redact(failure.error().getMessage()).lines().findFirst().orElse("") + " -- statement: " + failure.statement();
                boolean asWritten = step.operation() >= 0 && step.operation() < operations.size()
                        && "sql".equals(operations.get(step.operation()).op());
                if (asWritten) {
                    throw PlcException.invalid(what + " (the statement as written: check its types and expressions)");
                }
                // a statement plan_change wrote that does not run is our defect, not the caller's
                throw new PlcException(PlcException.Code.INTERNAL, what + " (a statement plan_change generated; the change as written is"
                        + " valid: please report this plan)");
            }
        }
    }

    private static List<ChangePlan.Step> number(List<PlanBuilder.Draft> drafts) {
        List<ChangePlan.Step> steps = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            PlanBuilder.Draft d = drafts.get(i);
            steps.add(new ChangePlan.Step(i + 1, d.phase(), d.release(), d.title(), d.sql(), d.transactional(), d.appCode(),
                    d.destructive(), d.operation()));
        }
        return steps;
    }

    private static List<ChangePlan.Hazard> hazards(PlanBuilder out, List<ChangePlan.Step> steps) {
        List<ChangePlan.Hazard> hazards = new ArrayList<>();
        for (PlanBuilder.HazardDraft draft : out.hazards()) {
            List<Integer> numbers = steps.stream().filter(s -> s.operation() == draft.operation()).map(ChangePlan.Step::number).toList();
            ChangePlan.Hazard h = draft.hazard();
            hazards.add(new ChangePlan.Hazard(h.rule(), h.severity(), h.statement(), h.lock(), h.risk(), h.message(), h.safeAlternative(),
                    numbers.isEmpty() ? null : "steps " + numbers.stream().map(String::valueOf).collect(Collectors.joining(", "))));
        }
        return hazards;
    }

    private static List<ChangePlan.RollbackNote> rollback(List<PlanBuilder.Draft> drafts, List<ChangePlan.Step> steps) {
        List<ChangePlan.RollbackNote> notes = new ArrayList<>();
        for (int i = drafts.size() - 1; i >= 0; i--) {
            PlanBuilder.Draft d = drafts.get(i);
            notes.add(new ChangePlan.RollbackNote(steps.get(i).number(), d.rollbackSql(), d.rollbackLosesData(), d.rollbackNote()));
        }
        return notes;
    }

    private static String planId(MigrationFramework framework, Dialect dialect, SchemaSnapshot current, List<Operation> operations,
                                 Request request, Map<String, Long> sizes) {
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("framework", framework.name());
        identity.put("next_version", framework.nextVersion());
        identity.put("dialect", dialect.id());
        identity.put("schema", current);
        identity.put("operations", operations);
        identity.put("sql", request.sql());
        identity.put("zero_downtime", request.zeroDowntime());
        identity.put("target_version", request.targetVersion());
        identity.put("table_sizes", new TreeMap<>(sizes));
        return "plan-" + sha256(Json.compact(identity)).substring(0, 16);
    }

    private static ChangePlan.Approval approval(String planId, List<ChangePlan.Step> destructive) {
        String digest = destructiveDigest(destructive);
        return new ChangePlan.Approval(approvalToken(planId, digest), digest, destructive.stream().map(ChangePlan.Step::number).toList());
    }

    /** The sha256 of the exact SQL of the destructive steps: what an approval approves. */
    public static String destructiveDigest(List<ChangePlan.Step> steps) {
        return sha256(steps.stream().filter(ChangePlan.Step::destructive).map(s -> String.join("\n", s.sql()))
                .collect(Collectors.joining("\n--\n")));
    }

    /** The approval token of a plan: bound to the plan id and to the digest of its destructive SQL. */
    public static String approvalToken(String planId, String digest) {
        return "approve-" + sha256(planId + ":" + digest).substring(0, 16);
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String describe(Operation op) {
        if (op.kind() == OperationKind.SQL && op.table() == null && op.statement() != null) {
            String first = op.statement().strip().lines().findFirst().orElse("").replaceAll(";\\s*$", "");
            return "sql: " + (first.length() > 80 ? first.substring(0, 77) + "..." : first);
        }
        StringBuilder sb = new StringBuilder(op.kind().id()).append(' ');
        sb.append(op.table() == null ? op.name() : op.table());
        if (op.column() != null) {
            sb.append('.').append(op.column());
        }
        if (op.newName() != null) {
            sb.append(" -> ").append(op.newName());
        }
        return sb.toString();
    }
}
