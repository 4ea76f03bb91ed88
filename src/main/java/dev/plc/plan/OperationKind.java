package dev.plc.plan;

import dev.plc.core.PlcException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The operations plan_change understands, with the fields each one needs. */
public enum OperationKind {
    CREATE_TABLE("table", "column_defs"),
    DROP_TABLE("table"),
    RENAME_TABLE("table", "new_name"),
    ADD_COLUMN("table", "column", "type"),
    DROP_COLUMN("table", "column"),
    RENAME_COLUMN("table", "column", "new_name"),
    ALTER_COLUMN_TYPE("table", "column", "type"),
    SET_NOT_NULL("table", "column"),
    DROP_NOT_NULL("table", "column"),
    SET_DEFAULT("table", "column", "default_value"),
    DROP_DEFAULT("table", "column"),
    ADD_INDEX("table", "columns"),
    DROP_INDEX("name"),
    ADD_FOREIGN_KEY("table", "columns", "references_table"),
    DROP_FOREIGN_KEY("table", "name"),
    ADD_UNIQUE("table", "columns"),
    ADD_CHECK("table", "condition"),
    DROP_CONSTRAINT("table", "name"),
    /** Any statement the planners do not stage specially: planned as written, classified from its effect. */
    SQL("statement");

    private final List<String> required;

    OperationKind(String... required) {
        this.required = List.of(required);
    }

    /** The snake_case fields the op cannot do without. */
    public List<String> required() {
        return required;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OperationKind of(String op) {
        if (op == null || op.isBlank()) {
            throw PlcException.invalid("an operation has no 'op'; use one of: " + allIds());
        }
        try {
            return valueOf(op.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw PlcException.invalid("unknown op '" + op + "'; use one of: " + allIds());
        }
    }

    static String allIds() {
        return String.join(", ", Arrays.stream(values()).map(OperationKind::id).toList());
    }
}
