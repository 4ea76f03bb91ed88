package dev.plc.check;

import static dev.plc.testing.ExampleRepos.git;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plc.core.Progress;
import dev.plc.db.DatabaseErrors;
import dev.plc.db.Dialect;
import dev.plc.db.ScratchDatabases;
import dev.plc.repo.FixtureRepo;
import dev.plc.testing.ExampleRepos;
import dev.plc.testing.RealServers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** run_checks on Liquibase repositories: the changelog is applied, rolled back and seeded with Liquibase itself. */
class LiquibaseChecksTest {

    static final String CHANGELOG = "src/main/resources/db/changelog/";

    @TempDir
    Path work;

    private final CheckRunner runner = new CheckRunner(ScratchDatabases.fromEnvironment());

    private Path copy(String example, boolean commit) throws Exception {
        Path repo = ExampleRepos.copy(example, work);
        return commit ? ExampleRepos.commitAll(repo) : repo;
    }

    /** Adds {@code file} (under db/changelog/changes) to the master changelog, after the existing includes. */
    private static void include(Path repo, String file, String content) throws IOException {
        FixtureRepo.in(repo).file(CHANGELOG + "changes/" + file, content);
        Path master = repo.resolve(CHANGELOG + "db.changelog-master.yaml");
        Files.writeString(master, Files.readString(master).replace("  - includeAll:",
                "  - include:\n      file: db/changelog/changes/" + file + "\n  - includeAll:"));
    }

    private CheckReport run(Path repo) {
        return runner.run(new CheckRunner.Request(repo, null, null, null, null, Duration.ofSeconds(60), false), Progress.NONE);
    }

    private static CheckReport.Check check(CheckReport report, String name) {
        return report.checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void theExampleAppliesRollsBackAndSeedsForRealOnPostgres() throws Exception {
        RealServers.require(Dialect.POSTGRESQL);
        Path repo = copy("liquibase-postgres", false); // no git: every changeSet is new, so every one is rolled back
        CheckReport report = run(repo);
        assertThat(report.database().dialect()).isEqualTo("postgresql");
        assertThat(check(report, "apply").status()).as(CheckReports.text(report)).isEqualTo(CheckStatus.PASS);
        // the demo row's changeSet has context dev; the repo runs with contexts prod: 3 of 4 changeSets run
        assertThat(check(report, "apply").reason()).startsWith("3 migrations applied");
        assertThat(check(report, "validate").status()).isEqualTo(CheckStatus.PASS);
        assertThat(check(report, "roundtrip").status()).as(CheckReports.text(report)).isEqualTo(CheckStatus.PASS);
        assertThat(check(report, "roundtrip").reason()).contains("3 changeSet(s)");
        // nothing is dropped or fails over rows; books.author_id references authors with no index (read from the catalog)
        assertThat(check(report, "data_safety").status()).as(CheckReports.text(report)).isEqualTo(CheckStatus.WARN);
        assertThat(check(report, "data_safety").findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("foreign-key-without-index");
            assertThat(f.message()).contains("fk_books_author (author_id)");
        });
        assertThat(report.newMigrations()).contains(CHANGELOG + "changes/001-create-authors.xml", CHANGELOG + "changes/002-create-books.yaml",
                CHANGELOG + "changes/003-add-book-isbn.sql").doesNotContain(CHANGELOG + "data/001-demo-authors.sql");
    }

    @Test
    void aNewChangeSetIsTheOnlyOneRolledBackAndSeeded() throws Exception {
        RealServers.require(Dialect.POSTGRESQL);
        Path repo = copy("liquibase-postgres", true);
        include(repo, "004-add-book-pages.yaml", """
                databaseChangeLog:
                  - changeSet:
                      id: 004-add-book-pages
                      author: library
                      changes:
                        - addColumn:
                            tableName: books
                            columns:
                              - column:
                                  name: pages
                                  type: int
                """);
        CheckReport report = run(repo);
        assertThat(report.newMigrations()).containsExactly(CHANGELOG + "changes/004-add-book-pages.yaml");
        assertThat(report.ok()).as(CheckReports.text(report)).isTrue();
        assertThat(check(report, "roundtrip").status()).isEqualTo(CheckStatus.PASS);
        assertThat(check(report, "roundtrip").reason()).contains("over 1 changeSet(s)");
        assertThat(check(report, "data_safety").status()).isEqualTo(CheckStatus.PASS);
        assertThat(check(report, "data_safety").reason()).contains("books");
        assertThat(check(report, "immutability").status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void aBrokenChangeSetFailsApplyWithItsIdFileAndTheDatabasesMessage() throws Exception {
        RealServers.require(Dialect.POSTGRESQL);
        Path repo = copy("liquibase-postgres", true);
        include(repo, "004-broken.sql", "--liquibase formatted sql\n\n--changeset alice:004-broken\nALTER TABLE books ADD COLUMN weight nosuchtype;\n"
                + "--rollback ALTER TABLE books DROP COLUMN weight;\n");
        CheckReport report = run(repo);
        assertThat(report.ok()).isFalse();
        CheckReport.Check apply = check(report, "apply");
        assertThat(apply.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(apply.findings()).singleElement().satisfies(f -> {
            assertThat(f.file()).isEqualTo(CHANGELOG + "changes/004-broken.sql");
            assertThat(f.line()).isEqualTo(3);
            assertThat(f.message()).contains("004-broken", "alice", "type \"nosuchtype\" does not exist", "42704");
            assertThat(DatabaseErrors.hasClassName(f.message())).as(f.message()).isFalse();
        });
    }

    /** Issue 16: this changelog passed `check` with "OK, 0 new or changed migration(s)". */
    @Test
    void aNewUncommittedChangelogWithEveryKindOfHazardFailsTheGate() throws Exception {
        RealServers.require(Dialect.POSTGRESQL);
        Path repo = copy("liquibase-postgres", true);
        include(repo, "004-hazards.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-4.20.xsd">
                  <changeSet id="004-hazards" author="bob">
                    <addColumn tableName="books">
                      <column name="weight" type="nosuchtype"/>
                    </addColumn>
                  </changeSet>
                  <changeSet id="005-divide" author="bob">
                    <sql>UPDATE books SET title = title || (1 / 0)</sql>
                  </changeSet>
                  <changeSet id="006-drop" author="bob">
                    <dropColumn tableName="books" columnName="isbn"/>
                  </changeSet>
                  <changeSet id="007-not-null" author="bob">
                    <addColumn tableName="authors">
                      <column name="country" type="varchar(2)">
                        <constraints nullable="false"/>
                      </column>
                    </addColumn>
                  </changeSet>
                </databaseChangeLog>
                """);
        CheckReport report = run(repo);
        String text = CheckReports.text(report);
        assertThat(report.ok()).as(text).isFalse();
        assertThat(report.newMigrations()).as(text).contains(CHANGELOG + "changes/004-hazards.xml");
        assertThat(check(report, "apply").status()).as(text).isEqualTo(CheckStatus.FAIL);
        assertThat(check(report, "apply").findings().get(0).message()).contains("004-hazards", "nosuchtype");
        CheckReport.Check lint = check(report, "lint");
        assertThat(lint.status()).as(text).isEqualTo(CheckStatus.FAIL);
        assertThat(lint.findings()).as(text).anySatisfy(f -> {
            assertThat(f.rule()).isEqualTo("ban-drop-column");
            assertThat(f.file()).isEqualTo(CHANGELOG + "changes/004-hazards.xml");
            assertThat(f.message()).contains("006-drop");
            assertThat(f.line()).isEqualTo(13);
        });
        assertThat(lint.findings()).as(text).anySatisfy(f -> assertThat(f.message()).contains("007-not-null"));
        assertThat(check(report, "roundtrip").status()).as(text).isEqualTo(CheckStatus.FAIL);
        assertThat(check(report, "roundtrip").findings()).as(text).anySatisfy(f -> assertThat(f.message()).contains("005-divide", "sql"));
        // impact sees the drop in the generated SQL, and the code that still reads books.isbn
        assertThat(check(report, "impact").status()).as(text).isEqualTo(CheckStatus.FAIL);
        assertThat(check(report, "impact").findings()).as(text).anySatisfy(f -> assertThat(f.file()).isEqualTo("src/main/java/com/example/library/BookQueries.java"));
        assertThat(check(report, "data_safety").status()).as(text).isIn(CheckStatus.FAIL, CheckStatus.ERROR);
    }

    @Test
    void aDirectoryNamedLikeAChangelogIsAFinding() throws Exception {
        RealServers.require(Dialect.POSTGRESQL);
        Path repo = copy("liquibase-postgres", false);
        Files.createDirectories(repo.resolve(CHANGELOG + "data/002-more-authors.sql"));
        CheckReport report = runner.run(new CheckRunner.Request(repo, List.of("validate"), null, null, null, Duration.ofSeconds(60), false),
                Progress.NONE);
        assertThat(check(report, "validate").status()).isEqualTo(CheckStatus.FAIL);
        assertThat(check(report, "validate").findings()).anySatisfy(f -> {
            assertThat(f.file()).isEqualTo(CHANGELOG + "data/002-more-authors.sql");
            assertThat(f.message()).contains("directory");
        });
    }

    @Test
    void aLiquibaseRepoOnMariadbIsAppliedAndRolledBackThere() throws Exception {
        RealServers.require(Dialect.MARIADB);
        Path repo = work.resolve("lb-mariadb");
        FixtureRepo.in(repo).file("liquibase.properties", "changeLogFile=db/changelog.xml\nurl=jdbc:mariadb://localhost:3306/app\n");
        FixtureRepo.in(repo).file("pom.xml", "<project><dependencies><dependency><groupId>org.liquibase</groupId><artifactId>liquibase-core</artifactId>"
                + "</dependency><dependency><groupId>org.mariadb.jdbc</groupId><artifactId>mariadb-java-client</artifactId></dependency>"
                + "</dependencies></project>\n");
        FixtureRepo.in(repo).file("db/changelog.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-4.20.xsd">
                  <changeSet id="1" author="a">
                    <createTable tableName="posts">
                      <column name="id" type="bigint" autoIncrement="true"><constraints primaryKey="true"/></column>
                      <column name="title" type="varchar(200)"/>
                    </createTable>
                  </changeSet>
                  <changeSet id="2" author="a">
                    <addColumn tableName="posts"><column name="slug" type="varchar(300)"/></addColumn>
                  </changeSet>
                </databaseChangeLog>
                """);
        CheckReport report = runner.run(new CheckRunner.Request(repo, List.of("apply", "roundtrip", "data_safety"), null, null, null,
                Duration.ofSeconds(60), false), Progress.NONE);
        String text = CheckReports.text(report);
        assertThat(report.database().dialect()).as(text).isEqualTo("mariadb");
        assertThat(check(report, "apply").status()).as(text).isEqualTo(CheckStatus.PASS);
        assertThat(check(report, "roundtrip").status()).as(text).isEqualTo(CheckStatus.PASS);
        assertThat(check(report, "data_safety").status()).as(text).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void liquibasePrintsNothingOnStdout() throws Exception {
        RealServers.require(Dialect.POSTGRESQL);
        Path repo = copy("liquibase-postgres", false);
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true));
        CheckReport report;
        try {
            report = runner.run(new CheckRunner.Request(repo, List.of("apply", "roundtrip", "validate"), null, null, null, Duration.ofSeconds(60),
                    false), Progress.NONE);
        } finally {
            System.setOut(original);
        }
        assertThat(check(report, "apply").status()).isEqualTo(CheckStatus.PASS);
        assertThat(captured.toString()).isEmpty();
    }
}
