package dev.plc.repo.dialect;

import dev.plc.repo.Evidence;
import dev.plc.repo.RepoIndex;
import dev.plc.repo.TestPaths;
import dev.plc.repo.dialect.DialectHint.Strength;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The dialect a repository's own SQL is written in, where nothing else says it (a repository of migrations alone, no
 * URL, driver or image): syntax that only one engine accepts, read line by line from its .sql files. The weakest hint:
 * any URL, image or driver outranks it, and the finding says "low".
 */
final class SqlSyntaxHints {

    private static final int MAX_FILES = 200;

    /** Syntax only this dialect takes (comments aside): the dialect, then what gives it away. */
    private record Marker(String dialect, Pattern pattern) {
    }

    private static final List<Marker> MARKERS = List.of(
            new Marker("postgresql", Pattern.compile("(?i)\\b(timestamptz|jsonb|bigserial|bytea|tsvector)\\b")),
            new Marker("postgresql", Pattern.compile("(?i)\\bCREATE\\s+TYPE\\s+\\S+\\s+AS\\s+ENUM\\b")),
            new Marker("postgresql", Pattern.compile("(?i)\\bCREATE\\s+(UNIQUE\\s+)?INDEX\\s+CONCURRENTLY\\b")),
            new Marker("postgresql", Pattern.compile("(?i)\\bLANGUAGE\\s+plpgsql\\b")),
            new Marker("mysql", Pattern.compile("(?i)\\bENGINE\\s*=\\s*(InnoDB|MyISAM|Aria)\\b")),
            new Marker("mysql", Pattern.compile("(?i)\\bAUTO_INCREMENT\\b")),
            new Marker("sqlite", Pattern.compile("(?i)\\bINTEGER\\s+PRIMARY\\s+KEY\\s+AUTOINCREMENT\\b")));

    private SqlSyntaxHints() {
    }

    static List<DialectHint> scan(RepoIndex repo) {
        List<DialectHint> hints = new ArrayList<>();
        List<String> files = repo.files(f -> f.toLowerCase(Locale.ROOT).endsWith(".sql")).limit(MAX_FILES).toList();
        for (String file : files) {
            boolean test = TestPaths.isTest(file);
            List<String> lines = repo.lines(file);
            List<String> seen = new ArrayList<>();
            for (int i = 0; i < lines.size() && seen.size() < MARKERS.size(); i++) {
                String line = lines.get(i);
                String code = line.contains("--") ? line.substring(0, line.indexOf("--")) : line;
                for (Marker m : MARKERS) {
                    if (!seen.contains(m.dialect()) && m.pattern().matcher(code).find()) {
                        seen.add(m.dialect()); // one hint per dialect and file
                        hints.add(new DialectHint(m.dialect(), Strength.SQL, test, new Evidence(file, i + 1, line.strip())));
                    }
                }
            }
        }
        return hints;
    }
}
