package dev.plc.bench;

import dev.plc.core.Progress;
import dev.plc.db.Dialect;
import dev.plc.db.ScratchDatabases;
import dev.plc.plan.ChangePlan;
import dev.plc.plan.ChangePlanner;
import dev.plc.plan.PlanStore;
import dev.plc.plan.Verification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * plan_change on a staged column rename (a multi-release plan) (PostgreSQL, a generated Flyway repo of two tables), warm: the whole
 * plan, and of it the proof on seeded rows (200 rows per table), so the time without the proof stands beside it.
 */
public final class PlanBenchmark {

    static final String CHANGE = "ALTER TABLE customers RENAME COLUMN note TO remark";

    private PlanBenchmark() {
    }

    public static String run(int rounds) throws IOException {
        Path repo = Files.createTempDirectory("plc-bench-plan");
        try {
            write(repo);
            ChangePlanner planner = new ChangePlanner(ScratchDatabases.fromEnvironment(), new PlanStore());
            ChangePlanner.Request request = new ChangePlanner.Request(repo, null, CHANGE, null, true, null, null, Duration.ofSeconds(120));
            planner.plan(request, Progress.NONE); // warm-up: JIT, drivers, the embedded server if one is started
            long bestTotal = Long.MAX_VALUE;
            long bestProof = Long.MAX_VALUE;
            ChangePlan last = null;
            for (int i = 0; i < Math.max(1, rounds); i++) {
                long start = System.nanoTime();
                last = planner.plan(request, Progress.NONE);
                long total = (System.nanoTime() - start) / 1_000_000;
                bestTotal = Math.min(bestTotal, total);
                bestProof = Math.min(bestProof, last.verification().durationMs());
            }
            Verification v = last.verification();
            int releases = last.steps().stream().mapToInt(ChangePlan.Step::release).max().orElse(1);
            return String.format("plan (%s, %s; %d releases): %d ms warm, of which the proof on %d seeded rows %d ms (ok=%s%s); "
                            + "without the proof %d ms; best of %d%n", last.database().dialect(), CHANGE, releases, bestTotal, v.rowsSeeded(),
                    bestProof, v.ok(), v.ran() ? "" : ", not run: " + v.notRun(), bestTotal - bestProof, Math.max(1, rounds));
        } finally {
            try (Stream<Path> files = Files.walk(repo)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void write(Path repo) throws IOException {
        Path migrations = BenchRepos.flyway(repo, Dialect.POSTGRESQL);
        Files.writeString(migrations.resolve("V1__customers.sql"), """
                CREATE TABLE customers (id BIGSERIAL PRIMARY KEY, email VARCHAR(255) NOT NULL UNIQUE,
                    created_at TIMESTAMPTZ NOT NULL DEFAULT now(), note TEXT);
                CREATE TABLE orders (id BIGSERIAL PRIMARY KEY, customer_id BIGINT NOT NULL REFERENCES customers (id),
                    total_cents INTEGER NOT NULL CHECK (total_cents >= 0));
                """);
    }
}
