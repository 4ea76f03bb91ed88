package dev.plc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plc.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The command line of the real jar, as the README shows it. */
class CliIT {

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("java", "-jar",
                Path.of(System.getProperty("plc.jar", "target/persistence-layer-change-mcp.jar")).toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE).start();
        var err = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                return e.toString();
            }
        });
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out, err.get());
    }

    @Test
    void inspectPrintsAReadableReportOfTheEmbeddedExample() throws Exception {
        Run r = run("inspect", "--repo", "examples/h2-flyway-quickstart");
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).contains("* flyway: 3 migrations in sql", "next 4", "Dialect: h2", "NOTEBOOKS", "ARCHIVED boolean not null");
        assertThat(r.err()).contains("[1/4]");
    }

    @Test
    void inspectJsonIsTheToolsStructuredResult() throws Exception {
        Run r = run("inspect", "--repo", "examples/h2-flyway-quickstart", "--json", "--quiet");
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.OK);
        @SuppressWarnings("unchecked")
        Map<String, Object> json = Json.MAPPER.readValue(r.out(), Map.class);
        assertThat(json).containsEntry("primary_framework", "flyway").containsKeys("schema", "schema_source", "dialect");
        assertThat(r.err()).doesNotContain("[1/4]");
    }

    @Test
    void aMissingRepoIsAUsageErrorWithAClearMessage() throws Exception {
        Run r = run("inspect", "--repo", "does/not/exist");
        assertThat(r.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("INVALID_ARGUMENT", "does not exist").doesNotContain("at dev.plc");
    }

    @Test
    void versionComesFromThePom() throws Exception {
        Run r = run("--version");
        assertThat(r.exit()).isZero();
        assertThat(r.out().strip()).isEqualTo("persistence-layer-change " + System.getProperty("plc.version", "0.1.0"));
    }
}
