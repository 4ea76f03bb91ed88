package dev.plc.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plc.db.Dialect;
import dev.plc.json.Json;
import dev.plc.testing.RealServers;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A password given in a JDBC URL (tool arguments, PLC_POSTGRES_URL, a repo's application.yml, URLs that fail) never
 * appears in a tool result, a line the server logs to stderr, or the command line's output.
 */
class SecretsIT {

    private static final String PASSWORD = "Pw" + HexFormat.of().formatHex(new byte[] {
            (byte) ThreadLocalRandom.current().nextInt(), (byte) ThreadLocalRandom.current().nextInt(), 7, 42}) + "Secret";

    @Test
    void noPasswordReachesAResultALogLineOrTheCommandLine(@TempDir Path tmp) throws Exception {
        RealServers.require(Dialect.POSTGRESQL);
        RealServers.require(Dialect.MARIADB);
        Path repo = ConcurrencyIT.copy("spring-flyway-postgres", tmp.resolve("repo"));
        Files.writeString(repo.resolve("src/main/resources/application.yml"), """
                spring:
                  datasource:
                    url: jdbc:postgresql://db.internal:5432/shop?user=shop&password=%s
                    username: shop
                    password: %s
                  flyway:
                    url: postgresql://shop:%s@db.internal:5432/shop
                """.formatted(PASSWORD, PASSWORD, PASSWORD));
        String trustUrl = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres&password=" + PASSWORD; // trust auth ignores it
        String libpqUrl = "postgresql://postgres:" + PASSWORD + "@127.0.0.1:5432/postgres";
        List<String> failing = List.of(
                "jdbc:postgresql://127.0.0.1:1/postgres?user=postgres&password=" + PASSWORD,
                "jdbc:mariadb://127.0.0.1:3306/?user=plc_no_such_user&password=" + PASSWORD,
                "postgresql://postgres:" + PASSWORD + "@127.0.0.1:1/postgres",
                "jdbc:oracle:thin:scott/" + PASSWORD + "@host:1521/x",
                "jdbc:postgresql://[broken?password=" + PASSWORD);

        List<Map<String, Object>> calls = new ArrayList<>();
        calls.add(call("inspect_repo", Map.of("repo", repo.toString())));
        calls.add(call("inspect_repo", Map.of("repo", repo.toString(), "database_url", trustUrl)));
        calls.add(call("plan_change", Map.of("repo", repo.toString(), "change", Map.of("sql", "CREATE INDEX orders_note_idx ON orders (note)"),
                "database_url", trustUrl)));
        calls.add(call("run_checks", Map.of("repo", repo.toString(), "checks", List.of("apply", "lint"), "database_url", libpqUrl)));
        calls.add(call("run_checks", Map.of("repo", repo.toString(), "checks", List.of("apply")))); // PLC_POSTGRES_URL
        for (String url : failing) {
            calls.add(call("inspect_repo", Map.of("repo", repo.toString(), "database_url", url)));
            calls.add(call("plan_change", Map.of("repo", repo.toString(), "change", Map.of("sql", "CREATE INDEX orders_note_idx ON orders (note)"),
                    "database_url", url)));
            calls.add(call("run_checks", Map.of("repo", repo.toString(), "checks", List.of("apply"), "database_url", url)));
        }

        Path stderr = tmp.resolve("server-stderr.log");
        ProcessBuilder pb = new ProcessBuilder("java", "-jar", McpServerIT.JAR.toString()).redirectError(stderr.toFile());
        pb.environment().put("PLC_POSTGRES_URL", trustUrl);
        Process server = pb.start();
        List<String> stdout = new ArrayList<>();
        OutputStream in = server.getOutputStream();
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        int answered = 0;
        boolean sawFailure = false;
        try {
            send(in, Map.of("jsonrpc", "2.0", "id", 0, "method", "initialize", "params", Map.of("protocolVersion", "2025-11-25",
                    "capabilities", Map.of(), "clientInfo", Map.of("name", "secrets-test", "version", "1"))));
            send(in, Map.of("jsonrpc", "2.0", "method", "notifications/initialized"));
            for (int i = 0; i < calls.size(); i++) {
                Map<String, Object> message = new java.util.HashMap<>(calls.get(i));
                message.put("id", i + 1);
                send(in, message);
            }
            while (answered < calls.size() + 1) {
                String line = out.readLine();
                assertThat(line).as("the server answers every call").isNotNull();
                stdout.add(line);
                Map<String, Object> message = Json.MAPPER.readValue(line, Map.class);
                if (message.containsKey("id")) {
                    answered++;
                    sawFailure |= line.contains("\"isError\":true") || line.contains("\"ok\":false") || line.contains("\"status\":\"failed\"");
                }
            }
        } finally {
            in.close();
            server.waitFor(60, TimeUnit.SECONDS);
            server.destroy();
        }
        assertThat(sawFailure).as("the failing URLs did fail").isTrue();
        assertThat(String.join("\n", stdout)).as("tool results").contains("***").doesNotContain(PASSWORD);
        assertThat(Files.readString(stderr)).as("server log").doesNotContain(PASSWORD);

        // the command line, including its error output for URLs that fail
        List<List<String>> commands = new ArrayList<>();
        commands.add(List.of("inspect", "--repo", repo.toString(), "--json"));
        commands.add(List.of("inspect", "--repo", repo.toString(), "--database-url", trustUrl));
        commands.add(List.of("plan", "--repo", repo.toString(), "--sql", "CREATE INDEX orders_note_idx ON orders (note)", "--database-url", trustUrl));
        commands.add(List.of("check", "--repo", repo.toString(), "--checks", "apply", "--database-url", libpqUrl, "--format", "json"));
        for (String url : failing.subList(0, 3)) {
            commands.add(List.of("inspect", "--repo", repo.toString(), "--database-url", url));
            commands.add(List.of("check", "--repo", repo.toString(), "--checks", "apply", "--database-url", url));
        }
        for (List<String> args : commands) {
            List<String> command = new ArrayList<>(List.of("java", "-jar", McpServerIT.JAR.toString()));
            command.addAll(args);
            ProcessBuilder cli = new ProcessBuilder(command).redirectErrorStream(true);
            cli.environment().put("PLC_POSTGRES_URL", trustUrl);
            Process p = cli.start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(output).as("output of %s", args.get(0)).isNotBlank().doesNotContain(PASSWORD);
        }
    }

    private static Map<String, Object> call(String tool, Map<String, Object> arguments) {
        return Map.of("jsonrpc", "2.0", "method", "tools/call", "params", Map.of("name", tool, "arguments", arguments));
    }

    private static void send(OutputStream in, Map<String, Object> message) throws Exception {
        in.write((Json.compact(message) + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }
}
