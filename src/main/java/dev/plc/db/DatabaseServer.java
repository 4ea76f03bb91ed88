package dev.plc.db;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
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

    /** The admin connection kept per server between calls (see {@link #withAdmin}). */
    private static final Map<DatabaseServer, Connection> ADMIN = new HashMap<>();

    private static final Pattern JDBC = Pattern.compile("^jdbc:(postgresql|mysql|mariadb)://([^/?]*)(/[^?]*)?(\\?.*)?$");

    /**
     * Reads a server URL, in any of the spellings people copy from their config: {@code postgres://},
     * {@code postgresql://}, {@code jdbc:postgresql://}, {@code mysql://}, {@code mariadb://}, {@code jdbc:mysql://},
     * {@code jdbc:mariadb://}; credentials as {@code user:password@host} (percent-encoded) or as {@code ?user=..&password=..}.
     * MySQL URLs are served by the MariaDB driver (MySQL Connector/J is GPL, so it is not shipped): the connection
     * URL is {@code jdbc:mariadb://}, the dialect stays mysql. Error messages never carry the password.
     */
    public static DatabaseServer parse(String url, String kind) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("empty database URL");
        }
        String rest = url.strip();
        if (rest.regionMatches(true, 0, "jdbc:", 0, 5)) {
            rest = rest.substring(5);
        }
        int sep = rest.indexOf("://");
        String scheme = sep < 0 ? "" : rest.substring(0, sep).toLowerCase(Locale.ROOT);
        String sub = switch (scheme) {
            case "postgres", "postgresql" -> "postgresql";
            case "mysql" -> "mysql";
            case "mariadb" -> "mariadb";
            default -> throw new IllegalArgumentException("unsupported database URL '" + Secrets.redact(url) + "': expected "
                    + "postgres://, postgresql://, jdbc:postgresql://, mysql://, mariadb://, jdbc:mysql:// or jdbc:mariadb:// (host:port/db)");
        };
        rest = rest.substring(sep + 3);
        int q = rest.indexOf('?');
        String head = q < 0 ? rest : rest.substring(0, q);
        String query = q < 0 ? "" : rest.substring(q + 1);
        String user = null;
        String password = null;
        // user:password@ ends at the last '@' before the query: an unencoded '@' in a password still works
        int at = head.lastIndexOf('@');
        if (at >= 0) {
            String info = head.substring(0, at);
            head = head.substring(at + 1);
            int colon = info.indexOf(':');
            user = percentDecode(colon < 0 ? info : info.substring(0, colon));
            password = colon < 0 ? null : percentDecode(info.substring(colon + 1));
        }
        int slash = head.indexOf('/');
        String host = slash < 0 ? head : head.substring(0, slash);
        String path = slash < 0 || slash == head.length() - 1 ? "/" : head.substring(slash);
        if (host.isEmpty()) {
            throw new IllegalArgumentException("database URL '" + Secrets.redact(url) + "' names no host");
        }
        StringBuilder kept = new StringBuilder();
        if (!query.isEmpty()) {
            for (String param : query.split("&")) {
                if (param.isEmpty()) {
                    continue;
                }
                int eq = param.indexOf('=');
                String key = eq < 0 ? param : param.substring(0, eq);
                String value = eq < 0 ? "" : java.net.URLDecoder.decode(param.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
                switch (key.toLowerCase(Locale.ROOT)) {
                    case "user" -> user = value;
                    case "password" -> password = value;
                    default -> kept.append(kept.length() == 0 ? "?" : "&").append(param);
                }
            }
        }
        Dialect dialect = Dialect.fromId(sub).orElseThrow();
        String driver = sub.equals("mysql") ? "mariadb" : sub;
        return new DatabaseServer(dialect, "jdbc:" + driver + "://" + host + path + kept, user == null || user.isEmpty() ? null : user, password,
                kind);
    }

    /** %XX sequences only: in user:password@ a '+' is a plus, not a space. */
    private static String percentDecode(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '%' && i + 2 < bytes.length && Character.digit(bytes[i + 1], 16) >= 0 && Character.digit(bytes[i + 2], 16) >= 0) {
                out.write(Character.digit(bytes[i + 1], 16) * 16 + Character.digit(bytes[i + 2], 16));
                i += 2;
            } else {
                out.write(bytes[i]);
            }
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** {@code text} with this server's password removed (as given and percent-encoded), then the usual redaction. */
    public String scrub(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        if (password != null && !password.isEmpty()) {
            out = out.replace(password, "***");
            out = out.replace(java.net.URLEncoder.encode(password, java.nio.charset.StandardCharsets.UTF_8), "***");
        }
        return Secrets.redact(out);
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
        try {
            withAdmin(2, s -> { });
            return Optional.empty();
        } catch (SQLException e) {
            return Optional.of(scrub(DatabaseErrors.describe(e)));
        }
    }

    /** Work on a connection to the admin database. */
    @FunctionalInterface
    private interface AdminWork {
        void run(Statement statement) throws SQLException;
    }

    /**
     * Runs {@code work} on an admin connection of this server: the one kept from the last call when it is still valid
     * (each new connection costs a round of authentication, and a plan creates and drops several scratch databases),
     * else a new one. A connection is taken out of the cache while in use, so calls from several threads each get
     * their own; one that failed is closed, not kept.
     */
    private void withAdmin(int connectTimeoutSeconds, AdminWork work) throws SQLException {
        Connection c;
        synchronized (ADMIN) {
            c = ADMIN.remove(this);
        }
        if (c != null && !isValid(c)) {
            closeQuietly(c);
            c = null;
        }
        if (c == null) {
            c = connect(adminUrl, connectTimeoutSeconds);
        }
        boolean done = false;
        try (Statement s = c.createStatement()) {
            work.run(s);
            done = true;
        } finally {
            Connection kept = c;
            boolean cached = false;
            if (done) {
                synchronized (ADMIN) {
                    cached = ADMIN.putIfAbsent(this, kept) == null;
                }
            }
            if (!cached) {
                closeQuietly(kept);
            }
        }
    }

    private static boolean isValid(Connection c) {
        try {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // a connection the server already closed
        }
    }

    void createDatabase(String name) throws SQLException {
        withAdmin(5, s -> s.execute("CREATE DATABASE " + quote(name)));
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
        withAdmin(5, s -> {
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
        });
    }

    void dropDatabase(String name) throws SQLException {
        if (!name.startsWith(ScratchDatabases.PREFIX)) {
            throw new IllegalStateException("refusing to drop a database this tool did not create: " + name);
        }
        withAdmin(5, s -> {
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
        });
    }

    private String quote(String name) {
        return dialect == Dialect.POSTGRESQL ? "\"" + name + "\"" : "`" + name + "`";
    }
}
