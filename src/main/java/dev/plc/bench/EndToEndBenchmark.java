package dev.plc.bench;

import dev.plc.db.Dialect;
import dev.plc.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * plan_change and run_checks' apply as a user times them: a spawned command line (a cold JVM each time), a server
 * kept running (warm: the same tools/call again and again over stdio), and, in the same run and interleaved, the floor
 * of what the job needs done by the database's own client, each as separate processes (PostgreSQL: psql to create
 * the database, psql -f the migrations and the change, psql to drop it). Medians of the timed rounds after one untimed
 * round each. PostgreSQL only: the raw client of the floor is psql.
 */
public final class EndToEndBenchmark {

    static final String CHANGE = "ALTER TABLE orders ADD COLUMN gift_message text";

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");

    /**
     * One measured thing: the group it is compared within, its label, the median and the spread of its rounds, a note,
     * and whether it is the group's baseline (the database's own client) the others are a multiple of.
     */
    public record Row(String group, String label, long medianMillis, long minMillis, long maxMillis, String note, boolean baseline) {
    }

    private final Path jar;
    private final int rounds;

    public EndToEndBenchmark(Path jar, int rounds) {
        this.jar = jar;
        this.rounds = Math.max(1, rounds);
    }

    /** The plan rows: cold CLI (documented launch and bare java -jar), warm server, and the psql floor. */
    public List<Row> plan() throws IOException, InterruptedException {
        Path repo = Files.createTempDirectory("plc-bench-e2e-plan");
        try {
            List<Path> migrations = writeRepo(repo);
            Path change = repo.resolve("change.sql");
            Files.writeString(change, CHANGE + ";\n");
            List<String> launch = ServerLaunch.command(ServerLaunch.currentJava(), jar);
            List<String> bare = List.of(ServerLaunch.currentJava(), "-jar", jar.toString());
            List<String> args = List.of("plan", "--repo", repo.toString(), "--sql", CHANGE);
            long[] cold = new long[rounds];
            long[] coldBare = new long[rounds];
            long[] floor = new long[rounds];
            for (int round = -1; round < rounds; round++) {
                long a = timed(concat(launch, args), repo, 1);
                long b = timed(concat(bare, args), repo, 1);
                long f = psqlFloor(migrations, change);
                if (round >= 0) {
                    cold[round] = a;
                    coldBare[round] = b;
                    floor[round] = f;
                }
            }
            long[] warm = warmServer(launch, repo, "plan_change", Map.of("repo", repo.toString(), "change", Map.of("sql", CHANGE)));
            String group = "plan '" + CHANGE + "' on a 3-migration Flyway repository, postgresql";
            List<Row> rows = new ArrayList<>();
            rows.add(row(group, "plan, CLI (documented launch), cold", cold, "", false));
            rows.add(row(group, "plan, CLI (bare java -jar), cold", coldBare, "", false));
            rows.add(row(group, "plan_change, server kept running", warm, warm.length == 0 ? "the server did not answer" : "", false));
            rows.add(row(group, "psql floor: create, 3 migrations + the change, drop", floor,
                    Arrays.stream(floor).anyMatch(t -> t < 0) ? "psql is not available or failed" : "3 psql processes", true));
            return rows;
        } finally {
            ApplyBenchmark.deleteTree(repo);
        }
    }

    /**
     * run_checks' apply of {@code count} generated migrations per engine: {@code check --checks apply} from a cold CLI, the
     * same over a server kept running, and one raw client process applying the files to a database made outside the
     * timing (psql -f ... -f ...; the concatenated files piped to mariadb), interleaved round by round.
     */
    public List<Row> apply(int count, List<Dialect> dialects) throws Exception {
        List<Row> rows = new ArrayList<>();
        dev.plc.db.ScratchDatabases scratch = dev.plc.db.ScratchDatabases.fromEnvironment();
        List<String> launch = ServerLaunch.command(ServerLaunch.currentJava(), jar);
        for (Dialect dialect : dialects) {
            Path repo = Files.createTempDirectory("plc-bench-e2e-apply");
            try {
                List<Path> files = Corpus.write(BenchRepos.flyway(repo, dialect), count, dialect);
                Path all = repo.resolve("all.sql");
                StringBuilder text = new StringBuilder();
                for (Path f : files) {
                    text.append(Files.readString(f)).append('\n');
                }
                Files.writeString(all, text);
                List<String> args = List.of("check", "--checks", "apply", "--repo", repo.toString());
                long[] cold = new long[rounds];
                long[] raw = new long[rounds];
                String rawNote = "";
                for (int round = -1; round < rounds; round++) {
                    long c = timed(concat(launch, args), repo, 0);
                    long r;
                    try (dev.plc.db.ScratchDatabase db = scratch.create(dialect, null)) {
                        long t0 = System.nanoTime();
                        String failure = ApplyBenchmark.rawApply(db, files, all);
                        r = failure == null ? (System.nanoTime() - t0) / 1_000_000 : -1;
                        rawNote = failure == null ? rawNote : failure;
                    }
                    if (round >= 0) {
                        cold[round] = c;
                        raw[round] = r;
                    }
                }
                long[] warm = warmServer(launch, repo, "run_checks", Map.of("repo", repo.toString(), "checks", List.of("apply")));
                String group = "run_checks apply, " + count + " migrations, " + dialect.id();
                rows.add(row(group, "check --checks apply, CLI (documented launch), cold", cold, "", false));
                rows.add(row(group, "run_checks apply, server kept running", warm, warm.length == 0 ? "the server did not answer or failed" : "", false));
                rows.add(row(group, dialect == Dialect.POSTGRESQL ? "psql -f each file, one process" : "all files piped to mariadb, one process",
                        raw, rawNote, true));
            } finally {
                ApplyBenchmark.deleteTree(repo);
            }
        }
        return rows;
    }

    /** tools/call {@code tool} with {@code arguments} on one server, {@code rounds} times after one untimed call: milliseconds per call. */
    private long[] warmServer(List<String> launch, Path repo, String tool, Map<String, Object> arguments) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(launch).directory(repo.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (OutputStream in = p.getOutputStream();
             BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            send(in, StdioProbe.CONNECT.get(0));
            await(out, 1);
            send(in, StdioProbe.CONNECT.get(1));
            long[] times = new long[rounds];
            for (int round = -1; round < rounds; round++) {
                int id = 10 + round + 1;
                String call = Json.MAPPER.writeValueAsString(Map.of("jsonrpc", "2.0", "id", id, "method", "tools/call",
                        "params", Map.of("name", tool, "arguments", arguments)));
                long t0 = System.nanoTime();
                send(in, call);
                if (!await(out, id)) {
                    return new long[0];
                }
                if (round >= 0) {
                    times[round] = (System.nanoTime() - t0) / 1_000_000;
                }
            }
            return times;
        } finally {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    private static void send(OutputStream in, String line) throws IOException {
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** Reads answers until the one with {@code id}; false when the server ended first or said it failed. */
    private static boolean await(BufferedReader out, int id) throws IOException {
        for (String line; (line = out.readLine()) != null; ) {
            var m = ID.matcher(line);
            if (m.find() && Integer.parseInt(m.group(1)) == id) {
                return !line.contains("\"isError\":true") && !line.contains("\"error\":{");
            }
        }
        return false;
    }

    /** The job done by psql alone: create a database, run the migrations and the change in it, drop it; -1 without psql. */
    private static long psqlFloor(List<Path> migrations, Path change) throws IOException, InterruptedException {
        Map<String, String> env = System.getenv();
        String host = env.getOrDefault("PGHOST", "127.0.0.1");
        String port = env.getOrDefault("PGPORT", "5432");
        String user = env.getOrDefault("PGUSER", "postgres");
        String name = "plc_scratch_bench_" + System.nanoTime();
        List<String> base = List.of("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", host, "-p", port, "-U", user);
        long t0 = System.nanoTime();
        List<String> apply = new ArrayList<>(concat(base, List.of("-d", name)));
        for (Path m : migrations) {
            apply.addAll(List.of("-f", m.toString()));
        }
        apply.addAll(List.of("-f", change.toString()));
        try {
            if (!run(concat(base, List.of("-d", "postgres", "-c", "CREATE DATABASE " + name)))) {
                return -1;
            }
            if (!run(apply)) {
                return -1;
            }
        } finally {
            run(concat(base, List.of("-d", "postgres", "-c", "DROP DATABASE IF EXISTS " + name)));
        }
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static boolean run(List<String> command) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** Wall time of one command, to its exit, which must be at most {@code maxExit} (a plan exits 1 when destructive). */
    private static long timed(List<String> command, Path directory, int maxExit) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + String.join(" ", command));
        }
        if (p.exitValue() > maxExit) {
            throw new IllegalStateException("exit " + p.exitValue() + ": " + String.join(" ", command));
        }
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static Row row(String group, String label, long[] times, String note, boolean baseline) {
        if (times.length == 0 || Arrays.stream(times).anyMatch(t -> t < 0)) {
            return new Row(group, label, -1, -1, -1, note, baseline);
        }
        long[] sorted = times.clone();
        Arrays.sort(sorted);
        return new Row(group, label, sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1], note, baseline);
    }

    /** A three-migration Flyway repository of a shop (customers, orders, an index) on PostgreSQL. */
    static List<Path> writeRepo(Path repo) throws IOException {
        Path migrations = BenchRepos.flyway(repo, Dialect.POSTGRESQL);
        List<Path> files = List.of(migrations.resolve("V1__customers.sql"), migrations.resolve("V2__orders.sql"),
                migrations.resolve("V3__orders_customer_idx.sql"));
        Files.writeString(files.get(0), """
                CREATE TABLE customers (id BIGSERIAL PRIMARY KEY, email VARCHAR(255) NOT NULL UNIQUE,
                    created_at TIMESTAMPTZ NOT NULL DEFAULT now());
                """);
        Files.writeString(files.get(1), """
                CREATE TABLE orders (id BIGSERIAL PRIMARY KEY, customer_id BIGINT NOT NULL REFERENCES customers (id),
                    total_cents INTEGER NOT NULL CHECK (total_cents >= 0), created_at TIMESTAMPTZ NOT NULL DEFAULT now());
                """);
        Files.writeString(files.get(2), "CREATE INDEX orders_customer_idx ON orders (customer_id);\n");
        return files;
    }

    /** The rows, each group under its heading, every row as a multiple of its group's baseline. */
    public static String table(List<Row> rows, int rounds) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("end to end: median of %d rounds after 1 untimed, interleaved; a multiple of the database's own client in the "
                + "same run%n", rounds));
        java.util.Map<String, List<Row>> groups = new java.util.LinkedHashMap<>();
        rows.forEach(r -> groups.computeIfAbsent(r.group(), g -> new ArrayList<>()).add(r));
        for (var group : groups.entrySet()) {
            out.append(String.format("%n%s%n%-52s %10s %8s %8s  %s%n", group.getKey(), "what", "median ms", "min", "max", "vs raw client"));
            long base = group.getValue().stream().filter(Row::baseline).mapToLong(Row::medianMillis).findFirst().orElse(-1);
            for (Row r : group.getValue()) {
                String ratio = r.baseline() ? "1.00x" : base > 0 && r.medianMillis() > 0 ? String.format("%.2fx", (double) r.medianMillis() / base) : "n/a";
                out.append(String.format("%-52s %10s %8s %8s  %s%s%n", r.label(), r.medianMillis() < 0 ? "n/a" : r.medianMillis(),
                        r.minMillis() < 0 ? "" : r.minMillis(), r.maxMillis() < 0 ? "" : r.maxMillis(), r.medianMillis() < 0 ? "n/a" : ratio,
                        r.note().isEmpty() ? "" : "  (" + r.note() + ")"));
            }
        }
        return out.toString();
    }
}
