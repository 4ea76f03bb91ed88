package dev.plc.repo.migrations;

import dev.plc.repo.Evidence;
import dev.plc.repo.MigrationFramework;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.plc.repo.migrations.Fixtures.repo;
import static org.assertj.core.api.Assertions.assertThat;

class LiquibaseDetectorTest {

    @TempDir
    Path dir;

    private final LiquibaseDetector detector = new LiquibaseDetector();

    @Test
    void followsXmlIncludesInOrderAndCountsChangeSets() {
        MigrationFramework liquibase = detector.detect(repo(dir,
                "src/main/resources/db/changelog/db.changelog-master.xml", """
                        <databaseChangeLog>
                            <include file="changes/001-users.xml" relativeToChangelogFile="true"/>
                            <include file="db/changelog/changes/002-orders.xml"/>
                        </databaseChangeLog>
                        """,
                "src/main/resources/db/changelog/changes/001-users.xml", """
                        <databaseChangeLog>
                            <changeSet id="1" author="ann">
                                <createTable tableName="users"/>
                            </changeSet>
                        </databaseChangeLog>
                        """,
                "src/main/resources/db/changelog/changes/002-orders.xml", """
                        <databaseChangeLog>
                            <changeSet id="2" author="ann">
                                <createTable tableName="orders"/>
                                <rollback><dropTable tableName="orders"/></rollback>
                            </changeSet>
                            <changeSet id="3" author="bob">
                                <addColumn tableName="orders"/>
                            </changeSet>
                        </databaseChangeLog>
                        """)).orElseThrow();

        assertThat(liquibase.count()).isEqualTo(3);
        assertThat(liquibase.lastVersion()).isEqualTo("3");
        assertThat(liquibase.nextVersion()).isNull();
        assertThat(liquibase.hasDown()).isTrue();
        assertThat(liquibase.locations()).containsExactly("src/main/resources/db/changelog/db.changelog-master.xml",
                "src/main/resources/db/changelog/changes");
        assertThat(liquibase.naming().example()).isEqualTo("002-orders.xml");
        assertThat(liquibase.evidence()).contains(
                new Evidence("src/main/resources/db/changelog/db.changelog-master.xml", 2, "<include file=\"changes/001-users.xml\" relativeToChangelogFile=\"true\"/>"),
                new Evidence("src/main/resources/db/changelog/changes/002-orders.xml", 6, "<changeSet id=\"3\" author=\"bob\">"));
    }

    @Test
    void followsYamlIncludeAllFromSpringChangeLogSetting() {
        MigrationFramework liquibase = detector.detect(repo(dir,
                "app/src/main/resources/application.yml", "spring:\n  liquibase:\n    change-log: classpath:db/master.yaml\n",
                "app/src/main/resources/db/master.yaml", "databaseChangeLog:\n  - includeAll:\n      path: db/changes/\n",
                "app/src/main/resources/db/changes/b.yaml", "databaseChangeLog:\n  - changeSet:\n      id: add-email\n      author: ann\n      changes:\n        - addColumn: {}\n",
                "app/src/main/resources/db/changes/a.yaml", "databaseChangeLog:\n  - changeSet:\n      id: create-users\n      author: ann\n      rollback:\n        - dropTable: {}\n")).orElseThrow();

        assertThat(liquibase.count()).isEqualTo(2);
        assertThat(liquibase.lastVersion()).isEqualTo("add-email");
        assertThat(liquibase.hasDown()).isTrue();
        assertThat(liquibase.naming().versionStyle()).isEqualTo("none");
        assertThat(liquibase.evidence()).contains(new Evidence("app/src/main/resources/application.yml", 3, "change-log: classpath:db/master.yaml"));
    }

    @Test
    void readsFormattedSqlChangeSetsAndRollbacks() {
        MigrationFramework liquibase = detector.detect(repo(dir,
                "liquibase.properties", "url=jdbc:postgresql://localhost/app\nchangeLogFile=db/changelog.sql\n",
                "db/changelog.sql", "--liquibase formatted sql\n\n--changeset ann:1\ncreate table a (id int);\n--rollback drop table a;\n\n--changeset ann:2\ncreate table b (id int);\n")).orElseThrow();

        assertThat(liquibase.count()).isEqualTo(2);
        assertThat(liquibase.lastVersion()).isEqualTo("2");
        assertThat(liquibase.hasDown()).isTrue();
        assertThat(liquibase.naming().pattern()).isEqualTo("--changeset <author>:<id>");
        assertThat(liquibase.evidence()).contains(new Evidence("liquibase.properties", 2, "changeLogFile=db/changelog.sql"),
                new Evidence("db/changelog.sql", 7, "--changeset ann:2"));
    }

    @Test
    void noRollbackBlocksMeansNoDown() {
        MigrationFramework liquibase = detector.detect(repo(dir,
                "src/main/resources/db/changelog/db.changelog-master.yaml", "databaseChangeLog:\n  - changeSet:\n      id: 1\n      author: a\n")).orElseThrow();

        assertThat(liquibase.hasDown()).isFalse();
        assertThat(liquibase.count()).isEqualTo(1);
    }

    @Test
    void notesIncludesThatDoNotExist() {
        MigrationFramework liquibase = detector.detect(repo(dir,
                "src/main/resources/db/changelog/db.changelog-master.xml", "<databaseChangeLog>\n  <include file=\"missing.xml\" relativeToChangelogFile=\"true\"/>\n</databaseChangeLog>\n")).orElseThrow();

        assertThat(liquibase.notes()).anyMatch(n -> n.startsWith("included path not found: missing.xml"));
    }

    @Test
    void readsJsonChangelogNamedByTheMavenPlugin() {
        MigrationFramework liquibase = detector.detect(repo(dir,
                "pom.xml", "<plugin>\n  <artifactId>liquibase-maven-plugin</artifactId>\n  <configuration>\n    <changeLogFile>db/main.json</changeLogFile>\n  </configuration>\n</plugin>\n",
                "src/main/resources/db/main.json", "{\"databaseChangeLog\": [\n  {\"changeSet\": {\n    \"id\": \"7\",\n    \"author\": \"x\"\n  }}\n]}\n")).orElseThrow();

        assertThat(liquibase.locations()).startsWith("src/main/resources/db/main.json");
        assertThat(liquibase.count()).isEqualTo(1);
        assertThat(liquibase.lastVersion()).isEqualTo("7");
        assertThat(liquibase.evidence()).contains(new Evidence("pom.xml", 4, "<changeLogFile>db/main.json</changeLogFile>"),
                new Evidence("src/main/resources/db/main.json", 3, "\"id\": \"7\","));
    }

    @Test
    void dependencyWithoutChangelogIsDetectedWithNoChangeSets() {
        MigrationFramework liquibase = detector.detect(repo(dir,
                "build.gradle", "dependencies {\n  implementation 'org.liquibase:liquibase-core'\n}\n")).orElseThrow();

        assertThat(liquibase.count()).isZero();
        assertThat(liquibase.lastVersion()).isNull();
        assertThat(liquibase.notes()).anyMatch(n -> n.startsWith("no master changelog yet"));
    }

    @Test
    void absentWithoutChangelogOrDependency() {
        assertThat(detector.detect(repo(dir, "src/main/resources/db/migration/V1__a.sql", "select 1;"))).isEmpty();
    }
}
