package dev.plc.telemetry;

import dev.plc.core.PlcException;
import dev.plc.db.Secrets;
import dev.plc.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The local, append-only telemetry log: one JSON object per line. Nothing is ever sent over a network.
 * Every string that reaches the file goes through {@link Secrets#redact} first.
 */
public final class TelemetryLog {

    public static final String DEFAULT_SKILL = "backend/persistence-layer-change";
    public static final List<String> MIGRATION_TYPES = List.of("additive", "staged", "destructive");
    public static final List<String> OUTCOMES = List.of("success", "partial", "blocked");
    public static final String FILE_ENV = "PLC_TELEMETRY_FILE";

    // FileLock is held per JVM, and a second lock() from the same JVM on an overlapping region throws
    // OverlappingFileLockException instead of waiting: threads take this lock first, processes the file lock.
    private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final Path file;
    private final String serverVersion;
    private final Clock clock;

    public TelemetryLog(Path file, String serverVersion) {
        this(file, serverVersion, Clock.systemUTC());
    }

    TelemetryLog(Path file, String serverVersion, Clock clock) {
        this.file = file.toAbsolutePath().normalize();
        this.serverVersion = serverVersion;
        this.clock = clock;
    }

    /** The log of this environment: {@code PLC_TELEMETRY_FILE}, else the XDG state directory. */
    public static TelemetryLog fromEnvironment(String serverVersion) {
        return new TelemetryLog(defaultFile(System.getenv(), System.getProperty("user.home")), serverVersion);
    }

    /**
     * {@code $PLC_TELEMETRY_FILE}, else {@code $XDG_STATE_HOME/persistence-layer-change/telemetry.jsonl}
     * (XDG_STATE_HOME defaults to {@code ~/.local/state}; a relative value is ignored, as the spec says).
     */
    public static Path defaultFile(Map<String, String> env, String userHome) {
        String explicit = env.get(FILE_ENV);
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit.strip());
        }
        String state = env.get("XDG_STATE_HOME");
        Path base = state != null && !state.isBlank() && Path.of(state).isAbsolute()
                ? Path.of(state) : Path.of(userHome, ".local", "state");
        return base.resolve("persistence-layer-change").resolve("telemetry.jsonl");
    }

    public Path file() {
        return file;
    }

    /** Validates, redacts and appends one line; returns what was written. */
    public TelemetryResult record(TelemetryEntry entry) {
        String migrationType = oneOf("migration_type", entry.migrationType(), MIGRATION_TYPES);
        String outcome = oneOf("outcome", entry.outcome(), OUTCOMES);
        String skill = entry.skill() == null || entry.skill().isBlank() ? DEFAULT_SKILL : entry.skill().strip();
        Path repo = entry.repo();
        TelemetryRecord record = new TelemetryRecord(
                DateTimeFormatter.ISO_INSTANT.format(Instant.now(clock)),
                Secrets.redact(skill),
                migrationType,
                outcome,
                redact(entry.artifactsWritten()),
                redact(entry.filesTouched()),
                blankToNull(Secrets.redact(entry.planId())),
                blankToNull(Secrets.redact(entry.notes())),
                repo == null ? null : Secrets.redact(repo.toString()),
                repo == null ? null : gitCommit(repo),
                serverVersion);
        append(Json.compact(record) + "\n");
        return new TelemetryResult(true, file.toString(), record);
    }

    private void append(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        ReentrantLock lock = IN_PROCESS.computeIfAbsent(file, f -> new ReentrantLock());
        lock.lock();
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
                 FileLock ignored = channel.lock()) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
        } catch (IOException e) {
            throw new PlcException(PlcException.Code.UNAVAILABLE, "cannot append to the telemetry log " + file + ": " + e.getMessage()
                    + " (set " + FILE_ENV + " to a writable file)", e);
        } finally {
            lock.unlock();
        }
    }

    /** Counts by outcome and migration type; malformed lines are counted as skipped. */
    public TelemetrySummary summarize() {
        Map<String, Integer> byOutcome = new TreeMap<>();
        Map<String, Integer> byType = new TreeMap<>();
        int total = 0;
        int skipped = 0;
        Instant first = null;
        Instant last = null;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = Json.MAPPER.readTree(line);
                } catch (JacksonException e) {
                    skipped++;
                    continue;
                }
                if (node == null || !node.isObject()) {
                    skipped++;
                    continue;
                }
                total++;
                byOutcome.merge(text(node, "outcome"), 1, Integer::sum);
                byType.merge(text(node, "migration_type"), 1, Integer::sum);
                Instant time = instant(node);
                if (time != null) {
                    first = first == null || time.isBefore(first) ? time : first;
                    last = last == null || time.isAfter(last) ? time : last;
                }
            }
        } catch (NoSuchFileException e) {
            return new TelemetrySummary(file.toString(), false, 0, 0, Map.of(), Map.of(), null, null);
        } catch (IOException e) {
            // a binary or unreadable file is a bad log, not a crash
            throw new PlcException(PlcException.Code.UNAVAILABLE, "cannot read the telemetry log " + file + ": " + e.getMessage(), e);
        }
        return new TelemetrySummary(file.toString(), true, total, skipped, byOutcome, byType,
                first == null ? null : first.toString(), last == null ? null : last.toString());
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? "unknown" : value.asString();
    }

    private static Instant instant(JsonNode node) {
        JsonNode value = node.get("time");
        if (value == null || !value.isString()) {
            return null;
        }
        try {
            return Instant.parse(value.asString());
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String oneOf(String field, String value, List<String> allowed) {
        if (value == null || value.isBlank()) {
            throw PlcException.invalid(field + " is required: one of " + String.join(", ", allowed));
        }
        String v = value.strip();
        if (!allowed.contains(v)) {
            throw PlcException.invalid(field + " must be one of " + String.join(", ", allowed) + "; got '" + Secrets.redact(v) + "'");
        }
        return v;
    }

    private static List<String> redact(List<String> values) {
        return values == null ? List.of() : values.stream().filter(Objects::nonNull).map(Secrets::redact).toList();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** HEAD of the repository, or null outside git (or when git is missing or slow). */
    static String gitCommit(Path repo) {
        Process p = null;
        try {
            p = new ProcessBuilder("git", "-C", repo.toString(), "rev-parse", "HEAD")
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File(nullDevice())))
                    .start();
            if (!p.waitFor(3, TimeUnit.SECONDS)) {
                return null;
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.exitValue() == 0 && out.matches("[0-9a-f]{40,64}") ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            if (p != null && p.isAlive()) {
                p.destroyForcibly();
            }
        }
    }

    private static String nullDevice() {
        return System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null";
    }
}
