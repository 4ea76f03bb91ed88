package dev.plc.lint;

import dev.plc.db.Dialect;
import dev.plc.lint.rule.Finding;
import dev.plc.lint.rule.LintOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rule fixture, {@code src/test/resources/rules/<id>/bad.sql|good.sql}. Header comments pick the
 * options: {@code -- dialect: mariadb}, {@code -- transactional: false}, {@code -- server-version: 10}.
 */
record Fixture(String path, String sql, LintOptions options) {

    private static final Pattern HEADER = Pattern.compile("(?m)^--\\s*(dialect|transactional|server-version):\\s*(\\S+)\\s*$");

    static Fixture load(String ruleId, String name) {
        String path = "/rules/" + ruleId + "/" + name;
        try (InputStream in = Fixture.class.getResourceAsStream(path)) {
            if (in == null) {
                return null;
            }
            return of(path, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(path, e);
        }
    }

    static Fixture of(String path, String sql) {
        Dialect dialect = Dialect.POSTGRESQL;
        boolean transactional = true;
        Integer version = null;
        Matcher m = HEADER.matcher(sql);
        while (m.find()) {
            switch (m.group(1)) {
                case "dialect" -> dialect = Dialect.fromId(m.group(2))
                        .orElseThrow(() -> new IllegalArgumentException("unknown dialect in " + path));
                case "transactional" -> transactional = Boolean.parseBoolean(m.group(2));
                default -> version = Integer.valueOf(m.group(2));
            }
        }
        return new Fixture(path, sql, new LintOptions(dialect, transactional, version, Set.of()));
    }

    List<Finding> lint() {
        return Linter.lint(path, sql, options);
    }

    List<Finding> lintFor(String ruleId) {
        return lint().stream().filter(f -> f.rule().equals(ruleId)).toList();
    }
}
