package dev.plc.bench;

import dev.plc.apply.ApplyResult;
import dev.plc.apply.MigrationApplier;
import dev.plc.apply.MigrationSet;
import dev.plc.db.Dialect;
import dev.plc.db.ScratchDatabase;
import dev.plc.db.ScratchDatabases;
import dev.plc.lint.Linter;
import dev.plc.lint.rule.LintOptions;
import dev.plc.sql.SqlScript;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Applies a generated corpus with run_checks' engine (Flyway on a scratch database) and, in the same run, with the
 * database's own client (psql -f / mariadb <) on another scratch database, and lints it. Prints one table.
 */
public final class ApplyBenchmark {

    /**
     * @param coldMillis the engine's first apply in this JVM (class loading, JIT): what a one-shot CLI run pays
     */
    public record Row(String engine, int migrations, long rawMillis, long plcMillis, long coldMillis, String note) {
    }

    /** Untimed rounds per side before the timed ones: the JVM's JIT needs a few applies to compile the hot paths. */
    public static final int WARMUP_ROUNDS = 2;

    private final ScratchDatabases scratch;

    public ApplyBenchmark(ScratchDatabases scratch) {
        this.scratch = scratch;
    }

    public List<Row> run(int count, List<Dialect> dialects, int rounds) throws Exception {
        List<Row> rows = new ArrayList<>();
        for (Dialect dialect : dialects) {
            Path dir = Files.createTempDirectory("plc-bench-");
            try {
                List<Path> files = Corpus.write(dir.resolve("sql"), count, dialect);
                // the mysql client reads one stream: the files concatenated once, outside the timed section
                Path all = dir.resolve("all.sql");
                for (Path f : files) {
                    Files.writeString(all, Files.readString(f) + "\n", java.nio.file.StandardOpenOption.CREATE,
                            java.nio.file.StandardOpenOption.APPEND);
                }
                long raw = Long.MAX_VALUE;
                long plc = Long.MAX_VALUE;
                long cold = -1;
                String note = "";
                for (int round = 0; round < WARMUP_ROUNDS + rounds; round++) {
                    boolean timed = round >= WARMUP_ROUNDS;
                    // best of N: these machines are noisy; both sides get the same number of tries, interleaved, and
                    // the same untimed warm-up (the server's caches; the engine's JIT)
                    try (ScratchDatabase db = scratch.create(dialect, null)) {
                        long t0 = System.nanoTime();
                        String failure = rawApply(db, files, all);
                        long elapsed = (System.nanoTime() - t0) / 1_000_000;
                        if (failure != null) {
                            note = failure;
                        } else if (timed) {
                            raw = Math.min(raw, elapsed);
                        }
                    }
                    try (ScratchDatabase db = scratch.create(dialect, null)) {
                        MigrationSet set = new MigrationSet("flyway", List.of("sql"), List.of(), null, List.of());
                        long t0 = System.nanoTime();
                        ApplyResult result = new MigrationApplier(dir).apply(db, set, Duration.ofMinutes(10));
                        long elapsed = (System.nanoTime() - t0) / 1_000_000;
                        if (!result.ok()) {
                            throw new IllegalStateException("the corpus does not apply: " + result.failure());
                        }
                        if (cold < 0) {
                            cold = elapsed;
                        }
                        if (timed) {
                            plc = Math.min(plc, elapsed);
                        }
                    }
                }
                rows.add(new Row(dialect.id(), count, raw == Long.MAX_VALUE ? -1 : raw, plc, cold, note));
            } finally {
                deleteTree(dir);
            }
        }
        return rows;
    }

    /** Lints the corpus in process (warm): files/s and statements/s. */
    public String lintThroughput(int count) throws IOException {
        Path dir = Files.createTempDirectory("plc-bench-lint-");
        try {
            List<Path> files = Corpus.write(dir, count, Dialect.POSTGRESQL);
            List<String> texts = new ArrayList<>();
            int statements = 0;
            for (Path f : files) {
                String sql = Files.readString(f);
                texts.add(sql);
                statements += SqlScript.split(sql).size();
            }
            LintOptions options = new LintOptions(Dialect.POSTGRESQL, true, null, Set.of());
            for (int warm = 0; warm < 3; warm++) {
                for (int i = 0; i < texts.size(); i++) {
                    Linter.lint(files.get(i).getFileName().toString(), texts.get(i), options);
                }
            }
            long t0 = System.nanoTime();
            int findings = 0;
            for (int i = 0; i < texts.size(); i++) {
                findings += Linter.lint(files.get(i).getFileName().toString(), texts.get(i), options).size();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            return String.format("lint (warm, in-process): %d files, %d statements, %d findings in %.1f ms = %.0f files/s, %.0f statements/s",
                    files.size(), statements, findings, seconds * 1000, files.size() / seconds, statements / seconds);
        } finally {
            deleteTree(dir);
        }
    }

    static String rawApply(ScratchDatabase db, List<Path> files, Path all) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        ProcessBuilder pb;
        if (db.dialect() == Dialect.POSTGRESQL) {
            String url = db.jdbcUrl().substring("jdbc:".length());
            command.addAll(List.of("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url.replace("postgresql://", "postgresql://" + db.user() + "@")));
            for (Path f : files) {
                command.add("-f");
                command.add(f.toString());
            }
            pb = new ProcessBuilder(command);
        } else if (db.dialect().isMysqlFamily()) {
            java.net.URI uri = java.net.URI.create(db.jdbcUrl().substring("jdbc:".length()));
            command.addAll(List.of("mariadb", "-h", uri.getHost(), "-P", String.valueOf(uri.getPort()), "-u", db.user(), db.name()));
            pb = new ProcessBuilder(command).redirectInput(all.toFile());
        } else {
            return "no command-line client for " + db.dialect().id();
        }
        if (db.password() != null && !db.password().isEmpty()) {
            pb.environment().put(db.dialect() == Dialect.POSTGRESQL ? "PGPASSWORD" : "MYSQL_PWD", db.password());
        }
        Process p;
        try {
            p = pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            return command.get(0) + " is not installed";
        }
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            return command.get(0) + " failed (exit " + (p.isAlive() ? "timeout" : p.exitValue()) + ")";
        }
        return null;
    }

    static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }

    public static String table(List<Row> rows) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%-11s %10s %16s %18s %8s %20s%n", "engine", "migrations", "raw client (ms)", "run_checks apply", "ratio",
                "first apply (cold)"));
        for (Row r : rows) {
            String raw = r.rawMillis() < 0 ? "n/a" : String.valueOf(r.rawMillis());
            String ratio = r.rawMillis() <= 0 ? "n/a" : String.format("%.2fx", (double) r.plcMillis() / r.rawMillis());
            out.append(String.format("%-11s %10d %16s %15d ms %8s %17d ms%s%n", r.engine(), r.migrations(), raw, r.plcMillis(), ratio,
                    r.coldMillis(),
                    r.note().isEmpty() ? "" : "  (" + r.note() + ")"));
        }
        return out.toString();
    }
}
