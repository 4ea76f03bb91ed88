package dev.plc.schema.catalog;

import dev.plc.db.Dialect;
import dev.plc.db.ScratchDatabase;
import java.sql.Connection;
import java.sql.SQLException;

/** Reads a {@link Catalog} from a live connection: a few catalog queries, no per-table JDBC metadata calls. */
public interface CatalogReader {

    Catalog read(Connection connection) throws SQLException;

    /** The catalog of {@code db}, on a connection of its own. */
    static Catalog read(ScratchDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            return of(db.dialect()).read(c);
        }
    }

    /** Whether a catalog reader exists for the dialect (PostgreSQL, MariaDB/MySQL; not H2 or SQLite). */
    static boolean supports(Dialect dialect) {
        return dialect == Dialect.POSTGRESQL || dialect.isMysqlFamily();
    }

    static CatalogReader of(Dialect dialect) {
        return switch (dialect) {
            case POSTGRESQL -> new PostgresCatalogReader();
            case MARIADB, MYSQL -> new MysqlCatalogReader();
            default -> throw new IllegalArgumentException("no catalog reader for " + dialect.id());
        };
    }
}
