package dev.plc.testing;

import dev.plc.db.DatabaseServer;
import dev.plc.db.Dialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Scratch databases that exist on the machine's servers right now (names carry their creation time). */
public final class ServerDatabases {

    private ServerDatabases() {
    }

    /** The scratch databases a spawned server says it made (it logs each name at DEBUG: run it with PLC_LOG_LEVEL=DEBUG). */
    public static java.util.Set<String> namesInLog(java.nio.file.Path log) throws java.io.IOException {
        java.util.Set<String> names = new java.util.TreeSet<>();
        if (!java.nio.file.Files.exists(log)) {
            return names;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("scratch database (plc_scratch_\\d+_[0-9a-f]+) on")
                .matcher(java.nio.file.Files.readString(log, java.nio.charset.StandardCharsets.ISO_8859_1));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** Waits for this process's background drops; fails the test when they do not finish in two minutes. */
    public static void awaitDrops() {
        if (!dev.plc.db.ScratchDatabase.awaitDrops(java.time.Duration.ofMinutes(2))) {
            throw new AssertionError("this process's scratch databases were still being dropped after two minutes");
        }
    }

    /** Of the given scratch database names, those that still exist on the server. */
    public static List<String> stillThere(Dialect dialect, java.util.Collection<String> names) throws Exception {
        awaitDrops(); // this process's drops run in the background
        List<String> existing = scratchNamesSince(dialect, 0);
        return existing.stream().filter(names::contains).toList();
    }

    /**
     * Scratch databases created at or after {@code epochSeconds} that still exist, whoever made them: only for tests
     * that watch another process (a spawned jar), where the names are not known.
     */
    public static List<String> scratchNamesSince(Dialect dialect, long epochSeconds) throws Exception {
        awaitDrops();
        boolean pg = dialect == Dialect.POSTGRESQL;
        DatabaseServer server = DatabaseServer.parse(pg ? "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres" : "jdbc:mariadb://127.0.0.1:3306/?user=root",
                "local-server");
        String sql = pg ? "SELECT datname FROM pg_database WHERE datname LIKE 'plc\\_scratch\\_%'"
                : "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE 'plc\\_scratch\\_%'";
        List<String> names = new ArrayList<>();
        try (Connection c = server.connect(server.adminUrl(), 5); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                String name = rs.getString(1);
                if (Long.parseLong(name.split("_")[2]) >= epochSeconds) {
                    names.add(name);
                }
            }
        }
        return names;
    }
}
