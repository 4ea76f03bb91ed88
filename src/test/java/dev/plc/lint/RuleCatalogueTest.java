package dev.plc.lint;

import dev.plc.lint.rule.Finding;
import dev.plc.lint.rule.Rule;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Every rule of the catalogue is documented and proven by a failing and a passing fixture. */
class RuleCatalogueTest {

    static Stream<Rule> rules() {
        return Rules.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void ruleIsDocumentedAndFlagsItsBadFixtureButNotItsGoodOne(Rule rule) {
        String id = rule.id();
        assertThat(id).matches("^[a-z]+(-[a-z]+)+$");
        assertThat(rule.summary()).as(id + " summary").isNotBlank();
        assertThat(rule.explanation()).as(id + " explanation").isNotBlank();
        assertThat(rule.safeAlternative()).as(id + " safe alternative").isNotBlank();
        assertThat(rule.dialects()).as(id + " dialects").isNotEmpty();
        assertThat(rule.severity()).isNotNull();

        Fixture bad = Fixture.load(id, "bad.sql");
        Fixture good = Fixture.load(id, "good.sql");
        assertThat(bad).as("src/test/resources/rules/" + id + "/bad.sql").isNotNull();
        assertThat(good).as("src/test/resources/rules/" + id + "/good.sql").isNotNull();
        assertThat(rule.dialects()).as(id + " applies to the dialect of its fixtures")
                .contains(bad.options().dialect(), good.options().dialect());

        List<Finding> flagged = bad.lintFor(id);
        assertThat(flagged).as(id + " flags bad.sql").isNotEmpty();
        for (Finding f : flagged) {
            assertThat(f.severity()).isEqualTo(rule.severity().id());
            assertThat(f.line()).isPositive();
            assertThat(f.file()).isEqualTo(bad.path());
            assertThat(f.message()).as(id + " message").isNotBlank().doesNotContainIgnoringCase("may be unsafe");
            assertThat(f.help()).as(id + " help").isNotBlank();
            assertThat(f.suppressed()).isFalse();
        }
        assertThat(good.lintFor(id)).as(id + " leaves good.sql alone").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void goodFixtureIsASafeMigrationForEveryRule(Rule rule) {
        Fixture good = Fixture.load(rule.id(), "good.sql");
        assertThat(good).isNotNull();
        assertThat(good.lint().stream().filter(f -> !f.suppressed() && !f.approved()).toList())
                .as("findings of any rule in " + good.path())
                .isEmpty();
    }

    @Test
    void ruleIdsAreUnique() {
        Set<String> seen = new HashSet<>();
        for (Rule rule : Rules.all()) {
            assertThat(seen.add(rule.id())).as("duplicate id " + rule.id()).isTrue();
        }
    }

    @Test
    void everyFixtureDirectoryBelongsToARule() throws Exception {
        java.net.URL root = RuleCatalogueTest.class.getResource("/rules");
        assertThat(root).isNotNull();
        try (Stream<java.nio.file.Path> dirs = java.nio.file.Files.list(java.nio.file.Path.of(root.toURI()))) {
            Set<String> ids = new HashSet<>();
            Rules.all().forEach(r -> ids.add(r.id()));
            dirs.forEach(d -> assertThat(ids).as("fixture dir without rule").contains(d.getFileName().toString()));
        }
    }
}
