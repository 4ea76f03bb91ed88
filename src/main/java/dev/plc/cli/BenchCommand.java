package dev.plc.cli;

import dev.plc.bench.ApplyBenchmark;
import dev.plc.bench.EndToEndBenchmark;
import dev.plc.bench.HazardBenchmark;
import dev.plc.bench.InspectBenchmark;
import dev.plc.bench.ServerLaunch;
import dev.plc.bench.StartupBenchmark;
import dev.plc.db.Dialect;
import dev.plc.db.ScratchDatabases;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark: each section measures one thing with its baseline beside it, in the same run, and prints a table. "
                + "apply: run_checks' engine next to the database's own client (psql -f, mariadb <); lint: the linter's throughput; "
                + "hazards: the linter's recall and false positives on a labelled corpus, next to squawk's; "
                + "inspect: inspect_repo's scan of a generated repository next to git ls-files and find; "
                + "plan: plan_change on a staged (multi-release) rename, warm, with the time of its proof on 200 seeded rows per table beside it; "
                + "startup: spawn to the first tools/list answer over stdio, the documented launch command next to the Node reference "
                + "server @modelcontextprotocol/server-everything (npx); memory: heap and resident size at the end.")
final class BenchCommand implements Callable<Integer> {

    /** Every section, in the order they run (memory last: what is resident after the others). */
    static final List<String> SECTIONS = List.of("apply", "lint", "hazards", "inspect", "plan", "e2e", "startup", "memory");

    @Option(names = "--sections", split = ",", description = "Sections to run (default: all of ${COMPLETION-CANDIDATES}).",
            completionCandidates = Sections.class)
    List<String> sections;

    @Option(names = "--migrations", defaultValue = "500", description = "Size of the corpus (default ${DEFAULT-VALUE}).")
    int migrations;

    @Option(names = "--dialects", split = ",", defaultValue = "postgresql,mariadb", description = "Engines (default ${DEFAULT-VALUE}).")
    List<String> dialects;

    @Option(names = "--rounds", defaultValue = "5", description = "Best of N timed rounds per side, after "
            + ApplyBenchmark.WARMUP_ROUNDS + " untimed ones (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--inspect-files", defaultValue = "50000",
            description = "inspect: files in the generated repository (default ${DEFAULT-VALUE}).")
    int inspectFiles;

    @Option(names = "--inspect-migrations", defaultValue = "2000",
            description = "inspect: Flyway migrations in the generated repository (default ${DEFAULT-VALUE}).")
    int inspectMigrations;

    @Option(names = "--jar", description = "startup: the server jar to start (default: the running jar).")
    java.nio.file.Path jar;

    @Option(names = "--npm-cache", description = "startup: where the reference server is installed with npm (default: "
            + "$XDG_CACHE_HOME/persistence-layer-change/npm or ~/.cache/persistence-layer-change/npm).")
    java.nio.file.Path npmCache;

    static final class Sections extends java.util.ArrayList<String> {
        Sections() {
            super(SECTIONS);
        }
    }

    @Override
    public Integer call() throws Exception {
        Set<String> chosen = new LinkedHashSet<>(sections == null ? SECTIONS : sections);
        for (String s : chosen) {
            if (!SECTIONS.contains(s)) {
                throw dev.plc.core.PlcException.invalid("unknown bench section '" + s + "'; sections: " + String.join(", ", SECTIONS));
            }
        }
        for (String section : SECTIONS) {
            if (!chosen.contains(section)) {
                continue;
            }
            switch (section) {
                case "apply" -> apply();
                case "lint" -> System.out.println(new ApplyBenchmark(ScratchDatabases.fromEnvironment()).lintThroughput(migrations));
                case "hazards" -> System.out.print(HazardBenchmark.run());
                case "inspect" -> System.out.print(InspectBenchmark.run(inspectFiles, inspectMigrations, Math.max(rounds, 5)));
                case "plan" -> System.out.print(dev.plc.bench.PlanBenchmark.run(rounds));
                case "memory" -> memory();
                case "e2e" -> e2e();
                case "startup" -> startup();
                default -> throw new IllegalStateException(section);
            }
            System.out.flush();
        }
        return ExitCode.OK;
    }

    private void apply() throws Exception {
        ApplyBenchmark bench = new ApplyBenchmark(ScratchDatabases.fromEnvironment());
        System.out.print(ApplyBenchmark.table(bench.run(migrations, engines(), rounds)));
    }

    /** plan and apply end to end: spawned command lines and a server kept running, next to the raw client. */
    private void e2e() throws Exception {
        EndToEndBenchmark bench = new EndToEndBenchmark(serverJar(), rounds);
        List<EndToEndBenchmark.Row> rows = new java.util.ArrayList<>(bench.plan());
        rows.addAll(bench.apply(migrations, engines()));
        System.out.print(EndToEndBenchmark.table(rows, rounds));
    }

    private List<Dialect> engines() {
        return dialects.stream().map(d -> Dialect.fromId(d).orElseThrow(() -> dev.plc.core.PlcException.invalid("unknown dialect " + d))).toList();
    }

    /** The jar the spawned servers and command lines run: --jar, else the running one. */
    private java.nio.file.Path serverJar() {
        java.nio.file.Path server = jar != null ? jar.toAbsolutePath() : ServerLaunch.runningJar().orElseThrow(() -> dev.plc.core.PlcException.invalid(
                "bench startup and e2e need the server jar: run it from the jar (java -jar target/persistence-layer-change-mcp.jar bench ...) or pass --jar"));
        if (!java.nio.file.Files.isRegularFile(server)) {
            throw dev.plc.core.PlcException.invalid("--jar " + server + " is not a file; build it with mvn -B -q -DskipTests package");
        }
        return server;
    }

    private void startup() throws InterruptedException {
        java.nio.file.Path server = serverJar();
        StartupBenchmark bench = new StartupBenchmark(server, npmCache != null ? npmCache.toAbsolutePath() : StartupBenchmark.defaultNpmCache());
        System.out.print(StartupBenchmark.table(bench.run(rounds), rounds));
    }

    private static void memory() {
        Runtime rt = Runtime.getRuntime();
        long before = (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024);
        System.gc(); // what is live, not when the collector last ran
        long live = (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024);
        System.out.printf("memory: %d MB heap used (%d MB live after a full GC, %d MB kept by the JVM), %d MB resident%n", before, live,
                rt.totalMemory() / (1024 * 1024), residentMegabytes());
    }

    private static long residentMegabytes() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D+", "")) / 1024;
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
