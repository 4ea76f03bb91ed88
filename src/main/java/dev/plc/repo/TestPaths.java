package dev.plc.repo;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Tells test code and test configuration apart from production files, by path alone. Detectors use it so
 * that an H2 database or a raw JDBC helper used only by tests never describes the application.
 */
public final class TestPaths {

    private static final Set<String> TEST_DIRS = Set.of(
            "test", "tests", "spec", "specs", "__tests__", "__mocks__", "testdata", "testfixtures", "e2e",
            "it", "integrationtest", "integration-test", "integration-tests", "testing");

    // case-sensitive: OrderTest.java and OrderIT.java are tests, Contest.java is not
    private static final Pattern JVM_TEST_CLASS = Pattern.compile("^\\w*(?:Test|Tests|IT|Spec)\\.(?:java|kt|groovy|scala|cs)$");

    // application-test.yml, docker-compose.test.yml, .env.test; requirements-dev.txt is not test-only
    private static final Pattern TEST_NAME = Pattern.compile(
            "(?i)^test_.*\\.py$|^.*_test\\.(py|go|rb|exs?)$|^conftest\\.py$"
                    + "|^.*[._-](test|spec)\\.[cm]?[jt]sx?$|^.*_spec\\.rb$"
                    + "|^.*[._-](test|tests|it|testing|e2e)([._-].*)?\\.(ya?ml|properties|conf|toml|json|env|txt|xml)$"
                    + "|^\\.env\\.test.*$");

    private TestPaths() {
    }

    /** Whether the repo-relative path is test code, a test resource or test-only configuration. */
    public static boolean isTest(String relativeFile) {
        String[] segments = relativeFile.split("/");
        for (int i = 0; i < segments.length - 1; i++) {
            String dir = segments[i].toLowerCase(Locale.ROOT);
            // .NET puts test projects in folders such as Shop.Tests or Shop.IntegrationTests
            if (TEST_DIRS.contains(dir) || dir.endsWith(".tests") || dir.endsWith(".test") || dir.endsWith("integrationtests")) {
                return true;
            }
        }
        String name = segments[segments.length - 1];
        return JVM_TEST_CLASS.matcher(name).matches() || TEST_NAME.matcher(name).matches();
    }
}
