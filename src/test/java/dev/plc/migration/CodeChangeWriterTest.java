package dev.plc.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import dev.plc.core.PlcException;
import dev.plc.core.Progress;
import dev.plc.db.Dialect;
import dev.plc.db.ScratchDatabases;
import dev.plc.plan.ChangePlan;
import dev.plc.plan.ChangePlanner;
import dev.plc.plan.PlanStore;
import dev.plc.plan.impact.CodeChange;
import dev.plc.testing.ExampleRepos;
import dev.plc.testing.RealServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** write_migration's include_code: the plan's diffs land only on the content they were made for, all files or none. */
class CodeChangeWriterTest {

    @TempDir
    Path repo;

    private Path file(String path, String content) throws Exception {
        Path f = repo.resolve(path);
        Files.createDirectories(f.getParent());
        Files.writeString(f, content);
        return f;
    }

    /** The code change a plan would carry for turning {@code before} into {@code after} in release 1. */
    private static CodeChange edit(String path, String before, String after) {
        List<String> a = List.of(before.split("\n", -1));
        List<String> b = List.of(after.split("\n", -1));
        String diff = String.join("\n", UnifiedDiffUtils.generateUnifiedDiff("a/" + path, "b/" + path, a, DiffUtils.diff(a, b), 3)) + "\n";
        return new CodeChange(path, ChangePlanner.sha256(before), 1, CodeChange.EDIT, diff, List.of(2), "the SQL names amount_cents");
    }

    private static ChangePlan plan(CodeChange... changes) {
        ChangePlan base = MigrationWriterTest.plan("plan-c0de", List.of(MigrationWriterTest.step(1, 1, "add column", true,
                "ALTER TABLE orders ADD COLUMN amount_cents bigint;")), List.of());
        return withCode(base, List.of(changes));
    }

    private static ChangePlan withCode(ChangePlan p, List<CodeChange> code) {
        return new ChangePlan(p.planId(), p.migrationType(), p.dialect(), p.framework(), p.description(), p.operations(), p.steps(),
                p.hazards(), p.prechecks(), p.impactedCode(), p.expectedSchema(), p.rollback(), p.requiresApproval(), p.approval(),
                p.assumptions(), p.warnings(), p.database(), p.compatibility(), p.verification(), code);
    }

    private static final String JAVA = "class A {\n    String q = \"SELECT total_cents FROM orders\";\n}\n";
    private static final String EDITED = JAVA.replace("total_cents", "amount_cents");

    @Test
    void anEditLandsOnTheContentItWasMadeForAndASecondCallFindsItUnchanged() throws Exception {
        Path a = file("src/A.java", JAVA);
        Path crlf = file("src/B.java", JAVA.replace("\n", "\r\n"));
        ChangePlan plan = plan(edit("src/A.java", JAVA, EDITED), edit("src/B.java", JAVA.replace("\n", "\r\n"), EDITED.replace("\n", "\r\n")),
                new CodeChange("src/C.java", "0".repeat(64), 1, CodeChange.MANUAL, null, List.of(7), "concatenated SQL: rename by hand"));

        List<WrittenMigrations.WrittenCode> first = CodeChangeWriter.prepare(repo, plan, 1).write();
        assertThat(Files.readString(a)).isEqualTo(EDITED);
        assertThat(Files.readString(crlf)).isEqualTo(EDITED.replace("\n", "\r\n"));
        assertThat(first).extracting(WrittenMigrations.WrittenCode::file, WrittenMigrations.WrittenCode::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("src/A.java", "updated"), org.assertj.core.groups.Tuple.tuple("src/B.java", "updated"),
                        org.assertj.core.groups.Tuple.tuple("src/C.java", "manual"));
        assertThat(first.get(0).sha256()).isEqualTo(ChangePlanner.sha256(EDITED));
        assertThat(first.get(2).why()).contains("rename by hand");

        List<WrittenMigrations.WrittenCode> second = CodeChangeWriter.prepare(repo, plan, 1).write();
        assertThat(second).extracting(WrittenMigrations.WrittenCode::status).containsExactly("unchanged", "unchanged", "manual");
        assertThat(Files.readString(a)).isEqualTo(EDITED);
    }

    @Test
    void oneFileThatChangedSinceThePlanMeansNoFileIsWritten() throws Exception {
        Path a = file("src/A.java", JAVA);
        Path b = file("src/B.java", JAVA);
        ChangePlan plan = plan(edit("src/A.java", JAVA, EDITED), edit("src/B.java", JAVA, EDITED));
        Files.writeString(b, JAVA + "// a colleague's edit\n");

        assertThatThrownBy(() -> CodeChangeWriter.prepare(repo, plan, 1))
                .isInstanceOf(PlcException.class)
                .hasMessageContaining("nothing was written")
                .hasMessageContaining("conflict src/B.java: the file changed since the plan was made")
                .hasMessageNotContaining("conflict src/A.java");
        assertThat(Files.readString(a)).isEqualTo(JAVA);
        assertThat(Files.readString(b)).isEqualTo(JAVA + "// a colleague's edit\n");
    }

    @Test
    void aFileCutShorterThanTheDiffsHunkIsAConflictNotACrash() throws Exception {
        Path a = file("src/A.java", JAVA);
        ChangePlan plan = plan(edit("src/A.java", JAVA, EDITED));
        Files.writeString(a, "class A {}");

        assertThatThrownBy(() -> CodeChangeWriter.prepare(repo, plan, 1))
                .isInstanceOf(PlcException.class)
                .hasMessageContaining("conflict src/A.java: the file changed since the plan was made");
        assertThat(Files.readString(a)).isEqualTo("class A {}");
    }

    @Test
    void onlyTheAskedReleasesEditsAreWritten() throws Exception {
        Path a = file("src/A.java", JAVA);
        CodeChange later = edit("src/A.java", JAVA, EDITED);
        later = new CodeChange(later.file(), later.sha256(), 2, later.status(), later.diff(), later.lines(), later.why());
        ChangePlan plan = plan(later);

        assertThat(CodeChangeWriter.prepare(repo, plan, 1).write()).isEmpty();
        assertThat(Files.readString(a)).isEqualTo(JAVA);
        assertThat(CodeChangeWriter.prepare(repo, plan, 2).write()).extracting(WrittenMigrations.WrittenCode::status).containsExactly("updated");
        assertThat(Files.readString(a)).isEqualTo(EDITED);
    }

    @Test
    void anEditedPlanCannotWriteOutsideTheRepoOrThroughALink() throws Exception {
        file("src/A.java", JAVA);
        assertThatThrownBy(() -> CodeChangeWriter.prepare(repo, plan(edit("../A.java", JAVA, EDITED)), 1))
                .isInstanceOf(PlcException.class).hasMessageContaining("outside the repo");
        Path outside = Files.createTempFile("plc-outside", ".java");
        try {
            Files.writeString(outside, JAVA);
            Files.createSymbolicLink(repo.resolve("src/L.java"), outside);
            assertThatThrownBy(() -> CodeChangeWriter.prepare(repo, plan(edit("src/L.java", JAVA, EDITED)), 1))
                    .isInstanceOf(PlcException.class).hasMessageContaining("symbolic link");
            assertThat(Files.readString(outside)).isEqualTo(JAVA);
        } finally {
            Files.deleteIfExists(outside);
        }
    }

    @Test
    void aConflictLeavesTheMigrationsUnwrittenToo() throws Exception {
        file("src/main/resources/db/migration/V1__init.sql", "CREATE TABLE orders (id bigint PRIMARY KEY);\n");
        file("pom.xml", "<project><dependencies><dependency><groupId>org.flywaydb</groupId><artifactId>flyway-core</artifactId>"
                + "</dependency></dependencies></project>\n");
        Path a = file("src/main/java/A.java", JAVA);
        ChangePlan plan = plan(edit("src/main/java/A.java", JAVA, EDITED));
        Files.writeString(a, JAVA + "\n");
        MigrationWriter writer = new MigrationWriter(ScratchDatabases.fromEnvironment());

        assertThatThrownBy(() -> writer.write(new MigrationWriter.Request(repo, plan, null, false, null, null, 1, true), Progress.NONE))
                .isInstanceOf(PlcException.class).hasMessageContaining("conflict src/main/java/A.java");
        try (Stream<Path> files = Files.list(repo.resolve("src/main/resources/db/migration"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("V1__init.sql");
        }

        Files.writeString(a, JAVA);
        WrittenMigrations written = writer.write(new MigrationWriter.Request(repo, plan, null, false, null, null, 1, true), Progress.NONE);
        assertThat(written.files()).extracting(WrittenMigrations.WrittenFile::status).containsOnly("written");
        assertThat(written.code()).extracting(WrittenMigrations.WrittenCode::status).containsExactly("updated");
        assertThat(Files.readString(a)).isEqualTo(EDITED);
        assertThat(WriteReport.summary(written)).contains("Code:", "updated src/main/java/A.java");
    }

    /** The real thing: a staged rename of the example shop, its switch release written with the code. */
    @Test
    void theShopsStagedRenameWritesItsSqlStringInTheSwitchRelease() throws Exception {
        RealServers.require(Dialect.POSTGRESQL);
        Path shop = ExampleRepos.copy("spring-flyway-postgres", repo);
        ChangePlan plan = new ChangePlanner(ScratchDatabases.fromEnvironment(), new PlanStore()).plan(new ChangePlanner.Request(shop, null,
                "ALTER TABLE orders RENAME COLUMN total_cents TO amount_cents", null, true, null, null, Duration.ofSeconds(60)), Progress.NONE);
        int switchRelease = plan.codeChanges().stream().filter(c -> c.status().equals(CodeChange.EDIT)).mapToInt(CodeChange::release)
                .min().orElseThrow();
        Path totals = shop.resolve("src/main/java/com/example/shop/order/OrderTotals.java");
        String before = Files.readString(totals);
        MigrationWriter writer = new MigrationWriter(ScratchDatabases.fromEnvironment());
        for (int release = 1; release < switchRelease; release++) {
            WrittenMigrations w = writer.write(new MigrationWriter.Request(shop, plan, null, false, null, null, release, true), Progress.NONE);
            assertThat(w.code()).noneMatch(c -> c.status().equals("updated"));
            assertThat(Files.readString(totals)).isEqualTo(before);
        }
        String approval = plan.approval() == null ? null : plan.approval().token();
        WrittenMigrations w = writer.write(new MigrationWriter.Request(shop, plan, null, false, null, approval, switchRelease, true), Progress.NONE);
        assertThat(w.code()).anySatisfy(c -> {
            assertThat(c.file()).isEqualTo("src/main/java/com/example/shop/order/OrderTotals.java");
            assertThat(c.status()).isEqualTo("updated");
        });
        assertThat(Files.readString(totals)).isEqualTo(before.replace("SUM(total_cents)", "SUM(amount_cents)"));
        assertThat(w.nextSteps()).noneMatch(n -> n.contains("OrderTotals.java"));
    }
}
