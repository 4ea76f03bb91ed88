package dev.plc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two CLI commands without a PostgreSQL server share one embedded PostgreSQL, which outlives the first and stops on request. */
class SharedEmbeddedPostgresIT {

    @TempDir
    Path cache;

    private CliIT.Run plc(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("java", "-jar",
                Path.of(System.getProperty("plc.jar", "target/persistence-layer-change-mcp.jar")).toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("PLC_LOCAL_SERVERS", "0");
        builder.environment().put("PLC_CACHE_DIR", cache.toString());
        builder.environment().put("PLC_EMBEDDED_POSTGRES_IDLE", "600");
        Process p = builder.start();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                return e.toString();
            }
        });
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
        return new CliIT.Run(p.exitValue(), out, err.get());
    }

    @AfterEach
    void stopIt() throws Exception {
        plc("embedded-postgres", "stop");
    }

    @Test
    void theSecondCommandUsesThePostgresTheFirstOneStarted() throws Exception {
        String[] plan = {"plan", "--repo", "examples/spring-flyway-postgres", "--sql", "ALTER TABLE orders ADD COLUMN priority integer", "--quiet"};
        CliIT.Run first = plc(plan);
        assertThat(first.exit()).as(first.err()).isEqualTo(ExitCode.OK);
        Matcher started = Pattern.compile("started the shared embedded PostgreSQL on port (\\d+)").matcher(first.err());
        assertThat(started.find()).as(first.err()).isTrue();
        String port = started.group(1);

        CliIT.Run second = plc(plan);
        assertThat(second.exit()).as(second.err()).isEqualTo(ExitCode.OK);
        assertThat(second.err()).doesNotContain("started the shared embedded PostgreSQL");
        assertThat(second.out()).contains("Proof on seeded rows: ok");

        CliIT.Run status = plc("embedded-postgres", "status");
        assertThat(status.out()).contains("running on localhost:" + port, cache.toString(), "Scratch databases on it now: 0");

        CliIT.Run stop = plc("embedded-postgres", "stop");
        assertThat(stop.exit()).isEqualTo(ExitCode.OK);
        assertThat(stop.out()).startsWith("Stopped the embedded PostgreSQL");
        assertThat(plc("embedded-postgres", "status").out()).contains("not running");
        assertThat(ProcessHandle.allProcesses().filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false)
                && p.info().commandLine().map(c -> c.contains(cache.toString())).orElse(false)).count()).isZero();
    }
}
