package dev.plc.bench;

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

    /** One measured thing: its label, the median and the spread of its rounds, and a note. */
    public record Row(String label, long medianMillis, long minMillis, long maxMillis, String note) {
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
            String note = "";
            for (int round = -1; round < rounds; round++) {
                long a = timed(concat(launch, args), repo);
                long b = timed(concat(bare, args), repo);
                long f = psqlFloor(migrations, change);
                if (round >= 0) {
                    cold[round] = a;
                    coldBare[round] = b;
                    floor[round] = f;
                }
            }
            long[] warm = warmServer(launch, repo);
            List<Row> rows = new ArrayList<>();
            rows.add(row("plan, CLI (documented launch), cold", cold, note));
            rows.add(row("plan, CLI (bare java -jar), cold", coldBare, note));
            rows.add(row("plan_change, server kept running", warm, warm.length == 0 ? "the server did not answer" : ""));
            rows.add(row("psql floor: create, 3 migrations + the change, drop", floor,
                    floor.length > 0 && floor[0] < 0 ? "psql is not available" : "3 psql processes"));
            return rows;
        } finally {
            ApplyBenchmark.deleteTree(repo);
        }
    }

    /** tools/call plan_change on one server, {@code rounds} times after one untimed call: milliseconds per call. */
    private long[] warmServer(List<String> launch, Path repo) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(launch).directory(repo.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (OutputStream in = p.getOutputStream();
             BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            send(in, StdioProbe.CONNECT.get(0));
            await(out, 1);
            send(in, StdioProbe.CONNECT.get(1));
            long[] times = new long[rounds];
            for (int round = -1; round < rounds; round++) {
                int id = 10 + round + 1;
                String call = "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"plan_change\","
                        + "\"arguments\":{\"repo\":" + json(repo.toString()) + ",\"change\":{\"sql\":" + json(CHANGE) + "}}}}";
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

    private static String json(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
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
            run(apply);
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

    /** Wall time of one command, to its exit (a plan exits 0, or 1 for a destructive plan). */
    private static long timed(List<String> command, Path directory) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + String.join(" ", command));
        }
        if (p.exitValue() > 1) {
            throw new IllegalStateException("exit " + p.exitValue() + ": " + String.join(" ", command));
        }
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static Row row(String label, long[] times, String note) {
        if (times.length == 0 || times[0] < 0) {
            return new Row(label, -1, -1, -1, note);
        }
        long[] sorted = times.clone();
        Arrays.sort(sorted);
        return new Row(label, sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1], note);
    }

    /** A three-migration Flyway repository of a shop (customers, orders, an index). */
    static List<Path> writeRepo(Path repo) throws IOException {
        Path migrations = Files.createDirectories(repo.resolve("src/main/resources/db/migration"));
        Files.writeString(repo.resolve("pom.xml"), """
                <project><modelVersion>4.0.0</modelVersion><groupId>bench</groupId><artifactId>bench</artifactId><version>1</version>
                <dependencies><dependency><groupId>org.flywaydb</groupId><artifactId>flyway-core</artifactId><version>10.0.0</version></dependency>
                <dependency><groupId>org.postgresql</groupId><artifactId>postgresql</artifactId><version>42.7.0</version></dependency></dependencies>
                </project>
                """);
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

    public static String table(List<Row> rows, int rounds) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("end to end, PostgreSQL, '%s' on a 3-migration Flyway repository; median of %d rounds after 1 untimed, "
                + "interleaved%n", CHANGE, rounds));
        out.append(String.format("%-52s %10s %8s %8s  %s%n", "what", "median ms", "min", "max", "vs psql floor"));
        long floor = rows.stream().filter(r -> r.label().startsWith("psql floor")).mapToLong(Row::medianMillis).findFirst().orElse(-1);
        for (Row r : rows) {
            String ratio = floor > 0 && r.medianMillis() > 0 ? String.format("%.2fx", (double) r.medianMillis() / floor) : "n/a";
            out.append(String.format("%-52s %10s %8s %8s  %s%s%n", r.label(), r.medianMillis() < 0 ? "n/a" : r.medianMillis(),
                    r.minMillis() < 0 ? "" : r.minMillis(), r.maxMillis() < 0 ? "" : r.maxMillis(), ratio,
                    r.note().isEmpty() ? "" : "  (" + r.note() + ")"));
        }
        return out.toString();
    }
}
