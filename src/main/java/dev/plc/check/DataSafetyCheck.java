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
            Catalog catalogBefore = catalog(db);
            SchemaSnapshot before = catalogBefore != null ? SchemaReader.of(catalogBefore) : CheckContext.read(db);
            touched.removeIf(t -> before.table(t).isEmpty());
            List<String> problems = touched.isEmpty() ? List.of() : Seeder.seed(db, before, touched);
            ApplyResult result = applier.apply(db, ctx.set, ctx.request.timeout());
            List<CheckReport.Finding> findings = new ArrayList<>();
            Catalog catalogAfter = result.ok() && catalogBefore != null ? catalog(db) : null;
            List<ChangePlan.Hazard> indexHazards = catalogAfter != null ? IndexFindings.of(catalogBefore, catalogAfter) : List.of();
            for (ChangePlan.Hazard h : indexHazards) {
                findings.add(CheckReport.Finding.warning(null, 0, h.rule(), h.message() + " -- " + h.statement(), h.safeAlternative()));
            }
            String indexSummary = indexHazards.isEmpty() ? "" : "; " + indexHazards.size() + " index hazard(s) (" + indexHazards.stream()
                    .map(ChangePlan.Hazard::rule).distinct().collect(java.util.stream.Collectors.joining(", ")) + ")";
            if (result.ok()) {
                // what the migrations did is read from the database, not from their text: a DROP SCHEMA ... CASCADE drops tables no statement names
                List<SchemaReference> renamed = ImpactCheck.statementReferences(ctx).stream().filter(r -> r.change().startsWith("rename")).toList();
                SchemaSnapshot after = catalogAfter != null ? SchemaReader.of(catalogAfter) : CheckContext.read(db);
                List<SchemaReference> gone = new ArrayList<>(dropped(before, after));
                if (catalogAfter != null) {
                    gone.addAll(droppedElsewhere(catalogBefore, catalogAfter));
                }
                ctx.dropped = gone.stream().filter(g -> renamed.stream().noneMatch(r -> ImpactCheck.covers(r, g))).toList();
                for (SchemaReference lost : ctx.dropped) {
                    String what = lost.column() == null ? "table " + lost.table() : "column " + lost.table() + "." + lost.column();
                    findings.add(CheckReport.Finding.warning(null, 0, "data_safety", "the new migrations drop " + what + ", which existed before the "
                            + "change" + (touched.contains(lost.table().toLowerCase(Locale.ROOT)) ? " (its " + Seeder.ROWS + " generated rows are gone)" : "")
                            + ": what it holds in production is lost", "drop only through an approved plan, after the code stopped using it"));
                }
            }
            if (touched.isEmpty() && result.ok() && ctx.dropped.isEmpty()) {
                return new CheckReport.Check("data_safety", findings.isEmpty() ? CheckStatus.PASS : CheckStatus.WARN, "the change only touches new "
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
                            "a production table has rows: give the column a default, backfill before constraining, or check the data first"));
                }
            }
            String dropSummary = ctx.dropped == null || ctx.dropped.isEmpty() ? "" : "; drops " + ctx.dropped.size() + " existing object(s)";
            return new CheckReport.Check("data_safety", !result.ok() && !dependsOnValues ? CheckStatus.FAIL : findings.isEmpty() ? CheckStatus.PASS : CheckStatus.WARN,
                    (touched.isEmpty() ? "new migrations applied" : "new migrations applied over " + Seeder.ROWS + " generated rows in "
                            + String.join(", ", touched)) + dropSummary + indexSummary, 0, findings);
        }
    }

    /**
     * SQLSTATEs of a failure that depends on the values in the rows, not on there being rows: a CHECK (23514), a UNIQUE
     * (23505), a foreign key (23503), a value too long (22001) or out of range (22003) for a narrower type, an invalid
     * value for the new type (22P02); MariaDB/MySQL give 23000 for a duplicate, a foreign key and a CHECK. NOT NULL (23502;
     * MariaDB 22004) is not among them: a NULL is what a nullable column has.
     */
    private static final Set<String> VALUE_DEPENDENT = Set.of("23514", "23505", "23503", "22001", "22003", "22P02", "23000");

    /** The catalog the index hazards are read from; null on a dialect without a catalog reader (H2, SQLite): no index hazards there. */
    private static Catalog catalog(ScratchDatabase db) throws SQLException {
        return CatalogReader.supports(db.dialect()) ? CatalogReader.read(db) : null;
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
