package dev.plc.sql;

/**
 * A modifier that changes how a statement (or one ALTER TABLE action) runs or what it touches. The
 * reader records them instead of failing on them: {@code CREATE OR REPLACE TEMP VIEW} is a VIEW
 * with {@link #OR_REPLACE} and {@link #TEMPORARY}.
 */
public enum Flag {
    /** CREATE/DROP INDEX, REINDEX, REFRESH MATERIALIZED VIEW, DETACH PARTITION ... CONCURRENTLY (PostgreSQL). */
    CONCURRENTLY,
    IF_EXISTS,
    IF_NOT_EXISTS,
    /** PostgreSQL {@code ONLY t}: not the table's inheritance children or partitions. */
    ONLY,
    CASCADE,
    RESTRICT,
    /** ADD CONSTRAINT ... NOT VALID: existing rows are not checked now (PostgreSQL). */
    NOT_VALID,
    /** ADD CONSTRAINT ... USING INDEX idx: the constraint takes over an index built beforehand. */
    USING_INDEX,
    UNIQUE,
    FULLTEXT,
    SPATIAL,
    OR_REPLACE,
    TEMPORARY,
    UNLOGGED,
    RECURSIVE,
    /** CREATE CONSTRAINT TRIGGER (PostgreSQL). */
    CONSTRAINT_TRIGGER,
    /** MySQL {@code DEFINER = user} on a view, routine, trigger or event. */
    DEFINER,
    /** DETACH PARTITION ... FINALIZE (PostgreSQL 14+), completing an interrupted concurrent detach. */
    FINALIZE,
    /** MariaDB {@code ALTER ONLINE TABLE} / {@code CREATE ONLINE INDEX}: fails instead of locking. */
    ONLINE,
    /** MySQL {@code ALTER IGNORE TABLE}, {@code INSERT IGNORE}, {@code UPDATE IGNORE}. */
    IGNORE,
    /** REFRESH MATERIALIZED VIEW / CREATE TABLE AS ... WITH NO DATA. */
    WITH_NO_DATA,
    /** MariaDB {@code SET STATEMENT var = value FOR <statement>}: the kind is that of the inner statement. */
    SET_STATEMENT
}
