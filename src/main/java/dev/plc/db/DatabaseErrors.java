package dev.plc.db;

import java.sql.SQLException;
import java.util.regex.Pattern;

/**
 * Error text for results: the database's own message and SQLSTATE, never a Java class name, a stack trace or a
 * password. Agents act on "relation "orders" does not exist (SQLSTATE 42P01)"; "org.flywaydb...Exception:" tells them
 * nothing.
 */
public final class DatabaseErrors {

    // "java.sql.SQLException: ", "org.flywaydb.core.api.FlywayException: ", "Caused by: org.postgresql.util.PSQLException: "
    private static final Pattern CLASS_NAME = Pattern.compile("(?:Caused by:\\s*)?\\b(?:[a-z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error)\\b:?\\s*");
    // Flyway's boxed detail block: a line of dashes, then "SQL State  : ...", "Error Code : ...", "Message    : ..."
    private static final Pattern FLYWAY_BOX = Pattern.compile("(?s)\\s*-{5,}\\s*\\n.*$");

    private DatabaseErrors() {
    }

    /** The database's message for {@code error}: the innermost SQLException's text and SQLSTATE, else the error's own message. */
    public static String describe(Throwable error) {
        SQLException sql = innermostSql(error);
        if (sql != null) {
            return describe(sql);
        }
        String message = error == null ? null : error.getMessage();
        return message == null || message.isBlank() ? "unknown error" : clean(message);
    }

    /** "text (SQLSTATE xxxxx)". */
    public static String describe(SQLException sql) {
        String text = sql.getMessage() == null ? "unknown database error" : clean(sql.getMessage());
        String state = sql.getSQLState();
        return state == null || state.isBlank() || text.contains("SQLSTATE " + state) ? text : text + " (SQLSTATE " + state + ")";
    }

    /** {@code message} without Java class names or Flyway's detail box, redacted. */
    public static String clean(String message) {
        if (message == null) {
            return null;
        }
        String out = FLYWAY_BOX.matcher(message).replaceFirst("");
        out = CLASS_NAME.matcher(out).replaceAll("");
        return Secrets.redact(out.strip());
    }

    /** Whether {@code error} carries a name of a Java exception class (what {@link #clean} removes). */
    public static boolean hasClassName(String message) {
        return message != null && CLASS_NAME.matcher(message).find();
    }

    /** The innermost SQLException in {@code error}'s causes (at most 20 deep), or null: the database's own words. */
    public static SQLException innermostSql(Throwable error) {
        SQLException found = null;
        int depth = 0;
        for (Throwable t = error; t != null && depth < 20; t = t.getCause(), depth++) {
            if (t instanceof SQLException sql) {
                found = sql;
            }
        }
        return found;
    }
}
