package dev.plc.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plc.core.PlcException;
import dev.plc.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TelemetryLogTest {

    @TempDir
    Path tmp;

    private TelemetryLog log() {
        return new TelemetryLog(tmp.resolve("state/telemetry.jsonl"), "9.9.9");
    }

    private TelemetryEntry entry(String type, String outcome, String notes) {
        return new TelemetryEntry(null, type, List.of("db/migration/V4__add.sql"), List.of("src/Order.java"), outcome, "plan-1", notes, tmp);
    }

    @Test
    void appendsOneCompleteJsonLineWithContext() throws Exception {
        TelemetryResult result = log().record(entry("additive", "success", "added a column"));
        List<String> lines = Files.readAllLines(tmp.resolve("state/telemetry.jsonl"));
        assertThat(lines).hasSize(1);
        @SuppressWarnings("unchecked")
        Map<String, Object> line = Json.MAPPER.readValue(lines.get(0), Map.class);
        assertThat(line).containsEntry("skill", TelemetryLog.DEFAULT_SKILL).containsEntry("migration_type", "additive")
                .containsEntry("outcome", "success").containsEntry("plan_id", "plan-1").containsEntry("server_version", "9.9.9")
                .containsEntry("repo", tmp.toString()).containsEntry("artifacts_written", List.of("db/migration/V4__add.sql"))
                .containsKey("time");
        // a temp folder is not a git repository: the commit is recorded as null, not left out
        assertThat(line).containsKey("git_commit");
        assertThat(line.get("git_commit")).isNull();
        assertThat(result.recorded()).isTrue();
        assertThat(result.path()).isEqualTo(tmp.resolve("state/telemetry.jsonl").toString());
    }

    @Test
    void rejectsAnUnknownMigrationTypeNamingTheAllowedValues() {
        assertThatThrownBy(() -> log().record(entry("additve", "success", null)))
                .isInstanceOf(PlcException.class)
                .hasMessageContaining("migration_type must be one of additive, staged, destructive")
                .hasMessageContaining("'additve'")
                .satisfies(e -> assertThat(((PlcException) e).code()).isEqualTo(PlcException.Code.INVALID_ARGUMENT));
        assertThat(tmp.resolve("state/telemetry.jsonl")).doesNotExist();
    }

    @Test
    void rejectsAnUnknownOrMissingOutcomeNamingTheAllowedValues() {
        assertThatThrownBy(() -> log().record(entry("staged", "done", null)))
                .hasMessageContaining("outcome must be one of success, partial, blocked");
        assertThatThrownBy(() -> log().record(entry("staged", null, null)))
                .hasMessageContaining("outcome is required: one of success, partial, blocked");
    }

    @Test
    void neverWritesAPasswordOrTokenToTheFile() throws Exception {
        TelemetryEntry secretive = new TelemetryEntry("skill token=hunter2", "destructive",
                List.of("postgresql://app:hunter2@db/app"), List.of("jdbc:mysql://db/app?user=root&password=hunter2"), "blocked",
                "plan-ghp_hunter2hunter2hunter2hunter2XY",
                "tried jdbc:postgresql://db:5432/app?user=app&password=hunter2 with Bearer hunter2hunter2", tmp);
        TelemetryResult result = log().record(secretive);
        String file = Files.readString(tmp.resolve("state/telemetry.jsonl"));
        assertThat(file).doesNotContain("hunter2").contains("***");
        assertThat(Json.compact(result.record())).doesNotContain("hunter2");
    }

    @Test
    void concurrentAppendsFromManyThreadsNeitherInterleaveNorLoseLines() throws Exception {
        TelemetryLog log = log();
        int threads = 8;
        int each = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        String longNote = "x".repeat(5000);
        for (int t = 0; t < threads; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < each; i++) {
                    // each thread uses its own instance too: the lock must not depend on sharing one
                    TelemetryLog own = i % 2 == 0 ? log : new TelemetryLog(log.file(), "9.9.9");
                    own.record(entry("staged", "partial", "t" + thread + "-" + i + " " + longNote));
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : futures) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertCompleteLines(log.file(), threads * each);
    }

    @Test
    void concurrentAppendsFromSeveralProcessesNeitherInterleaveNorLoseLines() throws Exception {
        Path file = tmp.resolve("shared.jsonl");
        int processes = 3;
        int each = 100;
        List<Process> children = new ArrayList<>();
        for (int p = 0; p < processes; p++) {
            children.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), TelemetryAppender.class.getName(),
                    file.toString(), "p" + p, String.valueOf(each))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
        }
        for (Process child : children) {
            assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).isZero();
        }
        assertCompleteLines(file, processes * each);
    }

    private static void assertCompleteLines(Path file, int expected) throws Exception {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(expected);
        Set<String> notes = new HashSet<>();
        for (String line : lines) {
            @SuppressWarnings("unchecked")
            Map<String, Object> json = Json.MAPPER.readValue(line, Map.class);
            assertThat(json).containsKeys("time", "migration_type", "outcome");
            notes.add(((String) json.get("notes")).split(" ")[0]);
        }
        assertThat(notes).as("every call's line, once").hasSize(expected);
        TelemetrySummary summary = new TelemetryLog(file, "x").summarize();
        assertThat(summary.total()).isEqualTo(expected);
        assertThat(summary.skipped()).isZero();
    }

    @Test
    void summaryCountsByOutcomeAndTypeAndSkipsMalformedLines() throws Exception {
        TelemetryLog log = log();
        log.record(entry("additive", "success", null));
        log.record(entry("additive", "success", null));
        log.record(entry("staged", "partial", null));
        log.record(entry("destructive", "blocked", null));
        Files.writeString(log.file(), "not json\n{\"truncated\": \n[1,2]\n\n", java.nio.file.StandardOpenOption.APPEND);
        log.record(entry("staged", "success", null));

        TelemetrySummary s = log.summarize();
        assertThat(s.exists()).isTrue();
        assertThat(s.total()).isEqualTo(5);
        assertThat(s.skipped()).isEqualTo(3);
        assertThat(s.byOutcome()).containsExactlyInAnyOrderEntriesOf(Map.of("success", 3, "partial", 1, "blocked", 1));
        assertThat(s.byMigrationType()).containsExactlyInAnyOrderEntriesOf(Map.of("additive", 2, "staged", 2, "destructive", 1));
        assertThat(s.firstTime()).isNotNull();
        assertThat(s.lastTime()).isGreaterThanOrEqualTo(s.firstTime());
    }

    @Test
    void summaryOfAMissingFileIsEmptyNotAnError() {
        TelemetrySummary s = log().summarize();
        assertThat(s.exists()).isFalse();
        assertThat(s.total()).isZero();
    }

    @Test
    void theFileComesFromTheEnvironmentThenXdgStateHomeThenTheHomeFolder() {
        assertThat(TelemetryLog.defaultFile(Map.of("PLC_TELEMETRY_FILE", "/tmp/t.jsonl", "XDG_STATE_HOME", "/s"), "/home/u"))
                .isEqualTo(Path.of("/tmp/t.jsonl"));
        assertThat(TelemetryLog.defaultFile(Map.of("XDG_STATE_HOME", "/s"), "/home/u"))
                .isEqualTo(Path.of("/s/persistence-layer-change/telemetry.jsonl"));
        assertThat(TelemetryLog.defaultFile(Map.of("XDG_STATE_HOME", "relative"), "/home/u"))
                .isEqualTo(Path.of("/home/u/.local/state/persistence-layer-change/telemetry.jsonl"));
        assertThat(TelemetryLog.defaultFile(Map.of(), "/home/u"))
                .isEqualTo(Path.of("/home/u/.local/state/persistence-layer-change/telemetry.jsonl"));
    }

    @Test
    void recordsTheHeadCommitInsideAGitRepository() throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        Process init = new ProcessBuilder("sh", "-c", "git init -q && git -c user.email=a@b -c user.name=a commit -q --allow-empty -m x")
                .directory(repo.toFile()).redirectErrorStream(true).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(init.waitFor(30, TimeUnit.SECONDS) && init.exitValue() == 0, "git is needed");
        TelemetryResult r = log().record(new TelemetryEntry(null, "additive", null, null, "success", null, null, repo));
        assertThat(r.record().gitCommit()).matches("[0-9a-f]{40}");
    }
}
