package dev.plc.plan.access;

import dev.plc.db.Dialect;
import dev.plc.repo.MigrationFramework;
import dev.plc.repo.RepoIndex;
import dev.plc.repo.TestPaths;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The repo's own stack for a test of the new access path, read from its build file: JUnit 5 on a Maven or Gradle
 * module, the migration library the repo already uses (Flyway or Liquibase) to migrate the test database, and the
 * module's JDBC driver. What is missing is said, so the plan can tell why it wrote no test instead of writing one
 * that does not compile.
 *
 * @param module     repo-relative folder of the build file ("" for the root): the test runs from there
 * @param buildFile  repo-relative path of pom.xml / build.gradle(.kts)
 * @param testRoot   repo-relative folder of the module's Java tests ({@code <module>/src/test/java})
 * @param pkg        the Java package the test goes in (the table's entity, else the module's top package); "" for none
 * @param runner     {@code flyway} or {@code liquibase}
 * @param location   what the runner is given: a Flyway location ({@code classpath:db/migration}, {@code filesystem:...}) or
 *                   the Liquibase changelog's classpath path
 * @param dialect    the database the migrations are written for
 */
public record TestStack(String module, String buildFile, String testRoot, String pkg, String runner, String location, Dialect dialect) {

    /** The environment variables the test reads, which run_checks sets to a fresh throwaway database. */
    public static final String URL_VARIABLE = "PLC_TEST_DATABASE_URL";
    public static final String USER_VARIABLE = "PLC_TEST_DATABASE_USER";
    public static final String PASSWORD_VARIABLE = "PLC_TEST_DATABASE_PASSWORD";

    private static final List<String> BUILD_FILES = List.of("pom.xml", "build.gradle.kts", "build.gradle");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;?");

    /** The stack, or why the repo has none a generated test could use. */
    public sealed interface Found permits Stack, Missing {
    }

    public record Stack(TestStack stack) implements Found {
    }

    /** @param file the build file the reason is about, null when there is none */
    public record Missing(String reason, String file) implements Found {

        Missing(String reason) {
            this(reason, null);
        }
    }

    /**
     * Reads the stack of the module that holds the migrations.
     *
     * @param entityFile a repo-relative Java/Kotlin file mapped to the changed table, whose package the test takes; null for none
     */
    public static Found detect(RepoIndex index, MigrationFramework framework, Dialect dialect, String entityFile) {
        if (!framework.name().equals("flyway") && !framework.name().equals("liquibase")) {
            return new Missing("tests are written for Flyway and Liquibase repositories on the JVM; this one uses " + framework.name());
        }
        if (framework.locations().isEmpty()) {
            return new Missing("the " + framework.name() + " migration folder is unknown");
        }
        String location = framework.name().equals("liquibase") ? masterChangelog(framework.locations()) : framework.locations().get(0);
        Optional<String> build = buildFileOf(index, location);
        if (build.isEmpty()) {
            return new Missing("no pom.xml or build.gradle(.kts) above " + location + ": the test would have no build to run in");
        }
        String buildFile = build.get();
        String text = index.read(buildFile).orElse("");
        String module = buildFile.contains("/") ? buildFile.substring(0, buildFile.lastIndexOf('/')) : "";
        if (!text.contains("junit-jupiter") && !text.contains("spring-boot-starter-test") && !text.contains("org.junit.jupiter")) {
            return new Missing(buildFile + " has no JUnit 5 dependency (org.junit.jupiter:junit-jupiter, or spring-boot-starter-test): add one"
                    + " with test scope and plan again to get a test of the new access path", buildFile);
        }
        if (buildFile.contains("gradle") && !text.contains("useJUnitPlatform")) {
            return new Missing(buildFile + " does not run JUnit 5 (no useJUnitPlatform()): a JUnit 5 test would not run", buildFile);
        }
        String runner = framework.name();
        boolean library = runner.equals("flyway") ? text.contains("flyway-core") || text.contains("spring-boot-starter-flyway")
                : text.contains("liquibase-core") || text.contains("spring-boot-starter-liquibase");
        if (!library) {
            return new Missing(buildFile + " does not depend on " + (runner.equals("flyway") ? "org.flywaydb:flyway-core" : "org.liquibase:liquibase-core")
                    + ", which the test needs to migrate its database the way the repo does", buildFile);
        }
        String driver = driverArtifact(dialect);
        if (driver != null && !text.toLowerCase(Locale.ROOT).contains(driver)) {
            return new Missing(buildFile + " has no " + dialect.id() + " JDBC driver (" + driver + ") for the test to connect with", buildFile);
        }
        String inModule = module.isEmpty() ? location : location.startsWith(module + "/") ? location.substring(module.length() + 1) : null;
        if (inModule == null) {
            return new Missing("the migrations (" + location + ") are outside the module of " + buildFile);
        }
        String resources = "src/main/resources/";
        String given;
        if (runner.equals("flyway")) {
            given = inModule.startsWith(resources) ? "classpath:" + inModule.substring(resources.length()) : "filesystem:" + inModule;
        } else if (inModule.startsWith(resources)) {
            given = inModule.substring(resources.length());
        } else {
            return new Missing("the Liquibase changelog " + location + " is not on the classpath (src/main/resources): the test could not name it");
        }
        String testRoot = (module.isEmpty() ? "" : module + "/") + "src/test/java";
        return new Stack(new TestStack(module, buildFile, testRoot, packageFor(index, module, entityFile), runner, given, dialect));
    }

    /** The Liquibase master changelog among the locations (its name says so, else the first). */
    private static String masterChangelog(List<String> locations) {
        return locations.stream().filter(l -> RepoIndex.fileName(l).toLowerCase(Locale.ROOT).contains("master")).findFirst().orElse(locations.get(0));
    }

    /** The nearest build file in a folder above {@code location}. */
    private static Optional<String> buildFileOf(RepoIndex index, String location) {
        String dir = location;
        while (true) {
            int slash = dir.lastIndexOf('/');
            dir = slash < 0 ? "" : dir.substring(0, slash);
            for (String name : BUILD_FILES) {
                String candidate = dir.isEmpty() ? name : dir + "/" + name;
                if (index.exists(candidate)) {
                    return Optional.of(candidate);
                }
            }
            if (dir.isEmpty()) {
                return Optional.empty();
            }
        }
    }

    private static String driverArtifact(Dialect dialect) {
        return switch (dialect) {
            case POSTGRESQL -> "postgresql";
            case MARIADB -> "mariadb";
            case MYSQL -> "mysql";
            case H2 -> "h2";
            default -> null;
        };
    }

    /** The entity's package, else the package all of the module's main Java sources share (else the shortest of theirs), else "". */
    private static String packageFor(RepoIndex index, String module, String entityFile) {
        if (entityFile != null && entityFile.endsWith(".java")) {
            Optional<String> own = packageOf(index, entityFile);
            if (own.isPresent()) {
                return own.get();
            }
        }
        String main = (module.isEmpty() ? "" : module + "/") + "src/main/java";
        List<String> packages = index.filesUnder(main).filter(f -> f.endsWith(".java") && !TestPaths.isTest(f)).limit(500)
                .map(f -> packageOf(index, f).orElse(null)).filter(p -> p != null).distinct().toList();
        if (packages.isEmpty()) {
            return "";
        }
        String[] common = packages.get(0).split("\\.");
        int shared = common.length;
        for (String p : packages) {
            String[] parts = p.split("\\.");
            int i = 0;
            while (i < Math.min(shared, parts.length) && parts[i].equals(common[i])) {
                i++;
            }
            shared = i;
        }
        if (shared >= 2) {
            return String.join(".", java.util.Arrays.copyOf(common, shared));
        }
        return packages.stream().min(Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder())).orElse("");
    }

    private static Optional<String> packageOf(RepoIndex index, String file) {
        Matcher m = PACKAGE.matcher(index.read(file).orElse(""));
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
