package dev.plc.schema.catalog;

/**
 * One thing a statement did, read from the catalog before and after it.
 *
 * @param kind     what happened
 * @param relation the table/view it happened to (for COLUMN_*, CONSTRAINT_*, INDEX_*, TRIGGER_* and RELATION_*), else null
 * @param name     the object's name before (column, constraint, index, trigger, type, sequence, routine, schema, extension)
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
