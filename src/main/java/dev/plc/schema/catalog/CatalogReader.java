package dev.plc.schema.catalog;

import dev.plc.db.Dialect;
import java.sql.Connection;
import java.sql.SQLException;

/** Reads a {@link Catalog} from a live connection: a few catalog queries, no per-table JDBC metadata calls. */
public interface CatalogReader {

    Catalog read(Connection connection) throws SQLException;

    static CatalogReader of(Dialect dialect) {
        return switch (dialect) {
            case POSTGRESQL -> new PostgresCatalogReader();
            case MARIADB, MYSQL -> new MysqlCatalogReader();
            default -> throw new IllegalArgumentException("no catalog reader for " + dialect.id());
        };
    }
}
