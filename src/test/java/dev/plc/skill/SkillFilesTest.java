package dev.plc.skill;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plc.lint.RuleDocs;
import dev.plc.lint.Rules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The skill as shipped: SKILL.md in the Agent Skills format, the generated rule reference up to date with the
 * catalogue, and the installable copy under skills/persistence-layer-change/ identical to the root files.
 * After an intended change to the catalogue, SKILL.md or skill/, regenerate with
 * {@code mvn test -Dtest=SkillFilesTest -Dplc.updateSkill=true} and commit the files.
 */
class SkillFilesTest {

    static final Path SKILL_MD = Path.of("SKILL.md");
    static final Path SKILL_DIR = Path.of("skill");
    static final Path RULES_MD = SKILL_DIR.resolve("references/rules.md");
    /** What `npx playbooks add skill <owner>/<repo>/skills/persistence-layer-change` copies: no Java sources. */
    static final Path INSTALLABLE = Path.of("skills/persistence-layer-change");
    /** The fields the Agent Skills format defines. */
    static final Set<String> FORMAT_FIELDS = Set.of("name", "description", "license", "compatibility", "metadata", "allowed-tools");
    static final boolean UPDATE = Boolean.getBoolean("plc.updateSkill");

    @Test
    void frontMatterHasExactlyNameAndDescriptionInTheAgentSkillsFormat() throws Exception {
        String text = Files.readString(SKILL_MD);
        assertThat(text).startsWith("---\n");
        int end = text.indexOf("\n---\n", 4);
        assertThat(end).as("closing --- of the front matter").isPositive();
        @SuppressWarnings("unchecked")
        Map<String, Object> front = new YAMLMapper().readValue(text.substring(4, end + 1), Map.class);
        assertThat(front.keySet()).isSubsetOf(FORMAT_FIELDS).containsExactlyInAnyOrder("name", "description");
        assertThat(front.get("name")).isEqualTo("persistence-layer-change").isEqualTo(INSTALLABLE.getFileName().toString());
        String description = (String) front.get("description");
        assertThat(description).hasSizeBetween(100, 1024).contains("schema", "migration");
        assertThat(text.substring(end)).contains("inspect_repo", "plan_change", "write_migration", "run_checks", "log_telemetry",
                "claude mcp add", "codex mcp add", "telemetry log");
    }

    @Test
    void rulesReferenceIsUpToDateWithTheCatalogue() throws Exception {
        String expected = RuleDocs.catalogueMarkdown();
        if (UPDATE || !Files.exists(RULES_MD)) {
            Files.writeString(RULES_MD, expected);
        }
        assertThat(Files.readString(RULES_MD))
                .as("skill/references/rules.md is out of date: mvn test -Dtest=SkillFilesTest -Dplc.updateSkill=true")
                .isEqualTo(expected);
        Rules.all().forEach(rule -> assertThat(expected).contains("## " + rule.id() + "\n"));
    }

    @Test
    void everyFileTheSkillLinksToExists() throws Exception {
        String text = Files.readString(SKILL_MD);
        Matcher link = Pattern.compile("\\]\\(([^)#]+)\\)").matcher(text);
        List<String> targets = new ArrayList<>();
        while (link.find()) {
            targets.add(link.group(1));
        }
        assertThat(targets).contains("skill/references/rules.md", "skill/references/rollout-recipes.md",
                "skill/scripts/start-server.sh", "skill/mcp/claude-code.mcp.json", "skill/mcp/codex-config.toml");
        for (String target : targets) {
            assertThat(Path.of(target)).as("SKILL.md links to %s", target).exists();
            assertThat(INSTALLABLE.resolve(target)).as("the installable skill has %s", target).exists();
        }
        assertThat(SKILL_DIR.resolve("scripts/start-server.sh")).isExecutable();
    }

    @Test
    void recipesNameOnlyRulesOfTheCatalogue() throws Exception {
        Matcher id = Pattern.compile("\\(`([a-z]+(?:-[a-z]+)+)`").matcher(Files.readString(SKILL_DIR.resolve("references/rollout-recipes.md")));
        while (id.find()) {
            assertThat(Rules.byId(id.group(1))).as("rule %s", id.group(1)).isPresent();
        }
    }

    @Test
    void theInstallableSkillIsACopyOfTheRootSkillWithoutSources() throws Exception {
        if (UPDATE) {
            sync();
        }
        assertThat(Files.readString(INSTALLABLE.resolve("SKILL.md"))).as("skills/persistence-layer-change/SKILL.md is out of date: "
                + "mvn test -Dtest=SkillFilesTest -Dplc.updateSkill=true").isEqualTo(Files.readString(SKILL_MD));
        List<Path> shipped = files(SKILL_DIR);
        List<Path> installed = files(INSTALLABLE.resolve("skill"));
        assertThat(installed).as("skills/persistence-layer-change/skill/ mirrors skill/ (regenerate with -Dplc.updateSkill=true)")
                .containsExactlyElementsOf(shipped);
        for (Path p : shipped) {
            assertThat(Files.mismatch(SKILL_DIR.resolve(p), INSTALLABLE.resolve("skill").resolve(p))).as("%s differs", p).isEqualTo(-1L);
            assertThat(INSTALLABLE.resolve("skill").resolve(p).toFile().canExecute()).as(p.toString())
                    .isEqualTo(SKILL_DIR.resolve(p).toFile().canExecute());
        }
        try (Stream<Path> all = Files.walk(INSTALLABLE)) {
            assertThat(all.filter(Files::isRegularFile).map(Path::toString))
                    .noneMatch(f -> f.endsWith(".java") || f.endsWith(".class") || f.endsWith(".jar") || f.endsWith("pom.xml"));
        }
        try (Stream<Path> all = Files.walk(INSTALLABLE)) {
            assertThat(all.filter(Files::isSymbolicLink).toList()).as("playbooks copies symlinks as links: use real files").isEmpty();
        }
    }

    private static void sync() throws IOException {
        Files.createDirectories(INSTALLABLE);
        Files.copy(SKILL_MD, INSTALLABLE.resolve("SKILL.md"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path target = INSTALLABLE.resolve("skill");
        if (Files.exists(target)) {
            try (Stream<Path> old = Files.walk(target)) {
                for (Path p : old.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        for (Path p : files(SKILL_DIR)) {
            Path dest = target.resolve(p);
            Files.createDirectories(dest.getParent());
            Files.copy(SKILL_DIR.resolve(p), dest, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
    }

    private static List<Path> files(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
        }
    }
}
