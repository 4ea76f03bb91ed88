package dev.plc.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plc.core.Progress;
import dev.plc.db.ScratchDatabases;
import dev.plc.testing.ExampleRepos;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which tables the lint check counts as new: those created earlier in the same file, or earlier in the change under
 * review when the file is part of it. Every other table existed before the file, whatever migration created it, so
 * {@code --lint-all} on an existing repository sees every hazard, with git and without.
 */
class LintScopeTest {

    @TempDir
    Path work;

    private final CheckRunner runner = new CheckRunner(ScratchDatabases.fromEnvironment());

    static final String PG = "src/main/resources/db/migration/";
    static final String MARIADB = "db/migrations/";

    private static void write(Path repo, String path, String content) throws IOException {
        Files.createDirectories(repo.resolve(path).getParent());
        Files.writeString(repo.resolve(path), content);
    }

    private CheckReport.Check lint(Path repo, boolean lintAll) {
        CheckReport report = runner.run(new CheckRunner.Request(repo, List.of("lint"), null, null, null, Duration.ofSeconds(60), lintAll),
                Progress.NONE);
        return report.checks().stream().filter(c -> c.name().equals("lint")).findFirst().orElseThrow();
    }

    private static List<String> rulesIn(CheckReport.Check lint, String file) {
        return lint.findings().stream().filter(f -> file.equals(f.file())).map(f -> f.line() + " " + f.rule()).toList();
    }

    /** The shop example (V1 creates customers) with a fifth migration that indexes, retypes and drops on customers. */
    private Path shopWithHazardsInTheFifthMigration(String name) throws IOException {
        Path repo = ExampleRepos.copyTree(Path.of("examples", "spring-flyway-postgres"), work.resolve(name));
        write(repo, PG + "V4__add_tracking.sql", "ALTER TABLE orders ADD COLUMN tracking text;\n");
        write(repo, PG + "V5__customers_hazards.sql", """
                SET lock_timeout = '5s';
                CREATE INDEX customers_full_name_idx ON customers (full_name);
                ALTER TABLE customers ALTER COLUMN full_name TYPE text;
                ALTER TABLE customers DROP COLUMN created_at;
                """);
        return repo;
    }

    @Test
    void lintAllFlagsHazardsOnATableCreatedInAnEarlierMigrationWithAndWithoutGit() throws Exception {
        Path withGit = ExampleRepos.commitAll(shopWithHazardsInTheFifthMigration("with-git"));
        Path withoutGit = shopWithHazardsInTheFifthMigration("without-git");
        String fifth = PG + "V5__customers_hazards.sql";

        List<String> gitFindings = rulesIn(lint(withGit, true), fifth);
        assertThat(gitFindings).contains("2 require-concurrent-index-creation", "3 changing-column-type", "4 ban-drop-column");
        assertThat(rulesIn(lint(withoutGit, true), fifth)).as("without git").containsExactlyInAnyOrderElementsOf(gitFindings);
        // the index of V3 on orders (created by V2) existed before V3 too
        assertThat(rulesIn(lint(withGit, true), PG + "V3__add_order_status.sql")).contains("4 require-concurrent-index-creation");
        // V2 indexes the table it creates itself: still exempt
        assertThat(rulesIn(lint(withGit, true), PG + "V2__create_orders.sql")).doesNotContain("9 require-concurrent-index-creation");
    }

    @Test
    void aTableCreatedEarlierInTheChangeIsNewForTheChangesLaterFilesOnly() throws Exception {
        Path repo = ExampleRepos.commitAll(ExampleRepos.copyTree(Path.of("examples", "spring-flyway-postgres"), work.resolve("shop")));
        // the change under review: two new files, the first creates a schema-qualified, quoted table
        write(repo, PG + "V4__create_audit.sql", "CREATE TABLE public.\"Audit\" (id bigint PRIMARY KEY, note text);\n");
        write(repo, PG + "V5__index_audit.sql", "CREATE INDEX audit_note_idx ON public.\"Audit\" (note);\n"
                + "CREATE INDEX customers_email_idx ON customers (email);\n");
        String fifth = PG + "V5__index_audit.sql";

        for (boolean lintAll : List.of(false, true)) {
            List<String> findings = rulesIn(lint(repo, lintAll), fifth);
            assertThat(findings).as("lint_all=" + lintAll).doesNotContain("1 require-concurrent-index-creation")
                    .contains("2 require-concurrent-index-creation");
        }
    }

    @Test
    void withoutGitNoFileIsKnownToBeInAChangeSoOnlyTablesOfTheSameFileAreNew() throws Exception {
        Path repo = ExampleRepos.copyTree(Path.of("examples", "spring-flyway-postgres"), work.resolve("no-git"));
        write(repo, PG + "V4__create_audit.sql", "CREATE TABLE audit (id bigint PRIMARY KEY, note text);\n"
                + "CREATE INDEX audit_id_note_idx ON audit (id, note);\n");
        write(repo, PG + "V5__index_audit.sql", "CREATE INDEX audit_note_idx ON audit (note);\n");

        CheckReport.Check lint = lint(repo, false);
        assertThat(rulesIn(lint, PG + "V5__index_audit.sql")).contains("1 require-concurrent-index-creation");
        assertThat(rulesIn(lint, PG + "V4__create_audit.sql")).doesNotContain("2 require-concurrent-index-creation");
        assertThat(lint.reason()).contains("no git");
    }

    @Test
    void lintAllFlagsMariadbHazardsOnATableCreatedInAnEarlierMigrationWithAndWithoutGit() throws Exception {
        String fifth = MARIADB + "000005_authors_hazards.up.sql";
        List<List<String>> results = new java.util.ArrayList<>();
        for (boolean git : List.of(true, false)) {
            Path repo = ExampleRepos.copyTree(Path.of("examples", "go-migrate-mariadb"), work.resolve("blog-" + git));
            write(repo, MARIADB + "000004_add_bio.up.sql", "ALTER TABLE posts ADD COLUMN summary TEXT NULL, ALGORITHM=INSTANT;\n");
            write(repo, MARIADB + "000004_add_bio.down.sql", "ALTER TABLE posts DROP COLUMN summary;\n");
            write(repo, fifth, """
                    SET SESSION lock_wait_timeout = 5;
                    CREATE INDEX authors_display_name_idx ON authors (display_name);
                    ALTER TABLE authors MODIFY COLUMN display_name VARCHAR(100) NOT NULL;
                    ALTER TABLE authors DROP COLUMN handle;
                    """);
            write(repo, MARIADB + "000005_authors_hazards.down.sql", "SELECT 1;\n");
            if (git) {
                ExampleRepos.commitAll(repo);
            }
            results.add(rulesIn(lint(repo, true), fifth));
        }
        assertThat(results.get(0)).contains("2 mysql-require-online-ddl", "3 mysql-column-type-change-copies-table", "4 ban-drop-column");
        assertThat(results.get(1)).as("without git").containsExactlyInAnyOrderElementsOf(results.get(0));
    }
}
