package dev.plc.lint;

import dev.plc.lint.rule.Finding;
import dev.plc.lint.rule.Rule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What each rule says about its bad fixture, pinned in {@code src/test/resources/rules/<id>/bad.snapshot} (after
 * github-mcp-server's {@code __toolsnaps__}): rule id, line, message and help of every finding, so that every change to a
 * message is reviewed as a diff. A missing or outdated snapshot fails; after an intended change, regenerate with
 * {@code mvn test -Dtest=RuleMessageSnapshotTest -Dplc.updateSnapshots=true}, read the diff and commit the files.
 */
class RuleMessageSnapshotTest {

    static final Path FIXTURES = Path.of("src/test/resources/rules");
    static final boolean UPDATE = Boolean.getBoolean("plc.updateSnapshots");

    static Stream<Rule> rules() {
        return Rules.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void messagesOnTheBadFixtureMatchTheirSnapshot(Rule rule) throws IOException {
        Fixture bad = Fixture.load(rule.id(), "bad.sql");
        assertThat(bad).as("src/test/resources/rules/" + rule.id() + "/bad.sql").isNotNull();
        String actual = render(bad.lintFor(rule.id()));
        Path snapshot = FIXTURES.resolve(rule.id()).resolve("bad.snapshot");
        if (UPDATE) {
            Files.writeString(snapshot, actual);
        }
        assertThat(snapshot).as(snapshot + " is missing: mvn test -Dtest=RuleMessageSnapshotTest -Dplc.updateSnapshots=true")
                .exists();
        assertThat(Files.readString(snapshot))
                .as(snapshot + " is out of date: mvn test -Dtest=RuleMessageSnapshotTest -Dplc.updateSnapshots=true, "
                        + "then review the diff")
                .isEqualTo(actual);
    }

    /** One block per finding: {@code line N rule-id}, the message, and the help indented under it. */
    static String render(List<Finding> findings) {
        StringBuilder out = new StringBuilder();
        for (Finding f : findings) {
            out.append("line ").append(f.line()).append(' ').append(f.rule()).append('\n')
                    .append("  message: ").append(f.message()).append('\n')
                    .append("  help:\n");
            f.help().lines().forEach(l -> out.append("    | ").append(l).append('\n'));
            out.append('\n');
        }
        return out.toString();
    }
}
