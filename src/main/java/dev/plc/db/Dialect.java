package dev.plc.db;

import java.util.Locale;
import java.util.Optional;
import org.jooq.SQLDialect;

/** The SQL dialects the product knows, with the jOOQ dialect used to read and render them. */
public enum Dialect {
    POSTGRESQL("postgresql", SQLDialect.POSTGRES),
    MYSQL("mysql", SQLDialect.MYSQL),
    MARIADB("mariadb", SQLDialect.MARIADB),
    H2("h2", SQLDialect.H2),
    SQLITE("sqlite", SQLDialect.SQLITE);

    private final String id;
    private final SQLDialect jooq;

    Dialect(String id, SQLDialect jooq) {
        this.id = id;
        this.jooq = jooq;
    }

    /** The stable lower-case id used in results (postgresql, mysql, mariadb, h2, sqlite). */
    public String id() {
        return id;
    }

    public SQLDialect jooq() {
        return jooq;
    }

    public boolean isMysqlFamily() {
        return this == MYSQL || this == MARIADB;
    }

    public static Optional<Dialect> fromId(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String key = id.toLowerCase(Locale.ROOT);
        if (key.equals("postgres") || key.equals("pg")) {
            return Optional.of(POSTGRESQL);
        }
        for (Dialect d : values()) {
            if (d.id.equals(key)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /** The dialect of a JDBC URL, if it is one we speak. */
    public static Optional<Dialect> fromJdbcUrl(String url) {
        if (url == null || !url.startsWith("jdbc:")) {
            return Optional.empty();
        }
        String rest = url.substring(5);
        int colon = rest.indexOf(':');
        return colon < 0 ? Optional.empty() : fromId(rest.substring(0, colon));
    }
}
