package dev.plc.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One embedded PostgreSQL per user, shared by every CLI command and server of that user: started on first need,
 * kept running between commands, and stopped by a small watchdog after it has had no scratch database for the idle
 * time. Its home is a cache folder:
 * <pre>
 *   server.properties   port, data directory, postmaster pid of the running server (absent: none runs)
 *   lock                held while a process decides whether to start the server (one start at a time)
 *   users/PID-N         one lease per open scratch database of process PID (a dead PID's leases are ignored)
 *   last-used           touched whenever a lease ends: the idle time counts from here
 *   reaper.pid          the watchdog (a POSIX shell loop; it ignores Ctrl-C and hang-ups)
 *   cluster-UUID/       the data directory of one start (a new one each start: nothing carries over)
 *   postgres.log        the server's log
 * </pre>
 * The stop protocol cannot cut a user off: a process writes its lease before it reads {@code server.properties};
 * the watchdog renames {@code server.properties} away before it looks at the leases a last time, and puts it back
 * if a lease appeared. A process that finds no {@code server.properties} while a postmaster still runs waits for
 * that postmaster to end before starting a new one.
 */
final class SharedEmbeddedPostgres {

    private static final Logger LOG = LoggerFactory.getLogger(SharedEmbeddedPostgres.class);
    /** The major version of the bundled binaries; part of the home's name so another version never reads its files. */
    static final String MAJOR = "17";
    static final Duration DEFAULT_IDLE = Duration.ofMinutes(10);
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);
    private static final AtomicInteger LEASES = new AtomicInteger();

    private final Path home;
    private final Duration idle;

    SharedEmbeddedPostgres(Path home, Duration idle) {
        this.home = home;
        this.idle = idle;
    }

    /** The shared engine of this user as the environment configures it, or empty when the process keeps its own. */
    static Optional<SharedEmbeddedPostgres> configured(Map<String, String> env) {
        Duration idle = idle(env);
        if (idle.isZero() || System.getProperty("os.name", "").startsWith("Windows")) {
            return Optional.empty(); // no POSIX shell for the watchdog: one engine per process, stopped at its exit
        }
        return Optional.of(new SharedEmbeddedPostgres(home(env), idle));
    }

    /** {@code PLC_EMBEDDED_POSTGRES_IDLE}: seconds without a scratch database before the shared engine stops; 0 = per process. */
    static Duration idle(Map<String, String> env) {
        String value = env.get("PLC_EMBEDDED_POSTGRES_IDLE");
        if (value == null || value.isBlank()) {
            return DEFAULT_IDLE;
        }
        try {
            long seconds = Long.parseLong(value.strip());
            if (seconds < 0) {
                throw new NumberFormatException();
            }
            return Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            LOG.warn("PLC_EMBEDDED_POSTGRES_IDLE={} is not a number of seconds; using {} s", value, DEFAULT_IDLE.toSeconds());
            return DEFAULT_IDLE;
        }
    }

    /** {@code $PLC_CACHE_DIR}, else {@code $XDG_CACHE_HOME/persistence-layer-change}, else {@code ~/.cache/persistence-layer-change}; then {@code embedded-postgres-17}. */
    static Path home(Map<String, String> env) {
        String cache = env.get("PLC_CACHE_DIR");
        Path base;
        if (cache != null && !cache.isBlank()) {
            base = Path.of(cache);
        } else {
            String xdg = env.get("XDG_CACHE_HOME");
            String userHome = env.getOrDefault("HOME", System.getProperty("user.home"));
            base = (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(userHome, ".cache")).resolve("persistence-layer-change");
        }
        return base.resolve("embedded-postgres-" + MAJOR).toAbsolutePath();
    }

    Path home() {
        return home;
    }

    Duration idleTime() {
        return idle;
    }

    /** A hold on the running engine: while any lease of a live process is open, the watchdog does not stop it. */
    final class Lease implements AutoCloseable {
        private final Path file;
        private final int port;
        private volatile boolean closed;

        private Lease(Path file, int port) {
            this.file = file;
            this.port = port;
        }

        int port() {
            return port;
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                touch(home.resolve("last-used"));
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.debug("could not end lease {}: {}", file, e.getMessage());
            }
        }
    }

    /** Takes a lease on the running engine, starting it (and its watchdog) when none runs. */
    synchronized Lease acquire() throws ScratchDatabaseException {
        try {
            Files.createDirectories(home.resolve("users"));
        } catch (IOException e) {
            throw new ScratchDatabaseException("the embedded PostgreSQL's folder " + home + " cannot be created: " + e.getMessage(), e);
        }
        try (FileChannel channel = FileChannel.open(home.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            Path lease = newLeaseFile();
            try {
                int port = runningPort().orElse(-1);
                if (port < 0) {
                    port = start();
                }
                ensureWatchdog();
                touch(home.resolve("last-used"));
                return new Lease(lease, port);
            } catch (ScratchDatabaseException | RuntimeException e) {
                Files.deleteIfExists(lease);
                throw e;
            }
        } catch (IOException e) {
            throw new ScratchDatabaseException("the embedded PostgreSQL's folder " + home + " cannot be locked: " + e.getMessage(), e);
        }
    }

    private Path newLeaseFile() throws ScratchDatabaseException {
        Path file = home.resolve("users").resolve(ProcessHandle.current().pid() + "-" + LEASES.incrementAndGet());
        try {
            Files.writeString(file, Instant.now().toString());
        } catch (IOException e) {
            throw new ScratchDatabaseException("could not write a lease in " + file.getParent() + ": " + e.getMessage(), e);
        }
        return file;
    }

    /** The port of a live engine started here, waiting out one that is stopping; empty when none runs. */
    private OptionalInt runningPort() {
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        while (true) {
            Optional<Properties> props = properties();
            if (props.isPresent()) {
                int port = Integer.parseInt(props.get().getProperty("port"));
                Path data = Path.of(props.get().getProperty("data"));
                if (answers(port, data)) {
                    return OptionalInt.of(port);
                }
                LOG.info("the shared embedded PostgreSQL on port {} does not answer; starting a new one", port);
                stopQuietly(props.get());
                deleteQuietly(home.resolve("server.properties"));
                return OptionalInt.empty();
            }
            if (stoppingPostmasters().isEmpty() || System.nanoTime() > deadline) {
                return OptionalInt.empty();
            }
            sleep(200); // the watchdog is stopping the last one
        }
    }

    private Optional<Properties> properties() {
        Path file = home.resolve("server.properties");
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            props.load(in);
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            LOG.debug("unreadable {}: {}", file, e.getMessage());
            return Optional.empty();
        }
        return props.getProperty("port") == null || props.getProperty("data") == null ? Optional.empty() : Optional.of(props);
    }

    /** Whether the server on the port is the one whose data directory is {@code data} (not another program on a reused port). */
    private static boolean answers(int port, Path data) {
        Properties props = new Properties();
        props.setProperty("user", "postgres");
        props.setProperty("connectTimeout", "3");
        props.setProperty("socketTimeout", "5");
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres", props);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_setting('data_directory')")) {
            return rs.next() && Path.of(rs.getString(1)).toAbsolutePath().normalize().equals(data.toAbsolutePath().normalize());
        } catch (SQLException e) {
            return false;
        }
    }

    /** Postmasters of earlier starts in this home that still run. */
    private List<Long> stoppingPostmasters() {
        List<Long> alive = new ArrayList<>();
        for (Path cluster : clusters()) {
            postmasterPid(cluster).ifPresent(pid -> {
                if (alive(pid)) {
                    alive.add(pid);
                }
            });
        }
        return alive;
    }

    private static boolean running(Path cluster) {
        OptionalLong pid = postmasterPid(cluster);
        return pid.isPresent() && alive(pid.getAsLong());
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private List<Path> clusters() {
        List<Path> clusters = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(home, "cluster-*")) {
            dirs.forEach(clusters::add);
        } catch (IOException e) {
            LOG.debug("cannot list {}: {}", home, e.getMessage());
        }
        return clusters;
    }

    private static OptionalLong postmasterPid(Path cluster) {
        try (Stream<String> lines = Files.lines(cluster.resolve("postmaster.pid"))) {
            return lines.findFirst().map(String::strip).filter(s -> s.matches("\\d+")).map(s -> OptionalLong.of(Long.parseLong(s)))
                    .orElse(OptionalLong.empty());
        } catch (IOException | UncheckedIOException e) {
            return OptionalLong.empty();
        }
    }

    private int start() throws ScratchDatabaseException {
        // the data of starts that ended is not needed any more
        clusters().stream().filter(cluster -> !running(cluster)).forEach(SharedEmbeddedPostgres::deleteTree);
        Path data = home.resolve("cluster-" + UUID.randomUUID());
        try {
            Files.move(home.resolve("postgres.log"), home.resolve("postgres.log.1"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            // no log yet
        }
        Redirect log = Redirect.appendTo(home.resolve("postgres.log").toFile());
        long begin = System.nanoTime();
        EmbeddedPostgres engine;
        try {
            engine = EmbeddedPostgres.builder()
                    .setDataDirectory(data)
                    .setCleanDataDirectory(true)
                    .setRegisterShutdownHook(false)
                    .setOutputRedirector(log)
                    .setErrorRedirector(log)
                    .start();
        } catch (IOException | RuntimeException | LinkageError e) {
            deleteTree(data);
            throw new ScratchDatabaseException("embedded PostgreSQL could not start (" + e.getMessage()
                    + "); the jar carries the binaries of the platform it was built on; its log is " + home.resolve("postgres.log"), e);
        }
        int port = engine.getPort();
        Properties props = new Properties();
        props.setProperty("port", Integer.toString(port));
        props.setProperty("data", data.toString());
        postmasterPid(data).ifPresent(pid -> props.setProperty("pid", Long.toString(pid)));
        props.setProperty("started", Instant.now().toString());
        Path tmp = home.resolve("server.properties.tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            props.store(out, "the shared embedded PostgreSQL of persistence-layer-change");
            out.close();
            Files.move(tmp, home.resolve("server.properties"), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            stopQuietly(props);
            throw new ScratchDatabaseException("could not record the embedded PostgreSQL in " + home + ": " + e.getMessage(), e);
        }
        LOG.info("started the shared embedded PostgreSQL on port {} in {} ms ({}; stopped after {} s without use)", port,
                (System.nanoTime() - begin) / 1_000_000, home, idle.toSeconds());
        return port;
    }

    /** Starts the watchdog unless one runs for this home. */
    private void ensureWatchdog() throws ScratchDatabaseException {
        Path pidFile = home.resolve("reaper.pid");
        try {
            if (Files.exists(pidFile)) {
                String text = Files.readString(pidFile).strip();
                if (text.matches("\\d+") && alive(Long.parseLong(text))) {
                    return;
                }
            }
            long step = Math.max(1, Math.min(30, idle.toSeconds() / 4));
            Process reaper = new ProcessBuilder("sh", "-c", WATCHDOG, "plc-embedded-postgres-watchdog", home.toString(),
                    Long.toString(idle.toSeconds()), Long.toString(step))
                    .redirectInput(Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(Redirect.DISCARD)
                    .redirectError(Redirect.appendTo(home.resolve("postgres.log").toFile()))
                    .start();
            Files.writeString(pidFile, Long.toString(reaper.pid()));
        } catch (IOException e) {
            throw new ScratchDatabaseException("could not start the embedded PostgreSQL's watchdog (sh): " + e.getMessage(), e);
        }
    }

    /**
     * The watchdog: every STEP seconds, when no live process holds a lease and the last lease ended IDLE seconds ago,
     * it takes {@code server.properties} away, looks at the leases once more, and then stops the postmaster (fast
     * shutdown) and removes its data directory.
     */
    private static final String WATCHDOG = """
            trap '' INT HUP QUIT
            home=$1; idle=$2; step=$3
            mtime() { stat -c %Y "$1" 2>/dev/null || stat -f %m "$1" 2>/dev/null || echo 0; }
            busy() {
              for u in "$home"/users/*; do
                [ -e "$u" ] || continue
                p=${u##*/}; p=${p%%-*}
                if kill -0 "$p" 2>/dev/null; then return 0; fi
                rm -f "$u"
              done
              return 1
            }
            while sleep "$step"; do
              [ -f "$home/server.properties" ] || break
              busy && continue
              now=$(date +%s); last=$(mtime "$home/last-used")
              [ $((now - last)) -ge "$idle" ] || continue
              mv -f "$home/server.properties" "$home/server.stopping" 2>/dev/null || break
              if busy; then mv -f "$home/server.stopping" "$home/server.properties"; continue; fi
              data=$(sed -n 's/^data=//p' "$home/server.stopping")
              pid=$(head -n 1 "$data/postmaster.pid" 2>/dev/null)
              [ -n "$pid" ] && kill -INT "$pid" 2>/dev/null
              n=0; while [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && [ $n -lt 100 ]; do sleep 0.2; n=$((n + 1)); done
              case "$data" in "$home"/cluster-*) rm -rf "$data" ;; esac
              rm -f "$home/server.stopping"
              break
            done
            rm -f "$home/reaper.pid"
            """;

    /** Stops the running engine now (the CLI's {@code embedded-postgres stop}); false when none ran. */
    synchronized boolean stop() throws ScratchDatabaseException {
        if (!Files.isDirectory(home)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(home.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            Optional<Properties> props = properties();
            deleteQuietly(home.resolve("server.properties"));
            props.ifPresent(SharedEmbeddedPostgres::stopQuietly);
            List<Long> left = stoppingPostmasters();
            left.forEach(SharedEmbeddedPostgres::interrupt);
            awaitExit(left);
            clusters().stream().filter(cluster -> !running(cluster)).forEach(SharedEmbeddedPostgres::deleteTree);
            return props.isPresent() || !left.isEmpty();
        } catch (IOException e) {
            throw new ScratchDatabaseException("the embedded PostgreSQL's folder " + home + " cannot be locked: " + e.getMessage(), e);
        }
    }

    /** What {@code embedded-postgres status} prints. */
    synchronized ScratchDatabases.EmbeddedStatus status() {
        Optional<Properties> props = properties();
        int leases = 0;
        try (DirectoryStream<Path> users = Files.newDirectoryStream(home.resolve("users"))) {
            for (Path u : users) {
                String pid = u.getFileName().toString().replaceFirst("-.*", "");
                if (pid.matches("\\d+") && alive(Long.parseLong(pid))) {
                    leases++;
                }
            }
        } catch (IOException e) {
            // no users folder: nothing ever ran here
        }
        Instant lastUsed = null;
        try {
            lastUsed = Files.getLastModifiedTime(home.resolve("last-used")).toInstant();
        } catch (IOException e) {
            // never used
        }
        boolean running = props.isPresent() && answers(Integer.parseInt(props.get().getProperty("port")), Path.of(props.get().getProperty("data")));
        return new ScratchDatabases.EmbeddedStatus(home, running, running ? Integer.parseInt(props.get().getProperty("port")) : 0, leases,
                lastUsed, idle);
    }

    private static void stopQuietly(Properties props) {
        String data = props.getProperty("data");
        if (data != null) {
            postmasterPid(Path.of(data)).ifPresent(pid -> {
                interrupt(pid);
                awaitExit(List.of(pid));
            });
        }
    }

    /** SIGINT: PostgreSQL's fast shutdown (open sessions are ended, nothing waits for clients). */
    private static void interrupt(long pid) {
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(pid)).redirectErrorStream(true).redirectOutput(Redirect.DISCARD).start().waitFor();
        } catch (IOException e) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitExit(List<Long> pids) {
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        for (long pid : pids) {
            while (alive(pid) && System.nanoTime() < deadline) {
                sleep(100);
            }
        }
    }

    private static void touch(Path file) throws IOException {
        if (Files.exists(file)) {
            Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
        } else {
            Files.writeString(file, "", StandardCharsets.UTF_8);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.debug("could not delete {}: {}", file, e.getMessage());
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(SharedEmbeddedPostgres::deleteQuietly);
        } catch (IOException | UncheckedIOException e) {
            LOG.debug("could not delete {}: {}", dir, e.getMessage());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
