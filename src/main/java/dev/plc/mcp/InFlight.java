package dev.plc.mcp;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;

/**
 * The client's requests the server has not answered yet. When stdin ends, the server first waits for these answers
 * (a client may send its requests and close its end at once, and still read the answers), then shuts down.
 */
final class InFlight {

    /** How long the end of stdin waits for unanswered requests before the server shuts down anyway. */
    static final Duration DRAIN = Duration.ofMinutes(10);

    private final Set<String> open = new HashSet<>();

    synchronized void started(JsonNode id) {
        open.add(key(id));
    }

    /** A request the client cancelled: the server may not answer it, so it is not waited for. */
    synchronized void cancelled(JsonNode requestId) {
        if (requestId != null && (requestId.isString() || requestId.isIntegralNumber())) {
            answered(key(requestId));
        }
    }

    /** A string id and a number id with the same digits are different requests. */
    private static String key(JsonNode id) {
        return id.isString() ? key(id.asString(), null) : key(null, id.asString());
    }

    synchronized int size() {
        return open.size();
    }

    /** Waits until every request is answered, at most {@code max}; true when none is left. */
    synchronized boolean awaitAnswered(Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!open.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    /** Called for each whole line the server writes: a response (an id, no method) answers its request. */
    void written(byte[] line, int length) {
        String answered = responseId(line, length);
        if (answered != null) {
            answered(answered);
        }
    }

    private synchronized void answered(String key) {
        if (open.remove(key)) {
            notifyAll();
        }
    }

    private static String key(String text, String number) {
        return text != null ? "s:" + text : "n:" + number;
    }

    /** The id of a JSON-RPC response, read with the streaming parser (results can be large), or null for anything else. */
    private static String responseId(byte[] line, int length) {
        try (JsonParser p = dev.plc.json.Json.MAPPER.createParser(line, 0, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String id = null;
            boolean response = false;
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "method" -> {
                        return null; // a request or a notification of the server's own
                    }
                    case "id" -> id = value == JsonToken.VALUE_STRING ? key(p.getString(), null)
                            : value == JsonToken.VALUE_NUMBER_INT ? key(null, p.getString()) : null;
                    case "result", "error" -> {
                        response = true;
                        p.skipChildren();
                    }
                    default -> p.skipChildren();
                }
            }
            return response ? id : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
