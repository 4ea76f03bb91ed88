package dev.plc.plan;

import dev.plc.plan.impact.SchemaReference;
import dev.plc.schema.catalog.Effect;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What a change touches, for the code that uses it: the references impact looks for, and the tables N+1 hints are read for. */
final class ChangeReferences {

    private ChangeReferences() {
    }

    /** What code may break on: columns and tables a statement as written renamed, retyped or dropped. */
    static List<SchemaReference> of(EffectProbe.Result asWritten) {
        Set<SchemaReference> refs = new LinkedHashSet<>();
        for (StatementEffect se : asWritten.statements()) {
            for (Effect e : se.effects()) {
                switch (e.kind()) {
                    case COLUMN_DROPPED, COLUMN_RENAMED, COLUMN_TYPE_CHANGED -> refs.add(new SchemaReference(e.relation(), e.name(), e.kind().words()));
                    case RELATION_DROPPED, RELATION_RENAMED -> refs.add(new SchemaReference(e.relation() != null ? e.relation() : e.name(), null,
                            e.kind().words()));
                    default -> {
                    }
                }
            }
        }
        return List.copyOf(refs);
    }

    /** What code may break on: the tables and columns each operation renames, retypes, drops or constrains. */
    static List<SchemaReference> of(List<Operation> operations) {
        Set<SchemaReference> refs = new LinkedHashSet<>();
        for (Operation op : operations) {
            switch (op.kind()) {
                case SQL -> {
                    // read from the statement's effects (see of(EffectProbe.Result))
                }
                case CREATE_TABLE, ADD_INDEX, DROP_INDEX, ADD_CHECK, ADD_UNIQUE, ADD_FOREIGN_KEY, DROP_FOREIGN_KEY, DROP_CONSTRAINT -> {
                    // no code reads an index or a constraint by name; unique/check/fk add failure modes, noted in app_code
                }
                case DROP_TABLE, RENAME_TABLE -> refs.add(new SchemaReference(op.table(), null, op.kind().id()));
                case ADD_COLUMN -> {
                    if (!op.isNullable() && op.defaultValue() == null) {
                        refs.add(new SchemaReference(op.table(), null, "add_column (NOT NULL: every insert must set " + op.column() + ")"));
                    }
                }
                default -> refs.add(new SchemaReference(op.table(), op.column(), op.kind().id()));
            }
        }
        return List.copyOf(refs);
    }

    /** The tables the change works on: each operation's, and each relation the statements as written changed. */
    static Set<String> tables(List<Operation> operations, EffectProbe.Result asWritten) {
        Set<String> tables = new LinkedHashSet<>();
        operations.stream().map(Operation::table).filter(java.util.Objects::nonNull).forEach(tables::add);
        if (asWritten != null) {
            for (StatementEffect se : asWritten.statements()) {
                for (Effect e : se.effects()) {
                    if (e.relation() != null) {
                        tables.add(e.relation());
                    } else if (e.name() != null && e.kind().name().startsWith("RELATION_")) {
                        tables.add(e.name());
                    }
                }
            }
        }
        return tables;
    }
}
