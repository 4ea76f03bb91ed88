package dev.plc.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plc.json.Json;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Raw stdio against the real jar: a corpus of bad input sent one after another to one server process. After each
 * line the server answers with a proper JSON-RPC error (or a tool result with isError), or, where the spec says so,
 * with nothing (proved by a ping answered next with nothing before it); it never dies and every stdout line is a
 * JSON-RPC 2.0 message.
 */
class ProtocolRobustnessIT {

    private enum Expect { ERROR, TOOL_ERROR, RESULT, NOTHING }

    /** One bad input; {@code mentions} are words its answer's message must contain (what was wrong, how to fix it). */
    private record Case(String name, byte[] line, Object id, Expect expect, List<String> mentions) {
        Case(String name, byte[] line, Object id, Expect expect) {
            this(name, line, id, expect, List.of());
        }

        Case(String name, String line, Object id, Expect expect) {
            this(name, line.getBytes(StandardCharsets.UTF_8), id, expect, List.of());
        }

        Case(String name, String line, Object id, Expect expect, List<String> mentions) {
            this(name, line.getBytes(StandardCharsets.UTF_8), id, expect, mentions);
        }
    }

    private static final String REPO = Path.of("examples/h2-flyway-quickstart").toAbsolutePath().toString();

    private static String call(Object id, String arguments) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + Json.compact(id) + ",\"method\":\"tools/call\",\"params\":{\"name\":\"inspect_repo\",\"arguments\":" + arguments + "}}";
    }

    private static byte[] concat(String a, byte[] b, String c) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(b);
        out.writeBytes(c.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    static List<Case> corpus() {
        String fast = "\"introspect\":false";
        String repo = Json.compact(REPO);
        List<Case> c = new ArrayList<>();
        c.add(new Case("malformed JSON", "{not json", null, Expect.ERROR));
        c.add(new Case("truncated message", "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/li", 2, Expect.ERROR));
        c.add(new Case("empty line", "", null, Expect.NOTHING));
        c.add(new Case("blank line", "   \t ", null, Expect.NOTHING));
        c.add(new Case("batch array", "[{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\"}]", null, Expect.ERROR));
        c.add(new Case("JSON string", "\"hello\"", null, Expect.ERROR));
        c.add(new Case("JSON number", "42", null, Expect.ERROR));
        c.add(new Case("JSON null", "null", null, Expect.ERROR));
        c.add(new Case("object, not JSON-RPC", "{\"foo\":\"bar\"}", null, Expect.ERROR));
        c.add(new Case("jsonrpc 1.0", "{\"jsonrpc\":\"1.0\",\"id\":4,\"method\":\"tools/list\"}", 4, Expect.ERROR));
        c.add(new Case("jsonrpc missing", "{\"id\":5,\"method\":\"tools/list\"}", 5, Expect.ERROR));
        c.add(new Case("jsonrpc as number", "{\"jsonrpc\":2.0,\"id\":6,\"method\":\"tools/list\"}", 6, Expect.ERROR));
        c.add(new Case("method missing", "{\"jsonrpc\":\"2.0\",\"id\":7}", 7, Expect.ERROR));
        c.add(new Case("method as number", "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":42}", 8, Expect.ERROR));
        c.add(new Case("id missing: a notification of a request method", "{\"jsonrpc\":\"2.0\",\"method\":\"tools/list\"}", null, Expect.NOTHING));
        c.add(new Case("id null", "{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"tools/list\"}", null, Expect.ERROR));
        c.add(new Case("id an object", "{\"jsonrpc\":\"2.0\",\"id\":{\"x\":1},\"method\":\"tools/list\"}", null, Expect.ERROR));
        c.add(new Case("id a huge integer", "{\"jsonrpc\":\"2.0\",\"id\":123456789012345678901234567890,\"method\":\"tools/list\"}", null, Expect.ERROR));
        c.add(new Case("params a string", "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\",\"params\":\"inspect_repo\"}", 9, Expect.ERROR));
        c.add(new Case("params missing", "{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"tools/call\"}", 10, Expect.ERROR));
        c.add(new Case("tool name missing", "{\"jsonrpc\":\"2.0\",\"id\":11,\"method\":\"tools/call\",\"params\":{}}", 11, Expect.ERROR));
        c.add(new Case("arguments a list", call(12, "[1,2]"), 12, Expect.ERROR));
        c.add(new Case("arguments a string", call(13, "\"repo\""), 13, Expect.ERROR));
        c.add(new Case("repo a number", call(14, "{\"repo\":42," + fast + "}"), 14, Expect.TOOL_ERROR, List.of("'repo'", "must be a string", "42")));
        c.add(new Case("repo an object", call(15, "{\"repo\":{\"path\":\"/\"}," + fast + "}"), 15, Expect.TOOL_ERROR));
        c.add(new Case("repo an array", call(16, "{\"repo\":[" + repo + "]," + fast + "}"), 16, Expect.TOOL_ERROR));
        c.add(new Case("timeout_s a string", call(17, "{\"repo\":" + repo + ",\"timeout_s\":\"soon\"," + fast + "}"), 17, Expect.TOOL_ERROR));
        c.add(new Case("timeout_s a huge integer", call(18, "{\"repo\":" + repo + ",\"timeout_s\":99999999999999999999999999," + fast + "}"), 18, Expect.TOOL_ERROR));
        c.add(new Case("timeout_s negative", call(19, "{\"repo\":" + repo + ",\"timeout_s\":-1," + fast + "}"), 19, Expect.TOOL_ERROR));
        c.add(new Case("introspect a string", call(20, "{\"repo\":" + repo + ",\"introspect\":\"no\"}"), 20, Expect.TOOL_ERROR,
                List.of("'introspect'", "must be a boolean")));
        c.add(new Case("introspect a number", call(34, "{\"repo\":" + repo + ",\"introspect\":0}"), 34, Expect.TOOL_ERROR,
                List.of("'introspect'", "must be a boolean")));
        c.add(new Case("timeout_s a float", call(35, "{\"repo\":" + repo + ",\"timeout_s\":2.5," + fast + "}"), 35, Expect.TOOL_ERROR,
                List.of("'timeout_s'", "must be an integer")));
        c.add(new Case("unknown argument", call(21, "{\"repo\":" + repo + ",\"bogus\":true}"), 21, Expect.TOOL_ERROR));
        c.add(new Case("5 MB string argument", call(22, "{\"repo\":\"" + "a".repeat(5 * 1024 * 1024) + "\"," + fast + "}"), 22, Expect.TOOL_ERROR));
        c.add(new Case("repo with NUL", call(23, "{\"repo\":\"/tmp/\\u0000x\"," + fast + "}"), 23, Expect.TOOL_ERROR));
        c.add(new Case("unknown tool", "{\"jsonrpc\":\"2.0\",\"id\":24,\"method\":\"tools/call\",\"params\":{\"name\":\"drop_everything\",\"arguments\":{}}}", 24, Expect.ERROR,
                List.of("'drop_everything'", "inspect_repo, plan_change, write_migration, run_checks, log_telemetry")));
        c.add(new Case("misspelt tool", "{\"jsonrpc\":\"2.0\",\"id\":36,\"method\":\"tools/call\",\"params\":{\"name\":\"plan_chnage\",\"arguments\":{}}}", 36, Expect.ERROR,
                List.of("'plan_chnage'", "Did you mean 'plan_change'?")));
        c.add(new Case("unknown method", "{\"jsonrpc\":\"2.0\",\"id\":25,\"method\":\"no/such/method\",\"params\":{}}", 25, Expect.ERROR));
        c.add(new Case("unknown notification", "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/no_such\"}", null, Expect.NOTHING));
        c.add(new Case("duplicate id, first", "{\"jsonrpc\":\"2.0\",\"id\":26,\"method\":\"tools/list\"}", 26, Expect.RESULT));
        c.add(new Case("duplicate id, second", "{\"jsonrpc\":\"2.0\",\"id\":26,\"method\":\"tools/list\"}", 26, Expect.RESULT));
        c.add(new Case("cancel an unknown id", "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":987654}}", null, Expect.NOTHING));
        c.add(new Case("cancel with params a string", "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":\"all\"}", null, Expect.NOTHING));
        c.add(new Case("a response to nothing", "{\"jsonrpc\":\"2.0\",\"id\":\"x-1\",\"result\":{}}", null, Expect.NOTHING));
        c.add(new Case("non-UTF-8 bytes", new byte[] {(byte) 0xff, (byte) 0xfe, (byte) 0x80, 'x'}, null, Expect.ERROR));
        c.add(new Case("non-UTF-8 bytes inside a string argument",
                concat(call(27, "{\"repo\":\"/tmp/").replace("}}", ""), new byte[] {(byte) 0xc3, (byte) 0x28, (byte) 0xff}, "\"," + fast + "}}}"),
                27, Expect.TOOL_ERROR));
        c.add(new Case("trailing garbage after a message", "{\"jsonrpc\":\"2.0\",\"id\":28,\"method\":\"tools/list\"} trailing", 28, Expect.ERROR));
        c.add(new Case("CRLF line end", "{\"jsonrpc\":\"2.0\",\"id\":29,\"method\":\"ping\"}\r", 29, Expect.RESULT));
        c.add(new Case("deeply nested JSON", call(30, "{\"repo\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}"), 30, Expect.ERROR));
        c.add(new Case("very long line (20 MB)", "{\"jsonrpc\":\"2.0\",\"id\":31,\"method\":\"tools/list\",\"params\":{\"x\":\"" + "b".repeat(20 * 1024 * 1024) + "\"}}", 31, Expect.ERROR));
        c.add(new Case("repo the file system root", call(32, "{\"repo\":\"/\"," + fast + "}"), 32, Expect.TOOL_ERROR));
        c.add(new Case("repo a file", call(33, "{\"repo\":" + Json.compact(REPO + "/flyway.conf") + "," + fast + "}"), 33, Expect.TOOL_ERROR));
        return c;
    }

    @Test
    void noInputBreaksTheServer(@TempDir Path tmp) throws Exception {
        long start = System.nanoTime();
        Path stderr = tmp.resolve("stderr.log");
        Process server = new ProcessBuilder("java", "-jar", McpServerIT.JAR.toString())
                .redirectError(stderr.toFile()).start();
        BlockingQueue<Map<String, Object>> messages = new LinkedBlockingQueue<>();
        List<String> bad = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    try {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> m = Json.MAPPER.readValue(line, Map.class);
                        if (!"2.0".equals(m.get("jsonrpc"))) {
                            bad.add(line);
                        }
                        messages.add(m);
                    } catch (RuntimeException e) {
                        bad.add(line.length() > 300 ? line.substring(0, 300) : line);
                    }
                }
            } catch (Exception ignored) {
                // the process ended
            }
        }, "stdout-reader");
        reader.start();
        List<Case> corpus = corpus();
        try (OutputStream in = server.getOutputStream()) {
            // a tools/call before initialize is held by the SDK and answered once the session is initialized
            for (String line : List.of(call(100, "{\"repo\":" + Json.compact(REPO) + ",\"introspect\":false}"),
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
                            + "\"capabilities\":{},\"clientInfo\":{\"name\":\"robustness\",\"version\":\"1\"}}}",
                    "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}")) {
                in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
            in.flush();
            java.util.Set<Object> early = new java.util.HashSet<>();
            while (early.size() < 2) {
                Map<String, Object> m = messages.poll(60, TimeUnit.SECONDS);
                assertThat(m).as("initialize and the early tools/call are answered").isNotNull();
                assertThat(m).containsKey("result");
                early.add(m.get("id"));
            }
            assertThat(early).containsExactlyInAnyOrder(1, 100);
            int ping = 0;
            for (Case c : corpus) {
                in.write(c.line());
                in.write('\n');
                in.flush();
                String pingId = "ping-" + ping++;
                in.write(("{\"jsonrpc\":\"2.0\",\"id\":\"" + pingId + "\",\"method\":\"ping\"}\n").getBytes(StandardCharsets.UTF_8));
                in.flush();
                // tool calls are answered on worker threads, so the ping may overtake them; errors of the stdin guard
                // and notifications are handled in order, so for them the ping's answer proves nothing else came
                List<Map<String, Object>> answers = new ArrayList<>();
                boolean pinged = false;
                while (!pinged || (c.expect() != Expect.NOTHING && answers.isEmpty())) {
                    Map<String, Object> m = messages.poll(60, TimeUnit.SECONDS);
                    assertThat(m).as("%s: the server answers (alive: %s)", c.name(), server.isAlive()).isNotNull();
                    if (pingId.equals(m.get("id"))) {
                        assertThat(m).as(c.name()).containsKey("result");
                        pinged = true;
                    } else if (m.containsKey("id")) {
                        answers.add(m);
                    }
                }
                check(c, answers);
            }
            in.write("{\"jsonrpc\":\"2.0\",\"id\":\"last\",\"method\":\"tools/list\"}\n".getBytes(StandardCharsets.UTF_8));
            in.flush();
            Map<String, Object> last = messages.poll(30, TimeUnit.SECONDS);
            assertThat(last).as("tools/list after the corpus").isNotNull().containsEntry("id", "last").containsKey("result");
        }
        assertThat(server.waitFor(30, TimeUnit.SECONDS)).as("the server exits when stdin closes").isTrue();
        reader.join(10_000);
        assertThat(bad).as("stdout lines that are not JSON-RPC 2.0").isEmpty();
        System.out.printf("ProtocolRobustnessIT: %d bad inputs, all answered or ignored per the spec, in %d ms%n",
                corpus.size(), (System.nanoTime() - start) / 1_000_000);
    }

    @SuppressWarnings("unchecked")
    private static void check(Case c, List<Map<String, Object>> answers) {
        if (c.expect() == Expect.NOTHING) {
            assertThat(answers).as("%s: no answer", c.name()).isEmpty();
            return;
        }
        assertThat(answers).as("%s: exactly one answer", c.name()).hasSize(1);
        Map<String, Object> answer = answers.get(0);
        if (c.id() != null) {
            assertThat(answer.get("id")).as("%s: the answer has the request's id", c.name()).isEqualTo(c.id());
        }
        switch (c.expect()) {
            case ERROR -> {
                assertThat(answer).as(c.name()).containsKey("error").doesNotContainKey("result");
                Map<String, Object> error = (Map<String, Object>) answer.get("error");
                assertThat(error.get("code")).as(c.name()).isInstanceOf(Integer.class);
                assertThat((String) error.get("message")).as(c.name()).isNotBlank();
                c.mentions().forEach(word -> assertThat((String) error.get("message")).as(c.name()).contains(word));
                if (c.id() == null) {
                    assertThat(answer).as(c.name()).containsEntry("id", null);
                }
            }
            case TOOL_ERROR -> {
                assertThat(answer).as(c.name()).containsKey("result");
                Map<String, Object> result = (Map<String, Object>) answer.get("result");
                assertThat(result.get("isError")).as("%s: isError (%s)", c.name(), result).isEqualTo(true);
                String text = String.valueOf(((List<Map<String, Object>>) result.get("content")).get(0).get("text"));
                assertThat(text).as(c.name()).startsWith("INVALID_ARGUMENT").hasSizeLessThan(10_000).doesNotContain("Exception");
                c.mentions().forEach(word -> assertThat(text).as(c.name()).contains(word));
            }
            case RESULT -> assertThat(answer).as(c.name()).containsKey("result");
            default -> throw new IllegalStateException();
        }
    }
}
