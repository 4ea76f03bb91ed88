package dev.plc.cli;

import dev.plc.bench.ApplyBenchmark;
import dev.plc.db.Dialect;
import dev.plc.db.ScratchDatabases;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark: apply a generated corpus with run_checks' engine next to the database's own client (psql -f, mariadb <) "
                + "in the same run, and the linter's throughput. Prints a table.")
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--migrations", defaultValue = "500", description = "Size of the corpus (default ${DEFAULT-VALUE}).")
    int migrations;

    @Option(names = "--dialects", split = ",", defaultValue = "postgresql,mariadb", description = "Engines (default ${DEFAULT-VALUE}).")
    List<String> dialects;

    @Option(names = "--rounds", defaultValue = "3", description = "Best of N per side (default ${DEFAULT-VALUE}).")
    int rounds;

    @Override
    public Integer call() throws Exception {
        List<Dialect> chosen = dialects.stream().map(d -> Dialect.fromId(d)
                .orElseThrow(() -> dev.plc.PlcException.invalid("unknown dialect " + d))).toList();
        ApplyBenchmark bench = new ApplyBenchmark(ScratchDatabases.fromEnvironment());
        List<ApplyBenchmark.Row> rows = bench.run(migrations, chosen, rounds);
        System.out.print(ApplyBenchmark.table(rows));
        System.out.println(bench.lintThroughput(migrations));
        Runtime rt = Runtime.getRuntime();
        System.out.printf("memory: %d MB heap used, %d MB resident%n", (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024), residentMegabytes());
        return ExitCode.OK;
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
