package dev.plc.repo.dialect;

import java.util.Locale;
import java.util.Optional;

/** Maps the many spellings of a database (URL schemes, driver names, image names, adapters) to one dialect id. */
final class Dialects {

    private Dialects() {
    }

    static Optional<String> of(String token) {
        String t = token.toLowerCase(Locale.ROOT);
        // mariadb first: "mariadb" must never fall into the mysql bucket
        if (t.contains("mariadb")) {
            return Optional.of("mariadb");
        }
        if (t.startsWith("postgres") || t.startsWith("postgis") || t.startsWith("timescale") || t.equals("pg")
                || t.startsWith("psycopg") || t.startsWith("npgsql") || t.equals("pgx") || t.equals("asyncpg")
                || t.equals("pg8000")) {
            return Optional.of("postgresql");
        }
        if (t.startsWith("mysql") || t.equals("trilogy") || t.equals("pymysql") || t.equals("aiomysql") || t.equals("asyncmy")) {
            return Optional.of("mysql");
        }
        if (t.equals("h2")) {
            return Optional.of("h2");
        }
        if (t.contains("sqlite")) {
            return Optional.of("sqlite");
        }
        if (t.contains("sqlserver") || t.contains("mssql") || t.equals("jtds") || t.equals("tiberius")) {
            return Optional.of("sqlserver");
        }
        if (t.startsWith("oracle") || t.startsWith("ojdbc") || t.startsWith("cx_oracle") || t.startsWith("cx-oracle")) {
            return Optional.of("oracle");
        }
        return Optional.empty();
    }
}
