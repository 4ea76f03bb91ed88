package dev.plc.skill;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The documented non-interactive install: run without a terminal into an empty project, the files are the skill's. */
class SkillInstallTest {

    @TempDir
    Path project;

    record Run(int exit, String out) {
    }

    private static Run install(String script, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("bash", script));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out);
    }

    private static Map<String, String> tree(Path root) throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(f).toString(), Files.readString(f));
            }
        }
        return files;
    }

    @Test
    void installsTheSkillFolderAndTheClaudeLinkWithoutATerminal() throws Exception {
        Run run = install(SkillFilesTest.INSTALLABLE.resolve("skill/scripts/install-skill.sh").toString(), project.toString());
        assertThat(run.exit()).as(run.out()).isZero();
        Path installed = project.resolve(".agents/skills/persistence-layer-change");
        assertThat(tree(installed)).isEqualTo(tree(SkillFilesTest.INSTALLABLE));
        Path link = project.resolve(".claude/skills/persistence-layer-change");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readSymbolicLink(link).toString()).isEqualTo("../../.agents/skills/persistence-layer-change");
        assertThat(link.resolve("SKILL.md")).hasSameTextualContentAs(Path.of("SKILL.md"));
        assertThat(run.out()).contains("claude mcp add -s project persistence-layer-change -- bash ", "skill/scripts/start-server.sh");
        try (Stream<Path> top = Files.list(project)) {
            assertThat(top.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly(".agents", ".claude");
        }
    }

    @Test
    void theCheckoutsOwnCopyInstallsTheSkillNotTheRepository() throws Exception {
        Run run = install("skill/scripts/install-skill.sh", project.toString());
        assertThat(run.exit()).as(run.out()).isZero();
        Path installed = project.resolve(".agents/skills/persistence-layer-change");
        assertThat(installed.resolve("pom.xml")).doesNotExist();
        assertThat(tree(installed)).isEqualTo(tree(SkillFilesTest.INSTALLABLE));
    }

    @Test
    void anExistingInstallIsKeptWhenEqualAndRefusedWhenChangedUnlessForced() throws Exception {
        String script = SkillFilesTest.INSTALLABLE.resolve("skill/scripts/install-skill.sh").toString();
        assertThat(install(script, project.toString()).exit()).isZero();
        Run again = install(script, project.toString());
        assertThat(again.exit()).isZero();
        assertThat(again.out()).contains("already installed");

        Path skillMd = project.resolve(".agents/skills/persistence-layer-change/SKILL.md");
        Files.writeString(skillMd, "\nmy local notes\n", java.nio.file.StandardOpenOption.APPEND);
        Run refused = install(script, project.toString());
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.out()).contains("differs", "--force");
        assertThat(Files.readString(skillMd)).contains("my local notes");

        assertThat(install(script, project.toString(), "--force").exit()).isZero();
        assertThat(skillMd).hasSameTextualContentAs(Path.of("SKILL.md"));
        assertThat(install(script, project.resolve("missing").toString()).exit()).isEqualTo(2);
    }
}
