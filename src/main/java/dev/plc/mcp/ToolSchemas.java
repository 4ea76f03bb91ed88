package dev.plc.mcp;

import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import com.github.victools.jsonschema.module.jackson.JacksonOption;
import dev.plc.db.ScratchDatabases;
import dev.plc.json.Json;
import dev.plc.plan.PlanStore;
import dev.plc.telemetry.TelemetryLog;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.TypeRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON Schemas of tool arguments and results, generated from the records the services use, so a schema
 * cannot drift from the code. Argument schemas forbid unknown properties, like the argument parser does.
 *
 * <p>Generating them takes victools, classmate and a lot of reflection: most of the server's start. So the build
 * generates them once ({@link #main}, in the process-classes phase, into {@value #RESOURCE}) and the server reads
 * that file; the generator only runs when the file is missing or lacks a type (a build without that step).
 * {@code ToolSchemasTest} proves the file equals a fresh generation, {@code ToolSnapshotsTest} that it is what
 * was reviewed.
 */
public final class ToolSchemas {

    /** Where the build puts the generated schemas, by {@code input:} / {@code output:} and the record's class name. */
    static final String RESOURCE = "/plc/tool-schemas.json";

    private static final Map<String, Map<String, Object>> PRECOMPUTED = load();
    /** Every type asked for, in order: what {@link #main} writes. */
    private static final Map<String, Class<?>> ASKED = Collections.synchronizedMap(new LinkedHashMap<>());

    private ToolSchemas() {
    }

    /** Reads the build's file now (class initialisation), e.g. on another thread than the one that needs it. */
    static void preload() {
        // the static initialiser did the work
    }

    static Map<String, Object> input(Class<?> type) {
        return schema("input", type);
    }

    static Map<String, Object> output(Class<?> type) {
        return schema("output", type);
    }

    private static Map<String, Object> schema(String kind, Class<?> type) {
        String key = kind + ":" + type.getName();
        ASKED.put(key, type);
        Map<String, Object> stored = PRECOMPUTED.get(key);
        if (stored != null) {
            // a fresh copy per call: callers may keep or change it, the stored one stays as built
            return deepCopy(stored);
        }
        return generate(kind, type);
    }

    /** Generates a schema from the record with victools (loaded only here). */
    static Map<String, Object> generate(String kind, Class<?> type) {
        ObjectNode schema = (kind.equals("input") ? Generators.INPUTS : Generators.OUTPUTS).generateSchema(type);
        schema.remove("$schema");
        return Json.MAPPER.convertValue(schema, new TypeReference<Map<String, Object>>() { });
    }

    private static Map<String, Map<String, Object>> load() {
        try (InputStream in = ToolSchemas.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return Map.of();
            }
            // the SDK's mapper: it is loaded anyway, a second mapper would cost its own start
            return McpJsonDefaults.getMapper().readValue(in.readAllBytes(), new TypeRef<Map<String, Map<String, Object>>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE + " from the jar: rebuild it with mvn package", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T deepCopy(T value) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, deepCopy(v)));
            return (T) copy;
        }
        if (value instanceof java.util.List<?> list) {
            return (T) list.stream().map(ToolSchemas::deepCopy).collect(java.util.stream.Collectors.toCollection(java.util.ArrayList::new));
        }
        return value;
    }

    /** Every tool's schemas, generated now: what the build writes to {@value #RESOURCE}. */
    static Map<String, Map<String, Object>> generateAll() {
        PlcServer.tools(Path.of("."), ScratchDatabases.fromEnvironment(), new PlanStore(), TelemetryLog.fromEnvironment("build"))
                .forEach(McpTool::specification);
        Map<String, Map<String, Object>> all = new LinkedHashMap<>();
        synchronized (ASKED) {
            ASKED.forEach((key, type) -> all.put(key, generate(key.substring(0, key.indexOf(':')), type)));
        }
        return all;
    }

    /** The build's step: {@code ToolSchemas <output file>} writes every tool's schemas there. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: ToolSchemas <output file>");
        }
        Path out = Path.of(args[0]);
        Files.createDirectories(out.toAbsolutePath().getParent());
        // entries in generation order, so the server lists the same bytes as when it generated them itself
        Files.writeString(out, Json.MAPPER.writer().without(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).writeValueAsString(generateAll()));
    }

    /** victools generators, in their own class so that reading the build's file never loads victools. */
    private static final class Generators {
        static final SchemaGenerator INPUTS = generator(true);
        static final SchemaGenerator OUTPUTS = generator(false);

        private static SchemaGenerator generator(boolean strict) {
            SchemaGeneratorConfigBuilder builder = new SchemaGeneratorConfigBuilder(Json.MAPPER, SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
                    .with(new JacksonModule(JacksonOption.RESPECT_JSONPROPERTY_REQUIRED, JacksonOption.FLATTENED_ENUMS_FROM_JSONVALUE))
                    .with(Option.DEFINITIONS_FOR_ALL_OBJECTS)
                    .without(Option.SCHEMA_VERSION_INDICATOR);
            if (strict) {
                builder.with(Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT);
                // an argument whose description says "(default true)" / "(default 120)" carries it as its schema's
                // default, so a client's form (the Inspector's) shows the value the server uses when it is left out
                builder.forFields().withDefaultResolver(field -> {
                    var description = field.getAnnotationConsideringFieldAndGetter(com.fasterxml.jackson.annotation.JsonPropertyDescription.class);
                    return description == null ? null : defaultOf(description.value(), field.getType().getErasedType());
                });
            }
            builder.forFields().withPropertyNameOverrideResolver(field -> snakeCase(field.getDeclaredName()));
            return new SchemaGenerator(builder.build());
        }
    }

    private static final java.util.regex.Pattern DEFAULT = java.util.regex.Pattern.compile("\\(default (true|false|\\d+)\\)");

    /** The typed default a description states as "(default true)" or "(default 120)"; null when it states none or another kind. */
    static Object defaultOf(String description, Class<?> type) {
        java.util.regex.Matcher m = DEFAULT.matcher(description);
        if (!m.find()) {
            return null;
        }
        String value = m.group(1);
        if (type == Boolean.class || type == boolean.class) {
            return value.equals("true") || value.equals("false") ? Boolean.valueOf(value) : null;
        }
        if ((type == Integer.class || type == int.class) && Character.isDigit(value.charAt(0))) {
            return Integer.valueOf(value);
        }
        return null;
    }

    static String snakeCase(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
