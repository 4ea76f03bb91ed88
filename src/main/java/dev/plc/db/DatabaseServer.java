package dev.plc.db;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PostgreSQL or MariaDB/MySQL server in which scratch databases are created. The URL names a database
 * that is only used to run CREATE DATABASE / DROP DATABASE for scratch databases; nothing else is
 * written to it.
 *
 * @param dialect  the server's dialect (postgresql, mariadb or mysql)
 * @param adminUrl a JDBC URL (without user/password parameters)
 * @param user     may be null
 * @param password may be null
 * @param kind     {@code server} (named by the call or PLC_* configuration) or {@code local-server}
 */
public record DatabaseServer(Dialect dialect, String adminUrl, String user, String password, String kind) {

    private static final Pattern JDBC = Pattern.compile("^jdbc:(postgresql|mysql|mariadb)://([^/?]*)(/[^?]*)?(\\?.*)?$");

    /**
     * Reads a server URL: a JDBC URL ({@code jdbc:postgresql://host:5432/postgres?user=u&password=p}) or a
     * libpq/mysql style URL ({@code postgresql://u:p@host:5432/postgres}, {@code mariadb://root@host/}).
     */
    public static DatabaseServer parse(String url, String kind) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("empty database URL");
        }
        String jdbc = url.startsWith("jdbc:") ? url : toJdbc(url);
        Matcher m = JDBC.matcher(jdbc);
        if (!m.matches()) {
            throw new IllegalArgumentException("unsupported database URL '" + Secrets.redact(url)
                    + "': expected jdbc:postgresql://host:port/db, jdbc:mariadb://host:port/db or jdbc:mysql://host:port/db");
        }
        Dialect dialect = Dialect.fromId(m.group(1)).orElseThrow();
        String user = null;
        String password = null;
        StringBuilder query = new StringBuilder();
        if (m.group(4) != null) {
            for (String param : m.group(4).substring(1).split("&")) {
                int eq = param.indexOf('=');
                String key = eq < 0 ? param : param.substring(0, eq);
                String value = eq < 0 ? "" : java.net.URLDecoder.decode(param.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
                switch (key.toLowerCase(Locale.ROOT)) {
                    case "user" -> user = value;
                    case "password" -> password = value;
                    default -> query.append(query.length() == 0 ? "?" : "&").append(param);
                }
            }
        }
        String path = m.group(3) == null ? "/" : m.group(3);
        String admin = "jdbc:" + m.group(1) + "://" + m.group(2) + path + query;
        return new DatabaseServer(dialect, admin, user, password, kind);
    }

    private static String toJdbc(String url) {
        URI uri = URI.create(url);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String sub = switch (scheme) {
            case "postgres", "postgresql" -> "postgresql";
            case "mysql" -> "mysql";
            case "mariadb" -> "mariadb";
            default -> throw new IllegalArgumentException("unsupported database URL scheme '" + scheme
                    + "': use a JDBC URL (jdbc:postgresql://..., jdbc:mariadb://...) or postgresql:// / mariadb:// / mysql://");
        };
        StringBuilder out = new StringBuilder("jdbc:").append(sub).append("://").append(uri.getHost());
        if (uri.getPort() > 0) {
            out.append(':').append(uri.getPort());
        }
        out.append(uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath());
        String sep = "?";
        if (uri.getRawQuery() != null) {
            out.append('?').append(uri.getRawQuery());
            sep = "&";
        }
        String info = uri.getRawUserInfo();
        if (info != null) {
            int colon = info.indexOf(':');
            out.append(sep).append("user=").append(colon < 0 ? info : info.substring(0, colon));
            if (colon >= 0) {
                out.append("&password=").append(info.substring(colon + 1));
            }
        }
        return out.toString();
    }

    /** The same server, another database on it. */
    public String urlFor(String database) {
        Matcher m = JDBC.matcher(adminUrl);
        if (!m.matches()) {
            throw new IllegalStateException("not a server URL: " + Secrets.redact(adminUrl));
        }
        return "jdbc:" + m.group(1) + "://" + m.group(2) + "/" + database + (m.group(4) == null ? "" : m.group(4));
    }

    /** The admin URL with any password hidden. */
    public String describe() {
        return Secrets.redact(adminUrl) + (user == null ? "" : " as " + user);
    }

    public Connection connect(String url, int connectTimeoutSeconds) throws SQLException {
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        if (dialect == Dialect.POSTGRESQL) {
            props.setProperty("connectTimeout", Integer.toString(connectTimeoutSeconds));
        } else {
            props.setProperty("connectTimeout", Integer.toString(connectTimeoutSeconds * 1000));
        }
        return DriverManager.getConnection(url, props);
    }

    /** Whether the server answers right now (short timeout). */
    public Optional<String> unreachableReason() {
        try (Connection c = connect(adminUrl, 2)) {
            return Optional.empty();
        } catch (SQLException e) {
            return Optional.of(Secrets.redact(String.valueOf(e.getMessage())));
        }
    }

    void createDatabase(String name) throws SQLException {
        try (Connection c = connect(adminUrl, 5); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + quote(name));
        }
    }

    /**
     * PostgreSQL: a new database cloned from {@code template}. CREATE DATABASE ... TEMPLATE fails while any session is
     * connected to the template; the template is a scratch database of ours, so a session left on it (a pool, a driver
     * closing late) is ended and the copy tried again.
     */
    void createDatabaseFrom(String name, String template) throws SQLException {
        if (!template.startsWith(ScratchDatabases.PREFIX)) {
            throw new IllegalStateException("refusing to copy a database this tool did not create: " + template);
        }
        try (Connection c = connect(adminUrl, 5); Statement s = c.createStatement()) {
            for (int attempt = 1; ; attempt++) {
                try {
                    s.execute("CREATE DATABASE " + quote(name) + " TEMPLATE " + quote(template));
                    return;
                } catch (SQLException e) {
                    // 55006 object_in_use: "source database ... is being accessed by other users"
                    if (!"55006".equals(e.getSQLState()) || attempt == 5) {
                        throw e;
                    }
                    s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + template + "' AND pid <> pg_backend_pid()");
                    try {
                        Thread.sleep(20L * attempt);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        throw e;
                    }
                }
            }
        }
    }

    void dropDatabase(String name) throws SQLException {
        if (!name.startsWith(ScratchDatabases.PREFIX)) {
            throw new IllegalStateException("refusing to drop a database this tool did not create: " + name);
        }
        try (Connection c = connect(adminUrl, 5); Statement s = c.createStatement()) {
            if (dialect == Dialect.POSTGRESQL) {
                // PG13+: FORCE ends the sessions a failed migration may have left (e.g. a pool, or a timed-out apply)
                try {
                    s.execute("DROP DATABASE IF EXISTS " + quote(name) + " WITH (FORCE)");
                } catch (SQLException olderServer) {
                    s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
                    s.execute("DROP DATABASE IF EXISTS " + quote(name));
                }
            } else {
                s.execute("DROP DATABASE IF EXISTS " + quote(name));
            }
        }
    }

    private String quote(String name) {
        return dialect == Dialect.POSTGRESQL ? "\"" + name + "\"" : "`" + name + "`";
    }
}
