package dev.plc.plan.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plc.check.CheckReport;
import dev.plc.check.CheckReports;
import dev.plc.check.CheckRunner;
import dev.plc.check.CheckStatus;
import dev.plc.core.Progress;
import dev.plc.db.Dialect;
import dev.plc.db.ScratchDatabase;
import dev.plc.db.ScratchDatabases;
import dev.plc.plan.ChangePlan;
import dev.plc.plan.ChangePlanner;
import dev.plc.plan.PlanStore;
import dev.plc.plan.impact.CodeChange;
import dev.plc.testing.ExampleRepos;
import dev.plc.testing.Javac;
import dev.plc.testing.RealServers;
import dev.plc.testing.RunJUnit;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test plan_change writes for a change's new access path, on the example shop (Spring Boot, Flyway, PostgreSQL): it
 * is a new file in the shop's test folder, it compiles, and run as the shop's own test run would (a child JVM with the
 * database variables set to an empty database) it migrates that database and passes; without the plan's migration it
 * fails, so it tests the change and not nothing.
 */
class AccessPathTestsTest {

    @TempDir
    Path work;

    private static final String CLASSPATH = Javac.CLASSPATH;

    private static ChangePlan plan(Path shop, String sql) {
        return new ChangePlanner(ScratchDatabases.fromEnvironment(), new PlanStore()).plan(new ChangePlanner.Request(shop, null, sql, null, true,
                null, null, Duration.ofSeconds(60)), Progress.NONE);
    }

    private static CodeChange test(ChangePlan plan) {
        return plan.codeChanges().stream().filter(c -> c.status().equals(CodeChange.CREATE)).findFirst()
                .orElseThrow(() -> new AssertionError("no test in code_changes: " + plan.codeChanges()));
    }

    /** Writes every release of the plan with its code, as an agent would. */
    private static void writeAll(Path shop, ChangePlan plan) throws Exception {
        ExampleRepos.writeEveryRelease(shop, plan, true, (release, written) -> { });
    }

    private static String compile(Path sourceRoot, Path out) throws Exception {
        return Javac.compile(List.of(sourceRoot), out);
    }

    /** Runs the test class in a child JVM from the shop's folder, with the shop's resources (its migrations) on the classpath. */
    private static Run run(Path shop, Path classes, String className, ScratchDatabase db) throws Exception {
        String cp = String.join(File.pathSeparator, classes.toString(), shop.resolve("src/main/resources").toString(), CLASSPATH);
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", cp,
                RunJUnit.class.getName(), className).directory(shop.toFile()).redirectErrorStream(true);
        if (db != null) {
            pb.environment().put(TestStack.URL_VARIABLE, db.jdbcUrl());
            if (db.user() != null) {
                pb.environment().put(TestStack.USER_VARIABLE, db.user());
            }
            if (db.password() != null) {
                pb.environment().put(TestStack.PASSWORD_VARIABLE, db.password());
            }
        } else {
            pb.environment().remove(TestStack.URL_VARIABLE);
        }
        Process p = pb.start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), output);
    }

    private record Run(int exit, String output) {
    }

    @Test
    void anAddedColumnGetsATestThatMigratesWritesAndReadsItAndFailsWithoutTheMigration() throws Exception {
        RealServers.require(Dialect.POSTGRESQL);
        Path shop = ExampleRepos.copy("spring-flyway-postgres", work.resolve("repo"));
        ExampleRepos.commitAll(shop);
        ChangePlan plan = plan(shop, "ALTER TABLE orders ADD COLUMN coupon_code varchar(40)");
        CodeChange test = test(plan);
        assertThat(test.file()).isEqualTo("src/test/java/com/example/shop/OrdersCouponCodeAccessTest.java");
        assertThat(test.sha256()).isNull();
        assertThat(test.why()).contains("orders.coupon_code", TestStack.URL_VARIABLE, "flyway");
        String source = AccessPathTests.newFileContent(test.diff());
        // the order needs its customer: the parent row is written first, and the order points at it
        assertThat(source).contains("package com.example.shop;", "INSERT INTO customers", "INSERT INTO orders", "coupon_code",
                "(SELECT MAX(id) FROM customers)", "classpath:db/migration", "flyway.postgresql.transactional.lock");

        writeAll(shop, plan);
        Path written = shop.resolve(test.file());
        assertThat(written).hasContent(source);
        Path classes = Files.createDirectories(work.resolve("test-classes"));
        assertThat(compile(shop.resolve("src/test/java"), classes)).as("the generated test compiles").isEmpty();

        String className = "com.example.shop.OrdersCouponCodeAccessTest";
        try (ScratchDatabase db = ScratchDatabases.fromEnvironment().create(Dialect.POSTGRESQL, null)) {
            Run passing = run(shop, classes, className, db);
            assertThat(passing.exit()).as(passing.output()).isZero();
            assertThat(passing.output()).contains("succeeded=1", "failed=0");
        }
        // run_checks runs it as one of the repo's validations, on a throwaway database it makes for it
        String cp = String.join(File.pathSeparator, classes.toString(), shop.resolve("src/main/resources").toString(), CLASSPATH);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Files.writeString(shop.resolve("REPO_PROFILE.json"), "{\"validations\": [{\"name\": \"test\", \"command\": \"'" + java + "' -cp '" + cp
                + "' " + RunJUnit.class.getName() + " " + className + "\", \"timeout_s\": 120}]}");
        CheckReport report = new CheckRunner(ScratchDatabases.fromEnvironment()).run(new CheckRunner.Request(shop, List.of("validations"), null,
                null, null, Duration.ofSeconds(120), false, false, true), Progress.NONE);
        CheckReport.Check validations = report.checks().get(0);
        assertThat(validations.status()).as(CheckReports.text(report)).isEqualTo(CheckStatus.PASS);
        assertThat(validations.reason()).contains(TestStack.URL_VARIABLE + " named a throwaway");

        // the same test on the shop without the plan's migration: the column is not there, and the test says so
        try (Stream<Path> migrations = Files.list(shop.resolve("src/main/resources/db/migration"))) {
            for (Path m : migrations.filter(f -> f.getFileName().toString().startsWith("V4")).toList()) {
                Files.delete(m);
            }
        }
        try (ScratchDatabase db = ScratchDatabases.fromEnvironment().create(Dialect.POSTGRESQL, null)) {
            Run failing = run(shop, classes, className, db);
            assertThat(failing.exit()).as(failing.output()).isEqualTo(1);
            assertThat(failing.output()).contains("coupon_code");
        }
        // without a database named, the test is skipped with its reason, never passed
        Run unnamed = run(shop, classes, className, null);
        assertThat(unnamed.exit()).as(unnamed.output()).isEqualTo(2);
        assertThat(unnamed.output()).contains("succeeded=0");
    }

    @Test
    void aRenamedColumnIsTestedFromTheReleaseWhereTheCodeSwitchesToIt() throws Exception {
        RealServers.require(Dialect.POSTGRESQL);
        Path shop = ExampleRepos.copy("spring-flyway-postgres", work.resolve("repo"));
        ExampleRepos.commitAll(shop);
        ChangePlan plan = plan(shop, "ALTER TABLE orders RENAME COLUMN status TO state");
        CodeChange test = test(plan);
        int switchRelease = plan.steps().stream().filter(s -> s.phase().equals("switch")).mapToInt(ChangePlan.Step::release).min().orElseThrow();
        assertThat(test.release()).isEqualTo(switchRelease);
        assertThat(AccessPathTests.newFileContent(test.diff())).contains("SELECT state FROM orders")
                .doesNotContainPattern("INSERT INTO orders \\([^)]*status");

        writeAll(shop, plan);
        Path classes = Files.createDirectories(work.resolve("test-classes"));
        assertThat(compile(shop.resolve("src/test/java"), classes)).isEmpty();
        try (ScratchDatabase db = ScratchDatabases.fromEnvironment().create(Dialect.POSTGRESQL, null)) {
            Run passing = run(shop, classes, "com.example.shop.OrdersStateAccessTest", db);
            assertThat(passing.exit()).as(passing.output()).isZero();
        }
    }

    @Test
    void onMariadbTheTestMigratesWritesAndReadsThroughTheNewColumn() throws Exception {
        RealServers.require(Dialect.MARIADB);
        Path repo = Files.createDirectories(work.resolve("blog"));
        Files.writeString(repo.resolve("pom.xml"), "<project><dependencies>"
                + "<dependency><groupId>org.junit.jupiter</groupId><artifactId>junit-jupiter</artifactId></dependency>"
                + "<dependency><groupId>org.flywaydb</groupId><artifactId>flyway-mysql</artifactId></dependency>"
                + "<dependency><groupId>org.flywaydb</groupId><artifactId>flyway-core</artifactId></dependency>"
                + "<dependency><groupId>org.mariadb.jdbc</groupId><artifactId>mariadb-java-client</artifactId></dependency>"
                + "</dependencies></project>\n");
        Path migrations = Files.createDirectories(repo.resolve("src/main/resources/db/migration"));
        Files.writeString(migrations.resolve("V1__authors.sql"), "CREATE TABLE authors (id BIGINT AUTO_INCREMENT PRIMARY KEY,"
                + " name VARCHAR(100) NOT NULL) ENGINE=InnoDB;\n");
        Files.writeString(migrations.resolve("V2__posts.sql"), "CREATE TABLE posts (id BIGINT AUTO_INCREMENT PRIMARY KEY, author_id BIGINT NOT NULL,"
                + " title VARCHAR(200) NOT NULL, CONSTRAINT posts_author_fk FOREIGN KEY (author_id) REFERENCES authors (id)) ENGINE=InnoDB;\n");
        Files.writeString(repo.resolve("src/main/resources/application.properties"), "spring.datasource.url=jdbc:mariadb://localhost:3306/blog\n");
        Files.createDirectories(repo.resolve("src/main/java/com/example/blog"));
        Files.writeString(repo.resolve("src/main/java/com/example/blog/Posts.java"), "package com.example.blog;\n\nclass Posts {\n}\n");
        ExampleRepos.commitAll(repo);
        ChangePlan plan = plan(repo, "ALTER TABLE posts ADD COLUMN slug VARCHAR(120) NULL");
        CodeChange test = test(plan);
        assertThat(test.file()).isEqualTo("src/test/java/com/example/blog/PostsSlugAccessTest.java");
        String source = AccessPathTests.newFileContent(test.diff());
        assertThat(source).contains("INSERT INTO authors", "INSERT INTO posts", "(SELECT MAX(id) FROM authors)", "SELECT slug FROM posts")
                .doesNotContain("transactional.lock");

        writeAll(repo, plan);
        Path classes = Files.createDirectories(work.resolve("test-classes"));
        assertThat(compile(repo.resolve("src/test/java"), classes)).as("the generated test compiles").isEmpty();
        try (ScratchDatabase db = ScratchDatabases.fromEnvironment().create(Dialect.MARIADB, null)) {
            Run passing = run(repo, classes, "com.example.blog.PostsSlugAccessTest", db);
            assertThat(passing.exit()).as(passing.output()).isZero();
            assertThat(passing.output()).contains("succeeded=1");
        }
    }

    @Test
    void aLiquibaseRepoGetsATestThatMigratesWithItsMasterChangelog() throws Exception {
        RealServers.require(Dialect.POSTGRESQL);
        Path library = ExampleRepos.copy("liquibase-postgres", work.resolve("repo"));
        ExampleRepos.commitAll(library);
        ChangePlan plan = plan(library, "CREATE TABLE loans (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
                + " book_id bigint NOT NULL REFERENCES books (id), due_on date NOT NULL)");
        CodeChange test = test(plan);
        String source = AccessPathTests.newFileContent(test.diff());
        assertThat(source).contains("CommandScope", "db/changelog/db.changelog-master.yaml", "INSERT INTO books", "INSERT INTO loans");

        writeAll(library, plan);
        Path classes = Files.createDirectories(work.resolve("test-classes"));
        assertThat(compile(library.resolve("src/test/java"), classes)).as("the generated test compiles").isEmpty();
        String className = test.file().substring("src/test/java/".length(), test.file().length() - ".java".length()).replace('/', '.');
        try (ScratchDatabase db = ScratchDatabases.fromEnvironment().create(Dialect.POSTGRESQL, null)) {
            Run passing = run(library, classes, className, db);
            assertThat(passing.exit()).as(passing.output()).isZero();
            assertThat(passing.output()).contains("succeeded=1");
        }
    }

    @Test
    void aRepoWithoutJUnitGetsTheReasonInsteadOfATest() throws Exception {
        RealServers.require(Dialect.POSTGRESQL);
        Path shop = ExampleRepos.copy("spring-flyway-postgres", work.resolve("repo"));
        Path pom = shop.resolve("pom.xml");
        Files.writeString(pom, Files.readString(pom).replace("spring-boot-starter-test", "spring-boot-starter-validation"));
        ExampleRepos.commitAll(shop);
        ChangePlan plan = plan(shop, "ALTER TABLE orders ADD COLUMN coupon_code varchar(40)");
        assertThat(plan.codeChanges()).noneMatch(c -> c.status().equals(CodeChange.CREATE));
        assertThat(plan.codeChanges()).anySatisfy(c -> {
            assertThat(c.file()).isEqualTo("pom.xml");
            assertThat(c.status()).isEqualTo(CodeChange.MANUAL);
            assertThat(c.why()).contains("no JUnit 5 dependency");
        });
    }
}
