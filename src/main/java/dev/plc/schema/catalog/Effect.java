package dev.plc.schema.catalog;

/**
 * One thing a statement did, read from the catalog before and after it.
 *
 * <p>Names are the names after the change (a column changed by the statement that also renamed its table is reported
 * on the new table name), except in *_RENAMED (name is the old name, newName the new) and *_DROPPED / *_REMOVED (the
 * name it had). A relation outside the current schema is named schema.name.
 *
 * @param kind     what happened
 * @param relation the table/view it happened to (for RELATION_*, VIEW_*, PARTITION_*, COLUMN_*, CONSTRAINT_*, INDEX_*,
 *                 TRIGGER_*), else null
 * @param name     the object's name (column, constraint, index, trigger, type, sequence, routine signature, schema,
 *                 extension); for RELATION_* null; for ENUM_VALUE_* the type
 * @param newName  the name after a rename, else null
 * @param before   the definition before, as the catalog renders it (type, default, constraint definition...), else null
 * @param after    the definition after, else null
 */
public record Effect(EffectKind kind, String relation, String name, String newName, String before, String after) {

    /** A short human rendering: "column users.email renamed to login". */
    public String describe() {
        StringBuilder sb = new StringBuilder(kind.words());
        if (relation != null) {
            sb.append(' ').append(relation);
            if (name != null) {
                sb.append('.').append(name);
            }
        } else if (name != null) {
            sb.append(' ').append(name);
        }
        if (newName != null) {
            sb.append(" -> ").append(newName);
        }
        if (before != null || after != null) {
            sb.append(" (").append(before == null ? "none" : before).append(" -> ").append(after == null ? "none" : after).append(')');
        }
        return sb.toString();
    }
}
