package dev.plc.check;

import dev.plc.apply.ApplyResult;
import dev.plc.apply.MigrationApplier;
import dev.plc.db.ScratchDatabase;
import dev.plc.db.ScratchDatabaseException;
import dev.plc.plan.ChangePlan;
import dev.plc.plan.IndexFindings;
import dev.plc.plan.impact.SchemaReference;
import dev.plc.schema.catalog.Catalog;
import dev.plc.schema.catalog.CatalogReader;
import dev.plc.schema.SchemaReader;
import dev.plc.schema.SchemaSnapshot;
import dev.plc.sql.ApprovalStamp;
import dev.plc.sql.SqlScript;
import dev.plc.sql.SqlStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The new migrations run over generated rows in the tables they touch; what they drop, and the index hazards they leave
 * (a redundant index, a PostgreSQL foreign key no index serves), are read from the database before and after them.
 */
final class DataSafetyCheck implements Check {

    @Override
    public String name() {
        return "data_safety";
    }

    @Override
    public CheckReport.Check run(CheckContext ctx) throws ScratchDatabaseException, SQLException {
        if (ctx.set.unsupported() != null) {
            return ctx.unsupported("data_safety");
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
        try (ScratchDatabase db = ctx.scratchDatabase()) {
            ApplyResult upToBaseline = baseline == null ? null : applier.apply(db, ctx.set, ctx.request.timeout(), baseline);
            if (upToBaseline != null && !upToBaseline.ok()) {
                return CheckContext.dependsOnApply("data_safety", upToBaseline);
            }
            // one catalog read stands for both: the schema the seeder and the drop list use is read from it
            State before = State.read(db);
            touched.removeIf(t -> before.schema().table(t).isEmpty());
            List<String> problems = touched.isEmpty() ? List.of() : Seeder.seed(db, before.schema(), touched);
            // what the migrations did is read from the database, not from their text: a DROP SCHEMA ... CASCADE or a DO block
            // drops tables no statement names. Run one new migration at a time, so each drop is the work of one file.
            List<Migrations.Migration> steps = ctx.changed.stream().sorted(java.util.Comparator.comparing(Migrations.Migration::version,
                    Migrations.order())).toList();
            boolean stepwise = steps.size() <= STEPWISE_MAX;
            List<Drop> drops = new ArrayList<>();
            State last = before;
            ApplyResult result = null;
            if (stepwise) {
                for (Migrations.Migration m : steps) {
                    result = applier.apply(db, ctx.set, ctx.request.timeout(), m.version());
                    if (!result.ok()) {
                        break;
                    }
                    State now = State.read(db);
                    gone(last, now).forEach(g -> drops.add(new Drop(g, m)));
                    last = now;
                }
            }
            if (result == null || result.ok()) {
                // every migration left (all of them when too many are new to run one at a time; else those after the last new one)
                result = applier.apply(db, ctx.set, ctx.request.timeout());
                if (result.ok()) {
                    State now = State.read(db);
                    for (SchemaReference g : gone(last, now)) {
                        drops.add(new Drop(g, stepwise ? null : namedBy(steps, g, ctx.dialect)));
                    }
                    last = now;
                }
            }
            List<CheckReport.Finding> findings = new ArrayList<>();
            Catalog catalogAfter = result.ok() ? last.catalog() : null;
            List<ChangePlan.Hazard> indexHazards = catalogAfter != null && before.catalog() != null ? IndexFindings.of(before.catalog(), catalogAfter) : List.of();
            for (ChangePlan.Hazard h : indexHazards) {
                findings.add(CheckReport.Finding.warning(null, 0, h.rule(), h.message() + " -- " + h.statement(), h.safeAlternative()));
            }
            String indexSummary = indexHazards.isEmpty() ? "" : "; " + indexHazards.size() + " index hazard(s) (" + indexHazards.stream()
                    .map(ChangePlan.Hazard::rule).distinct().collect(java.util.stream.Collectors.joining(", ")) + ")";
            if (result.ok()) {
                List<SchemaReference> statements = ImpactCheck.statementReferences(ctx);
                List<SchemaReference> renamed = statements.stream().filter(r -> r.change().startsWith("rename")).toList();
                drops.removeIf(d -> renamed.stream().anyMatch(r -> ImpactCheck.covers(r, d.what())));
                ctx.dropped = drops.stream().map(Drop::what).toList();
                for (Drop d : drops) {
                    findings.add(finding(d, statements.stream().anyMatch(r -> ImpactCheck.covers(r, d.what())), touched, ctx));
                }
            }
            if (touched.isEmpty() && result.ok() && ctx.dropped.isEmpty()) {
                return new CheckReport.Check("data_safety", status(false, findings), "the change only touches new "
                        + "tables (read from the database before and after it)" + indexSummary, 0, findings);
            }
            problems.forEach(p -> findings.add(CheckReport.Finding.warning(null, 0, "data_safety", p, "seed the table by hand to check it")));
            if (!result.ok() && result.failure().couldNotRun()) {
                return CheckReport.Check.error("data_safety", "the new migrations could not run over the generated rows: " + result.failure().message(),
                        "check the database (or raise timeout_s) and run the checks again");
            }
            boolean dependsOnValues = false;
            if (!result.ok()) {
                ApplyResult.Failure f = result.failure();
                dependsOnValues = !touched.isEmpty() && VALUE_DEPENDENT.contains(String.valueOf(f.sqlState()));
                if (dependsOnValues) {
                    // the generated values broke a rule the migration adds (a CHECK, a UNIQUE, a narrower type): production
                    // rows may or may not; what the migrations after it do over rows was not seen
                    findings.add(CheckReport.Finding.warning(f.file(), f.line(), "data_safety", "fails on the " + Seeder.ROWS + " generated rows in "
                                    + String.join(", ", touched) + ", whose made-up values break what it adds: " + f.message()
                                    + "; it fails in production as well if rows there do, and the migrations after it were not run over rows",
                            "count the rows that break it on production first (plan_change's precheck gives the query), or backfill in the"
                                    + " migration before it"));
                } else {
                    findings.add(CheckReport.Finding.error(f.file(), f.line(), "data_safety", (touched.isEmpty() ? "fails over the schema before the change: "
                            : "fails on a table with rows (" + Seeder.ROWS + " generated rows in " + String.join(", ", touched) + "): ") + f.message(),
                            advice(f, touched)));
                }
            }
            String dropSummary = ctx.dropped == null || ctx.dropped.isEmpty() ? "" : "; drops " + ctx.dropped.size() + " existing object(s)";
            return new CheckReport.Check("data_safety", status(!result.ok() && !dependsOnValues, findings),
                    (touched.isEmpty() ? "new migrations applied" : "new migrations applied over " + Seeder.ROWS + " generated rows in "
                            + String.join(", ", touched)) + dropSummary + indexSummary, 0, findings);
        }
    }

    /** What to do about a failure over the rows: only a NOT NULL the rows break is about there being rows. */
    private static String advice(ApplyResult.Failure f, Set<String> touched) {
        if (touched.isEmpty()) {
            return "fix the migration: it fails with no rows involved (apply reports it too)";
        }
        if (NOT_NULL.contains(String.valueOf(f.sqlState()))) {
            return "a production table has rows: give the column a default, backfill before constraining, or check the data first";
        }
        return "fix the migration: run it on a copy with rows to see why; what fails over these rows fails in production too";
    }

    /** NOT NULL violated by existing rows: PostgreSQL 23502, MariaDB/MySQL 22004 (and 01000 with its 1138 warning as an error). */
    private static final Set<String> NOT_NULL = Set.of("23502", "22004", "01000");

    /**
     * SQLSTATEs of a failure that depends on the values in the rows, not on there being rows: a CHECK (23514), a UNIQUE
     * (23505), a foreign key (23503), a value too long (22001) or out of range (22003) for a narrower type, an invalid
     * value for the new type (22P02); MariaDB/MySQL give 23000 for a duplicate, a foreign key and a CHECK. NOT NULL (23502;
     * MariaDB 22004) is not among them: a NULL is what a nullable column has.
     */
    private static final Set<String> VALUE_DEPENDENT = Set.of("23514", "23505", "23503", "22001", "22003", "22P02", "23000");

    /** At most this many new migrations run one at a time (a catalog read after each); more run in one go. */
    static final int STEPWISE_MAX = 12;

    /**
     * The database at one point: its catalog (null on a dialect without a catalog reader, H2 and SQLite, which have no
     * index hazards) and the schema read from it.
     */
    private record State(Catalog catalog, SchemaSnapshot schema) {

        static State read(ScratchDatabase db) throws SQLException {
            if (!CatalogReader.supports(db.dialect())) {
                return new State(null, CheckContext.read(db));
            }
            Catalog catalog = CatalogReader.read(db);
            return new State(catalog, SchemaReader.of(catalog));
        }
    }

    /** A table or column that went away, and the new migration that dropped it (null: a migration that is not new). */
    private record Drop(SchemaReference what, Migrations.Migration by) {
    }

    /** What {@code before} has that {@code after} lacks, in the current schema and outside it. */
    private static List<SchemaReference> gone(State before, State after) {
        List<SchemaReference> out = new ArrayList<>(dropped(before.schema(), after.schema()));
        if (before.catalog() != null && after.catalog() != null) {
            out.addAll(droppedElsewhere(before.catalog(), after.catalog()));
        }
        return out;
    }

    /**
     * Who dropped {@code gone} when the new migrations ran together: the last whose statements drop it, else the last
     * whose SQL names it (the column, or the table or its schema), else null.
     */
    private static Migrations.Migration namedBy(List<Migrations.Migration> steps, SchemaReference gone, dev.plc.db.Dialect dialect) {
        Migrations.Migration named = null;
        Migrations.Migration mentioned = null;
        for (Migrations.Migration m : steps) {
            if (ImpactCheck.statementReferences(m, dialect).stream().anyMatch(r -> ImpactCheck.covers(r, gone))) {
                named = m;
            }
            boolean mentions = gone.column() != null ? mentions(m.sql(), gone.column())
                    : java.util.Arrays.stream(gone.table().split("\\.")).anyMatch(part -> mentions(m.sql(), part));
            if (mentions) {
                mentioned = m;
            }
        }
        return named != null ? named : mentioned;
    }

    private static boolean mentions(String sql, String name) {
        return java.util.regex.Pattern.compile("(?i)(?<![\\w$])" + java.util.regex.Pattern.quote(name) + "(?![\\w$])").matcher(sql).find();
    }

    /**
     * The finding for a drop: an error unless the migration that dropped it carries a {@code plc:approved} stamp that
     * still holds for its statements. Lint flags a drop a statement names; one no statement names (a DO block, dynamic
     * SQL, a schema dropped with CASCADE) only shows in the catalog, so this is the check that has to stop it.
     */
    private static CheckReport.Finding finding(Drop d, boolean namedByAStatement, Set<String> touched, CheckContext ctx) {
        SchemaReference lost = d.what();
        String what = lost.column() == null ? "table " + lost.table() : "column " + lost.table() + "." + lost.column();
        String rows = touched.contains(lost.table().toLowerCase(Locale.ROOT)) ? " (its " + Seeder.ROWS + " generated rows are gone)" : "";
        String help = "drop only through an approved plan (plan_change, then write_migration with its approval token), after the code stopped using it";
        if (d.by() == null) {
            return CheckReport.Finding.error(null, 0, "data_safety", "the migrations drop " + what + ", which existed before the change" + rows
                    + ": what it holds in production is lost, and no new migration could be told apart as the one that drops it", help);
        }
        Migrations.Migration m = d.by();
        List<SqlStatement> statements = SqlScript.split(m.sql(), ctx.dialect);
        Optional<ApprovalStamp> stamp = ApprovalStamp.of(statements).stream().filter(a -> a.holdsFor(statements)).findFirst();
        int line = statements.stream().filter(s -> mentions(s.text(), lost.column() != null ? lost.column() : lost.table().replaceAll(".*\\.", "")))
                .mapToInt(SqlStatement::line).findFirst().orElse(statements.isEmpty() ? 1 : statements.get(0).line());
        String message = m.prefix() + "drops " + what + ", which existed before the change" + rows + ": what it holds in production is lost"
                + (namedByAStatement ? "" : "; no statement names it (a DO block, dynamic SQL or a CASCADE drops it), so lint cannot flag it");
        return new CheckReport.Finding(m.file(), m.fileLine(line, ctx.index), "data_safety", "error", message, help, false, null,
                stamp.isPresent(), stamp.map(ApprovalStamp::approval).orElse(null));
    }

    /** fail when the migrations failed (not on the made-up values) or a finding that counts is an error; warn on any other that counts. */
    private static CheckStatus status(boolean failed, List<CheckReport.Finding> findings) {
        if (failed || findings.stream().anyMatch(f -> f.counts() && f.severity().equals("error"))) {
            return CheckStatus.FAIL;
        }
        return findings.stream().anyMatch(CheckReport.Finding::counts) ? CheckStatus.WARN : CheckStatus.PASS;
    }

    /**
     * Tables outside the current schema (PostgreSQL: every other non-system schema), and columns of those that remain,
     * in {@code before} and not in {@code after}, named schema.table: a DROP SCHEMA ... CASCADE of another schema.
     */
    static List<SchemaReference> droppedElsewhere(Catalog before, Catalog after) {
        List<SchemaReference> out = new ArrayList<>();
        for (Catalog.Relation r : before.relations()) {
            if (!r.isTable() || r.schema() == null || r.schema().equals(before.currentSchema())) {
                continue;
            }
            String name = before.displayName(r);
            Optional<Catalog.Relation> now = after.relations().stream().filter(a -> a.isTable() && name.equals(after.displayName(a))).findFirst();
            if (now.isEmpty()) {
                out.add(new SchemaReference(name, null, "drop_table"));
                continue;
            }
            for (Catalog.Column c : r.columns()) {
                if (now.get().column(c.name()).isEmpty()) {
                    out.add(new SchemaReference(name, c.name(), "drop_column"));
                }
            }
        }
        return out;
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
}
