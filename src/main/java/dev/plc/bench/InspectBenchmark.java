package dev.plc.bench;

import dev.plc.core.Progress;
import dev.plc.db.ScratchDatabases;
import dev.plc.inspect.RepoInspection;
import dev.plc.inspect.RepoInspector;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * inspect_repo's repository scan on a generated repository (sources of four languages, resources, a
 * {@code node_modules} and a {@code target} full of files, folders a {@code .gitignore} ignores, and a Flyway
 * migration folder), in process and warm, beside what {@code git ls-files} and {@code find} take over the same
 * tree in the same run. The schema step (applying the migrations to a throwaway database) is left out:
 * inspect runs with {@code introspect = false}, so the figure is the scan.
 */
public final class InspectBenchmark {

    /** What was generated: every file on disk, and how many of them a correct scan must index. */
    public record Generated(int written, int expectedIndexed) {
    }

    /** One measured row: a name, the files it reported, and best / median / first round in milliseconds. */
    public record Row(String name, long files, long bestMillis, long medianMillis, long firstMillis, String note) {
    }

    private InspectBenchmark() {
    }

    /**
     * Writes a repository of {@code total} files (at least 10 times {@code migrations}) into {@code dir}.
     * Deterministic: the same arguments write the same bytes.
     */
    public static Generated generate(Path dir, int total, int migrations) throws IOException {
        if (total < migrations * 10) {
            throw new IllegalArgumentException("the repository needs at least " + migrations * 10 + " files for " + migrations + " migrations");
        }
        Writer w = new Writer(dir);
        w.write("pom.xml", POM);
        w.write(".gitignore", """
                # build output and generated code
                /target/
                generated/
                *.log
                !keep.log
                /web/dist/
                src/main/resources/static/**/*.map
                """);
        w.write("src/main/resources/application.properties",
                "spring.datasource.url=jdbc:postgresql://localhost:5432/shop\nspring.datasource.username=shop\n");
        w.write("web/package.json", "{\n  \"name\": \"web\",\n  \"scripts\": {\"test\": \"vitest\"},\n  \"dependencies\": {\"pg\": \"8.11.0\"}\n}\n");
        w.write("services/billing/go.mod", "module example.com/billing\n\ngo 1.22\n\nrequire github.com/jackc/pgx/v5 v5.5.0\n");
        int skipped = 0;

        for (int i = 1; i <= migrations; i++) {
            w.write(String.format("src/main/resources/db/migration/V%d__change_%d.sql", i, i), migration(i));
        }
        int remaining = total - w.count;
        // the shares of the rest: skipped folders first (they are what a naive walk pays for), then sources
        int nodeModules = remaining * 20 / 100;
        int target = remaining * 10 / 100;
        int generated = remaining * 6 / 100;
        int logs = remaining / 100;
        int java = remaining * 25 / 100;
        int kotlin = remaining * 8 / 100;
        int go = remaining * 8 / 100;
        int ts = remaining * 10 / 100;
        for (int i = 0; i < nodeModules; i++) {
            w.write("web/node_modules/pkg" + (i / 40) + "/lib/file" + i + ".js", "module.exports = function f" + i + "() { return " + i + "; };\n");
        }
        for (int i = 0; i < target; i++) {
            w.write("target/classes/com/example/shop/m" + (i / 100) + "/C" + i + ".class", "\u00ca\u00fe\u00ba\u00be compiled " + i);
        }
        for (int i = 0; i < generated; i++) {
            w.write("src/main/java/generated/g" + (i / 100) + "/Gen" + i + ".java", "package generated.g" + (i / 100) + ";\npublic class Gen" + i + " {}\n");
        }
        for (int i = 0; i < logs; i++) {
            w.write("logs/run" + i + ".log", "started " + i + "\n");
        }
        w.write("logs/keep.log", "kept by a negated pattern\n");
        skipped += nodeModules + target + generated + logs;
        for (int i = 0; i < java; i++) {
            w.write("src/main/java/com/example/shop/m" + (i / 50) + "/Service" + i + ".java", javaSource(i));
        }
        for (int i = 0; i < kotlin; i++) {
            w.write("src/main/kotlin/com/example/shop/k" + (i / 50) + "/Model" + i + ".kt", kotlinSource(i));
        }
        for (int i = 0; i < go; i++) {
            w.write("services/billing/internal/p" + (i / 40) + "/file" + i + ".go", goSource(i));
        }
        for (int i = 0; i < ts; i++) {
            w.write("web/src/components/c" + (i / 40) + "/Component" + i + ".ts", tsSource(i));
        }
        // the rest: resources and documentation; a few source maps that the .gitignore's ** pattern ignores
        int maps = 0;
        for (int i = 0; w.count < total; i++) {
            switch (i % 5) {
                case 0 -> w.write("src/main/resources/i18n/d" + (i / 200) + "/messages_" + i + ".properties", "greeting.n" + i + "=Hello " + i + "\n");
                case 1 -> w.write("src/main/resources/static/js/d" + (i / 200) + "/app" + i + ".js.map", "{\"version\":3,\"sources\":[]}\n");
                case 2 -> w.write("src/main/resources/templates/d" + (i / 200) + "/page" + i + ".html", "<html><body>page " + i + "</body></html>\n");
                case 3 -> w.write("docs/d" + (i / 200) + "/note" + i + ".md", "# Note " + i + "\n\nText.\n");
                default -> w.write("src/main/resources/data/d" + (i / 200) + "/fixture" + i + ".json", "{\"id\": " + i + "}\n");
            }
            if (i % 5 == 1) {
                maps++;
            }
        }
        skipped += maps;
        return new Generated(w.count, w.count - skipped);
    }

    /** Generates the repository, measures the scan and the baselines, and returns the printed table. */
    public static String run(int total, int migrations, int rounds) throws Exception {
        Path dir = Files.createTempDirectory("plc-bench-inspect-");
        try {
            Path repo = dir.resolve("repo");
            long t0 = System.nanoTime();
            Generated generated = generate(repo, total, migrations);
            long generateMillis = (System.nanoTime() - t0) / 1_000_000;
            boolean git = gitInit(repo);
            RepoInspector inspector = new RepoInspector(ScratchDatabases.fromEnvironment());
            RepoInspector.Request request = new RepoInspector.Request(repo, null, false, Duration.ofMinutes(2));
            int runs = Math.max(rounds, 1) + 2;
            long[] walk = new long[runs];
            long[] inspect = new long[runs];
            long[] gitList = new long[runs];
            long[] find = new long[runs];
            long walked = 0;
            RepoInspection last = null;
            long gitFiles = -1;
            long findFiles = -1;
            for (int r = 0; r < runs; r++) {
                // interleaved, so that every side sees the same page cache and the same neighbours on the machine
                long s = System.nanoTime();
                walked = RepoInspector.index(repo).files().size();
                walk[r] = System.nanoTime() - s;
                s = System.nanoTime();
                last = inspector.inspect(request, Progress.NONE);
                inspect[r] = System.nanoTime() - s;
                if (git) {
                    s = System.nanoTime();
                    gitFiles = countLines(repo, "git", "ls-files", "--cached", "--others", "--exclude-standard");
                    gitList[r] = System.nanoTime() - s;
                }
                s = System.nanoTime();
                findFiles = countLines(repo, "find", ".", "-path", "./.git", "-prune", "-o", "-type", "f", "-print");
                find[r] = System.nanoTime() - s;
            }
            List<Row> rows = new ArrayList<>();
            rows.add(row("RepoIndex walk", walked, walk, ""));
            rows.add(row("inspect_repo scan", last.filesScanned(), inspect, frameworkNote(last)));
            rows.add(git ? row("git ls-files", gitFiles, gitList, "--cached --others --exclude-standard: honours .gitignore, not node_modules")
                    : new Row("git ls-files", -1, -1, -1, -1, "git is not installed"));
            rows.add(row("find -type f", findFiles, find, "every file, nothing skipped"));
            StringBuilder out = new StringBuilder();
            out.append(String.format("inspect: generated %d files (%d migrations) in %d ms; %d should be indexed, %d skipped "
                    + "(node_modules, target, .gitignore)%n", generated.written(), migrations, generateMillis, generated.expectedIndexed(),
                    generated.written() - generated.expectedIndexed()));
            out.append(table(rows, generated.written()));
            if (last.filesScanned() != generated.expectedIndexed()) {
                out.append(String.format("WARNING: inspect indexed %d files, the generator expected %d%n", last.filesScanned(),
                        generated.expectedIndexed()));
            }
            return out.toString();
        } finally {
            deleteTree(dir);
        }
    }

    private static String frameworkNote(RepoInspection inspection) {
        return inspection.migrationFrameworks().stream().findFirst()
                .map(f -> f.name() + " " + f.count() + " migrations, next " + f.nextVersion() + "; dialect " + inspection.dialect().name())
                .orElse("no migration framework found");
    }

    private static Row row(String name, long files, long[] nanos, String note) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new Row(name, files, sorted[0] / 1_000_000, sorted[sorted.length / 2] / 1_000_000, nanos[0] / 1_000_000, note);
    }

    public static String table(List<Row> rows, int written) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%-18s %8s %8s %9s %11s %10s  %s%n", "what", "indexed", "skipped", "best ms", "median ms", "first ms", "note"));
        for (Row r : rows) {
            if (r.files() < 0) {
                out.append(String.format("%-18s %8s %8s %9s %11s %10s  %s%n", r.name(), "n/a", "n/a", "n/a", "n/a", "n/a", r.note()));
            } else {
                out.append(String.format("%-18s %8d %8d %9d %11d %10d  %s%n", r.name(), r.files(), written - r.files(), r.bestMillis(),
                        r.medianMillis(), r.firstMillis(), r.note()));
            }
        }
        return out.toString();
    }

    private static boolean gitInit(Path repo) {
        try {
            return countLines(repo, "git", "init", "-q") >= 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Runs the command in {@code dir} and counts the lines it prints; -1 when it fails. */
    private static long countLines(Path dir, String... command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            return -1;
        }
        long lines = 0;
        try (InputStream in = p.getInputStream()) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            return -1;
        }
        return lines;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }

    private static final class Writer {
        private final Path root;
        int count;

        Writer(Path root) {
            this.root = root;
        }

        void write(String relative, String content) throws IOException {
            Path path = root.resolve(relative);
            Path parent = path.getParent();
            if (!Files.isDirectory(parent)) {
                Files.createDirectories(parent);
            }
            Files.write(path, content.getBytes(StandardCharsets.UTF_8));
            count++;
        }
    }

    private static String migration(int i) {
        int table = (i + 3) / 4;
        return switch (i % 4) {
            case 1 -> "CREATE TABLE t" + table + " (\n    id bigint PRIMARY KEY,\n    name varchar(100) NOT NULL\n);\n";
            case 2 -> "ALTER TABLE t" + table + " ADD COLUMN note text;\n";
            case 3 -> "CREATE INDEX t" + table + "_name_idx ON t" + table + " (name);\n";
            default -> "INSERT INTO t" + table + " (id, name) VALUES (1, 'one'), (2, 'two');\n";
        };
    }

    private static String javaSource(int i) {
        String pkg = "com.example.shop.m" + (i / 50);
        StringBuilder s = new StringBuilder("package ").append(pkg).append(";\n\n");
        if (i % 40 == 0) {
            s.append("import org.springframework.jdbc.core.JdbcTemplate;\n\n");
        } else if (i % 40 == 1) {
            s.append("import jakarta.persistence.Entity;\nimport jakarta.persistence.Id;\n\n@Entity\n");
        } else {
            s.append("import java.util.List;\nimport java.util.Map;\n\n");
        }
        s.append("public class Service").append(i).append(" {\n");
        if (i % 40 == 0) {
            s.append("    private final JdbcTemplate jdbc;\n\n    Service").append(i).append("(JdbcTemplate jdbc) {\n        this.jdbc = jdbc;\n    }\n\n");
        }
        for (int m = 0; m < 12; m++) {
            s.append("    /** Computes value ").append(m).append(" of the service. */\n")
                    .append("    public int value").append(m).append("(int x) {\n        int y = x * ").append(m + 1)
                    .append(";\n        return y + ").append(i % 97).append(";\n    }\n\n");
        }
        return s.append("}\n").toString();
    }

    private static String kotlinSource(int i) {
        return "package com.example.shop.k" + (i / 50) + "\n\ndata class Model" + i + "(val id: Long, val name: String) {\n"
                + "    fun label(): String = \"$name #$id\"\n}\n";
    }

    private static String goSource(int i) {
        String imports = i % 30 == 0 ? "import (\n\t\"context\"\n\n\t\"github.com/jackc/pgx/v5/pgxpool\"\n)\n\n" : "import \"fmt\"\n\n";
        return "package p" + (i / 40) + "\n\n" + imports + "// F" + i + " does one thing.\nfunc F" + i + "(x int) int {\n\treturn x + " + i + "\n}\n";
    }

    private static String tsSource(int i) {
        return "import { h } from './h';\n\nexport function component" + i + "(props: { name: string }): string {\n"
                + "  return h('div', props.name + ' " + i + "');\n}\n";
    }

    private static final String POM = """
            <?xml version="1.0" encoding="UTF-8"?>
            <project xmlns="http://maven.apache.org/POM/4.0.0">
              <modelVersion>4.0.0</modelVersion>
              <groupId>com.example</groupId>
              <artifactId>shop</artifactId>
              <version>1.0.0</version>
              <dependencies>
                <dependency>
                  <groupId>org.flywaydb</groupId>
                  <artifactId>flyway-core</artifactId>
                  <version>10.10.0</version>
                </dependency>
                <dependency>
                  <groupId>org.flywaydb</groupId>
                  <artifactId>flyway-database-postgresql</artifactId>
                  <version>10.10.0</version>
                </dependency>
                <dependency>
                  <groupId>org.postgresql</groupId>
                  <artifactId>postgresql</artifactId>
                  <version>42.7.3</version>
                  <scope>runtime</scope>
                </dependency>
                <dependency>
                  <groupId>org.springframework.boot</groupId>
                  <artifactId>spring-boot-starter-jdbc</artifactId>
                  <version>3.2.5</version>
                </dependency>
              </dependencies>
            </project>
            """;
}
