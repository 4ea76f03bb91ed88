package dev.plc.plan.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plc.db.Dialect;
import dev.plc.repo.MigrationFramework;
import dev.plc.repo.Naming;
import dev.plc.repo.RepoIndex;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which stack a repo gives a generated access-path test, read from its build file, and what it says when it has none. */
class TestStackTest {

    private static final String JUNIT_FLYWAY_PG = """
            <project><dependencies>
              <dependency><groupId>org.junit.jupiter</groupId><artifactId>junit-jupiter</artifactId></dependency>
              <dependency><groupId>org.flywaydb</groupId><artifactId>flyway-core</artifactId></dependency>
              <dependency><groupId>org.postgresql</groupId><artifactId>postgresql</artifactId></dependency>
            </dependencies></project>
            """;

    private static RepoIndex repo(Map<String, String> files) {
        Map<String, Optional<String>> texts = new LinkedHashMap<>();
        files.forEach((k, v) -> texts.put(k, Optional.of(v)));
        return RepoIndex.of(Path.of("/nonexistent"), List.of()).withFiles(texts);
    }

    private static MigrationFramework framework(String name, String location) {
        return new MigrationFramework(name, List.of(location), new Naming("V<n>__<desc>.sql", "V1__x.sql", "integer", 0), 1, "1", "2", false,
                List.of(), List.of());
    }

    private static TestStack stack(TestStack.Found found) {
        assertThat(found).isInstanceOf(TestStack.Stack.class);
        return ((TestStack.Stack) found).stack();
    }

    private static String missing(TestStack.Found found) {
        assertThat(found).isInstanceOf(TestStack.Missing.class);
        return ((TestStack.Missing) found).reason();
    }

    @Test
    void aMavenModuleWithJUnitAndFlywayGetsAClasspathLocationAndTheSharedPackage() {
        RepoIndex index = repo(Map.of(
                "pom.xml", "<project><modules><module>app</module></modules></project>",
                "app/pom.xml", JUNIT_FLYWAY_PG,
                "app/src/main/resources/db/migration/V1__init.sql", "CREATE TABLE t (id int);",
                "app/src/main/java/com/acme/shop/order/Order.java", "package com.acme.shop.order;\nclass Order {}",
                "app/src/main/java/com/acme/shop/customer/Customer.java", "package com.acme.shop.customer;\nclass Customer {}"));
        TestStack s = stack(TestStack.detect(index, framework("flyway", "app/src/main/resources/db/migration"), Dialect.POSTGRESQL, null));
        assertThat(s.module()).isEqualTo("app");
        assertThat(s.buildFile()).isEqualTo("app/pom.xml");
        assertThat(s.testRoot()).isEqualTo("app/src/test/java");
        assertThat(s.location()).isEqualTo("classpath:db/migration");
        assertThat(s.pkg()).isEqualTo("com.acme.shop");
    }

    @Test
    void migrationsOutsideTheResourcesAreGivenToFlywayAsAFolderOfTheModule() {
        RepoIndex index = repo(Map.of("pom.xml", JUNIT_FLYWAY_PG, "db/migration/V1__init.sql", "CREATE TABLE t (id int);"));
        TestStack s = stack(TestStack.detect(index, framework("flyway", "db/migration"), Dialect.POSTGRESQL, null));
        assertThat(s.location()).isEqualTo("filesystem:db/migration");
        assertThat(s.pkg()).isEmpty();
    }

    @Test
    void whatIsMissingIsNamed() {
        String noJunit = JUNIT_FLYWAY_PG.replace("junit-jupiter", "commons-lang3").replace("org.junit.jupiter", "org.apache.commons");
        assertThat(missing(TestStack.detect(repo(Map.of("pom.xml", noJunit)), framework("flyway", "src/main/resources/db/migration"),
                Dialect.POSTGRESQL, null))).contains("pom.xml has no JUnit 5 dependency");
        assertThat(missing(TestStack.detect(repo(Map.of("pom.xml", JUNIT_FLYWAY_PG.replace("flyway-core", "flyway-maven-plugin"))),
                framework("flyway", "src/main/resources/db/migration"), Dialect.POSTGRESQL, null))).contains("flyway-core");
        assertThat(missing(TestStack.detect(repo(Map.of("pom.xml", JUNIT_FLYWAY_PG)), framework("flyway", "src/main/resources/db/migration"),
                Dialect.MARIADB, null))).contains("no mariadb JDBC driver");
        assertThat(missing(TestStack.detect(repo(Map.of("build.gradle", "dependencies { testImplementation 'org.junit.jupiter:junit-jupiter' }")),
                framework("flyway", "src/main/resources/db/migration"), Dialect.POSTGRESQL, null))).contains("useJUnitPlatform");
        assertThat(missing(TestStack.detect(repo(Map.of("go.mod", "module x")), framework("golang-migrate", "db/migrations"),
                Dialect.MARIADB, null))).contains("golang-migrate");
        assertThat(missing(TestStack.detect(repo(Map.of("db/migration/V1__x.sql", "")), framework("flyway", "db/migration"),
                Dialect.POSTGRESQL, null))).contains("no pom.xml or build.gradle");
    }

    @Test
    void aLiquibaseChangelogOnTheClasspathIsNamedByItsClasspathPath() {
        String pom = JUNIT_FLYWAY_PG.replace("flyway-core", "liquibase-core");
        RepoIndex index = repo(Map.of("pom.xml", pom, "src/main/resources/db/changelog/db.changelog-master.yaml", "databaseChangeLog: []"));
        MigrationFramework liquibase = new MigrationFramework("liquibase", List.of("src/main/resources/db/changelog/changes/001.xml",
                "src/main/resources/db/changelog/db.changelog-master.yaml"), new Naming("x", "x", "integer", 0), 1, "1", "2", false, List.of(), List.of());
        TestStack s = stack(TestStack.detect(index, liquibase, Dialect.POSTGRESQL, null));
        assertThat(s.runner()).isEqualTo("liquibase");
        assertThat(s.location()).isEqualTo("db/changelog/db.changelog-master.yaml");
    }
}
