package dev.plc.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plc.core.Progress;
import dev.plc.db.Dialect;
import dev.plc.db.ScratchDatabases;
import dev.plc.lint.Linter;
import dev.plc.lint.rule.Finding;
import dev.plc.lint.rule.LintOptions;
import dev.plc.migration.MigrationWriter;
import dev.plc.plan.ChangePlan;
import dev.plc.plan.ChangePlanner;
import dev.plc.plan.Operation;
import dev.plc.sql.ApprovalStamp;
import dev.plc.testing.ExampleRepos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An approved destructive plan, written to the repo, passes the repo's gate; the same file edited afterwards does not. */
class ApprovedDropsTest {

    @TempDir
    Path repo;

    private static final String DROP = "ALTER TABLE orders DROP COLUMN note;";

    private static ChangePlan dropNote() {
        ChangePlan.Step timeout = new ChangePlan.Step(1, "contract", 1, "drop column orders.note", List.of("SET lock_timeout = '5s';", DROP),
                true, null, true, 0);
        String digest = ChangePlanner.destructiveDigest(List.of(timeout));
        String id = "plan-00000000000000a1";
        ChangePlan.Approval approval = new ChangePlan.Approval(ChangePlanner.approvalToken(id, digest), digest, List.of(1));
        return new ChangePlan(id, "destructive", "postgresql", "flyway", "drop orders.note", List.of(Operation.of("drop_column", "orders")),
                List.of(timeout), List.of(), List.of(), List.of(), null, List.of(new ChangePlan.RollbackNote(1, List.of(), true, "gone")),
                true, approval, List.of(), List.of(), null, null);
    }

    private Path flywayRepo() throws Exception {
        Files.createDirectories(repo.resolve("sql"));
        Files.writeString(repo.resolve("flyway.conf"), "flyway.url=jdbc:postgresql://db/app\nflyway.locations=filesystem:sql\n");
        Files.writeString(repo.resolve("sql/V001__init.sql"), "CREATE TABLE orders (id bigint primary key, note text);\n");
        return ExampleRepos.commitAll(repo);
    }

    private CheckReport.Check lint() {
        CheckReport report = new CheckRunner(ScratchDatabases.fromEnvironment()).run(new CheckRunner.Request(repo, List.of("lint"), null, null,
                null, Duration.ofSeconds(30), false), Progress.NONE);
        return report.checks().get(0);
    }

    @Test
    void theDropTheUserApprovedIsReportedApprovedAndPassesLint() throws Exception {
        flywayRepo();
        ChangePlan plan = dropNote();
        new MigrationWriter(ScratchDatabases.fromEnvironment()).write(new MigrationWriter.Request(repo, plan, null, false, null,
                plan.approval().token(), 1), Progress.NONE);
        Path written = repo.resolve("sql/V002__drop_orders_note.sql");
        assertThat(Files.readString(written)).contains("-- " + ApprovalStamp.MARK + " " + plan.planId() + " " + plan.approval().token() + " sha256:");

        CheckReport.Check lint = lint();
        assertThat(lint.status()).as(lint.findings().toString()).isNotEqualTo(CheckStatus.FAIL);
        assertThat(lint.findings()).filteredOn(f -> f.rule().equals("ban-drop-column")).singleElement().satisfies(f -> {
            assertThat(f.approved()).isTrue();
            assertThat(f.approval()).isEqualTo(plan.planId() + " " + plan.approval().token());
            assertThat(f.file()).isEqualTo("sql/V002__drop_orders_note.sql");
        });

        // the agent "adjusts" the migration after the approval: it now drops something else
        Files.writeString(written, Files.readString(written).replace(DROP, "ALTER TABLE orders DROP COLUMN note, DROP COLUMN id;"));
        CheckReport.Check edited = lint();
        assertThat(edited.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(edited.findings()).filteredOn(f -> f.rule().equals("ban-drop-column")).isNotEmpty().noneMatch(CheckReport.Finding::approved);
        assertThat(edited.findings()).filteredOn(f -> f.rule().equals("approval-no-longer-holds")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains(plan.planId(), "no longer holds"));
    }

    @Test
    void aStampApprovesOnlyDataLossAndOnlyTheStatementsItWasMadeFor() {
        String sql = "ALTER TABLE orders DROP COLUMN note;\nCREATE INDEX orders_note_idx ON orders (id);\n";
        String stamped = "-- " + ApprovalStamp.comment("plan-1", "approve-1", sql, Dialect.POSTGRESQL) + "\n" + sql;
        LintOptions options = new LintOptions(Dialect.POSTGRESQL, true, null, java.util.Set.of());
        List<Finding> findings = Linter.lint("V9__x.sql", stamped, options);
        assertThat(findings).filteredOn(f -> f.rule().equals("ban-drop-column")).singleElement().satisfies(f -> assertThat(f.approved()).isTrue());
        // the index still locks writes: an approval of data loss does not approve a lock
        assertThat(findings).filteredOn(f -> f.rule().equals("require-concurrent-index-creation")).singleElement()
                .satisfies(f -> assertThat(f.approved()).isFalse());
        // whitespace and comments around the statements do not matter; a changed identifier does
        String reformatted = stamped.replace("DROP COLUMN note;", "DROP   COLUMN\n    note;").replace("CREATE INDEX", "-- why\nCREATE INDEX");
        assertThat(Linter.lint("V9__x.sql", reformatted, options)).filteredOn(f -> f.rule().equals("ban-drop-column"))
                .singleElement().satisfies(f -> assertThat(f.approved()).isTrue());
        assertThat(Linter.lint("V9__x.sql", stamped.replace("DROP COLUMN note;", "DROP COLUMN notes;"), options))
                .extracting(Finding::rule).contains("approval-no-longer-holds");
        // a stamp without its digest, or none at all, approves nothing
        assertThat(Linter.lint("V9__x.sql", "-- plc:approved plan-1 approve-1\n" + sql, options)).noneMatch(Finding::approved);
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    /** The Liquibase example with the master changelog cut to the includes that make the writer pick {@code format}. */
    private Path liquibaseRepo(String format) throws Exception {
        Path lb = ExampleRepos.copy("liquibase-postgres", repo.resolve("lb"));
        String includes = switch (format) {
            case "xml" -> "  - include:\n      file: db/changelog/changes/001-create-authors.xml\n";
            case "yaml" -> "  - include:\n      file: db/changelog/changes/001-create-authors.xml\n"
                    + "  - include:\n      file: changes/002-create-books.yaml\n      relativeToChangelogFile: true\n";
            default -> "  - include:\n      file: db/changelog/changes/001-create-authors.xml\n"
                    + "  - include:\n      file: changes/002-create-books.yaml\n      relativeToChangelogFile: true\n"
                    + "  - include:\n      file: db/changelog/changes/003-add-book-isbn.sql\n";
        };
        Files.writeString(lb.resolve("src/main/resources/db/changelog/db.changelog-master.yaml"), "databaseChangeLog:\n" + includes);
        return ExampleRepos.commitAll(lb);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"sql", "xml", "yaml"})
    void aLiquibaseChangeSetCarriesTheApprovalToTheGateInEachFormat(String format) throws Exception {
        dev.plc.testing.RealServers.require(Dialect.POSTGRESQL);
        Path lb = liquibaseRepo(format);
        String drop = format.equals("xml") ? "ALTER TABLE authors DROP COLUMN name;" : "ALTER TABLE books DROP COLUMN title;";
        ChangePlan.Step step = new ChangePlan.Step(1, "contract", 1, "drop a column", List.of("SET lock_timeout = '5s';", drop), true, null, true, 0);
        String digest = ChangePlanner.destructiveDigest(List.of(step));
        String id = "plan-00000000000000b2";
        ChangePlan.Approval approval = new ChangePlan.Approval(ChangePlanner.approvalToken(id, digest), digest, List.of(1));
        ChangePlan plan = new ChangePlan(id, "destructive", "postgresql", "liquibase", "drop a column", List.of(), List.of(step), List.of(), List.of(),
                List.of(), null, List.of(new ChangePlan.RollbackNote(1, List.of(), true, "gone")), true, approval, List.of(), List.of(), null, null);
        var written = new MigrationWriter(ScratchDatabases.fromEnvironment()).write(new MigrationWriter.Request(lb, plan, null, false, null,
                approval.token(), 1), Progress.NONE);
        String file = written.files().stream().map(f -> f.path()).filter(f -> f.endsWith("." + format) && !f.contains("db.changelog-master"))
                .findFirst().orElseThrow(() -> new AssertionError("no ." + format + " changelog written: " + written.files()));

        CheckReport report = new CheckRunner(ScratchDatabases.fromEnvironment()).run(new CheckRunner.Request(lb, List.of("lint"), null, null,
                null, Duration.ofSeconds(60), false), Progress.NONE);
        CheckReport.Check lint = report.checks().get(0);
        assertThat(lint.findings()).as(CheckReports.text(report)).filteredOn(f -> f.rule().equals("ban-drop-column")).singleElement().satisfies(f -> {
            assertThat(f.approved()).as(CheckReports.text(report) + "\n" + readQuietly(lb.resolve(file))).isTrue();
            assertThat(f.file()).isEqualTo(file);
            assertThat(readQuietly(lb.resolve(file)).split("\n")[f.line() - 1]).as("the finding's line").contains(drop.replace(";", ""));
        });
        assertThat(lint.status()).as(CheckReports.text(report)).isNotEqualTo(CheckStatus.FAIL);
    }
}
