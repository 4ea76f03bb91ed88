package dev.plc.plan.impact;

/**
 * A place in the repository's code that references a table or column a planned change touches.
 *
 * @param file   repo-relative path, forward slashes
 * @param line   1-based line
 * @param kind   sql-string, sql-file, mybatis-xml, jooq-generated, jooq-dsl, jpa-entity, spring-data or orm-model
 * @param table  the referenced table, as given in the {@link SchemaReference}
 * @param column the referenced column, null for a whole-table reference
 * @param reason what the code does with it and what it must do about the change
 * @param text   the line, stripped (shortened when very long)
 */
public record ImpactedCode(String file, int line, String kind, String table, String column, String reason, String text) {

    private static final int MAX_TEXT = 200;

    public ImpactedCode {
        if (text != null) {
            text = text.strip();
            if (text.length() > MAX_TEXT) {
                text = text.substring(0, MAX_TEXT) + "...";
            }
        }
    }

    @Override
    public String toString() {
        return file + ":" + line + " [" + kind + "] " + (column == null ? table : table + "." + column);
    }
}
