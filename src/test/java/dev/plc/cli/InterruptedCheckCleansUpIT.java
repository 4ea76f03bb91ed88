package dev.plc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plc.db.Dialect;
import dev.plc.testing.RealServers;
import dev.plc.testing.ServerDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stopping `check` in the middle of an apply (Ctrl-C / SIGTERM) drops its scratch databases on the way out. */
class InterruptedCheckCleansUpIT {

    @Test
    void aStoppedCheckLeavesNoScratchDatabase(@TempDir Path repo) throws Exception {
        RealServers.require(Dialect.POSTGRESQL);
        Files.createDirectories(repo.resolve("sql"));
        Files.writeString(repo.resolve("flyway.conf"), "flyway.url=jdbc:postgresql://db/app\nflyway.locations=filesystem:sql\n");
        Files.writeString(repo.resolve("sql/V1__slow.sql"), "SELECT pg_sleep(60);\n");
        Path log = repo.resolve("server.log");
        ProcessBuilder pb = new ProcessBuilder("java", "-jar", Path.of(System.getProperty("plc.jar", "target/persistence-layer-change-mcp.jar"))
                .toAbsolutePath().toString(), "check", "--repo", repo.toString(), "--quiet")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(log.toFile());
        pb.environment().put("PLC_LOG_LEVEL", "DEBUG");
        Process check = pb.start();
        try {
            long deadline = System.currentTimeMillis() + 30_000;
            while (ServerDatabases.namesInLog(log).isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
            }
            assertThat(ServerDatabases.namesInLog(log)).as("the check made its scratch database").isNotEmpty();
            check.destroy(); // SIGTERM, as a supervisor or Ctrl-C would stop it
            assertThat(check.waitFor(30, TimeUnit.SECONDS)).as("it stops promptly").isTrue();
        } finally {
            check.destroyForcibly();
        }
        // other processes may test on the same server: only the databases this check made count
        assertThat(ServerDatabases.stillThere(Dialect.POSTGRESQL, ServerDatabases.namesInLog(log))).as("scratch databases left behind").isEmpty();
    }
}
