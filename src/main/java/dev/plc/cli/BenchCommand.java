package dev.plc.cli;

import dev.plc.bench.ApplyBenchmark;
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
                + "memory: heap and resident size at the end.")
final class BenchCommand implements Callable<Integer> {

    /** Every section, in the order they run. */
    static final List<String> SECTIONS = List.of("apply", "lint", "memory");

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
                throw dev.plc.PlcException.invalid("unknown bench section '" + s + "'; sections: " + String.join(", ", SECTIONS));
            }
        }
        for (String section : SECTIONS) {
            if (!chosen.contains(section)) {
                continue;
            }
            switch (section) {
                case "apply" -> apply();
                case "lint" -> System.out.println(new ApplyBenchmark(ScratchDatabases.fromEnvironment()).lintThroughput(migrations));
                case "memory" -> memory();
                default -> throw new IllegalStateException(section);
            }
            System.out.flush();
        }
        return ExitCode.OK;
    }

    private void apply() throws Exception {
        List<Dialect> engines = dialects.stream().map(d -> Dialect.fromId(d)
                .orElseThrow(() -> dev.plc.PlcException.invalid("unknown dialect " + d))).toList();
        ApplyBenchmark bench = new ApplyBenchmark(ScratchDatabases.fromEnvironment());
        System.out.print(ApplyBenchmark.table(bench.run(migrations, engines, rounds)));
    }

    private static void memory() {
        Runtime rt = Runtime.getRuntime();
        System.out.printf("memory: %d MB heap used, %d MB resident%n", (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024), residentMegabytes());
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
