package dev.plc.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plc.db.Dialect;
import dev.plc.json.Json;
import dev.plc.testing.RealServers;
import dev.plc.testing.ServerDatabases;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A client's notifications/cancelled stops a running tool call, which answers at once and leaves no scratch database. */
class CancellationIT {

    @Test
    void cancellingARunningCheckStopsItAndDropsItsDatabases(@TempDir Path repo) throws Exception {
        RealServers.require(Dialect.POSTGRESQL);
        Files.createDirectories(repo.resolve("sql"));
        Files.writeString(repo.resolve("flyway.conf"), "flyway.url=jdbc:postgresql://db/app\nflyway.locations=filesystem:sql\n");
        Files.writeString(repo.resolve("sql/V1__slow.sql"), "SELECT pg_sleep(60);\n");
        Path log = repo.resolve("server.log");
        ProcessBuilder pb = new ProcessBuilder("java", "-jar", McpServerIT.JAR.toString()).redirectError(log.toFile());
        pb.environment().put("PLC_LOG_LEVEL", "DEBUG");
        Process server = pb.start();
        try (OutputStream in = server.getOutputStream();
             BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
            send(in, Map.of("jsonrpc", "2.0", "id", 1, "method", "initialize", "params", Map.of("protocolVersion", "2025-11-25",
                    "capabilities", Map.of(), "clientInfo", Map.of("name", "cancel-test", "version", "1"))));
            read(out, 1);
            send(in, Map.of("jsonrpc", "2.0", "method", "notifications/initialized"));
            send(in, Map.of("jsonrpc", "2.0", "id", 7, "method", "tools/call", "params", Map.of("name", "run_checks",
                    "arguments", Map.of("repo", repo.toString(), "checks", List.of("apply", "roundtrip", "data_safety")))));
            long deadline = System.currentTimeMillis() + 30_000;
            while (ServerDatabases.namesInLog(log).isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            assertThat(ServerDatabases.namesInLog(log)).as("the check is applying").isNotEmpty();
            long cancelledAt = System.nanoTime();
            send(in, Map.of("jsonrpc", "2.0", "method", "notifications/cancelled", "params", Map.of("requestId", 7, "reason", "user stopped it")));
            Map<String, Object> answer = read(out, 7);
            assertThat((System.nanoTime() - cancelledAt) / 1_000_000_000).as("seconds to stop").isLessThan(20);
            @SuppressWarnings("unchecked")
            Map<String, Object> result = (Map<String, Object>) answer.get("result");
            assertThat(result.get("isError")).isEqualTo(true);
            assertThat(String.valueOf(result.get("content"))).contains("CANCELLED");
            send(in, Map.of("jsonrpc", "2.0", "id", 8, "method", "tools/list"));
            assertThat(read(out, 8)).containsKey("result");
        } finally {
            server.destroy();
            server.waitFor(20, TimeUnit.SECONDS);
        }
        // other processes may test on the same server: only the databases this server made count
        assertThat(ServerDatabases.stillThere(Dialect.POSTGRESQL, ServerDatabases.namesInLog(log))).as("scratch databases left behind").isEmpty();
    }

    private static void send(OutputStream in, Map<String, Object> message) throws Exception {
        in.write((Json.compact(message) + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> read(BufferedReader out, int id) throws Exception {
        while (true) {
            String line = out.readLine();
            assertThat(line).as("the server answers request " + id).isNotNull();
            Map<String, Object> message = Json.MAPPER.readValue(line, Map.class);
            if (message.get("id") instanceof Number n && n.intValue() == id) {
                return message;
            }
        }
    }
}
