package dev.plc.mcp;

import dev.plc.json.Json;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client cancellation for tool calls. The SDK does not hand {@code notifications/cancelled} to tool handlers, so the
 * server watches its input: it remembers each {@code tools/call} (id, tool and arguments), a handler claims the id
 * whose tool and arguments it runs, and a cancellation of that id interrupts the handler's thread and makes its
 * next progress report stop the work (scratch databases are closed by try-with-resources on the way out).
 */
final class Cancellations {

    private static final Logger LOG = LoggerFactory.getLogger(Cancellations.class);

    private static final int MAX_PENDING = 1000;

    private final Map<Object, String> pending = new ConcurrentHashMap<>();
    private final Map<Object, Thread> running = new ConcurrentHashMap<>();
    private final Map<Object, Boolean> cancelled = new ConcurrentHashMap<>();

    /** Called with every well-formed JSON-RPC message the client sends. */
    void onMessage(Map<String, Object> message) {
        Object method = message.get("method");
        @SuppressWarnings("unchecked")
        Map<String, Object> params = message.get("params") instanceof Map<?, ?> p ? (Map<String, Object>) p : Map.of();
        if ("tools/call".equals(method) && message.get("id") != null) {
            if (pending.size() >= MAX_PENDING) {
                pending.clear(); // calls the SDK never handed to a tool (unknown tools, refused requests) would pile up
            }
            pending.put(key(message.get("id")), fingerprint(params.get("name"), params.get("arguments")));
        } else if ("notifications/cancelled".equals(method) && params.get("requestId") != null) {
            cancel(key(params.get("requestId")));
        }
    }

    private void cancel(Object id) {
        if (!pending.containsKey(id) && !running.containsKey(id)) {
            LOG.info("notifications/cancelled for request {}, which is not running (ignored)", id);
            return; // unknown or finished: remembering it would only grow the map
        }
        cancelled.put(id, Boolean.TRUE);
        Thread thread = running.get(id);
        LOG.info("tool call {} cancelled by the client{}", id, thread == null ? " (not running)" : "");
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** Claims the pending call with this tool and these arguments for the current thread; null when none matches. */
    Object claim(String tool, Map<String, Object> arguments) {
        String fingerprint = fingerprint(tool, arguments == null ? Map.of() : arguments);
        for (Map.Entry<Object, String> e : pending.entrySet()) {
            if (e.getValue().equals(fingerprint) && pending.remove(e.getKey(), e.getValue())) {
                running.put(e.getKey(), Thread.currentThread());
                if (cancelled.containsKey(e.getKey())) {
                    Thread.currentThread().interrupt();
                }
                return e.getKey();
            }
        }
        return null;
    }

    boolean isCancelled(Object id) {
        return id != null && cancelled.containsKey(id);
    }

    void release(Object id) {
        if (id != null) {
            running.remove(id);
            cancelled.remove(id);
            Thread.interrupted(); // the thread goes back to the pool without a pending interrupt
        }
    }

    private static String fingerprint(Object tool, Object arguments) {
        String text = Objects.toString(tool) + " " + Json.compact(arguments == null ? Map.of() : arguments);
        // a digest: arguments can be megabytes, and only equality matters
        return dev.plc.plan.ChangePlanner.sha256(text);
    }

    // JSON ids are numbers or strings: 7 and 7L must be the same key
    private static Object key(Object id) {
        return id instanceof Number n ? (Object) n.longValue() : id.toString();
    }
}
