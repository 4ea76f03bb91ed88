package dev.plc.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plc.json.Json;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Raw stdio, no SDK: every byte the server writes to stdout is a JSON-RPC message, even with logging at DEBUG. */
class StdoutIsProtocolOnlyIT {

    @Test
    void everyStdoutLineIsAJsonRpcMessageAndTheServerExitsWhenStdinCloses() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("java", "-jar", McpServerIT.JAR.toString());
        pb.environment().put("PLC_LOG_LEVEL", "DEBUG");
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process server = pb.start();
        String repo = Path.of("examples/h2-flyway-quickstart").toAbsolutePath().toString().replace("\\", "\\\\");
        try (OutputStream in = server.getOutputStream()) {
            for (String line : List.of(
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}",
                    "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                    "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}",
                    "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"inspect_repo\",\"arguments\":{\"repo\":\"" + repo + "\"},\"_meta\":{\"progressToken\":\"p1\"}}}",
                    "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":\"no_such_tool\",\"arguments\":{}}}")) {
                in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                in.flush();
            }
            List<Map<String, Object>> messages = new ArrayList<>();
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            while (messages.stream().filter(m -> m.containsKey("id")).count() < 4) {
                String line = out.readLine();
                assertThat(line).as("stdout ended early").isNotNull();
                @SuppressWarnings("unchecked")
                Map<String, Object> message = Json.MAPPER.readValue(line, Map.class);
                assertThat(message).containsEntry("jsonrpc", "2.0");
                messages.add(message);
            }
            assertThat(messages).anySatisfy(m -> assertThat(m).containsEntry("method", "notifications/progress"));
            assertThat(messages).anySatisfy(m -> assertThat(m).containsEntry("id", 4).containsKey("error"));
        }
        assertThat(server.waitFor(20, TimeUnit.SECONDS)).as("server exits after stdin closes").isTrue();
        assertThat(server.getInputStream().readAllBytes()).as("nothing after the last message").isEmpty();
    }
    /** Liquibase's default UI service prints to System.out: its update, validate and schema read must print nothing there. */
    @Test
    void liquibaseRunsPrintNothingOnStdout() throws Exception {
        dev.plc.testing.RealServers.require(dev.plc.db.Dialect.POSTGRESQL);
        ProcessBuilder pb = new ProcessBuilder("java", "-jar", McpServerIT.JAR.toString());
        pb.environment().put("PLC_LOG_LEVEL", "DEBUG");
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process server = pb.start();
        String repo = Path.of("examples/liquibase-postgres").toAbsolutePath().toString().replace("\\", "\\\\");
        try (OutputStream in = server.getOutputStream()) {
            for (String line : List.of(
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}",
                    "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                    "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"inspect_repo\",\"arguments\":{\"repo\":\"" + repo + "\"}}}",
                    "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"run_checks\",\"arguments\":{\"repo\":\"" + repo
                            + "\",\"checks\":[\"apply\",\"validate\"]}}}")) {
                in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                in.flush();
            }
            List<Map<String, Object>> messages = new ArrayList<>();
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            while (messages.stream().filter(m -> m.containsKey("id")).count() < 3) {
                String line = out.readLine();
                assertThat(line).as("stdout ended early").isNotNull();
                @SuppressWarnings("unchecked")
                Map<String, Object> message = Json.MAPPER.readValue(line, Map.class);
                assertThat(message).as(line).containsEntry("jsonrpc", "2.0");
                messages.add(message);
            }
            // the run really applied the changelog (and inspect_repo read the schema it built)
            assertThat(messages).anySatisfy(m -> assertThat(m).containsEntry("id", 3).extracting("result").asString()
                    .contains("structuredContent={ok=true", "name=apply, status=pass"));
            assertThat(messages).anySatisfy(m -> assertThat(m).containsEntry("id", 2).extracting("result").asString().contains("name=books"));
        }
        assertThat(server.waitFor(30, TimeUnit.SECONDS)).as("server exits after stdin closes").isTrue();
        assertThat(server.getInputStream().readAllBytes()).as("nothing after the last message").isEmpty();
    }

    @Test
    void requestsSentJustBeforeStdinClosesAreStillAnsweredBeforeTheServerExits() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("java", "-jar", McpServerIT.JAR.toString());
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process server = pb.start();
        String repo = Path.of("examples/h2-flyway-quickstart").toAbsolutePath().toString().replace("\\", "\\\\");
        // everything at once, then EOF: like `server < requests.jsonl`
        StringBuilder all = new StringBuilder();
        for (String line : List.of(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":\"list\",\"method\":\"tools/list\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"inspect_repo\",\"arguments\":{\"repo\":\"" + repo + "\"}}}")) {
            all.append(line).append('\n');
        }
        try (OutputStream in = server.getOutputStream()) {
            in.write(all.toString().getBytes(StandardCharsets.UTF_8));
        }
        assertThat(server.waitFor(120, TimeUnit.SECONDS)).as("server exits once the answers are out").isTrue();
        List<Object> answered = new ArrayList<>();
        for (String line : new String(server.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> message = Json.MAPPER.readValue(line, Map.class);
            if (message.containsKey("id") && message.containsKey("result")) {
                answered.add(message.get("id"));
            }
        }
        assertThat(answered).containsExactlyInAnyOrder(1, "list", 3);
    }
}
