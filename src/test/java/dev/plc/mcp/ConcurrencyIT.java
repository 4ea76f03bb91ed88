package dev.plc.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plc.db.DatabaseServer;
import dev.plc.db.Dialect;
import dev.plc.json.Json;
import dev.plc.testing.RealServers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 20 tool calls in flight at once over one stdio connection (inspect_repo on the three examples, plan_change and
 * run_checks on copies of them): every answer is right for its own repo, and every scratch database the server made
 * (it names them in its DEBUG log) is gone afterwards.
 */
@SuppressWarnings("unchecked")
class ConcurrencyIT {

    private static final Pattern SCRATCH = Pattern.compile("scratch database (plc_scratch_\\d+_[0-9a-f]+)");
    private static final List<String> EXAMPLES = List.of("spring-flyway-postgres", "go-migrate-mariadb", "h2-flyway-quickstart");

    @Test
    void twentyCallsAtOnceAreAllAnsweredRightAndLeaveNoScratchDatabase(@TempDir Path tmp) throws Exception {
        RealServers.require(Dialect.POSTGRESQL);
        RealServers.require(Dialect.MARIADB);
        Map<Integer, Map<String, Object>> requests = new HashMap<>();
        Map<Integer, Consumer<Map<String, Object>>> checks = new HashMap<>();
        int id = 100;
        for (int round = 0; round < 2; round++) {
            for (String example : EXAMPLES) {
                String name = example;
                requests.put(id, call("inspect_repo", Map.of("repo", McpServerIT.EXAMPLES.resolve(example).toString())));
                checks.put(id++, r -> checkInspection(name, r));
            }
        }
        Map<String, Map<String, Object>> changes = Map.of(
                "spring-flyway-postgres", Map.of("sql", "CREATE INDEX orders_note_idx ON orders (note)"),
                "go-migrate-mariadb", Map.of("operations", List.of(Map.of("op", "add_column", "table", "posts", "column", "slug", "type", "varchar(300)"))),
                "h2-flyway-quickstart", Map.of("sql", "ALTER TABLE notes ADD COLUMN color VARCHAR(20)"));
        for (int i = 0; i < 7; i++) {
            String example = EXAMPLES.get(i % 3);
            Path copy = copy(example, tmp.resolve("plan-" + i));
            requests.put(id, call("plan_change", Map.of("repo", copy.toString(), "change", changes.get(example))));
            checks.put(id++, r -> {
                assertThat((String) r.get("plan_id")).as(example).startsWith("plan-");
                assertThat(r.get("migration_type")).as(example).isEqualTo("additive");
                assertThat((List<?>) r.get("steps")).as(example).isNotEmpty();
            });
        }
        for (int i = 0; i < 7; i++) {
            String example = EXAMPLES.get(i % 3);
            Path copy = copy(example, tmp.resolve("check-" + i));
            requests.put(id, call("run_checks", Map.of("repo", copy.toString(), "checks", List.of("apply"))));
            checks.put(id++, r -> {
                assertThat(r.get("ok")).as("%s: %s", example, r).isEqualTo(true);
                Map<String, Object> apply = ((List<Map<String, Object>>) r.get("checks")).get(0);
                assertThat(apply).as(example).containsEntry("name", "apply").containsEntry("status", "pass");
                assertThat(((Map<String, Object>) r.get("database")).get("dialect")).as(example).isEqualTo(dialect(example));
            });
        }
        assertThat(requests).hasSize(20);

        long start = System.nanoTime();
        Path stderr = tmp.resolve("stderr.log");
        ProcessBuilder pb = new ProcessBuilder("java", "-jar", McpServerIT.JAR.toString()).redirectError(stderr.toFile());
        pb.environment().put("PLC_LOG_LEVEL", "DEBUG");
        Process server = pb.start();
        Map<Integer, Map<String, Object>> answers = new HashMap<>();
        OutputStream in = server.getOutputStream();
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        long seconds;
        try {
            send(in, Map.of("jsonrpc", "2.0", "id", 1, "method", "initialize", "params", Map.of("protocolVersion", "2025-11-25",
                    "capabilities", Map.of(), "clientInfo", Map.of("name", "concurrency-test", "version", "1"))));
            send(in, Map.of("jsonrpc", "2.0", "method", "notifications/initialized"));
            for (Map.Entry<Integer, Map<String, Object>> r : requests.entrySet()) {
                Map<String, Object> message = new HashMap<>(r.getValue());
                message.put("id", r.getKey());
                send(in, message); // all 20 sent before the first answer is read
            }
            java.util.concurrent.BlockingQueue<String> lines = new java.util.concurrent.LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> {
                try {
                    String line;
                    while ((line = out.readLine()) != null) {
                        lines.add(line);
                    }
                } catch (IOException ignored) {
                    // the process ended
                }
            }, "stdout-reader");
            reader.setDaemon(true);
            reader.start();
            while (answers.size() < requests.size()) {
                String line = lines.poll(120, TimeUnit.SECONDS);
                Set<Integer> missing = new java.util.TreeSet<>(requests.keySet());
                missing.removeAll(answers.keySet());
                if (line == null) {
                    List<String> log = Files.readAllLines(stderr);
                    throw new AssertionError("the server answers all 20 calls; missing: " + missing + " (alive: " + server.isAlive()
                            + "); the server's stderr ends with:\n" + String.join("\n", log.subList(Math.max(0, log.size() - 60), log.size())));
                }
                Map<String, Object> message = Json.MAPPER.readValue(line, Map.class);
                if (message.get("id") instanceof Integer n && requests.containsKey(n)) {
                    answers.put(n, message);
                }
            }
            seconds = (System.nanoTime() - start) / 1_000_000_000;
        } finally {
            in.close(); // stdin first: the server exits, then its stdout ends and the reader thread with it
            server.waitFor(60, TimeUnit.SECONDS);
            server.destroy();
        }
        for (Map.Entry<Integer, Map<String, Object>> a : answers.entrySet()) {
            Map<String, Object> result = (Map<String, Object>) a.getValue().get("result");
            assertThat(result).as("call %d: %s", a.getKey(), a.getValue()).isNotNull();
            assertThat(result.get("isError")).as("call %d: %s", a.getKey(), result.get("content")).isEqualTo(false);
            checks.get(a.getKey()).accept((Map<String, Object>) result.get("structuredContent"));
        }
        Set<String> created = new LinkedHashSet<>();
        Matcher m = SCRATCH.matcher(Files.readString(stderr));
        while (m.find()) {
            created.add(m.group(1));
        }
        assertThat(created).as("scratch databases the server made on the real servers").hasSizeGreaterThanOrEqualTo(4);
        List<String> left = new ArrayList<>(existing("jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres", created));
        left.addAll(existing("jdbc:mariadb://127.0.0.1:3306/?user=root", created));
        assertThat(left).as("scratch databases of this test left behind").isEmpty();
        System.out.printf("ConcurrencyIT: 20 calls in flight, %d scratch databases made and dropped, %d s%n", created.size(), seconds);
        assertThat(seconds).as("wall time of 20 concurrent calls").isLessThan(90);
    }

    private static String dialect(String example) {
        return example.contains("postgres") ? "postgresql" : example.contains("mariadb") ? "mariadb" : "h2";
    }

    private static void checkInspection(String example, Map<String, Object> r) {
        assertThat(r.get("primary_framework")).as(example).isEqualTo(example.startsWith("go-") ? "golang-migrate" : "flyway");
        assertThat(((Map<String, Object>) r.get("dialect")).get("name")).as(example).isEqualTo(dialect(example));
        Map<String, Object> source = (Map<String, Object>) r.get("schema_source");
        assertThat(source).as(example).containsEntry("status", "read").containsEntry("migrations_applied", 3);
        List<String> tables = ((List<Map<String, Object>>) ((Map<String, Object>) r.get("schema")).get("tables")).stream()
                .map(t -> ((String) t.get("name")).toLowerCase(java.util.Locale.ROOT)).toList();
        assertThat(tables).as(example).contains(switch (example) {
            case "spring-flyway-postgres" -> "orders";
            case "go-migrate-mariadb" -> "posts";
            default -> "notes";
        });
    }

    private static Map<String, Object> call(String tool, Map<String, Object> arguments) {
        return Map.of("jsonrpc", "2.0", "method", "tools/call", "params", Map.of("name", tool, "arguments", arguments));
    }

    private static void send(OutputStream in, Map<String, Object> message) throws IOException {
        in.write((Json.compact(message) + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    static Path copy(String example, Path target) throws IOException {
        Path source = McpServerIT.EXAMPLES.resolve(example);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path to = target.resolve(source.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return target;
    }

    /** Which of {@code names} still exist on the server. */
    static List<String> existing(String url, Set<String> names) throws Exception {
        DatabaseServer server = DatabaseServer.parse(url, "local-server");
        String sql = server.dialect() == Dialect.POSTGRESQL
                ? "SELECT datname FROM pg_database WHERE datname LIKE 'plc\\_scratch\\_%'"
                : "SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE 'plc\\_scratch\\_%'";
        List<String> found = new ArrayList<>();
        try (Connection c = server.connect(server.adminUrl(), 5); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                if (names.contains(rs.getString(1))) {
                    found.add(rs.getString(1));
                }
            }
        }
        return found;
    }
}
