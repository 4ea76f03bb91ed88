package dev.plc.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.plc.core.PlcException;
import dev.plc.core.Progress;
import dev.plc.db.Dialect;
import dev.plc.db.ScratchDatabase;
import dev.plc.db.ScratchDatabases;
import dev.plc.schema.SchemaReader;
import dev.plc.schema.SchemaSnapshot;
import dev.plc.sql.SqlScript;
import dev.plc.testing.RealServers;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every plan proves itself on seeded rows: the change as written on one copy, the plan's releases on another, compared
 * schema and data. Real PostgreSQL and MariaDB (skipped without them).
 */
class PlanProofTest {

    private static final Path SHOP = ChangePlannerTest.SHOP;
    private static final Path BLOG = ChangePlannerTest.BLOG;
    private static final String SPLIT_PG = "ALTER TABLE customers ADD COLUMN first_name varchar(200), ADD COLUMN last_name varchar(200);"
            + " UPDATE customers SET first_name = split_part(full_name, ' ', 1), last_name = split_part(full_name, ' ', 2);"
            + " ALTER TABLE customers DROP COLUMN full_name";
    private static final String SPLIT_MARIADB = "ALTER TABLE authors ADD COLUMN first_name varchar(200), ADD COLUMN last_name varchar(200);"
            + " UPDATE authors SET first_name = SUBSTRING_INDEX(display_name, ' ', 1), last_name = SUBSTRING_INDEX(display_name, ' ', -1);"
            + " ALTER TABLE authors DROP COLUMN display_name";

    private final ScratchDatabases scratch = ScratchDatabases.fromEnvironment();
    private final ChangePlanner planner = new ChangePlanner(scratch, new PlanStore());

    private ChangePlan plan(Path repo, String sql, List<String> accept) {
        return planner.plan(new ChangePlanner.Request(repo, null, sql, null, true, null, null, Duration.ofSeconds(60), null, accept),
                Progress.NONE);
    }

    @Test
    void aPlainAddColumnIsProvenOnSeededRowsPostgres() {
        RealServers.require(Dialect.POSTGRESQL);
        Verification v = plan(SHOP, "ALTER TABLE orders ADD COLUMN priority integer", null).verification();
        assertThat(v.ran()).isTrue();
        assertThat(v.ok()).as("%s", v).isTrue();
        assertThat(v.rowsSeeded()).isGreaterThanOrEqualTo(400); // orders and its parent customers, 200 each
        assertThat(v.tables()).containsExactly("customers", "orders");
        assertThat(v.schemaEqual()).isTrue();
        assertThat(v.dataEqual()).isTrue();
        assertThat(v.differences()).isEmpty();
        assertThat(PlanReport.full(plan(SHOP, "ALTER TABLE orders ADD COLUMN priority integer", null))).contains("Proof on seeded rows: ok");
    }

    @Test
    void aPlainAddColumnIsProvenOnSeededRowsMariadb() {
        RealServers.require(Dialect.MARIADB);
        Verification v = plan(BLOG, "ALTER TABLE posts ADD COLUMN views int", null).verification();
        assertThat(v.ok()).as("%s", v).isTrue();
        assertThat(v.rowsSeeded()).isGreaterThanOrEqualTo(400);
        assertThat(v.tables()).containsExactly("authors", "posts");
        assertThat(v.dataEqual()).isTrue();
    }

    @Test
    void aRenameKeepsEveryValuePostgres() {
        RealServers.require(Dialect.POSTGRESQL);
        Verification v = plan(SHOP, "ALTER TABLE orders RENAME COLUMN note TO remark", null).verification();
        assertThat(v.ran()).isTrue();
        assertThat(v.dataEqual()).as("%s", v).isTrue();
        assertThat(v.ok()).as("%s", v).isTrue();
        assertThat(v.notes()).anyMatch(n -> n.contains("write(s) of the old code between releases"));
    }

    @Test
    void aRenameKeepsEveryValueMariadb() {
        RealServers.require(Dialect.MARIADB);
        Verification v = plan(BLOG, "ALTER TABLE authors RENAME COLUMN display_name TO author_name", null).verification();
        assertThat(v.ran()).isTrue();
        assertThat(v.dataEqual()).as("%s", v).isTrue();
        assertThat(v.differences()).as("%s", v).isEmpty();
        assertThat(v.ok()).isTrue();
    }

    private ChangePlan planAcceptingSchemaDifferences(Path repo, String sql) {
        PlcException refused = catchThrowableOfType(PlcException.class, () -> plan(repo, sql, null));
        if (refused == null) {
            return plan(repo, sql, null);
        }
        List<String> names = names(refused);
        assertThat(names).as(refused.getMessage()).allMatch(n -> n.startsWith("schema:"));
        return plan(repo, sql, names);
    }

    private static List<String> names(PlcException refused) {
        return java.util.regex.Pattern.compile("\\[([a-z]+:[^\\]]+)]").matcher(refused.getMessage()).results().map(m -> m.group(1)).distinct().toList();
    }

    /**
     * Splitting full_name: the planner of before ran the UPDATE once in release 1, so the names the old code wrote after
     * it were lost with the drop; the proof refused it by name. Now the UPDATE is carried for every writer (a trigger
     * computes the new columns from the same expressions until the next release), batched, and the proof shows every
     * name intact.
     */
    @Test
    void splittingAColumnCarriesTheBackfillForEveryWriterPostgres() {
        RealServers.require(Dialect.POSTGRESQL);
        splitIsCarried(SHOP, SPLIT_PG, "customers", "split_part(NEW.full_name, ' ', 1)");
    }

    @Test
    void splittingAColumnCarriesTheBackfillForEveryWriterMariadb() {
        RealServers.require(Dialect.MARIADB);
        splitIsCarried(BLOG, SPLIT_MARIADB, "authors", "SUBSTRING_INDEX(NEW.display_name, ' ', 1)");
    }

    private void splitIsCarried(Path repo, String sql, String table, String triggerExpression) {
        ChangePlan plan = plan(repo, sql, null);
        Verification v = plan.verification();
        assertThat(v.ran()).isTrue();
        assertThat(v.differences()).as("%s", v).isEmpty();
        assertThat(v.dataEqual()).isTrue();
        assertThat(v.notes()).anyMatch(n -> n.contains("write(s) of the old code between releases"));
        String all = String.join("\n", plan.steps().stream().flatMap(st -> st.sql().stream()).toList());
        assertThat(all).contains(triggerExpression).contains("DROP TRIGGER");
        // the trigger goes before the source column does, in the release after the code that writes the new columns
        List<String> titles = plan.steps().stream().map(ChangePlan.Step::title).toList();
        int dropTrigger = titles.indexOf(titles.stream().filter(x -> x.startsWith("drop the trigger")).findFirst().orElseThrow());
        int dropColumn = titles.indexOf(titles.stream().filter(x -> x.startsWith("drop column")).findFirst().orElseThrow());
        assertThat(dropTrigger).isLessThan(dropColumn);
    }

    /** An UPDATE of data that was there before is a data change, planned as written: the proof holds it to the same rows. */
    @Test
    void anUpdateOfExistingColumnsIsPlannedAsWrittenPostgres() {
        RealServers.require(Dialect.POSTGRESQL);
        ChangePlan plan = plan(SHOP, "UPDATE orders SET note = upper(note) WHERE note IS NOT NULL", null);
        assertThat(plan.steps()).noneMatch(st -> st.title().contains("trigger"));
        assertThat(plan.verification().differences()).as("%s", plan.verification()).isEmpty();
    }

    /** A destructive drop: the staged plan loses exactly what the statement loses (the backup it keeps is no loss). */
    @Test
    void aDestructiveDropLosesExactlyWhatTheStatementLosesPostgres() {
        RealServers.require(Dialect.POSTGRESQL);
        ChangePlan plan = plan(SHOP, "ALTER TABLE orders DROP COLUMN note", null);
        assertThat(plan.migrationType()).isEqualTo("destructive");
        Verification v = plan.verification();
        assertThat(v.ok()).as("%s", v).isTrue();
        assertThat(v.dataEqual()).isTrue();
        assertThat(v.notes()).anyMatch(n -> n.contains("backup"));
    }

    /** A hand-made plan that ends in another type than the statement: a schema difference, named. */
    @Test
    void aPlanThatEndsInAnotherSchemaIsReportedWithItsDifferencePostgres() throws Exception {
        RealServers.require(Dialect.POSTGRESQL);
        schemaDifference(Dialect.POSTGRESQL, "CREATE TABLE t (id bigint PRIMARY KEY, v integer)", "ALTER TABLE t ADD COLUMN w integer",
                "ALTER TABLE t ADD COLUMN w bigint");
    }

    @Test
    void aPlanThatEndsInAnotherSchemaIsReportedWithItsDifferenceMariadb() throws Exception {
        RealServers.require(Dialect.MARIADB);
        schemaDifference(Dialect.MARIADB, "CREATE TABLE t (id bigint PRIMARY KEY, v int)", "ALTER TABLE t ADD COLUMN w int",
                "ALTER TABLE t ADD COLUMN w bigint");
    }

    private void schemaDifference(Dialect dialect, String schema, String asWritten, String planned) throws Exception {
        Verification v = proveHandMade(dialect, schema, asWritten, List.of(step(1, 1, planned)));
        assertThat(v.ran()).isTrue();
        assertThat(v.ok()).isFalse();
        assertThat(v.schemaEqual()).isFalse();
        assertThat(v.differences()).anySatisfy(d -> {
            assertThat(d.kind()).isEqualTo("schema");
            assertThat(d.name()).startsWith("schema:t:");
            assertThat(d.message()).containsIgnoringCase("bigint");
        });
        assertThat(v.rowsSeeded()).isEqualTo(200);
    }

    /** The contract drops the column before the copy: the rows of A have values B lost. */
    @Test
    void aPlanThatDropsBeforeCopyingLosesDataAndSaysWhereMariadb() throws Exception {
        RealServers.require(Dialect.MARIADB);
        Verification v = proveHandMade(Dialect.MARIADB, "CREATE TABLE t (id bigint PRIMARY KEY, a varchar(50) NOT NULL)",
                "ALTER TABLE t ADD COLUMN b varchar(50); UPDATE t SET b = a; ALTER TABLE t DROP COLUMN a",
                List.of(step(1, 1, "ALTER TABLE t ADD COLUMN b varchar(50)"), step(2, 2, "ALTER TABLE t DROP COLUMN a")));
        assertThat(v.dataEqual()).isFalse();
        assertThat(v.differences()).anySatisfy(d -> {
            assertThat(d.name()).isEqualTo("data:t.b");
            assertThat(d.message()).contains("rows differ");
        });
    }

    @Test
    void oldCodeWritesBetweenReleasesAreCopiedByALaterBackfillPostgres() throws Exception {
        RealServers.require(Dialect.POSTGRESQL);
        Verification v = proveHandMade(Dialect.POSTGRESQL, "CREATE TABLE t (id bigint PRIMARY KEY, a varchar(50) NOT NULL)",
                "ALTER TABLE t ADD COLUMN b varchar(50); UPDATE t SET b = a; ALTER TABLE t DROP COLUMN a",
                List.of(step(1, 1, "ALTER TABLE t ADD COLUMN b varchar(50)"), step(2, 2, "UPDATE t SET b = a WHERE b IS DISTINCT FROM a"),
                        step(3, 3, "ALTER TABLE t DROP COLUMN a")));
        assertThat(v.ok()).as("%s", v).isTrue();
        assertThat(v.dataEqual()).isTrue();
        assertThat(v.notes()).anyMatch(n -> n.contains("after release 1 into t")).noneMatch(n -> n.contains("after release 2"));
    }

    @Test
    void aTableWithoutPrimaryKeyIsComparedAsAMultisetAndSaysSoPostgres() throws Exception {
        RealServers.require(Dialect.POSTGRESQL);
        Verification v = proveHandMade(Dialect.POSTGRESQL, "CREATE TABLE t (a text, n int CHECK (n >= 0))", "ALTER TABLE t ADD COLUMN b int",
                List.of(step(1, 1, "ALTER TABLE t ADD COLUMN b int")));
        assertThat(v.ok()).as("%s", v).isTrue();
        assertThat(v.rowsSeeded()).isEqualTo(200); // the CHECK refuses the boundary rows: they are tried again with plain values
        assertThat(v.notes()).anyMatch(n -> n.contains("compared as multisets"));
    }

    @Test
    void aTableThatCannotBeSeededIsADifferenceNotAPass() throws Exception {
        RealServers.require(Dialect.POSTGRESQL);
        Verification v = proveHandMade(Dialect.POSTGRESQL, "CREATE TABLE t (id int PRIMARY KEY, n int CHECK (n < 0))", "ALTER TABLE t ADD COLUMN b int",
                List.of(step(1, 1, "ALTER TABLE t ADD COLUMN b int")));
        assertThat(v.ok()).isFalse();
        assertThat(v.differences()).anySatisfy(d -> {
            assertThat(d.name()).isEqualTo("seed:t");
            assertThat(d.message()).contains("could not seed t").contains("check constraint");
        });
        assertThat(v.rowsSeeded()).isLessThan(200);
    }

    private static ChangePlan.Step step(int number, int release, String sql) {
        return new ChangePlan.Step(number, "expand", release, "step " + number, List.of(sql), true, null, false, 0);
    }

    private Verification proveHandMade(Dialect dialect, String schema, String asWritten, List<ChangePlan.Step> steps) throws Exception {
        try (ScratchDatabase db = scratch.create(dialect, null)) {
            SchemaSnapshot current;
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                c.setAutoCommit(true);
                s.execute(schema);
                current = SchemaReader.read(c, db.dialect());
            }
            return new PlanProof(scratch).run(db, current, SqlScript.split(asWritten, dialect), steps, Set.of("t"), Set.of(), 200);
        }
    }
}
