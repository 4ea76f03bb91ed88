package dev.plc.plan.impact;

/**
 * A table or column that a planned change touches.
 *
 * @param table  the table's name, unqualified (a {@code schema.} prefix is dropped)
 * @param column the column's name, or null when the change concerns the whole table
 * @param change what happens to it (rename_column, drop_column, alter_column_type, drop_table, rename_table,
 *               set_not_null, ...); free text, carried into each finding's reason
 */
public record SchemaReference(String table, String column, String change) {

    public SchemaReference {
        if (table == null || table.isBlank()) {
            throw new IllegalArgumentException("a schema reference needs a table name");
        }
        table = unquote(table.strip());
        int dot = table.lastIndexOf('.');
        if (dot >= 0) {
            table = unquote(table.substring(dot + 1));
        }
        column = column == null || column.isBlank() ? null : unquote(column.strip());
        change = change == null || change.isBlank() ? "the change" : change.strip();
    }

    public static SchemaReference table(String table, String change) {
        return new SchemaReference(table, null, change);
    }

    public static SchemaReference column(String table, String column, String change) {
        return new SchemaReference(table, column, change);
    }

    /** {@code orders.status}, or {@code orders} for a whole-table reference. */
    public String qualifiedName() {
        return column == null ? table : table + "." + column;
    }

    /** Whether {@code other} names the same table and column (case aside), whatever change it carries. */
    public boolean sameTarget(SchemaReference other) {
        return table.equalsIgnoreCase(other.table) && (column == null ? other.column == null : column.equalsIgnoreCase(other.column));
    }

    private static String unquote(String name) {
        return name.replaceAll("^[\"`\\[]|[\"`\\]]$", "");
    }
}
