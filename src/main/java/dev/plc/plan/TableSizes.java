package dev.plc.plan;

import dev.plc.core.PlcException;
import dev.plc.db.DatabaseErrors;
import dev.plc.db.DatabaseServer;
import dev.plc.db.Dialect;
import dev.plc.db.Secrets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/** Row estimates from a live database's statistics, read-only: they decide how careful a plan must be. */
final class TableSizes {

    private TableSizes() {
    }

    static Map<String, Long> read(String url) {
        DatabaseServer server;
        try {
            server = DatabaseServer.parse(url, "live");
        } catch (IllegalArgumentException e) {
            throw PlcException.invalid("database_url: " + e.getMessage());
        }
        String sql = server.dialect() == Dialect.POSTGRESQL
                ? "SELECT c.relname, greatest(c.reltuples, 0)::bigint FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                        + "WHERE c.relkind IN ('r', 'p') AND n.nspname = current_schema()"
                : "SELECT TABLE_NAME, TABLE_ROWS FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE'";
        Map<String, Long> sizes = new HashMap<>();
        try (Connection c = server.connect(server.adminUrl(), 5)) {
            c.setReadOnly(true);
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    sizes.put(rs.getString(1), rs.getLong(2));
                }
            }
        } catch (SQLException e) {
            throw new PlcException(PlcException.Code.UNAVAILABLE, "could not read table sizes from " + server.scrub(url) + ": "
                    + server.scrub(DatabaseErrors.describe(e)), e);
        }
        return sizes;
    }
}
