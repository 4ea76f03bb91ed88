package dev.plc.lint.rule;

import dev.plc.sql.Clause;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which PostgreSQL functions are VOLATILE, as {@code pg_proc.provolatile} says: read from the scratch database the
 * migrations were applied to (built-ins of that server, extensions and the repo's own functions), or, without a
 * database, from the table generated from a real server's {@code pg_proc} ({@value #RESOURCE}). A name is volatile
 * when any overload of it is. An unqualified call resolves to {@code pg_catalog} first, as PostgreSQL's search path does.
 */
public final class FunctionVolatility {

    static final String RESOURCE = "/dev/plc/lint/pg-volatile-functions.tsv";
    private static final FunctionVolatility BUILT_IN = load();

    /** schema -> function name -> 'v' / 's' / 'i' (the most volatile overload). */
    private final Map<String, Map<String, Character>> bySchema;
    private final String source;

    private FunctionVolatility(Map<String, Map<String, Character>> bySchema, String source) {
        this.bySchema = bySchema;
        this.source = source;
    }

    /** The generated table: PostgreSQL's built-in volatile functions and those of the common extensions. */
    public static FunctionVolatility builtIn() {
        return BUILT_IN;
    }

    /** Every function of the database {@code c} is connected to, built-in or not, with its volatility. */
    public static FunctionVolatility read(Connection c, String serverVersion) throws SQLException {
        Map<String, Map<String, Character>> bySchema = new HashMap<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT n.nspname, p.proname, p.provolatile FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace")) {
            while (rs.next()) {
                put(bySchema, rs.getString(1), rs.getString(2), rs.getString(3).charAt(0));
            }
        }
        return new FunctionVolatility(bySchema, "pg_proc of the scratch database, PostgreSQL " + serverVersion);
    }

    /** Where the volatilities come from, for messages. */
    public String source() {
        return source;
    }

    /** A volatile function {@code clause} calls, as written (qualified when it was), or empty. */
    public Optional<String> volatileCall(Clause clause) {
        for (int i = 0; i < clause.size(); i++) {
            if (!clause.isName(i) || clause.at(i - 1, ".")) {
                continue;
            }
            int length = clause.qualifiedNameLength(i);
            if (!clause.at(i + length, "(")) {
                continue;
            }
            String written = clause.qualifiedName(i);
            if (volatility(written) == 'v') {
                return Optional.of(written);
            }
        }
        return Optional.empty();
    }

    /** 'v', 's' or 'i' for a (possibly schema-qualified) function name; 'i' when unknown (a type name, a keyword). */
    char volatility(String written) {
        int dot = written.lastIndexOf('.');
        String name = key(dot < 0 ? written : written.substring(dot + 1));
        if (dot >= 0) {
            String schema = key(written.substring(0, dot));
            return bySchema.getOrDefault(schema, Map.of()).getOrDefault(name, 'i');
        }
        Character builtIn = bySchema.getOrDefault("pg_catalog", Map.of()).get(name);
        if (builtIn != null) {
            return builtIn;
        }
        char most = 'i';
        for (Map<String, Character> functions : bySchema.values()) {
            most = moreVolatile(most, functions.getOrDefault(name, 'i'));
        }
        return most;
    }

    private static void put(Map<String, Map<String, Character>> bySchema, String schema, String name, char volatility) {
        bySchema.computeIfAbsent(key(schema), k -> new HashMap<>()).merge(key(name), volatility, FunctionVolatility::moreVolatile);
    }

    private static char moreVolatile(char a, char b) {
        return rank(a) >= rank(b) ? a : b;
    }

    private static int rank(char volatility) {
        return switch (volatility) {
            case 'v' -> 2;
            case 's' -> 1;
            default -> 0;
        };
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static FunctionVolatility load() {
        Map<String, Map<String, Character>> bySchema = new HashMap<>();
        String generatedFrom = "pg_proc";
        try (InputStream in = FunctionVolatility.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the jar");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("# generated from ")) {
                    generatedFrom = line.substring("# generated from ".length()).replaceFirst(" \\(.*", "");
                }
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t");
                put(bySchema, cols[0], cols[1], cols[2].charAt(0));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new FunctionVolatility(bySchema, generatedFrom + ", built-in table");
    }
}
