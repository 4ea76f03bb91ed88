package dev.plc.repo.dialect;

import dev.plc.repo.DialectFinding;
import dev.plc.repo.Evidence;
import dev.plc.repo.FixtureRepo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class DialectDetectorTest {

    @TempDir
    Path dir;

    private final DialectDetector detector = new DialectDetector();

    private DialectFinding detect(FixtureRepo repo) {
        return detector.detect(repo.index());
    }

    @Test
    void jdbcUrlInSpringPropertiesIsHighConfidence() {
        DialectFinding found = detect(FixtureRepo.in(dir).file("src/main/resources/application.properties",
                "server.port=8080\nspring.datasource.url=jdbc:postgresql://localhost:5432/shop\n"));

        assertThat(found.name()).isEqualTo("postgresql");
        assertThat(found.confidence()).isEqualTo("high");
        assertThat(found.evidence()).containsExactly(new Evidence("src/main/resources/application.properties", 2,
                "spring.datasource.url=jdbc:postgresql://localhost:5432/shop"));
        assertThat(found.others()).isEmpty();
    }

    @Test
    void aRepositoryOfMigrationsAloneIsReadFromItsSqlWithLowConfidence() {
        DialectFinding found = detect(FixtureRepo.in(dir)
                .file("db/migration/V1__init.sql", "-- a jsonb column comes later\nCREATE TABLE t (\n  id bigint PRIMARY KEY,\n  at timestamptz NOT NULL\n);\n")
                .file("db/migration/V2__more.sql", "CREATE INDEX CONCURRENTLY t_at_idx ON t (at);\n"));
        assertThat(found.name()).isEqualTo("postgresql");
        assertThat(found.confidence()).isEqualTo("low");
        // the comment does not count: the evidence is the line with the type
        assertThat(found.evidence()).contains(new Evidence("db/migration/V1__init.sql", 4, "at timestamptz NOT NULL"));

        DialectFinding mysql = detect(FixtureRepo.in(dir.resolve("m"))
                .file("migrations/001_init.up.sql", "CREATE TABLE posts (id BIGINT AUTO_INCREMENT PRIMARY KEY) ENGINE=InnoDB;\n"));
        assertThat(mysql.name()).isEqualTo("mysql");
        assertThat(mysql.confidence()).isEqualTo("low");
    }

    @Test
    void anyUrlDriverOrImageOutranksWhatTheSqlLooksLike() {
        DialectFinding found = detect(FixtureRepo.in(dir)
                .file("src/main/resources/application.properties", "spring.datasource.url=jdbc:mariadb://db/app\n")
                .file("src/main/resources/db/migration/V1__init.sql", "CREATE TABLE t (id bigint PRIMARY KEY, doc jsonb);\n"));
        assertThat(found.name()).isEqualTo("mariadb");
        assertThat(found.confidence()).isEqualTo("high");
        assertThat(found.others()).containsExactly("postgresql");
    }

    @Test
    void productionPostgresBeatsTestH2() {
        DialectFinding found = detect(FixtureRepo.in(dir)
                .file("src/main/resources/application.yml", "spring:\n  datasource:\n    url: jdbc:postgresql://db/shop\n")
                .file("src/test/resources/application-test.yml", "spring:\n  datasource:\n    url: jdbc:h2:mem:test\n")
                .file("src/test/java/shop/RepoTest.java", "class RepoTest { String url = \"jdbc:h2:mem:x\"; }\n")
                .file("pom.xml", pom(dep("com.h2database", "h2", "test"), dep("org.postgresql", "postgresql", null))));

        assertThat(found.name()).isEqualTo("postgresql");
        assertThat(found.confidence()).isEqualTo("high");
        assertThat(found.others()).containsExactly("h2");
        assertThat(found.evidence().get(0).file()).isEqualTo("src/main/resources/application.yml");
    }

    @Test
    void manyTestHintsDoNotOutvoteOneProductionDriver() {
        DialectFinding found = detect(FixtureRepo.in(dir)
                .file("src/main/resources/application-test.properties", "url=jdbc:sqlite:test.db\n")
                .file("src/test/java/A.java", "String a = \"jdbc:sqlite:a.db\";\n")
                .file("src/test/java/B.java", "String b = \"jdbc:sqlite:b.db\";\n")
                .file("build.gradle", "dependencies {\n    runtimeOnly 'org.postgresql:postgresql:42.7.8'\n"
                        + "    testImplementation 'org.xerial:sqlite-jdbc:3.50.3.0'\n}\n"));

        assertThat(found.name()).isEqualTo("postgresql");
        assertThat(found.confidence()).isEqualTo("medium");
        assertThat(found.evidence().get(0)).isEqualTo(new Evidence("build.gradle", 2, "runtimeOnly 'org.postgresql:postgresql:42.7.8'"));
        assertThat(found.others()).containsExactly("sqlite");
    }

    @Test
    void serverDriverBeatsEmbeddedDriverOfTheSameStrength() {
        DialectFinding found = detect(FixtureRepo.in(dir)
                .file("pom.xml", pom(dep("com.h2database", "h2", "runtime"), dep("org.postgresql", "postgresql", "runtime")))
                .file("module/pom.xml", pom(dep("com.h2database", "h2", null))));

        assertThat(found.name()).isEqualTo("postgresql");
        assertThat(found.others()).containsExactly("h2");
    }

    @Test
    void configuredH2BeatsAPostgresDriverThatIsOnlyDeclared() {
        DialectFinding found = detect(FixtureRepo.in(dir)
                .file("src/main/resources/application.properties", "spring.datasource.url=jdbc:h2:file:./data/app\n")
                .file("pom.xml", pom(dep("org.postgresql", "postgresql", null))));

        assertThat(found.name()).isEqualTo("h2");
        assertThat(found.confidence()).isEqualTo("high");
        assertThat(found.others()).containsExactly("postgresql");
    }

    @Test
    void testOnlyHintsGiveLowConfidence() {
        DialectFinding found = detect(FixtureRepo.in(dir)
                .file("pom.xml", pom(dep("com.h2database", "h2", "test"))));

        assertThat(found.name()).isEqualTo("h2");
        assertThat(found.confidence()).isEqualTo("low");
        assertThat(found.evidence()).extracting(Evidence::toString).containsExactly("pom.xml:13");
    }

    @Test
    void nothingFoundIsUnknown() {
        DialectFinding found = detect(FixtureRepo.in(dir).file("README.md", "We love postgres://example but this is prose.\n")
                .file("src/main/java/App.java", "class App {}\n"));

        assertThat(found).isEqualTo(DialectFinding.unknown());
    }

    @Test
    void mariadbDriverIsMariadbNotMysql() {
        DialectFinding found = detect(FixtureRepo.in(dir)
                .file("pom.xml", pom(dep("org.mariadb.jdbc", "mariadb-java-client", null))));

        assertThat(found.name()).isEqualTo("mariadb");
        assertThat(found.confidence()).isEqualTo("medium");
    }

    @Test
    void mariadbImageWithMysqlEnvironmentIsMariadb() {
        DialectFinding found = detect(FixtureRepo.in(dir).file("docker-compose.yml", """
                services:
                  db:
                    image: mariadb:11
                    environment:
                      MYSQL_ROOT_PASSWORD: secret
                """));

        assertThat(found.name()).isEqualTo("mariadb");
        assertThat(found.confidence()).isEqualTo("medium");
        assertThat(found.evidence()).extracting(Evidence::toString).containsExactly("docker-compose.yml:3");
    }

    @Test
    void mariadbImageDecidesWhenCodeSpeaksTheMysqlProtocol() {
        DialectFinding found = detect(FixtureRepo.in(dir)
                .file("cmd/app/main.go", "package main\n\nfunc main() {\n\tdb, _ := sql.Open(\"mysql\", dsn)\n}\n")
                .file("go.mod", "module x\n\nrequire github.com/go-sql-driver/mysql v1.8.1\n")
                .file("docker-compose.yml", "services:\n  db:\n    image: mariadb:11.4\n"));

        assertThat(found.name()).isEqualTo("mariadb");
        assertThat(found.others()).contains("mysql");
    }

    @Test
    void mysqlImageKeepsMysqlEvenWithAMariadbDriver() {
        DialectFinding found = detect(FixtureRepo.in(dir)
                .file("pom.xml", pom(dep("org.mariadb.jdbc", "mariadb-java-client", null)))
                .file("src/main/resources/application.properties", "spring.datasource.url=jdbc:mysql://db/app\n")
                .file("compose.yaml", "services:\n  db:\n    image: mysql:8.4\n"));

        assertThat(found.name()).isEqualTo("mysql");
    }

    @Test
    void mysqlConnectorIsMysql() {
        DialectFinding found = detect(FixtureRepo.in(dir)
                .file("build.gradle.kts", "dependencies {\n    runtimeOnly(\"com.mysql:mysql-connector-j:9.1.0\")\n}\n"));

        assertThat(found.name()).isEqualTo("mysql");
    }

    @Test
    void jdbcMariadbUrlWinsOverMysqlImage() {
        DialectFinding found = detect(FixtureRepo.in(dir)
                .file("flyway.conf", "flyway.url=jdbc:mariadb://localhost:3306/app\n")
                .file("compose.yaml", "services:\n  db:\n    image: \"mysql:8.4\"\n"));

        assertThat(found.name()).isEqualTo("mariadb");
        assertThat(found.confidence()).isEqualTo("high");
        assertThat(found.others()).containsExactly("mysql");
    }

    @Test
    void databaseUrlInDotEnv() {
        DialectFinding found = detect(FixtureRepo.in(dir).file(".env", "DATABASE_URL=postgres://app:pw@localhost/app\n"));

        assertThat(found.name()).isEqualTo("postgresql");
        assertThat(found.confidence()).isEqualTo("high");
        assertThat(found.evidence()).extracting(Evidence::toString).containsExactly(".env:1");
    }

    @Test
    void prismaProvider() {
        DialectFinding found = detect(FixtureRepo.in(dir).file("prisma/schema.prisma", """
                generator client {
                  provider = "prisma-client-js"
                }
                datasource db {
                  provider = "mysql"
                  url      = env("DATABASE_URL")
                }
                """));

        assertThat(found.name()).isEqualTo("mysql");
        assertThat(found.confidence()).isEqualTo("high");
        assertThat(found.evidence()).extracting(Evidence::toString).containsExactly("prisma/schema.prisma:5");
    }

    @Test
    void djangoEngineSetting() {
        DialectFinding found = detect(FixtureRepo.in(dir).file("mysite/settings.py",
                "DATABASES = {\n    'default': {\n        'ENGINE': 'django.db.backends.postgresql',\n    }\n}\n"));

        assertThat(found.name()).isEqualTo("postgresql");
        assertThat(found.evidence()).extracting(Evidence::toString).containsExactly("mysite/settings.py:3");
    }

    @Test
    void railsDatabaseYmlAdapter() {
        DialectFinding found = detect(FixtureRepo.in(dir)
                .file("config/database.yml", "default: &default\n  adapter: trilogy\n  pool: 5\n")
                .file("Gemfile", "source 'https://rubygems.org'\ngem 'trilogy'\n"));

        assertThat(found.name()).isEqualTo("mysql");
        assertThat(found.confidence()).isEqualTo("high");
        assertThat(found.evidence()).extracting(Evidence::toString).containsExactly("config/database.yml:2", "Gemfile:2");
    }

    @Test
    void knexfileClient() {
        DialectFinding found = detect(FixtureRepo.in(dir).file("knexfile.js",
                "module.exports = {\n  development: { client: 'pg', connection: process.env.DB },\n};\n"));

        assertThat(found.name()).isEqualTo("postgresql");
    }

    @Test
    void typeormDataSourceType() {
        DialectFinding found = detect(FixtureRepo.in(dir).file("src/data-source.ts",
                "import { DataSource } from \"typeorm\";\nexport const ds = new DataSource({\n  type: \"postgres\",\n});\n"));

        assertThat(found.name()).isEqualTo("postgresql");
        assertThat(found.evidence()).extracting(Evidence::toString).containsExactly("src/data-source.ts:3");
    }

    @Test
    void typeLiteralOutsideTypeormIsIgnored() {
        DialectFinding found = detect(FixtureRepo.in(dir).file("src/ui.ts", "const field = { type: 'mysql' };\n"));

        assertThat(found.name()).isEqualTo("unknown");
    }

    @Test
    void sqlxFeatureInCargoToml() {
        DialectFinding found = detect(FixtureRepo.in(dir).file("Cargo.toml",
                "[dependencies]\nsqlx = { version = \"0.8\", features = [\"runtime-tokio\", \"sqlite\"] }\n"));

        assertThat(found.name()).isEqualTo("sqlite");
        assertThat(found.confidence()).isEqualTo("high");
    }

    @Test
    void efCoreUseSqlServer() {
        DialectFinding found = detect(FixtureRepo.in(dir).file("src/Shop/Program.cs",
                "builder.Services.AddDbContext<ShopDb>(o => o.UseSqlServer(cs));\n"));

        assertThat(found.name()).isEqualTo("sqlserver");
        assertThat(found.confidence()).isEqualTo("high");
    }

    @Test
    void alembicSqlalchemyUrl() {
        DialectFinding found = detect(FixtureRepo.in(dir).file("alembic.ini",
                "[alembic]\nscript_location = alembic\nsqlalchemy.url = postgresql+psycopg://app@localhost/app\n"));

        assertThat(found.name()).isEqualTo("postgresql");
        assertThat(found.evidence()).extracting(Evidence::toString).containsExactly("alembic.ini:3");
    }

    @Test
    void composeImageIsMediumConfidence() {
        DialectFinding found = detect(FixtureRepo.in(dir).file("docker-compose.yml",
                "services:\n  exporter:\n    image: prom/postgres-exporter\n  db:\n    image: postgres:16-alpine\n"));

        assertThat(found.name()).isEqualTo("postgresql");
        assertThat(found.confidence()).isEqualTo("medium");
        assertThat(found.evidence()).extracting(Evidence::toString).containsExactly("docker-compose.yml:5");
    }

    @Test
    void dockerfileBaseImage() {
        DialectFinding found = detect(FixtureRepo.in(dir).file("db/Dockerfile", "FROM postgis/postgis:16-3.4\nCOPY init.sql /docker-entrypoint-initdb.d/\n"));

        assertThat(found.name()).isEqualTo("postgresql");
        assertThat(found.evidence()).extracting(Evidence::toString).containsExactly("db/Dockerfile:1");
    }

    @Test
    void testcontainersInTestCodeIsLowConfidence() {
        DialectFinding found = detect(FixtureRepo.in(dir).file("src/test/java/shop/DbIT.java",
                "class DbIT {\n  static MariaDBContainer<?> db = new MariaDBContainer<>(\"mariadb:11\");\n}\n"));

        assertThat(found.name()).isEqualTo("mariadb");
        assertThat(found.confidence()).isEqualTo("low");
    }

    @Test
    void nodeDevDependencyIsOnlyATestHint() {
        DialectFinding found = detect(FixtureRepo.in(dir).file("package.json", """
                {
                  "dependencies": {
                    "mysql2": "^3.11.0"
                  },
                  "devDependencies": {
                    "better-sqlite3": "^11.0.0"
                  }
                }
                """));

        assertThat(found.name()).isEqualTo("mysql");
        assertThat(found.confidence()).isEqualTo("medium");
        assertThat(found.others()).containsExactly("sqlite");
    }

    @Test
    void pythonGoAndRubyDrivers() {
        assertThat(detect(FixtureRepo.in(dir.resolve("py")).file("requirements.txt", "flask==3.0\npsycopg[binary]>=3.2\n")).name())
                .isEqualTo("postgresql");
        assertThat(detect(FixtureRepo.in(dir.resolve("go")).file("go.mod",
                "module x\n\nrequire (\n\tgithub.com/go-sql-driver/mysql v1.8.1\n)\n")).name()).isEqualTo("mysql");
        DialectFinding ruby = detect(FixtureRepo.in(dir.resolve("rb")).file("Gemfile",
                "gem 'rails'\ngem 'pg'\ngroup :development, :test do\n  gem 'sqlite3'\nend\n"));
        assertThat(ruby.name()).isEqualTo("postgresql");
        assertThat(ruby.others()).containsExactly("sqlite");
    }

    @Test
    void goSqlOpenDriverName() {
        DialectFinding found = detect(FixtureRepo.in(dir).file("cmd/app/main.go",
                "package main\n\nfunc main() {\n\tdb, _ := sql.Open(\"pgx\", os.Getenv(\"DSN\"))\n}\n"));

        assertThat(found.name()).isEqualTo("postgresql");
        assertThat(found.evidence()).extracting(Evidence::toString).containsExactly("cmd/app/main.go:4");
    }

    @Test
    void jdbcUrlInJavaCode() {
        DialectFinding found = detect(FixtureRepo.in(dir).file("src/main/java/shop/Db.java",
                "class Db {\n  static final String URL = \"jdbc:oracle:thin:@//db:1521/XE\";\n}\n"));

        assertThat(found.name()).isEqualTo("oracle");
        assertThat(found.confidence()).isEqualTo("high");
    }

    @Test
    void evidenceIsCappedAndStrongestFirst() {
        FixtureRepo repo = FixtureRepo.in(dir).file("pom.xml", pom(dep("org.postgresql", "postgresql", null)));
        for (int i = 0; i < 12; i++) {
            repo.file("src/main/resources/application-p" + i + ".properties", "spring.datasource.url=jdbc:postgresql://h/db" + i + "\n");
        }

        DialectFinding found = detect(repo);

        assertThat(found.evidence()).hasSize(8);
        assertThat(found.evidence()).extracting(Evidence::file).doesNotContain("pom.xml");
    }

    static String dep(String group, String artifact, String scope) {
        return "    <dependency>\n      <groupId>" + group + "</groupId>\n      <artifactId>" + artifact + "</artifactId>\n"
                + (scope == null ? "" : "      <scope>" + scope + "</scope>\n") + "    </dependency>\n";
    }

    static String pom(String... deps) {
        return "<project>\n  <modelVersion>4.0.0</modelVersion>\n  <groupId>x</groupId>\n  <artifactId>y</artifactId>\n"
                + "  <version>1</version>\n  <properties>\n  </properties>\n  <build>\n  </build>\n  <dependencies>\n"
                + String.join("", deps) + "  </dependencies>\n</project>\n";
    }
}
