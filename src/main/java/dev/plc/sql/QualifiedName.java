package dev.plc.sql;

import dev.plc.db.Dialect;
import java.util.Locale;

/**
 * A possibly schema-qualified object name, folded the way the server folds it, so that it compares
 * equal to what the catalog says: PostgreSQL folds unquoted names to lower case and keeps quoted
 * ones ("Identifiers and Key Words"); MySQL and MariaDB keep names as written (whether table names
 * compare case-insensitively is a server setting, lower_case_table_names, that a script cannot
 * know). {@code schema} is null when the name is not qualified; of a three-part name
 * ({@code db.schema.table}) the last two parts are kept.
 */
public record QualifiedName(String schema, String name) {

    public static QualifiedName of(String name) {
        return new QualifiedName(null, name);
    }

    /** {@code schema.name}, or {@code name}. */
    @Override
    public String toString() {
        return schema == null ? name : schema + "." + name;
    }

    /** How the server of {@code dialect} reads the name token {@code t}. */
    static String fold(Token t, Dialect dialect) {
        if (t.kind() == Token.Kind.STRING) { // MySQL accounts: 'app'@'%'
            String w = t.word();
            return w.length() >= 2 && w.endsWith("'") ? w.substring(1, w.length() - 1).replace("''", "'") : w;
        }
        if (t.kind() != Token.Kind.WORD) {
            return t.word();
        }
        if (dialect == Dialect.POSTGRESQL) {
            return t.word().toLowerCase(Locale.ROOT);
        }
        if (dialect == Dialect.H2) {
            return t.word().toUpperCase(Locale.ROOT);
        }
        return t.word();
    }
}
