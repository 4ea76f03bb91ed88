package dev.plc.mcp;

import dev.plc.core.PlcException;
import dev.plc.core.Progress;
import dev.plc.json.Json;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.type.LogicalType;

/** Shared plumbing of the tool adapters: argument parsing, result mapping and the error channel. */
final class ToolCalls {

    private static final Logger LOG = LoggerFactory.getLogger(ToolCalls.class);

    private ToolCalls() {
    }

    /**
     * The mapper for tool arguments: the product's mapper with no coercion between JSON types, so {@code "repo": 42}
     * is an error naming the argument instead of a path {@code 42}, and {@code "zero_downtime": "no"} is not read as false.
     */
    static final tools.jackson.databind.json.JsonMapper ARGUMENTS = strict(Json.MAPPER.rebuild()).build();

    private static tools.jackson.databind.json.JsonMapper.Builder strict(tools.jackson.databind.json.JsonMapper.Builder builder) {
        for (LogicalType type : new LogicalType[] {LogicalType.Textual, LogicalType.Boolean, LogicalType.Integer, LogicalType.Float,
                LogicalType.Enum, LogicalType.Collection, LogicalType.Map, LogicalType.POJO}) {
            builder = builder.withCoercionConfig(type, config -> {
                for (CoercionInputShape shape : new CoercionInputShape[] {CoercionInputShape.Integer, CoercionInputShape.Float,
                        CoercionInputShape.Boolean, CoercionInputShape.String}) {
                    if (!accepts(type, shape)) {
                        config.setCoercion(shape, CoercionAction.Fail);
                    }
                }
            });
        }
        return builder;
    }

    /** Which JSON shapes a target type takes as itself: a string is text or an enum's name, an integer is also a float. */
    private static boolean accepts(LogicalType type, CoercionInputShape shape) {
        return switch (type) {
            case Textual, Enum -> shape == CoercionInputShape.String;
            case Boolean -> shape == CoercionInputShape.Boolean;
            case Integer -> shape == CoercionInputShape.Integer;
            case Float -> shape == CoercionInputShape.Integer || shape == CoercionInputShape.Float;
            default -> false;
        };
    }

    /** A tool's result: the structured content and a short summary for people. */
    record Outcome(Object structured, String summary) {
    }

    /** What a tool does with its parsed arguments; progress goes to the client when it asked for it. */
    @FunctionalInterface
    interface Handler<A> {
        Outcome handle(A args, Progress progress);
    }

    /** The truthful hints of a tool: whether it changes anything, and whether calling it twice equals calling it once. */
    enum Hints {
        READ_ONLY(true, true),
        WRITES_IDEMPOTENT(false, true);

        final boolean readOnly;
        final boolean idempotent;

        Hints(boolean readOnly, boolean idempotent) {
            this.readOnly = readOnly;
            this.idempotent = idempotent;
        }
    }

    /** One tool: its definition (schemas generated from the argument and result records) and its handler. No tool destroys anything. */
    static <A> McpServerFeatures.SyncToolSpecification tool(String name, String title, String description, Class<A> argsType, Class<?> resultType,
                                                            Hints hints, Handler<A> handler) {
        McpSchema.Tool tool = McpSchema.Tool.builder()
                .name(name)
                .title(title)
                .description(description)
                .inputSchema(ToolSchemas.input(argsType))
                .outputSchema(ToolSchemas.output(resultType))
                .annotations(new McpSchema.ToolAnnotations(title, hints.readOnly, false, hints.idempotent, false, null))
                .build();
        return McpServerFeatures.SyncToolSpecification.builder()
                .tool(tool)
                .callHandler((exchange, request) -> {
                    Object id = CANCELLATIONS.claim(name, request.arguments());
                    try {
                        Progress progress = progress(exchange, request);
                        return run(name, request, argsType, args -> handler.handle(args, (done, total, message) -> {
                            if (CANCELLATIONS.isCancelled(id)) {
                                throw new PlcException(PlcException.Code.CANCELLED, name + " was cancelled by the client; its throwaway databases were dropped");
                            }
                            progress.report(done, total, message);
                        }));
                    } finally {
                        CANCELLATIONS.release(id);
                    }
                })
                .build();
    }

    /** The server's view of client cancellations (fed from the input stream by {@link PlcServer}). */
    static final Cancellations CANCELLATIONS = new Cancellations();

    /**
     * Parses the arguments into {@code argsType}, runs {@code handler}, and maps every failure to an
     * {@code isError} result whose message says what to fix. The server never sees an exception.
     */
    static <A> McpSchema.CallToolResult run(String tool, McpSchema.CallToolRequest request, Class<A> argsType,
                                            Function<A, Outcome> handler) {
        A args;
        try {
            Map<String, Object> raw = request.arguments() == null ? Map.of() : request.arguments();
            args = ARGUMENTS.convertValue(raw, argsType);
        } catch (JacksonException | IllegalArgumentException e) {
            return error(PlcException.Code.INVALID_ARGUMENT, describeArgumentError(tool, e, argsType));
        }
        try {
            Outcome outcome = handler.apply(args);
            Object structured = redacted(Json.MAPPER.convertValue(outcome.structured(), Map.class));
            return McpSchema.CallToolResult.builder()
                    .structuredContent(structured)
                    .addTextContent(dev.plc.db.Secrets.redact(outcome.summary()))
                    .isError(false)
                    .build();
        } catch (PlcException e) {
            return error(e.code(), e.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
            LOG.error("{} failed", tool, e);
            return error(PlcException.Code.INTERNAL, tool + " failed unexpectedly (" + e.getClass().getSimpleName()
                    + "); this is a bug in persistence-layer-change: the server log (stderr) has the details");
        }
    }

    /** Every string in a result, with passwords and tokens removed: the last guard before a result leaves the server. */
    @SuppressWarnings("unchecked")
    static Object redacted(Object value) {
        if (value instanceof String s) {
            return dev.plc.db.Secrets.redact(s);
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new java.util.LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k, redacted(v)));
            return out;
        }
        if (value instanceof java.util.List<?> list) {
            return list.stream().map(ToolCalls::redacted).toList();
        }
        return value;
    }

    static McpSchema.CallToolResult error(PlcException.Code code, String message) {
        return McpSchema.CallToolResult.builder()
                .addTextContent(code + ": " + dev.plc.db.Secrets.redact(message))
                .isError(true)
                .build();
    }

    private static String describeArgumentError(String tool, Exception e, Class<?> argsType) {
        Throwable cause = e instanceof IllegalArgumentException && e.getCause() != null ? e.getCause() : e;
        String allowed = String.join(", ", java.util.Arrays.stream(argsType.getRecordComponents())
                .map(c -> ToolSchemas.snakeCase(c.getName())).toList());
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return tool + " has no argument '" + unknown.getPropertyName() + "'; its arguments are: " + allowed;
        }
        if (cause instanceof InvalidFormatException format) {
            Object value = format.getValue();
            String got = value instanceof Number ? "the number " : value instanceof Boolean ? "the boolean " : value instanceof String ? "the string " : "";
            String what = got.isEmpty() || value instanceof String && format.getTargetType() != null && format.getTargetType().isEnum() ? "value" : "type";
            return "argument '" + path(format) + "' has the wrong " + what + ": it must be " + expected(format.getTargetType()) + ", not "
                    + got + abbreviate(value instanceof String ? "\"" + value + "\"" : String.valueOf(value)) + "; see the tool's inputSchema";
        }
        if (cause instanceof MismatchedInputException mismatch) {
            String where = path(mismatch);
            return "argument '" + (where.isEmpty() ? "(the arguments)" : where) + "' has the wrong type: it must be " + expected(mismatch.getTargetType())
                    + "; see the tool's inputSchema (arguments: " + allowed + ")";
        }
        return "the arguments could not be read: " + abbreviate(String.valueOf(cause.getMessage()).lines().findFirst().orElse(""));
    }

    /** The JSON type a Java target type is written as, in the words of a tool's inputSchema. */
    static String expected(Class<?> target) {
        if (target == null) {
            return "of the type its inputSchema gives";
        }
        if (CharSequence.class.isAssignableFrom(target) || target == java.nio.file.Path.class) {
            return "a string";
        }
        if (target == boolean.class || target == Boolean.class) {
            return "a boolean (true or false)";
        }
        if (target == int.class || target == Integer.class || target == long.class || target == Long.class || target == short.class) {
            return "an integer";
        }
        if (target.isPrimitive() || Number.class.isAssignableFrom(target)) {
            return "a number";
        }
        if (target.isEnum()) {
            return "one of " + String.join(", ", java.util.Arrays.stream(target.getEnumConstants()).map(c -> "\"" + Json.MAPPER.convertValue(c, String.class) + "\"").toList());
        }
        if (java.util.Collection.class.isAssignableFrom(target) || target.isArray()) {
            return "an array";
        }
        return "an object";
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "... (" + text.length() + " characters)";
    }

    private static String path(MismatchedInputException e) {
        return String.join(".", e.getPath().stream()
                .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]").toList());
    }

    /** Progress notifications for the request, when the client asked for them with a progress token. */
    static Progress progress(McpSyncServerExchange exchange, McpSchema.CallToolRequest request) {
        Object token = request.meta() == null ? null : request.meta().get("progressToken");
        if (token == null || exchange == null) {
            return Progress.NONE;
        }
        return (done, total, message) -> {
            try {
                exchange.progressNotification(new McpSchema.ProgressNotification(token, (double) done, (double) total, message));
            } catch (RuntimeException e) {
                LOG.debug("progress notification not sent: {}", e.getMessage());
            }
        };
    }
}
