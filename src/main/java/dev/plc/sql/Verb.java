package dev.plc.sql;

/**
 * What a statement does, read from its first word(s). PostgreSQL's {@code END} and {@code ABORT}
 * read as {@link #COMMIT} and {@link #ROLLBACK}; {@code TABLE t} and {@code VALUES ...} as
 * {@link #SELECT}; MySQL's {@code DESCRIBE}/{@code DESC} as {@link #EXPLAIN}; {@link #DELIMITER}
 * is the mysql client's command, which never reaches a server.
 */
public enum Verb {
    CREATE, ALTER, DROP, RENAME, COMMENT, GRANT, REVOKE, TRUNCATE,
    INSERT, UPDATE, DELETE, MERGE, REPLACE, SELECT, WITH,
    SET, RESET, SHOW, DO, CALL,
    BEGIN, START_TRANSACTION, COMMIT, ROLLBACK, SAVEPOINT, RELEASE,
    LOCK, UNLOCK,
    VACUUM, ANALYZE, CLUSTER, REINDEX, REFRESH, OPTIMIZE,
    COPY, EXPLAIN, USE, DELIMITER, OTHER
}
