package dev.plc.bench;

import dev.plc.db.Dialect;
import dev.plc.lint.rule.LintOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The labelled hazard corpus: migration snippets, each unsafe (with the hazard kinds that name it, ours and
 * squawk's) or safe (the rewrite that avoids it), read from {@code dev/plc/bench/hazards/*.sql}. It lives in the
 * main resources because {@code bench --sections hazards} reads it from the jar; the unit test reads the same files.
 */
public final class HazardCorpus {

    /** The corpus files, in report order. */
    static final List<String> FILES = List.of("postgresql.sql", "mysql.sql");

    private static final String ROOT = "/dev/plc/bench/hazards/";

    /** One snippet. {@code expect} and {@code squawk} are empty for safe snippets. */
    public record Snippet(String id, Dialect dialect, boolean unsafe, List<String> expect, List<String> squawk,
                          String why, boolean transactional, Integer serverVersion, String knownMiss, String sql,
                          String source, int line) {

        public LintOptions options() {
            return new LintOptions(dialect, transactional, serverVersion, Set.of());
        }
    }

    private HazardCorpus() {
    }

    public static List<Snippet> load() {
        List<Snippet> all = new ArrayList<>();
        for (String file : FILES) {
            try (InputStream in = HazardCorpus.class.getResourceAsStream(ROOT + file)) {
                if (in == null) {
                    throw new IllegalStateException("hazard corpus " + ROOT + file + " is not on the classpath");
                }
                all.addAll(parse(file, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read hazard corpus " + ROOT + file, e);
            }
        }
        return all;
    }

    /** Splits a corpus file on {@code -- id:} lines; the {@code -- key: value} lines right after are the header. */
    static List<Snippet> parse(String source, String text) {
        List<Snippet> out = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        int i = 0;
        while (i < lines.length) {
            if (!lines[i].startsWith("-- id:")) {
                i++;
                continue;
            }
            int start = i + 1;
            Map<String, String> header = new LinkedHashMap<>();
            header.put("id", lines[i].substring("-- id:".length()).strip());
            i++;
            while (i < lines.length && lines[i].matches("--\\s*[a-z-]+:.*")) {
                int colon = lines[i].indexOf(':');
                header.put(lines[i].substring(2, colon).strip(), lines[i].substring(colon + 1).strip());
                i++;
            }
            StringBuilder sql = new StringBuilder();
            while (i < lines.length && !lines[i].startsWith("-- id:")) {
                sql.append(lines[i]).append('\n');
                i++;
            }
            out.add(snippet(source, start, header, sql.toString().strip() + "\n"));
        }
        return out;
    }

    private static Snippet snippet(String source, int line, Map<String, String> h, String sql) {
        String id = h.get("id");
        String where = source + ":" + line + " (" + id + ")";
        Dialect dialect = Dialect.fromId(require(h, "dialect", where))
                .orElseThrow(() -> new IllegalStateException(where + ": unknown dialect " + h.get("dialect")));
        String label = require(h, "label", where);
        if (!label.equals("unsafe") && !label.equals("safe")) {
            throw new IllegalStateException(where + ": label must be unsafe or safe, not " + label);
        }
        boolean unsafe = label.equals("unsafe");
        List<String> expect = list(h.get("expect"));
        if (unsafe == expect.isEmpty()) {
            throw new IllegalStateException(where + (unsafe ? ": an unsafe snippet needs expect:" : ": a safe snippet has no expect:"));
        }
        String version = h.get("server-version");
        return new Snippet(id, dialect, unsafe, expect, list(h.get("squawk")), require(h, "why", where),
                !"false".equals(h.get("transactional")), version == null ? null : Integer.valueOf(version),
                h.get("known-miss"), sql, source, line);
    }

    private static String require(Map<String, String> h, String key, String where) {
        String v = h.get(key);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException(where + ": missing '-- " + key + ":'");
        }
        return v;
    }

    private static List<String> list(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
