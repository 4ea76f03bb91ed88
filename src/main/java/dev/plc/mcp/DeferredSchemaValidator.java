package dev.plc.mcp;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import java.util.Map;

/**
 * The SDK's JSON Schema validator (networknt, some 250 classes), loaded when the first tool result is checked
 * against its outputSchema instead of while the server starts.
 *
 * <p>The SDK also meta-validates every tool's schemas when the server is built. Ours are fixed when the jar is
 * built (generated from the records, or read from the build's file) and {@code ToolSchemasTest} meta-validates
 * each of them with the same validator, so doing it again on every start only costs time: it is skipped.
 */
final class DeferredSchemaValidator implements JsonSchemaValidator {

    private volatile JsonSchemaValidator delegate;

    @Override
    public ValidationResponse validate(Map<String, Object> schema, Object structuredContent) {
        return delegate().validate(schema, structuredContent);
    }

    @Override
    public ValidationResponse validateSchema(Map<String, Object> schema) {
        return ValidationResponse.asValid(null);
    }

    private JsonSchemaValidator delegate() {
        JsonSchemaValidator d = delegate;
        if (d == null) {
            synchronized (this) {
                d = delegate;
                if (d == null) {
                    d = McpJsonDefaults.getSchemaValidator();
                    delegate = d;
                }
            }
        }
        return d;
    }
}
