package dev.plc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plc.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The command line of the real jar, as the README shows it. */
class CliIT {

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("java", "-jar",
                Path.of(System.getProperty("plc.jar", "target/persistence-layer-change-mcp.jar")).toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE).start();
        var err = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                return e.toString();
            }
        });
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out, err.get());
    }

    @Test
    void inspectPrintsAReadableReportOfTheEmbeddedExample() throws Exception {
        Run r = run("inspect", "--repo", "examples/h2-flyway-quickstart");
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).contains("* flyway: 3 migrations in sql", "next 4", "Dialect: h2", "NOTEBOOKS", "ARCHIVED boolean not null");
        assertThat(r.err()).contains("[1/4]");
    }

    @Test
    void inspectJsonIsTheToolsStructuredResult() throws Exception {
        Run r = run("inspect", "--repo", "examples/h2-flyway-quickstart", "--json", "--quiet");
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.OK);
        @SuppressWarnings("unchecked")
        Map<String, Object> json = Json.MAPPER.readValue(r.out(), Map.class);
        assertThat(json).containsEntry("primary_framework", "flyway").containsKeys("schema", "schema_source", "dialect");
        assertThat(r.err()).doesNotContain("[1/4]");
    }

    @Test
    void planPrintsItsProofOnSeededRowsAndRefusesAPlanThatLosesData() throws Exception {
        dev.plc.testing.RealServers.require(dev.plc.db.Dialect.POSTGRESQL);
        Run ok = run("plan", "--repo", "examples/spring-flyway-postgres", "--sql", "ALTER TABLE orders ADD COLUMN priority integer", "--quiet");
        assertThat(ok.exit()).as(ok.err()).isEqualTo(ExitCode.OK);
        assertThat(ok.out()).containsPattern("Proof on seeded rows: ok, 400 rows seeded in customers, orders; schema equal, data equal .* \\d+ ms");

        String add = "ALTER TABLE customers ADD COLUMN first_name varchar(200), ADD COLUMN last_name varchar(200);";
        String drop = " ALTER TABLE customers DROP COLUMN full_name";
        // a backfill of the row's own columns is carried for every writer (a trigger): the names are intact
        Run carried = run("plan", "--repo", "examples/spring-flyway-postgres", "--sql", add
                + " UPDATE customers SET first_name = split_part(full_name, ' ', 1), last_name = split_part(full_name, ' ', 2);" + drop, "--quiet");
        assertThat(carried.out()).as(carried.err()).contains("Proof on seeded rows: ok", "data equal");
        // one that reads through a subquery no row trigger can repeat: the rows the old code writes after it lose their names
        String split = add + " UPDATE customers SET first_name = (SELECT split_part(c.full_name, ' ', 1) FROM customers c WHERE c.id = customers.id),"
                + " last_name = split_part(full_name, ' ', 2);" + drop;
        Run refused = run("plan", "--repo", "examples/spring-flyway-postgres", "--sql", split, "--quiet");
        assertThat(refused.exit()).isNotEqualTo(ExitCode.OK);
        assertThat(refused.err()).contains("FAILED_PRECONDITION", "[data:customers.first_name]", "accept_differences");
        List<String> args = new ArrayList<>(List.of("plan", "--repo", "examples/spring-flyway-postgres", "--sql", split, "--quiet"));
        java.util.regex.Pattern.compile("\\[([a-z]+:[^\\]]+)]").matcher(refused.err()).results().map(m -> m.group(1)).distinct()
                .forEach(name -> args.addAll(List.of("--accept-difference", name)));
        Run accepted = run(args.toArray(String[]::new));
        assertThat(accepted.out()).as(accepted.err()).contains("Proof on seeded rows: ok", "data DIFFERS", "[data:customers.first_name] (accepted)");
    }

    @Test
    void aMissingRepoIsAUsageErrorWithAClearMessage() throws Exception {
        Run r = run("inspect", "--repo", "does/not/exist");
        assertThat(r.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("INVALID_ARGUMENT", "does not exist").doesNotContain("at dev.plc");
    }

    @Test
    void versionComesFromThePom() throws Exception {
        Run r = run("--version");
        assertThat(r.exit()).isZero();
        assertThat(r.out().strip()).isEqualTo("persistence-layer-change " + System.getProperty("plc.version", "0.1.0"));
    }

    @Test
    void telemetryLogAppendsAndSummaryCountsAndBadValuesAreUsageErrors(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        String file = tmp.resolve("t.jsonl").toString();
        Run logged = run("telemetry", "log", "--file", file, "--repo", tmp.toString(), "--migration-type", "staged",
                "--outcome", "partial", "--artifacts-written", "a.sql,b.sql", "--notes", "password=hunter2", "--json");
        assertThat(logged.exit()).as(logged.err()).isEqualTo(ExitCode.OK);
        assertThat(logged.out()).contains("\"recorded\" : true", "a.sql", "b.sql").doesNotContain("hunter2");

        Run bad = run("telemetry", "log", "--file", file, "--migration-type", "staged", "--outcome", "maybe");
        assertThat(bad.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(bad.err()).contains("outcome must be one of success, partial, blocked");

        java.nio.file.Files.writeString(tmp.resolve("t.jsonl"), "garbage\n", java.nio.file.StandardOpenOption.APPEND);
        Run summary = run("telemetry", "summary", "--file", file);
        assertThat(summary.exit()).as(summary.err()).isEqualTo(ExitCode.OK);
        assertThat(summary.out()).contains("Records: 1 (1 malformed lines skipped)", "partial: 1", "staged: 1");
        Run json = run("telemetry", "summary", "--file", file, "--json");
        @SuppressWarnings("unchecked")
        Map<String, Object> counts = Json.MAPPER.readValue(json.out(), Map.class);
        assertThat(counts).containsEntry("total", 1).containsEntry("skipped", 1);
    }

    @Test
    void telemetryFromSeveralJarProcessesAtOnceLosesNoLine(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        java.nio.file.Path file = tmp.resolve("t.jsonl");
        String jar = Path.of(System.getProperty("plc.jar", "target/persistence-layer-change-mcp.jar")).toAbsolutePath().toString();
        int processes = 3;
        int each = 5;
        List<Process> running = new ArrayList<>();
        for (int p = 0; p < processes; p++) {
            // each child appends several lines, so the processes overlap
            String loop = "for i in $(seq 1 " + each + "); do java -jar '" + jar + "' telemetry log --file '" + file + "' --repo '" + tmp
                    + "' --migration-type additive --outcome success --notes p" + p + "-$i || exit 1; done";
            running.add(new ProcessBuilder("bash", "-c", loop).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
        }
        for (Process p : running) {
            assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        }
        for (Process p : running) {
            assertThat(p.exitValue()).isZero();
        }
        List<String> lines = java.nio.file.Files.readAllLines(file);
        assertThat(lines).hasSize(processes * each);
        for (String line : lines) {
            assertThat(Json.MAPPER.readValue(line, Map.class)).containsKeys("time", "notes");
        }
    }
}
