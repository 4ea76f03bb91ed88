package dev.plc.mcp;

import dev.plc.json.Json;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The server's stdin as the SDK's stdio transport sees it: only well-formed JSON-RPC 2.0 messages, one per line.
 * <p>
 * The SDK (2.1.0) ends the whole session on the first line it cannot deserialize (malformed JSON, a JSON value that
 * is not a message) or that is longer than its input limit, and then stops reading stdin: the server would hang,
 * alive but deaf. So every line is checked here first. What JSON-RPC calls a parse error or an invalid request is
 * answered here ({@code -32700} / {@code -32600} / {@code -32602}, with the request's id when it can be read, else
 * {@code null}) and never reaches the SDK; notifications that are malformed are dropped, as the spec says; empty
 * lines are skipped. Bytes that are not UTF-8 are read as U+FFFD, so the request still gets an answer.
 * Every accepted message is also shown to the cancellation watcher.
 */
final class ProtocolInput extends InputStream {

    /** Longest line accepted (bytes); the SDK's own limit is 16 Mi characters. Longer lines are answered with an error. */
    static final int MAX_LINE_BYTES = 8 * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(ProtocolInput.class);
    private static final Pattern LEADING_ID = Pattern.compile("^\\s*\\{\\s*(?:\"jsonrpc\"\\s*:\\s*\"[^\"]*\"\\s*,\\s*)?\"id\"\\s*:\\s*(-?\\d{1,18}|\"[^\"\\\\]{0,200}\")");

    private static final tools.jackson.databind.ObjectReader STRICT = Json.MAPPER.readerFor(JsonNode.class)
            .with(tools.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final InputStream in;
    private final ProtocolOutput out;
    private final Consumer<Map<String, Object>> watcher;
    private final Runnable onEnd;
    private final InFlight inFlight;
    private final java.util.List<String> toolNames;
    private byte[] current = new byte[0];
    private int pos;
    private boolean ended;

    /**
     * @param inFlight the requests still to be answered: the end of the input is passed on (and {@code onEnd} run)
     *                 only once they are, or after {@link InFlight#DRAIN}
     */
    ProtocolInput(InputStream in, ProtocolOutput out, InFlight inFlight, Consumer<Map<String, Object>> watcher, Runnable onEnd) {
        this(in, out, inFlight, watcher, onEnd, java.util.List.of());
    }

    /**
     * @param toolNames the server's tools: a tools/call of any other name is answered here with the name that was
     *                  asked for and the list (the SDK's own answer names neither); empty means every name goes on
     */
    ProtocolInput(InputStream in, ProtocolOutput out, InFlight inFlight, Consumer<Map<String, Object>> watcher, Runnable onEnd,
                  java.util.List<String> toolNames) {
        this.toolNames = java.util.List.copyOf(toolNames);
        this.in = new BufferedInputStream(in, 65536);
        this.inFlight = inFlight;
        this.out = out;
        this.watcher = watcher;
        this.onEnd = onEnd;
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return current[pos++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, current.length - pos);
        System.arraycopy(current, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public int available() {
        return current.length - pos;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Makes sure there are bytes to hand out: the next accepted line. False at the end of the input. */
    private boolean fill() throws IOException {
        while (pos >= current.length) {
            if (ended) {
                return false;
            }
            Line line = nextLine();
            if (line == null) {
                ended = true;
                drain();
                onEnd.run();
                return false;
            }
            String accepted = accept(line);
            if (accepted != null) {
                current = (accepted + "\n").getBytes(StandardCharsets.UTF_8);
                pos = 0;
            }
        }
        return true;
    }

    private record Line(byte[] bytes, long length) {
        boolean tooLong() {
            return length > MAX_LINE_BYTES;
        }
    }

    /** The next line (without its end), or null at the end of the input; a line too long keeps only its start. */
    private Line nextLine() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(256);
        long length = 0;
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                return new Line(buf.toByteArray(), length);
            }
            length++;
            if (length <= MAX_LINE_BYTES) {
                buf.write(b);
            } else if (length == MAX_LINE_BYTES + 1L) {
                byte[] head = java.util.Arrays.copyOf(buf.toByteArray(), 4096);
                buf = new ByteArrayOutputStream();
                buf.write(head);
            }
        }
        return length == 0 ? null : new Line(buf.toByteArray(), length);
    }

    /** The line to hand to the SDK, or null when it was answered or dropped here. */
    private String accept(Line line) {
        if (line.tooLong()) {
            String head = new String(line.bytes(), StandardCharsets.UTF_8);
            LOG.warn("input line of {} bytes is over the {} byte limit; answered with an error", line.length(), MAX_LINE_BYTES);
            out.error(leadingId(head), -32600, "Invalid Request: message of " + line.length() + " bytes is larger than the server's limit of "
                    + MAX_LINE_BYTES + " bytes");
            return null;
        }
        String text = new String(line.bytes(), StandardCharsets.UTF_8); // malformed bytes become U+FFFD
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        if (text.isBlank()) {
            return null;
        }
        JsonNode message;
        try {
            message = STRICT.readValue(text);
        } catch (RuntimeException e) {
            LOG.warn("input line is not JSON ({}); answered with a parse error", firstLine(e.getMessage()));
            out.error(leadingId(text), -32700, "Parse error: the line is not a JSON value (" + firstLine(e.getMessage()) + ")");
            return null;
        }
        if (message == null || !message.isObject()) {
            out.error(null, -32600, "Invalid Request: a message must be a JSON object (batches are not part of MCP)");
            return null;
        }
        JsonNode id = message.get("id");
        boolean hasId = id != null;
        boolean validId = hasId && (id.isString() || id.isIntegralNumber() && id.canConvertToLong());
        JsonNode replyId = validId ? id : null;
        JsonNode method = message.get("method");
        boolean isResponse = method == null && (message.has("result") || message.has("error"));
        // a notification is never answered, not even with an error; anything else that is invalid gets -32600
        boolean notification = !hasId && method != null && method.isString();
        JsonNode version = message.get("jsonrpc");
        if (version == null || !version.isString() || !"2.0".equals(version.asString())) {
            return reject(!notification, replyId, -32600, "Invalid Request: \"jsonrpc\" must be \"2.0\"");
        }
        if (isResponse) {
            return validId ? text : dropped("a response without a valid id");
        }
        if (method == null || !method.isString() || method.asString().isEmpty()) {
            return reject(true, replyId, -32600, "Invalid Request: \"method\" must be a non-empty string");
        }
        if (hasId && !validId) {
            return reject(true, null, -32600, "Invalid Request: \"id\" must be a string or an integer");
        }
        JsonNode params = message.get("params");
        if (params != null && !params.isObject() && !params.isNull()) {
            return reject(hasId, replyId, -32602, "Invalid params: \"params\" must be an object");
        }
        if ("tools/call".equals(method.asString()) && (params == null || params.isNull())) {
            return reject(hasId, replyId, -32602, "Invalid params: tools/call needs params with the tool's \"name\" and its \"arguments\"");
        }
        if ("tools/call".equals(method.asString()) && params.isObject()) {
            JsonNode arguments = params.get("arguments");
            if (arguments != null && !arguments.isObject() && !arguments.isNull()) {
                return reject(hasId, replyId, -32602, "Invalid params: \"arguments\" must be an object of named arguments");
            }
            JsonNode name = params.get("name");
            if (name == null || !name.isString()) {
                return reject(hasId, replyId, -32602, "Invalid params: \"name\" must be the name of a tool (see tools/list)");
            }
            if (!toolNames.isEmpty() && !toolNames.contains(name.asString())) {
                return reject(hasId, replyId, -32602, unknownTool(name.asString(), toolNames));
            }
        }
        if (hasId) {
            inFlight.started(id);
        } else if ("notifications/cancelled".equals(method.asString()) && params != null && params.isObject()) {
            inFlight.cancelled(params.get("requestId"));
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> asMap = Json.MAPPER.convertValue(message, Map.class);
            watcher.accept(asMap);
        } catch (RuntimeException e) {
            LOG.debug("cancellation watcher skipped a message: {}", e.getMessage());
        }
        return text;
    }

    /** At the end of the input: the answers still due are written before the transport hears of the end. */
    private void drain() {
        int open = inFlight.size();
        if (open == 0) {
            return;
        }
        LOG.info("stdin closed with {} request(s) unanswered; answering them before shutting down", open);
        try {
            if (!inFlight.awaitAnswered(InFlight.DRAIN)) {
                LOG.warn("{} request(s) still unanswered after {}; shutting down", inFlight.size(), InFlight.DRAIN);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The answer to a call of a tool this server does not have: the name asked for, the nearest one, and all of them. */
    static String unknownTool(String asked, java.util.List<String> toolNames) {
        String nearest = null;
        int best = Integer.MAX_VALUE;
        for (String candidate : toolNames) {
            int d = editDistance(asked.toLowerCase(java.util.Locale.ROOT), candidate);
            if (d < best) {
                best = d;
                nearest = candidate;
            }
        }
        String shown = asked.length() > 100 ? asked.substring(0, 100) + "..." : asked;
        String hint = nearest != null && best <= Math.max(2, nearest.length() / 3) ? " Did you mean '" + nearest + "'?" : "";
        return "Unknown tool '" + shown + "': this server's tools are " + String.join(", ", toolNames) + "." + hint;
    }

    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private String reject(boolean answer, JsonNode id, int code, String message) {
        if (answer) {
            out.error(id, code, message);
        } else {
            LOG.warn("dropped a malformed notification: {}", message);
        }
        return null;
    }

    private static String dropped(String what) {
        LOG.warn("dropped {}", what);
        return null;
    }

    private static JsonNode leadingId(String head) {
        Matcher m = LEADING_ID.matcher(head);
        if (!m.find()) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(m.group(1));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        String first = message.lines().findFirst().orElse(message);
        return first.length() > 200 ? first.substring(0, 200) + "..." : first;
    }

    /** The error response for a request, as one JSON line. */
    static String errorLine(JsonNode id, int code, String message) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("jsonrpc", "2.0");
        if (id == null) {
            node.putNull("id");
        } else {
            node.set("id", id);
        }
        ObjectNode error = node.putObject("error");
        error.put("code", code);
        error.put("message", message);
        return Json.MAPPER.writeValueAsString(node);
    }
}
