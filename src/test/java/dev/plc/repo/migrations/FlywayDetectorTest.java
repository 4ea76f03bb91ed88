package dev.plc.repo.migrations;

import dev.plc.repo.Evidence;
import dev.plc.repo.MigrationFramework;
import dev.plc.repo.RepoIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.plc.repo.migrations.Fixtures.repo;
import static org.assertj.core.api.Assertions.assertThat;

class FlywayDetectorTest {

    @TempDir
    Path dir;

    private final FlywayDetector detector = new FlywayDetector(Fixtures.CLOCK);

    private MigrationFramework detect(RepoIndex repo) {
        return detector.detect(repo).orElseThrow();
    }

    @Test
    void findsDefaultLocationWithDependencyAndVersions() {
        MigrationFramework flyway = detect(repo(dir,
                "pom.xml", "<project>\n  <dependencies>\n    <dependency>\n      <artifactId>flyway-core</artifactId>\n",
                "src/main/resources/db/migration/V1__init.sql", "create table a (id int);",
                "src/main/resources/db/migration/V2__add_b.sql", "create table b (id int);",
                "src/main/resources/db/migration/V10__add_c.sql", "create table c (id int);"));

        assertThat(flyway.locations()).containsExactly("src/main/resources/db/migration");
        assertThat(flyway.count()).isEqualTo(3);
        assertThat(flyway.lastVersion()).isEqualTo("10");
        assertThat(flyway.nextVersion()).isEqualTo("11");
        assertThat(flyway.hasDown()).isFalse();
        assertThat(flyway.naming().pattern()).isEqualTo("V<version>__<description>.sql");
        assertThat(flyway.naming().example()).isEqualTo("V10__add_c.sql");
        assertThat(flyway.naming().versionStyle()).isEqualTo("integer");
        assertThat(flyway.evidence()).contains(new Evidence("pom.xml", 4, "<artifactId>flyway-core</artifactId>"),
                Evidence.ofFile("src/main/resources/db/migration/V1__init.sql"),
                Evidence.ofFile("src/main/resources/db/migration/V10__add_c.sql"));
        assertThat(flyway.notes()).anyMatch(n -> n.contains("default classpath:db/migration"));
    }

    @Test
    void detectsDependencyOnlyRepoWithNoMigrationsYet() {
        MigrationFramework flyway = detect(repo(dir,
                "build.gradle", "plugins { id 'java' }\ndependencies {\n  implementation 'org.flywaydb:flyway-core:10.0.0'\n}\n",
                "src/main/java/App.java", "class App {}"));

        assertThat(flyway.count()).isZero();
        assertThat(flyway.lastVersion()).isNull();
        assertThat(flyway.nextVersion()).isEqualTo("1");
        assertThat(flyway.locations()).containsExactly("src/main/resources/db/migration");
        assertThat(flyway.evidence()).contains(new Evidence("build.gradle", 3, "implementation 'org.flywaydb:flyway-core:10.0.0'"));
    }

    @Test
    void findsFlywayLocationsFromFlywayConf() {
        MigrationFramework flyway = detect(repo(dir,
                "conf/flyway.conf", "flyway.url=jdbc:postgresql://localhost/app\nflyway.locations=filesystem:sql\n",
                "sql/V1_1__init.sql", "select 1;",
                "sql/V1_2__more.sql", "select 1;"));

        assertThat(flyway.locations()).containsExactly("sql");
        assertThat(flyway.lastVersion()).isEqualTo("1_2");
        assertThat(flyway.nextVersion()).isEqualTo("1_3");
        assertThat(flyway.naming().versionStyle()).isEqualTo("dotted");
        assertThat(flyway.evidence()).contains(new Evidence("conf/flyway.conf", 2, "flyway.locations=filesystem:sql"));
    }

    @Test
    void resolvesFilesystemLocationAgainstConfigFolderFirst() {
        MigrationFramework flyway = detect(repo(dir,
                "db/flyway.conf", "flyway.locations=filesystem:migrations\n",
                "db/migrations/V1__a.sql", "select 1;"));

        assertThat(flyway.locations()).containsExactly("db/migrations");
        assertThat(flyway.count()).isEqualTo(1);
    }

    @Test
    void findsFlywayLocationsFromToml() {
        MigrationFramework flyway = detect(repo(dir,
                "flyway.toml", "[environments.default]\nurl = \"jdbc:h2:mem:x\"\n\n[flyway]\nlocations = [\"filesystem:db/sql\"]\n",
                "db/sql/V1__a.sql", "select 1;",
                "db/sql/V2__b.sql", "select 1;"));

        assertThat(flyway.locations()).containsExactly("db/sql");
        assertThat(flyway.count()).isEqualTo(2);
        assertThat(flyway.evidence()).contains(new Evidence("flyway.toml", 5, "locations = [\"filesystem:db/sql\"]"));
    }

    @Test
    void findsFlywayLocationsFromTomlEnvironment() {
        MigrationFramework flyway = detect(repo(dir,
                "flyway.toml", "[environments.dev]\nurl = \"jdbc:h2:mem:x\"\n\n[environments.dev.flyway]\nlocations = [\"filesystem:envsql\"]\n",
                "envsql/V3__a.sql", "select 1;"));

        assertThat(flyway.locations()).containsExactly("envsql");
        assertThat(flyway.lastVersion()).isEqualTo("3");
    }

    @Test
    void findsFlywayLocationsFromSpringProperties() {
        MigrationFramework flyway = detect(repo(dir,
                "app/src/main/resources/application.properties", "spring.datasource.url=jdbc:postgresql://db/app\nspring.flyway.locations=classpath:db/changes\n",
                "app/src/main/resources/db/changes/V1__a.sql", "select 1;",
                "app/src/main/resources/db/migration/V9__ignored.sql", "select 1;"));

        assertThat(flyway.locations()).containsExactly("app/src/main/resources/db/changes");
        assertThat(flyway.lastVersion()).isEqualTo("1");
        assertThat(flyway.evidence()).contains(new Evidence("app/src/main/resources/application.properties", 2,
                "spring.flyway.locations=classpath:db/changes"));
    }

    @Test
    void findsFlywayLocationsFromSpringYaml() {
        MigrationFramework flyway = detect(repo(dir,
                "src/main/resources/application.yml", "spring:\n  application:\n    name: x\n  flyway:\n    locations:\n      - classpath:db/one\n      - filesystem:ops/sql\n",
                "src/main/resources/db/one/V1__a.sql", "select 1;",
                "ops/sql/V2__b.sql", "select 1;"));

        assertThat(flyway.locations()).containsExactly("src/main/resources/db/one", "ops/sql");
        assertThat(flyway.count()).isEqualTo(2);
        assertThat(flyway.evidence()).contains(new Evidence("src/main/resources/application.yml", 5, "locations:"));
    }

    @Test
    void findsFlywayLocationsFromSpringYamlWithDottedKeyAndVendorPlaceholder() {
        MigrationFramework flyway = detect(repo(dir,
                "src/main/resources/application-prod.yaml", "spring.flyway.locations: classpath:db/migration/{vendor}\n",
                "src/main/resources/db/migration/postgresql/V1__a.sql", "select 1;"));

        assertThat(flyway.locations()).containsExactly("src/main/resources/db/migration/postgresql");
        assertThat(flyway.evidence().get(0).line()).isEqualTo(1);
    }

    @Test
    void ignoresSpringSettingsInTestResources() {
        MigrationFramework flyway = detect(repo(dir,
                "pom.xml", "<artifactId>flyway-core</artifactId>\n",
                "src/test/resources/application.properties", "spring.flyway.locations=classpath:db/testdata\n",
                "src/main/resources/db/migration/V1__a.sql", "select 1;"));

        assertThat(flyway.locations()).containsExactly("src/main/resources/db/migration");
    }

    @Test
    void findsFlywayLocationsFromMavenPlugin() {
        MigrationFramework flyway = detect(repo(dir,
                "pom.xml", """
                        <project>
                          <build><plugins>
                            <plugin>
                              <groupId>org.flywaydb</groupId>
                              <artifactId>flyway-maven-plugin</artifactId>
                              <configuration>
                                <locations>
                                  <location>filesystem:src/main/sql</location>
                                </locations>
                              </configuration>
                            </plugin>
                          </plugins></build>
                        </project>
                        """,
                "src/main/sql/V1__a.sql", "select 1;"));

        assertThat(flyway.locations()).containsExactly("src/main/sql");
        assertThat(flyway.evidence()).contains(new Evidence("pom.xml", 8, "<location>filesystem:src/main/sql</location>"));
    }

    @Test
    void findsFlywayLocationsFromGradleBlock() {
        MigrationFramework flyway = detect(repo(dir,
                "build.gradle.kts", "plugins { id(\"org.flywaydb.flyway\") version \"10.0.0\" }\n\nflyway {\n    url = \"jdbc:h2:mem:x\"\n    locations = arrayOf(\"filesystem:migrations/sql\")\n}\n",
                "migrations/sql/V5__a.sql", "select 1;"));

        assertThat(flyway.locations()).containsExactly("migrations/sql");
        assertThat(flyway.lastVersion()).isEqualTo("5");
        assertThat(flyway.evidence()).contains(new Evidence("build.gradle.kts", 5, "locations = arrayOf(\"filesystem:migrations/sql\")"));
    }

    @Test
    void findsFlywayLocationFromDockerComposeVolume() {
        MigrationFramework flyway = detect(repo(dir,
                "docker-compose.yml", "services:\n  flyway:\n    image: flyway/flyway:10\n    command: migrate\n    volumes:\n      - ./db/sql:/flyway/sql\n",
                "db/sql/V1__a.sql", "select 1;"));

        assertThat(flyway.locations()).containsExactly("db/sql");
        assertThat(flyway.evidence()).contains(new Evidence("docker-compose.yml", 6, "- ./db/sql:/flyway/sql"));
    }

    @Test
    void versionedFilesOnlyInTestResourcesAreNoFlyway() {
        assertThat(detector.detect(repo(dir, "src/test/resources/db/migration/V1__fixture.sql", "select 1;"))).isEmpty();
    }

    @Test
    void flywayConfWinsOverSpringProperties() {
        MigrationFramework flyway = detect(repo(dir,
                "flyway.conf", "flyway.locations=filesystem:conf-sql\n",
                "src/main/resources/application.properties", "spring.flyway.locations=classpath:db/spring\n",
                "conf-sql/V1__a.sql", "select 1;",
                "src/main/resources/db/spring/V1__b.sql", "select 1;"));

        assertThat(flyway.locations()).containsExactly("conf-sql");
    }

    @Test
    void undoFilesMeanHasDown() {
        MigrationFramework flyway = detect(repo(dir,
                "src/main/resources/db/migration/V1__a.sql", "create table a (id int);",
                "src/main/resources/db/migration/U1__a.sql", "drop table a;",
                "src/main/resources/db/migration/V2__b.sql", "create table b (id int);"));

        assertThat(flyway.hasDown()).isTrue();
        assertThat(flyway.count()).isEqualTo(2);
        assertThat(flyway.notes()).anyMatch(n -> n.startsWith("1 undo migration") && n.contains("U1__a.sql"));
    }

    @Test
    void siblingDownFolderMeansHasDown() {
        MigrationFramework flyway = detect(repo(dir,
                "src/main/resources/db/migration/V1__a.sql", "create table a (id int);",
                "src/main/resources/db/migration-down/V1__a.sql", "drop table a;"));

        assertThat(flyway.hasDown()).isTrue();
        assertThat(flyway.notes()).anyMatch(n -> n.contains("down scripts kept in src/main/resources/db/migration-down"));
    }

    @Test
    void unrelatedSiblingFolderIsNoDownFolder() {
        MigrationFramework flyway = detect(repo(dir,
                "src/main/resources/db/migration/V1__a.sql", "create table a (id int);",
                "src/main/resources/db/seeds/V1__a.sql", "insert into a values (1);"));

        assertThat(flyway.hasDown()).isFalse();
    }

    @Test
    void notesJavaMigrationsAndCountsThemAsVersions() {
        MigrationFramework flyway = detect(repo(dir,
                "pom.xml", "<artifactId>flyway-core</artifactId>\n",
                "src/main/resources/db/migration/V1__a.sql", "select 1;",
                "src/main/java/db/migration/V2__Backfill.java", "package db.migration; public class V2__Backfill extends BaseJavaMigration {}"));

        assertThat(flyway.count()).isEqualTo(2);
        assertThat(flyway.lastVersion()).isEqualTo("2");
        assertThat(flyway.naming().example()).isEqualTo("V1__a.sql");
        assertThat(flyway.locations()).contains("src/main/java/db/migration");
        assertThat(flyway.notes()).anyMatch(n -> n.contains("Java/Kotlin migration") && n.contains("V2__Backfill.java"));
    }

    @Test
    void repeatableMigrationsAreNotedNotCounted() {
        MigrationFramework flyway = detect(repo(dir,
                "src/main/resources/db/migration/V1__a.sql", "select 1;",
                "src/main/resources/db/migration/R__views.sql", "create or replace view v as select 1;"));

        assertThat(flyway.count()).isEqualTo(1);
        assertThat(flyway.notes()).anyMatch(n -> n.startsWith("1 repeatable migration"));
    }

    @Test
    void notesDuplicateVersions() {
        MigrationFramework flyway = detect(repo(dir,
                "src/main/resources/db/migration/V1_1__a.sql", "select 1;",
                "src/main/resources/db/migration/V1.1__b.sql", "select 1;"));

        assertThat(flyway.notes()).anyMatch(n -> n.startsWith("version 1.1 is used by more than one migration"));
    }

    @Test
    void classpathLocationMatchesResourcesOfAnyModule() {
        MigrationFramework flyway = detect(repo(dir,
                "app/src/main/resources/application.properties", "spring.flyway.locations=classpath:db/migration\n",
                "persistence/src/main/resources/db/migration/V1__a.sql", "select 1;",
                "persistence/src/main/resources/db/migration/V2__b.sql", "select 1;"));

        assertThat(flyway.locations()).containsExactly("persistence/src/main/resources/db/migration");
        assertThat(flyway.count()).isEqualTo(2);
    }

    @Test
    void dependencyOnlyInASubmoduleDefaultsToThatModulesResources() {
        MigrationFramework flyway = detect(repo(dir,
                "service/pom.xml", "<project>\n  <artifactId>flyway-database-postgresql</artifactId>\n</project>\n",
                "service/src/main/java/App.java", "class App {}"));

        assertThat(flyway.locations()).containsExactly("service/src/main/resources/db/migration");
        assertThat(flyway.evidence()).contains(new Evidence("service/pom.xml", 2, "<artifactId>flyway-database-postgresql</artifactId>"));
    }

    @Test
    void kotlinMigrationsAreFoundUnderSrcMainKotlin() {
        MigrationFramework flyway = detect(repo(dir,
                "build.gradle.kts", "dependencies { implementation(\"org.flywaydb:flyway-core:10.0.0\") }\n",
                "src/main/kotlin/db/migration/V1__Seed.kt", "class V1__Seed : BaseJavaMigration()"));

        assertThat(flyway.count()).isEqualTo(1);
        assertThat(flyway.locations()).contains("src/main/kotlin/db/migration");
        assertThat(flyway.naming().example()).isEqualTo("V1__Seed.kt");
    }

    @Test
    void absentWithoutConfigDependencyOrFiles() {
        assertThat(detector.detect(repo(dir,
                "src/main/resources/db/changelog/changes.xml", "<databaseChangeLog/>",
                "migrations/001_init.sql", "create table a (id int);"))).isEmpty();
    }
}
