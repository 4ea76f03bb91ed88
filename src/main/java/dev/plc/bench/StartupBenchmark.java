package dev.plc.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Cold start to the first tools/list answer over stdio: the server started with its documented launch command
 * (and, for comparison, with a bare {@code java -jar}), beside the Node reference server
 * {@code @modelcontextprotocol/server-everything} started the way its README says ({@code npx -y ...}), in the same
 * run. The reference is installed into a cache folder first, so no round includes a download. Rounds are
 * interleaved and each launch gets one untimed warm-up start (page cache).
 */
public final class StartupBenchmark {

    /** The reference MCP server (npm). */
    public static final String REFERENCE_PACKAGE = "@modelcontextprotocol/server-everything";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** One way to start a server; {@code unavailable} says why it could not be measured. */
    public record Launch(String label, List<String> command, Path directory, String unavailable) {
        static Launch of(String label, List<String> command, Path directory) {
            return new Launch(label, command, directory, null);
        }
    }

    /** The measured milliseconds of one launch (sorted), or why there are none. */
    public record Row(Launch launch, List<Long> millis, String failure) {
        long best() {
            return millis.get(0);
        }

        long median() {
            return millis.get(millis.size() / 2);
        }

        boolean measured() {
            return failure == null && !millis.isEmpty();
        }
    }

    private final Path jar;
    private final Path npmCache;

    public StartupBenchmark(Path jar, Path npmCache) {
        this.jar = jar;
        this.npmCache = npmCache;
    }

    /** The npm cache folder: {@code $XDG_CACHE_HOME/persistence-layer-change/npm}, else {@code ~/.cache/...}. */
    public static Path defaultNpmCache() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("persistence-layer-change").resolve("npm");
    }

    /** Ours (documented), ours (bare java -jar), the reference through npx (the documented way), the reference through node. */
    public List<Launch> launches() {
        String java = ServerLaunch.currentJava();
        List<Launch> launches = new ArrayList<>();
        Path archive = ServerLaunch.archiveOf(jar);
        launches.add(Files.isRegularFile(archive) ? Launch.of("ours, documented launch", ServerLaunch.command(java, jar), null)
                : Launch.of("ours, documented launch (" + shortName(archive) + " missing: no archive)", ServerLaunch.command(java, jar), null));
        launches.add(Launch.of("ours, bare java -jar", List.of(java, "-jar", jar.toString()), null));
        Optional<String> npx = onPath("npx");
        Optional<String> node = onPath("node");
        String installed = npx.isEmpty() ? "npx is not on the PATH (install Node.js 18+)" : installReference();
        String reference = "reference, npx -y (its README)";
        launches.add(installed != null ? new Launch(reference, List.of(), null, installed)
                : Launch.of(reference, List.of(npx.get(), "-y", REFERENCE_PACKAGE), npmCache));
        Path entry = npmCache.resolve("node_modules").resolve(REFERENCE_PACKAGE).resolve("dist").resolve("index.js");
        String direct = "reference, node dist/index.js";
        if (node.isEmpty()) {
            launches.add(new Launch(direct, List.of(), null, "node is not on the PATH"));
        } else if (installed != null || !Files.isRegularFile(entry)) {
            launches.add(new Launch(direct, List.of(), null, installed != null ? installed : entry + " is missing"));
        } else {
            launches.add(Launch.of(direct, List.of(node.get(), entry.toString()), npmCache));
        }
        return launches;
    }

    /** Installs the reference into the cache folder unless it is there; null when it is usable, else why not. */
    private String installReference() {
        Path installed = npmCache.resolve("node_modules").resolve(REFERENCE_PACKAGE).resolve("package.json");
        if (Files.isRegularFile(installed)) {
            return null;
        }
        Optional<String> npm = onPath("npm");
        if (npm.isEmpty()) {
            return "npm is not on the PATH, and " + REFERENCE_PACKAGE + " is not installed in " + npmCache;
        }
        try {
            Files.createDirectories(npmCache);
            System.err.println("bench: installing " + REFERENCE_PACKAGE + " into " + npmCache + " (once) ...");
            Process p = new ProcessBuilder(npm.get(), "install", "--no-audit", "--no-fund", "--prefix", npmCache.toString(), REFERENCE_PACKAGE)
                    .redirectErrorStream(true).start();
            byte[] output = p.getInputStream().readAllBytes();
            if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
                String tail = new String(output, StandardCharsets.UTF_8).strip();
                tail = tail.length() > 300 ? "..." + tail.substring(tail.length() - 300) : tail;
                return "npm install " + REFERENCE_PACKAGE + " failed: " + tail.replace('\n', ' ');
            }
            return Files.isRegularFile(installed) ? null : "npm install finished but " + installed + " is missing";
        } catch (IOException e) {
            return "npm install " + REFERENCE_PACKAGE + " failed: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** Each launch once untimed, then {@code rounds} timed rounds, interleaved. */
    public List<Row> run(int rounds) throws InterruptedException {
        List<Launch> launches = launches();
        List<List<Long>> times = new ArrayList<>();
        String[] failures = new String[launches.size()];
        for (int i = 0; i < launches.size(); i++) {
            times.add(new ArrayList<>());
            failures[i] = launches.get(i).unavailable();
        }
        for (int round = -1; round < rounds; round++) {
            for (int i = 0; i < launches.size(); i++) {
                if (failures[i] != null) {
                    continue;
                }
                Launch launch = launches.get(i);
                try {
                    long millis = StdioProbe.connect(launch.command(), launch.directory(), List.of(), TIMEOUT, false).millis();
                    if (round >= 0) {
                        times.get(i).add(millis);
                    }
                } catch (IOException e) {
                    failures[i] = e.getMessage();
                }
            }
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < launches.size(); i++) {
            List<Long> sorted = times.get(i).stream().sorted().toList();
            rows.add(new Row(launches.get(i), sorted, failures[i]));
        }
        return rows;
    }

    /** The table: launch, best and median ms, and the ratio of the median to the reference's (npx) median. */
    public static String table(List<Row> rows, int rounds) {
        Row reference = rows.stream().filter(r -> r.launch().label().startsWith("reference, npx")).findFirst().orElse(null);
        int width = rows.stream().mapToInt(r -> r.launch().label().length()).max().orElse(10);
        StringBuilder out = new StringBuilder();
        out.append(String.format("startup: spawn to the tools/list answer over stdio (initialize, notifications/initialized, tools/list), "
                + "%d rounds after a warm-up%n", rounds));
        out.append(String.format("%-" + width + "s  %8s  %10s  %s%n", "launch", "best ms", "median ms", "vs reference (median)"));
        for (Row row : rows) {
            if (!row.measured()) {
                out.append(String.format("%-" + width + "s  %8s  %10s  %s%n", row.launch().label(), "n/a", "n/a", row.failure()));
                continue;
            }
            String ratio = reference != null && reference.measured()
                    ? String.format("%.2fx", (double) row.median() / reference.median()) : "n/a (reference not measured)";
            out.append(String.format("%-" + width + "s  %8d  %10d  %s%n", row.launch().label(), row.best(), row.median(), ratio));
        }
        for (Row row : rows) {
            if (!row.launch().command().isEmpty()) {
                out.append(String.format("  %s: %s%s%n", row.launch().label(), String.join(" ", row.launch().command().stream().map(StartupBenchmark::shortArg).toList()),
                        row.launch().directory() == null ? "" : "   (in " + row.launch().directory() + ")"));
            }
        }
        return out.toString();
    }

    private static String shortName(Path path) {
        Path cwd = Path.of("").toAbsolutePath();
        Path abs = path.toAbsolutePath();
        return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : abs.toString();
    }

    /** Paths under the working directory are shown relative to it. */
    private static String shortArg(String arg) {
        int eq = arg.indexOf('=');
        String prefix = arg.startsWith("-") && eq > 0 ? arg.substring(0, eq + 1) : "";
        String value = arg.substring(prefix.length());
        if (!value.startsWith("/")) {
            return arg;
        }
        return prefix + shortName(Path.of(value));
    }

    static Optional<String> onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Arrays.stream(path.split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, program))
                .filter(Files::isExecutable)
                .map(Path::toString)
                .findFirst();
    }
}
