package dev.plc.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The launch command the documents show is the one the code (benchmark, CDS training) uses. StartupLaunchIT runs it. */
class ServerLaunchTest {

    private static final String OPTIONS = String.join(" ", ServerLaunch.JVM_OPTIONS);

    @Test
    void theArchiveLivesNextToTheJar() {
        assertThat(ServerLaunch.archiveOf(Path.of("target/persistence-layer-change-mcp.jar")))
                .isEqualTo(Path.of("target/persistence-layer-change-mcp.jsa"));
        assertThat(ServerLaunch.command("java", Path.of("/x/target/a.jar")))
                .startsWith("java", "-XX:SharedArchiveFile=/x/target/a.jsa")
                .endsWith("-jar", "/x/target/a.jar")
                .containsSubsequence(ServerLaunch.JVM_OPTIONS);
    }

    @Test
    void theReadmeAndTheClientDocsShowTheLaunchCommand() throws Exception {
        for (Path doc : List.of(Path.of("README.md"), Path.of("SKILL.md"), Path.of("examples/clients/README.md"), Path.of("examples/clients/inspector.md"))) {
            // shell line continuations do not count
            String text = Files.readString(doc).replaceAll("\\\\\\n\\s*", "");
            assertThat(text).as("%s shows the launch command", doc)
                    .containsPattern("java -XX:SharedArchiveFile=\\S*target/persistence-layer-change-mcp\\.jsa "
                            + java.util.regex.Pattern.quote(OPTIONS) + " -jar \\S*target/persistence-layer-change-mcp\\.jar");
        }
        String readme = Files.readString(Path.of("README.md")).replaceAll("\\\\\\n\\s*", "");
        assertThat(readme).contains("java -XX:SharedArchiveFile=target/persistence-layer-change-mcp.jsa " + OPTIONS
                + " -jar target/persistence-layer-change-mcp.jar");
    }
}
