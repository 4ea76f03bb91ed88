package dev.plc.schema.catalog;

import java.sql.Connection;
import java.sql.SQLException;

final class PostgresCatalogReader implements CatalogReader {

    @Override
    public Catalog read(Connection connection) throws SQLException {
        throw new UnsupportedOperationException("not yet written");
    }
}
