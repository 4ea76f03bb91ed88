package dev.plc.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plc.core.PlcException;
import dev.plc.core.Progress;
import dev.plc.db.ScratchDatabases;
import dev.plc.plan.ChangePlan;
import dev.plc.plan.ChangePlanner;
import dev.plc.plan.Operation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writers on fixture repos with hand-made plans: names, versions, exact content, idempotence and refusals. */
class MigrationWriterTest {

    @TempDir
    Path repo;

    private final MigrationWriter writer = new MigrationWriter(ScratchDatabases.fromEnvironment());

    private void write(String path, String content) throws Exception {
        Path file = repo.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    static ChangePlan plan(String id, List<ChangePlan.Step> steps, List<ChangePlan.RollbackNote> rollback) {
        List<ChangePlan.Step> destructive = steps.stream().filter(ChangePlan.Step::destructive).toList();
        ChangePlan.Approval approval = null;
        if (!destructive.isEmpty()) {
            String digest = ChangePlanner.destructiveDigest(steps);
            approval = new ChangePlan.Approval(ChangePlanner.approvalToken(id, digest), digest,
                    destructive.stream().map(ChangePlan.Step::number).toList());
        }
        return new ChangePlan(id, destructive.isEmpty() ? "additive" : "destructive", "postgresql", "flyway", "add order priority",
                List.of(Operation.of("add_column", "orders")), steps, List.of(), List.of(), List.of(), null, rollback,
                approval != null, approval, List.of(), List.of(), null, null);
    }

    static ChangePlan.Step step(int n, int release, String title, boolean transactional, String... sql) {
        return new ChangePlan.Step(n, "expand", release, title, List.of(sql), transactional, null, false, 0);
    }

    private WrittenMigrations write(ChangePlan plan, Boolean includeDown, String approval) {
        return writer.write(new MigrationWriter.Request(repo, plan, null, includeDown, null, approval, 1), Progress.NONE);
    }

    /** A plan made for a repo of another framework: the writer writes for the plan's framework. */
    static ChangePlan forFramework(ChangePlan p, String framework) {
        return new ChangePlan(p.planId(), p.migrationType(), p.dialect(), framework, p.description(), p.operations(), p.steps(), p.hazards(),
                p.prechecks(), p.impactedCode(), p.expectedSchema(), p.rollback(), p.requiresApproval(), p.approval(), p.assumptions(),
                p.warnings(), p.database(), p.compatibility());
    }

    private void flywayRepo() throws Exception {
        write("flyway.conf", "flyway.url=jdbc:postgresql://db/app\nflyway.locations=filesystem:sql\n");
        write("sql/V001__init.sql", "CREATE TABLE orders (id bigint primary key);\n");
        write("sql/V002__more.sql", "ALTER TABLE orders ADD COLUMN note text;\n");
    }

    private static final ChangePlan ADD_PRIORITY = plan("plan-0000000000000001", List.of(
            step(1, 1, "add column orders.priority", true, "SET lock_timeout = '5s';", "ALTER TABLE orders ADD COLUMN priority int DEFAULT 0 NOT NULL;"),
            step(2, 1, "create index orders_priority_idx", false, "CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_priority_idx ON orders (priority);")),
            List.of(new ChangePlan.RollbackNote(2, List.of("DROP INDEX CONCURRENTLY IF EXISTS orders_priority_idx;"), false, null),
                    new ChangePlan.RollbackNote(1, List.of("ALTER TABLE orders DROP COLUMN priority;"), true, "dropping the column loses what was written to it")));

    @Test
    void writesFlywayFilesWithTheRepoPaddingAndAConfForTheNonTransactionalStep() throws Exception {
        flywayRepo();
        WrittenMigrations w = write(ADD_PRIORITY, false, null);
        assertThat(w.files()).extracting(WrittenMigrations.WrittenFile::path).containsExactly(
                "sql/V003__add_column_orders_priority.sql",
                "sql/V004__create_index_orders_priority_idx.sql",
                "sql/V004__create_index_orders_priority_idx.sql.conf");
        assertThat(Files.readString(repo.resolve("sql/V003__add_column_orders_priority.sql"))).isEqualTo("""
                -- persistence-layer-change plan-0000000000000001 step 1/2: add column orders.priority
                -- release 1, expand

                SET lock_timeout = '5s';

                ALTER TABLE orders ADD COLUMN priority int DEFAULT 0 NOT NULL;
                """);
        assertThat(Files.readString(repo.resolve("sql/V004__create_index_orders_priority_idx.sql.conf"))).contains("executeInTransaction=false");
        assertThat(w.files()).allSatisfy(f -> assertThat(f.status()).isEqualTo("written"));
        assertThat(w.files().get(0).sha256()).hasSize(64);
    }

    @Test
    void laterReleasesGetARolloutNoteInTheDocsFolderWhereTheRepoHasOne() throws Exception {
        flywayRepo();
        write("docs/architecture.md", "# Architecture\n");
        ChangePlan staged = plan("plan-0000000000000004", List.of(
                step(1, 1, "add column orders.remark", true, "ALTER TABLE orders ADD COLUMN remark text;"),
                new ChangePlan.Step(2, "switch", 2, "read remark", List.of(), true, "Reads use remark.", false, 0)),
                List.of(new ChangePlan.RollbackNote(1, List.of("ALTER TABLE orders DROP COLUMN remark;"), true, null)));
        WrittenMigrations w = write(staged, false, null);
        assertThat(w.files()).extracting(WrittenMigrations.WrittenFile::path)
                .containsExactly("sql/V003__add_order_priority.sql", "docs/migrations/plan-0000000000000004-rollout.md");
        assertThat(Files.readString(repo.resolve("docs/migrations/plan-0000000000000004-rollout.md")))
                .contains("## Release 1 (written now)", "## Release 2", "2. read remark (switch, code)", "release=<n>");
        assertThat(w.stepsLater()).containsExactly(2);
        assertThat(write(staged, false, null).files()).allSatisfy(f -> assertThat(f.status()).isEqualTo("unchanged"));
    }

    @Test
    void aSecondIdenticalCallChangesNothingAndReportsUnchanged() throws Exception {
        flywayRepo();
        write(ADD_PRIORITY, false, null);
        long before = Files.list(repo.resolve("sql")).count();
        WrittenMigrations again = write(ADD_PRIORITY, false, null);
        assertThat(again.files()).allSatisfy(f -> assertThat(f.status()).isEqualTo("unchanged"));
        assertThat(again.files()).extracting(WrittenMigrations.WrittenFile::path).contains("sql/V003__add_column_orders_priority.sql");
        assertThat(Files.list(repo.resolve("sql")).count()).isEqualTo(before);
    }

    @Test
    void undoScriptsGoToASiblingFolderUnlessTheRepoKeepsUFiles() throws Exception {
        flywayRepo();
        WrittenMigrations w = write(ADD_PRIORITY, true, null);
        assertThat(w.files()).filteredOn(f -> f.kind().equals("undo")).extracting(WrittenMigrations.WrittenFile::path)
                .containsExactly("sql-down/U003__add_column_orders_priority.sql", "sql-down/U004__create_index_orders_priority_idx.sql");
        assertThat(Files.readString(repo.resolve("sql-down/U003__add_column_orders_priority.sql")))
                .contains("ALTER TABLE orders DROP COLUMN priority;", "NOTE: dropping the column loses what was written to it");
        assertThat(w.warnings()).anySatisfy(x -> assertThat(x).contains("sql-down/"));
    }

    @Test
    void undoScriptsStayNextToTheVFilesWhereTheRepoKeepsUFiles() throws Exception {
        flywayRepo();
        write("sql/U002__more.sql", "ALTER TABLE orders DROP COLUMN note;\n");
        WrittenMigrations w = write(ADD_PRIORITY, null, null);
        assertThat(w.files()).filteredOn(f -> f.kind().equals("undo")).extracting(WrittenMigrations.WrittenFile::path)
                .containsExactly("sql/U003__add_column_orders_priority.sql", "sql/U004__create_index_orders_priority_idx.sql");
    }

    @Test
    void golangMigrateGetsUpAndDownPairsWithItsPadding() throws Exception {
        write("go.mod", "module x\n\nrequire github.com/golang-migrate/migrate/v4 v4.18.1\n");
        write("db/migrations/000001_init.up.sql", "CREATE TABLE orders (id bigint primary key);\n");
        write("db/migrations/000001_init.down.sql", "DROP TABLE orders;\n");
        WrittenMigrations w = write(forFramework(ADD_PRIORITY, "golang-migrate"), null, null);
        assertThat(w.framework()).isEqualTo("golang-migrate");
        assertThat(w.files()).extracting(WrittenMigrations.WrittenFile::path).containsExactly(
                "db/migrations/000002_add_column_orders_priority.up.sql", "db/migrations/000002_add_column_orders_priority.down.sql",
                "db/migrations/000003_create_index_orders_priority_idx.up.sql", "db/migrations/000003_create_index_orders_priority_idx.down.sql");
        assertThat(Files.readString(repo.resolve("db/migrations/000003_create_index_orders_priority_idx.up.sql")))
                .contains("cannot run inside a transaction");
    }

    @Test
    void dbmateGetsOneAnnotatedFileAndTimestampsDerivedFromTheLastOne() throws Exception {
        write("db/migrations/20240101120000_init.sql", "-- migrate:up\nCREATE TABLE orders (id bigint primary key);\n\n-- migrate:down\nDROP TABLE orders;\n");
        WrittenMigrations w = write(forFramework(ADD_PRIORITY, "dbmate"), null, null);
        assertThat(w.framework()).isEqualTo("dbmate");
        assertThat(w.files()).extracting(WrittenMigrations.WrittenFile::path).containsExactly(
                "db/migrations/20240101120001_add_column_orders_priority.sql", "db/migrations/20240101120002_create_index_orders_priority_idx.sql");
        assertThat(Files.readString(repo.resolve("db/migrations/20240101120002_create_index_orders_priority_idx.sql")))
                .contains("-- migrate:up transaction:false", "-- migrate:down", "DROP INDEX CONCURRENTLY IF EXISTS orders_priority_idx;");
        assertThat(w.warnings()).anySatisfy(x -> assertThat(x).contains("timestamp versions were derived"));
    }

    @Test
    void gooseMarksNonTransactionalFilesAndWrapsBlocks() throws Exception {
        write("db/migrations/00001_init.sql", "-- +goose Up\nCREATE TABLE orders (id bigint primary key);\n-- +goose Down\nDROP TABLE orders;\n");
        ChangePlan backfill = plan("plan-0000000000000002", List.of(step(1, 1, "backfill", false, "DO $$\nBEGIN\n  PERFORM 1;\nEND $$;")),
                List.of(new ChangePlan.RollbackNote(1, List.of(), false, null)));
        write(forFramework(backfill, "goose"), null, null);
        String file = Files.readString(repo.resolve("db/migrations/00002_add_order_priority.sql"));
        assertThat(file).startsWith("-- +goose NO TRANSACTION\n").contains("-- +goose StatementBegin\nDO $$", "END $$;\n-- +goose StatementEnd");
    }

    @Test
    void anExistingFileWithOtherContentIsAnErrorAndNothingIsWritten() throws Exception {
        flywayRepo();
        write(ADD_PRIORITY, false, null);
        Path first = repo.resolve("sql/V003__add_column_orders_priority.sql");
        Files.writeString(first, Files.readString(first) + "-- edited by hand\n");
        Files.delete(repo.resolve("sql/V004__create_index_orders_priority_idx.sql"));
        assertThatThrownBy(() -> write(ADD_PRIORITY, false, null))
                .isInstanceOf(PlcException.class).hasMessageContaining("already exists with other content");
        assertThat(repo.resolve("sql/V004__create_index_orders_priority_idx.sql")).doesNotExist();
        assertThat(Files.readString(first)).endsWith("-- edited by hand\n");
    }

    @Test
    void refusesToWriteThroughASymlinkThatLeadsOutOfTheRepo(@TempDir Path outside) throws Exception {
        write("flyway.conf", "flyway.url=jdbc:postgresql://db/app\nflyway.locations=filesystem:sql\n");
        Files.createSymbolicLink(repo.resolve("sql"), outside);
        assertThatThrownBy(() -> write(ADD_PRIORITY, false, null)).isInstanceOf(PlcException.class).hasMessageContaining("outside the repo");
        try (var files = Files.list(outside)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void pathsThatLeaveTheRepoAreRefused() {
        assertThatThrownBy(() -> SafeFiles.inside(repo, "../escape.sql")).hasMessageContaining("outside the repo");
        assertThatThrownBy(() -> SafeFiles.inside(repo, "/etc/passwd")).hasMessageContaining("relative to the repo");
        assertThatThrownBy(() -> SafeFiles.inside(repo, "sql/../../x.sql")).hasMessageContaining("outside the repo");
    }

    @Test
    void destructiveStepsNeedTheApprovalTokenOfThisVeryPlan() throws Exception {
        flywayRepo();
        ChangePlan.Step drop = new ChangePlan.Step(1, "contract", 1, "drop column orders.note", List.of("ALTER TABLE orders DROP COLUMN note;"),
                true, null, true, 0);
        ChangePlan plan = plan("plan-0000000000000003", List.of(drop), List.of(new ChangePlan.RollbackNote(1, List.of(), true, "data is gone")));
        assertThatThrownBy(() -> write(plan, false, null)).hasMessageContaining("destroy data").hasMessageContaining("consent");
        assertThatThrownBy(() -> write(plan, false, "approve-0000000000000000")).hasMessageContaining("approval does not match");
        ChangePlan.Step edited = new ChangePlan.Step(1, "contract", 1, "drop column orders.note", List.of("DROP TABLE orders;"), true, null, true, 0);
        ChangePlan tampered = new ChangePlan(plan.planId(), plan.migrationType(), plan.dialect(), plan.framework(), plan.description(),
                plan.operations(), List.of(edited), List.of(), List.of(), List.of(), null, plan.rollback(), true, plan.approval(),
                List.of(), List.of(), null, null);
        assertThatThrownBy(() -> write(tampered, false, plan.approval().token())).hasMessageContaining("does not match its approval digest");
        assertThat(repo.resolve("sql/V003__add_order_priority.sql")).doesNotExist();
        WrittenMigrations ok = write(plan, false, plan.approval().token());
        assertThat(ok.files()).singleElement().satisfies(f -> assertThat(f.path()).isEqualTo("sql/V003__add_order_priority.sql"));
    }

    @Test
    void frameworksWithoutAWriterGetTheSqlBackInsteadOfWrongFiles() throws Exception {
        write("db/migrate/20240101000000_create_orders.rb", "class CreateOrders < ActiveRecord::Migration[7.1]\n  def change\n  end\nend\n");
        WrittenMigrations w = write(forFramework(ADD_PRIORITY, "rails"), null, null);
        assertThat(w.files()).isEmpty();
        assertThat(w.unsupported()).contains("cannot write rails");
        assertThat(w.sql()).hasSize(2).first().asString().contains("ALTER TABLE orders ADD COLUMN priority");
    }
}
