package dev.plc.bench;

import dev.plc.bench.HazardCorpus.Snippet;
import dev.plc.db.Dialect;
import dev.plc.lint.Rules;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The labelled hazard corpus as a regression test: every unsafe snippet is flagged with one of its expected
 * kinds (unless the corpus lists it as a known miss, with the reason), and no safe snippet gets an error.
 * No timing here: `bench --sections hazards` prints the figures.
 */
class HazardCorpusTest {

    static Stream<Snippet> snippets() {
        return HazardCorpus.load().stream();
    }

    @Test
    void corpusIsLargeEnoughAndCoversBothFamilies() {
        List<Snippet> all = HazardCorpus.load();
        assertThat(all).hasSizeGreaterThanOrEqualTo(60);
        assertThat(all.stream().filter(s -> s.dialect().isMysqlFamily())).hasSizeGreaterThanOrEqualTo(20);
        for (Dialect d : List.of(Dialect.POSTGRESQL, Dialect.MYSQL, Dialect.MARIADB)) {
            assertThat(all.stream().filter(s -> s.dialect() == d && s.unsafe())).as(d + " unsafe").isNotEmpty();
            assertThat(all.stream().filter(s -> s.dialect() == d && !s.unsafe())).as(d + " safe").isNotEmpty();
        }
        Set<String> ids = new HashSet<>();
        all.forEach(s -> assertThat(ids.add(s.id())).as("duplicate snippet id " + s.id()).isTrue());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("snippets")
    void expectedKindsAreRulesOfTheCatalogue(Snippet s) {
        for (String id : s.expect()) {
            assertThat(Rules.byId(id)).as(s.id() + " expects unknown rule " + id).isPresent();
            assertThat(Rules.byId(id).orElseThrow().dialects()).as(s.id() + ": " + id + " applies to " + s.dialect())
                    .contains(s.dialect());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("snippets")
    void unsafeSnippetIsFlaggedWithItsKindAndSafeSnippetGetsNoError(Snippet s) {
        HazardBenchmark.Verdict v = HazardBenchmark.lint(s);
        String where = s.source() + ":" + s.line() + " " + s.id() + " (" + s.why() + ")";
        if (!s.unsafe()) {
            assertThat(v.errorRules()).as("safe snippet " + where + " gets errors").isEmpty();
        } else if (s.knownMiss() == null) {
            assertThat(v.expectedKind(s.expect())).as("unsafe snippet " + where + " flagged " + v.rules()
                    + ", expected one of " + s.expect()).isTrue();
        } else {
            assertThat(v.expectedKind(s.expect())).as(where + " is listed as a known miss but is caught now: "
                    + "remove its known-miss line").isFalse();
        }
    }

    @Test
    void parserRefusesASnippetWithoutLabelOrExpectation() {
        assertThatThrownBy(() -> HazardCorpus.parse("x.sql", "-- id: a\n-- dialect: postgresql\n-- why: w\nSELECT 1;\n"))
                .hasMessageContaining("label");
        assertThatThrownBy(() -> HazardCorpus.parse("x.sql",
                "-- id: a\n-- dialect: postgresql\n-- label: unsafe\n-- why: w\nDROP TABLE t;\n"))
                .hasMessageContaining("expect");
    }

    @Test
    void reportListsMissesAndFalsePositivesAndSaysWhenSquawkIsMissing() {
        List<Snippet> corpus = HazardCorpus.parse("x.sql", """
                -- id: unsafe-drop
                -- dialect: postgresql
                -- label: unsafe
                -- expect: ban-drop-table
                -- squawk: ban-drop-table
                -- why: data loss
                DROP TABLE t;

                -- id: safe-comment
                -- dialect: postgresql
                -- label: safe
                -- why: catalog only
                COMMENT ON TABLE t IS 'x';
                """);
        Map<String, HazardBenchmark.Verdict> ours = new LinkedHashMap<>();
        ours.put("unsafe-drop", new HazardBenchmark.Verdict(corpus.get(0), Set.of(), Set.of()));
        ours.put("safe-comment", new HazardBenchmark.Verdict(corpus.get(1), Set.of("x-rule"), Set.of()));
        String report = HazardBenchmark.report(corpus, ours, 1,
                new HazardBenchmark.SquawkRun(null, Map.of(), "not on the PATH"), 0);
        assertThat(report).contains("squawk: not available (not on the PATH)")
                .contains("0/1 (0%)")
                .containsPattern("plc +miss +unsafe-drop +flagged nothing; expected ban-drop-table")
                .containsPattern("plc +false positive +safe-comment +flagged x-rule");
    }
}
