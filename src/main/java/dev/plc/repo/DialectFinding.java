package dev.plc.repo;

import java.util.List;

/**
 * The SQL dialect of the repository's database.
 *
 * @param name       postgresql, mysql, mariadb, h2, sqlite, sqlserver, oracle, or unknown
 * @param confidence high (a JDBC URL / configured datasource says so), medium (a driver or an image),
 *                   low (indirect hints), none (unknown)
 * @param evidence   what points to it, strongest first
 * @param others     other dialects also seen (e.g. H2 used by tests next to PostgreSQL in production)
 */
public record DialectFinding(String name, String confidence, List<Evidence> evidence, List<String> others) {

    public static DialectFinding unknown() {
        return new DialectFinding("unknown", "none", List.of(), List.of());
    }
}
