package dev.plc.sql;

import dev.plc.db.Dialect;
import java.util.List;

/**
 * The one way to read SQL text in this product: splits a script into statements exactly where its
 * client would (psql, the mysql client) and names each statement's kind and targets
 * ({@link SqlStatement#kind()}). It is not a grammar and never throws: what it cannot understand
 * still becomes a statement, of verb {@link Verb#OTHER} if need be. What a statement did to the
 * schema is read from the catalog before and after it, not from here.
 */
public final class SqlReader {

    private SqlReader() {
    }

    /**
     * The statements of {@code sql}, in order. Unlike {@link SqlScript#split(String, Dialect)}, the
     * mysql client's {@code DELIMITER} commands are kept, as statements of verb
     * {@link Verb#DELIMITER} (never send them to a server: {@link SqlStatement#isClientCommand()}).
     *
     * @param dialect the server's dialect; null reads a script of unknown dialect (no MySQL-only syntax)
     */
    public static List<SqlStatement> read(String sql, Dialect dialect) {
        return SqlScript.read(sql, dialect, true);
    }
}
