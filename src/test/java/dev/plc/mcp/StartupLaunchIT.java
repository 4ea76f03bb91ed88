package dev.plc.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plc.bench.ServerLaunch;
import dev.plc.bench.StdioProbe;
import dev.plc.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.dataformat.toml.TomlMapper;

/**
 * The documented launch command (README, examples/clients/, the skill's snippets) with the class-data archive the
 * build writes: it starts and answers tools/list, as written in the client configs; and a missing, stale or broken
 * archive never stops the server from starting nor puts anything but JSON-RPC on stdout. Behaviour only: no timings.
 */
class StartupLaunchIT {

    private static final Path JAR = McpServerIT.JAR;
    private static final Path ARCHIVE = ServerLaunch.archiveOf(JAR);
    /** What the client configs say instead of the checkout's path. */
    private static final String PLACEHOLDER = "/abs/path/to/persistence-layer-change";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final List<String> TOOLS = List.of("inspect_repo", "plan_change", "write_migration", "run_checks", "log_telemetry");

    @Test
    void theBuildWritesAnArchiveThatTheDocumentedLaunchMaps() throws Exception {
        assertThat(ARCHIVE).as("mvn package writes the class-data archive next to the jar").isRegularFile();
        // -Xshare:on refuses to start unless the archive maps: proves it matches this jar and this JDK
        // the JDK that built the archive (the build runs the training with Maven's JDK, as failsafe runs the tests)
        List<String> strict = new ArrayList<>(ServerLaunch.command(ServerLaunch.currentJava(), JAR));
        strict.replaceAll(option -> option.equals("-Xshare:auto") ? "-Xshare:on" : option);
        assertListsEveryTool(StdioProbe.connect(strict, null, List.of(), TIMEOUT, true));
    }

    @Test
    void theClientConfigsStartTheServerAsWritten() throws Exception {
        Path checkout = JAR.getParent().getParent();
        for (Path config : List.of(Path.of("examples/clients/claude-code.mcp.json"), Path.of("skill/mcp/claude-code.mcp.json"))) {
            @SuppressWarnings("unchecked")
            Map<String, Object> server = (Map<String, Object>) ((Map<String, Object>) Json.MAPPER.readValue(config.toFile(), Map.class)
                    .get("mcpServers")).get("persistence-layer-change");
            assertThat(server).as("%s", config).containsEntry("type", "stdio");
            runsAsDocumented(config, checkout, (String) server.get("command"), strings(server.get("args")));
        }
        for (Path config : List.of(Path.of("examples/clients/codex-config.toml"), Path.of("skill/mcp/codex-config.toml"))) {
            @SuppressWarnings("unchecked")
            Map<String, Object> server = (Map<String, Object>) ((Map<String, Object>) new TomlMapper().readValue(config.toFile(), Map.class)
                    .get("mcp_servers")).get("persistence-layer-change");
            runsAsDocumented(config, checkout, (String) server.get("command"), strings(server.get("args")));
        }
    }

    @Test
    void theStartScriptUsesTheSameLaunch() throws Exception {
        List<String> command = List.of("bash", Path.of("skill/scripts/start-server.sh").toAbsolutePath().toString());
        ProcessBuilder.Redirect stderr = ProcessBuilder.Redirect.DISCARD;
        // PLC_JAR is the script's first choice; through env so the checkout's own jar is not rebuilt
        List<String> withJar = new ArrayList<>(List.of("env", "PLC_JAR=" + JAR));
        withJar.addAll(command);
        assertListsEveryTool(StdioProbe.connect(withJar, null, List.of(), TIMEOUT, true, stderr));
        String script = Files.readString(Path.of("skill/scripts/start-server.sh"));
        assertThat(script.replaceAll("\\\\\\n\\s*", "")).contains("\"-XX:SharedArchiveFile=${jar%.jar}.jsa\" " + String.join(" ", ServerLaunch.JVM_OPTIONS) + " -jar \"$jar\"");
    }

    @Test
    void aMissingArchiveOnlyMakesTheStartSlower(@TempDir Path dir) throws Exception {
        List<String> command = ServerLaunch.command("java", JAR);
        command.replaceAll(option -> option.startsWith("-XX:SharedArchiveFile=") ? "-XX:SharedArchiveFile=" + dir.resolve("missing.jsa") : option);
        assertListsEveryTool(StdioProbe.connect(command, null, List.of(), TIMEOUT, true));
    }

    @Test
    void anArchiveOfAnotherJarIsRefusedOnStderrAndTheServerStarts(@TempDir Path dir) throws Exception {
        // a copy of the jar has another path and time: the JVM refuses the archive, and says so
        Path copy = Files.copy(JAR, dir.resolve(JAR.getFileName()));
        Files.copy(ARCHIVE, ServerLaunch.archiveOf(copy));
        Path stderr = dir.resolve("stderr.txt");
        assertListsEveryTool(StdioProbe.connect(ServerLaunch.command("java", copy), null, List.of(), TIMEOUT, true,
                ProcessBuilder.Redirect.to(stderr.toFile())));
        assertThat(Files.readString(stderr)).as("the JVM's warning went to stderr, not to the protocol channel")
                .contains("Unable to use shared archive");
    }

    @Test
    void aBrokenArchiveIsIgnored(@TempDir Path dir) throws Exception {
        Path copy = Files.copy(JAR, dir.resolve(JAR.getFileName()));
        byte[] garbage = new byte[256 * 1024];
        new Random(7).nextBytes(garbage);
        Files.write(ServerLaunch.archiveOf(copy), garbage);
        assertListsEveryTool(StdioProbe.connect(ServerLaunch.command("java", copy), null, List.of(), TIMEOUT, true));
    }

    @Test
    void withoutTheStderrOptionsTheJvmsArchiveWarningWouldBreakTheProtocol(@TempDir Path dir) throws Exception {
        // why the launch carries -Xlog:disable -Xlog:all=warning:stderr: the JVM's default log output is stdout
        Path copy = Files.copy(JAR, dir.resolve(JAR.getFileName()));
        Files.copy(ARCHIVE, ServerLaunch.archiveOf(copy));
        List<String> bare = List.of("java", "-XX:SharedArchiveFile=" + ServerLaunch.archiveOf(copy), "-jar", copy.toString());
        assertThatThrownBy(() -> StdioProbe.connect(bare, null, List.of(), TIMEOUT, false))
                .isInstanceOf(IOException.class).hasMessageContaining("not JSON-RPC");
    }

    @Test
    void nothingOfTheDatabaseSideLoadsBeforeTheFirstToolCall(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("classes.txt");
        List<String> command = ServerLaunch.command("java", JAR);
        command.add(command.indexOf("-jar"), "-Xlog:class+load:file=" + log);
        assertListsEveryTool(StdioProbe.connect(command, null, List.of(), TIMEOUT, true));
        List<String> loaded = Files.readAllLines(log).stream()
                .map(line -> line.replaceFirst("^.*?\\[class,load\\] (\\S+).*$", "$1")).toList();
        assertThat(loaded).as("classes loaded").hasSizeGreaterThan(1000)
                .contains("dev.plc.mcp.PlcServer")
                .noneMatch(c -> c.startsWith("org.flywaydb.") || c.startsWith("org.postgresql.") || c.startsWith("org.h2.")
                        || c.startsWith("org.mariadb.") || c.startsWith("org.sqlite.") || c.startsWith("io.zonky.")
                        || c.startsWith("org.jooq.impl.") || c.startsWith("com.github.victools.") || c.startsWith("com.networknt.")
                        || c.startsWith("com.sun.org.apache.xerces."));
    }

    private static void runsAsDocumented(Path config, Path checkout, String command, List<String> args) throws Exception {
        List<String> resolved = new ArrayList<>();
        resolved.add(command);
        args.forEach(arg -> resolved.add(arg.replace(PLACEHOLDER, checkout.toString())));
        assertThat(resolved).as("%s is the documented launch (ServerLaunch)", config).isEqualTo(ServerLaunch.command("java", JAR));
        // from another working directory, as clients start servers
        Path elsewhere = Files.createTempDirectory("plc-client-");
        try {
            assertListsEveryTool(StdioProbe.connect(resolved, elsewhere, List.of(), TIMEOUT, true));
        } finally {
            Files.deleteIfExists(elsewhere);
        }
    }

    private static void assertListsEveryTool(StdioProbe.Answer answer) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> tools = (List<Map<String, Object>>) ((Map<String, Object>) Json.MAPPER.readValue(answer.toolsList(), Map.class)
                .get("result")).get("tools");
        assertThat(tools).extracting(t -> t.get("name")).containsExactlyInAnyOrderElementsOf(TOOLS);
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object list) {
        return (List<String>) list;
    }
}
