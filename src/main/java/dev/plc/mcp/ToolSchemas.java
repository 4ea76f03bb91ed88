package dev.plc.mcp;

import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import com.github.victools.jsonschema.module.jackson.JacksonOption;
import dev.plc.json.Json;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON Schemas of tool arguments and results, generated from the records the services use, so a schema
 * cannot drift from the code. Argument schemas forbid unknown properties, like the argument parser does.
 */
final class ToolSchemas {

    private static final SchemaGenerator INPUTS = generator(true);
    private static final SchemaGenerator OUTPUTS = generator(false);

    private ToolSchemas() {
    }

    static Map<String, Object> input(Class<?> type) {
        return toMap(INPUTS.generateSchema(type));
    }

    static Map<String, Object> output(Class<?> type) {
        return toMap(OUTPUTS.generateSchema(type));
    }

    private static Map<String, Object> toMap(ObjectNode schema) {
        schema.remove("$schema");
        return Json.MAPPER.convertValue(schema, new TypeReference<Map<String, Object>>() { });
    }

    private static SchemaGenerator generator(boolean strict) {
        SchemaGeneratorConfigBuilder builder = new SchemaGeneratorConfigBuilder(Json.MAPPER, SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
                .with(new JacksonModule(JacksonOption.RESPECT_JSONPROPERTY_REQUIRED))
                .with(Option.DEFINITIONS_FOR_ALL_OBJECTS)
                .without(Option.SCHEMA_VERSION_INDICATOR);
        if (strict) {
            builder.with(Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT);
        }
        builder.forFields().withPropertyNameOverrideResolver(field -> snakeCase(field.getDeclaredName()));
        return new SchemaGenerator(builder.build());
    }

    static String snakeCase(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
