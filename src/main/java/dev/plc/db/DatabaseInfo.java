package dev.plc.db;

/**
 * Which database a tool used.
 *
 * @param dialect       the dialect of the engine that ran the SQL (postgresql, mariadb, h2, ...)
 * @param version       the engine's version as it reports it
 * @param kind          {@code server} (a server named in the call or configuration), {@code local-server}
 *                      (found on the standard port), {@code embedded-engine} (a real engine started by us),
 *                      {@code embedded} (H2/SQLite in process), or {@code live} (a database the caller named, read-only)
 * @param approximation true when the engine is not the repo's real dialect (e.g. H2 in PostgreSQL mode)
 * @param target        the repo's dialect that the engine stands for
 * @param location      where it ran, with any password redacted
 * @param note          why this engine was chosen, and what that means for the result
 */
public record DatabaseInfo(
        String dialect,
        String version,
        String kind,
        boolean approximation,
        String target,
        String location,
        String note) {

    public DatabaseInfo withLocation(String value) {
        return new DatabaseInfo(dialect, version, kind, approximation, target, value, note);
    }
}
