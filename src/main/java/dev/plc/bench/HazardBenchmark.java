package dev.plc.bench;

import dev.plc.bench.HazardCorpus.Snippet;
import dev.plc.db.Dialect;
import dev.plc.json.Json;
import dev.plc.lint.Linter;
import dev.plc.lint.rule.Finding;
import dev.plc.lint.rule.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * Hazard detection quality: runs our linter over the labelled corpus ({@link HazardCorpus}) and, in the same run,
 * squawk over its PostgreSQL part, and prints per dialect the recall on unsafe snippets (flagged with the expected
 * kind, and flagged at all) and the false positives on safe ones, then every miss and false positive by snippet id.
 */
public final class HazardBenchmark {

    /** What one linter said about one snippet: the rules it flagged, and whether it ran at all. */
    record Verdict(Snippet snippet, Set<String> rules, Set<String> errorRules) {

        boolean flagged() {
            return !rules.isEmpty();
        }

        /** Flagged with one of the kinds the corpus expects (ours: our ids; squawk: its names). */
        boolean expectedKind(List<String> expected) {
            return expected.stream().anyMatch(rules::contains);
        }
    }

    /** squawk's verdicts on the PostgreSQL snippets, or why it did not run. */
    record SquawkRun(String version, Map<String, Verdict> verdicts, String unavailable) {
    }

    private HazardBenchmark() {
    }

    /** Our verdict on one snippet: every unsuppressed finding counts (errors and warnings). */
    public static Verdict lint(Snippet s) {
        List<Finding> findings = Linter.lint(s.id() + ".sql", s.sql(), s.options());
        Set<String> rules = new TreeSet<>();
        Set<String> errors = new TreeSet<>();
        for (Finding f : findings) {
            if (f.suppressed()) {
                continue;
            }
            rules.add(f.rule());
            if (f.severity().equals(Severity.ERROR.id())) {
                errors.add(f.rule());
            }
        }
        return new Verdict(s, rules, errors);
    }

    /** Runs both linters and returns the printed report. */
    public static String run() {
        List<Snippet> corpus = HazardCorpus.load();
        Map<String, Verdict> ours = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        for (Snippet s : corpus) {
            ours.put(s.id(), lint(s));
        }
        long ourMillis = (System.nanoTime() - t0) / 1_000_000;
        long t1 = System.nanoTime();
        SquawkRun squawk = Squawk.run(corpus.stream().filter(s -> s.dialect() == Dialect.POSTGRESQL).toList());
        long squawkMillis = (System.nanoTime() - t1) / 1_000_000;
        return report(corpus, ours, ourMillis, squawk, squawkMillis);
    }

    static String report(List<Snippet> corpus, Map<String, Verdict> ours, long ourMillis, SquawkRun squawk, long squawkMillis) {
        StringBuilder out = new StringBuilder();
        long pg = corpus.stream().filter(s -> s.dialect() == Dialect.POSTGRESQL).count();
        out.append(String.format("hazards: %d labelled snippets (%d postgresql, %d mysql/mariadb); plc lint %d ms; %s%n",
                corpus.size(), pg, corpus.size() - pg, ourMillis,
                squawk.unavailable() == null ? "squawk " + squawk.version() + " on the postgresql part, " + squawkMillis + " ms"
                        : "squawk: not available (" + squawk.unavailable() + ")"));
        out.append(String.format("%-11s %6s %5s  %-7s %-17s %-17s %-13s %s%n", "dialect", "unsafe", "safe", "linter",
                "recall (kind)", "recall (any)", "false pos.", "false pos. (errors)"));
        for (Dialect d : List.of(Dialect.POSTGRESQL, Dialect.MYSQL, Dialect.MARIADB)) {
            List<Snippet> part = corpus.stream().filter(s -> s.dialect() == d).toList();
            if (part.isEmpty()) {
                continue;
            }
            out.append(row(d, part, ours, "plc", false));
            if (d == Dialect.POSTGRESQL) {
                if (squawk.unavailable() == null) {
                    out.append(row(d, part, squawk.verdicts(), "squawk", true));
                    // squawk's statement_timeout check has no counterpart here: its figures without it, beside
                    out.append(row(d, part, without(squawk.verdicts(), "require-statement-timeout"), "squawk*", true));
                } else {
                    out.append(String.format("%-11s %6s %5s  %-7s not available (%s)%n", d.id(), "", "", "squawk", squawk.unavailable()));
                }
            } else {
                out.append(String.format("%-11s %6s %5s  %-7s n/a (PostgreSQL only)%n", d.id(), "", "", "squawk"));
            }
        }
        if (squawk.unavailable() == null) {
            out.append("squawk*: squawk without require-statement-timeout, a check plc does not make\n");
        }
        out.append("misses (unsafe not flagged with the expected kind) and false positives (safe but flagged), by snippet:\n");
        int listed = listing(out, corpus, ours, "plc", false);
        if (squawk.unavailable() == null) {
            listed += listing(out, corpus.stream().filter(s -> s.dialect() == Dialect.POSTGRESQL).toList(),
                    squawk.verdicts(), "squawk", true);
        }
        if (listed == 0) {
            out.append("  none\n");
        }
        return out.toString();
    }

    private static String row(Dialect d, List<Snippet> part, Map<String, Verdict> verdicts, String linter, boolean squawk) {
        List<Snippet> unsafe = part.stream().filter(Snippet::unsafe).toList();
        List<Snippet> safe = part.stream().filter(s -> !s.unsafe()).toList();
        long kind = unsafe.stream().filter(s -> verdicts.get(s.id()).expectedKind(expected(s, squawk))).count();
        long any = unsafe.stream().filter(s -> verdicts.get(s.id()).flagged()).count();
        long fp = safe.stream().filter(s -> verdicts.get(s.id()).flagged()).count();
        long fpErrors = safe.stream().filter(s -> !verdicts.get(s.id()).errorRules().isEmpty()).count();
        return String.format("%-11s %6d %5d  %-7s %-17s %-17s %-13s %s%n", d.id(), unsafe.size(), safe.size(), linter,
                ratio(kind, unsafe.size()), ratio(any, unsafe.size()), ratio(fp, safe.size()),
                squawk ? "(no severities)" : ratio(fpErrors, safe.size()));
    }

    private static Map<String, Verdict> without(Map<String, Verdict> verdicts, String rule) {
        Map<String, Verdict> out = new LinkedHashMap<>();
        verdicts.forEach((id, v) -> {
            Set<String> rules = new TreeSet<>(v.rules());
            rules.remove(rule);
            out.put(id, new Verdict(v.snippet(), rules, v.errorRules()));
        });
        return out;
    }

    private static List<String> expected(Snippet s, boolean squawk) {
        return squawk ? s.squawk() : s.expect();
    }

    private static int listing(StringBuilder out, List<Snippet> corpus, Map<String, Verdict> verdicts, String linter, boolean squawk) {
        int n = 0;
        for (Snippet s : corpus) {
            Verdict v = verdicts.get(s.id());
            String flagged = v.flagged() ? String.join(", ", v.rules()) : "nothing";
            if (s.unsafe() && !v.expectedKind(expected(s, squawk))) {
                List<String> exp = expected(s, squawk);
                out.append(String.format("  %-7s miss            %-44s flagged %s; expected %s%s%n", linter, s.id(), flagged,
                        exp.isEmpty() ? "(no such rule)" : String.join(" or ", exp),
                        !squawk && s.knownMiss() != null ? " [known miss: " + s.knownMiss() + "]" : ""));
                n++;
            } else if (!s.unsafe() && v.flagged()) {
                out.append(String.format("  %-7s false positive  %-44s flagged %s%n", linter, s.id(), flagged));
                n++;
            }
        }
        return n;
    }

    private static String ratio(long n, long of) {
        return of == 0 ? "-" : String.format("%d/%d (%d%%)", n, of, Math.round(100.0 * n / of));
    }

    /**
     * squawk (npm {@code squawk-cli}): {@code $PLC_SQUAWK}, else {@code squawk} on the PATH, else a copy installed
     * with {@code npm install --prefix ~/.cache/persistence-layer-change/squawk squawk-cli} (installed on first use
     * when npm is there; {@code PLC_SQUAWK_INSTALL=0} skips that). One squawk process per transaction mode and
     * server version of the snippets (in practice three), JSON reporter.
     */
    static final class Squawk {

        private Squawk() {
        }

        static SquawkRun run(List<Snippet> snippets) {
            String[] located = locate();
            if (located[0] == null) {
                return new SquawkRun(null, Map.of(), located[1]);
            }
            String exe = located[0];
            Path dir = null;
            try {
                dir = Files.createTempDirectory("plc-bench-squawk-");
                Map<String, Verdict> verdicts = new LinkedHashMap<>();
                Map<String, List<Snippet>> groups = snippets.stream().collect(Collectors.groupingBy(
                        s -> s.transactional() + "/" + Objects.toString(s.serverVersion(), ""), LinkedHashMap::new, Collectors.toList()));
                for (List<Snippet> group : groups.values()) {
                    Snippet first = group.get(0);
                    Path groupDir = Files.createDirectory(dir.resolve("g" + verdicts.size()));
                    List<String> cmd = new ArrayList<>(List.of(exe, "--reporter", "json"));
                    if (first.transactional()) {
                        cmd.add("--assume-in-transaction");
                    }
                    if (first.serverVersion() != null) {
                        cmd.add("--pg-version=" + first.serverVersion() + ".0");
                    }
                    Map<String, Set<String>> rules = new LinkedHashMap<>();
                    for (Snippet s : group) {
                        Path f = groupDir.resolve(s.id() + ".sql");
                        Files.writeString(f, s.sql(), StandardCharsets.UTF_8);
                        cmd.add(f.toString());
                        rules.put(s.id(), new TreeSet<>());
                    }
                    String json = exec(cmd, dir.resolve("out.json"));
                    for (JsonNode v : Json.MAPPER.readTree(json)) {
                        String file = Path.of(v.path("file").asString()).getFileName().toString();
                        String id = file.endsWith(".sql") ? file.substring(0, file.length() - 4) : file;
                        Set<String> r = rules.get(id);
                        if (r != null) {
                            r.add(v.path("rule_name").asString());
                        }
                    }
                    for (Snippet s : group) {
                        verdicts.put(s.id(), new Verdict(s, rules.get(s.id()), Set.of()));
                    }
                }
                return new SquawkRun(version(exe), verdicts, null);
            } catch (IOException | RuntimeException e) {
                return new SquawkRun(null, Map.of(), "running " + exe + " failed: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new SquawkRun(null, Map.of(), "interrupted");
            } finally {
                if (dir != null) {
                    try {
                        ApplyBenchmark.deleteTree(dir);
                    } catch (IOException e) {
                        // a temp folder left behind is not worth failing the benchmark for
                    }
                }
            }
        }

        /** {path, null} or {null, why not}. */
        private static String[] locate() {
            String configured = System.getenv("PLC_SQUAWK");
            if (configured != null && !configured.isBlank()) {
                return works(configured) ? new String[] {configured, null}
                        : new String[] {null, "PLC_SQUAWK=" + configured + " does not run"};
            }
            if (works("squawk")) {
                return new String[] {"squawk", null};
            }
            Path cache = cacheDir();
            Path installed = cache.resolve("node_modules/.bin/squawk");
            if (Files.isExecutable(installed) && works(installed.toString())) {
                return new String[] {installed.toString(), null};
            }
            if ("0".equals(System.getenv("PLC_SQUAWK_INSTALL"))) {
                return new String[] {null, "not on the PATH and PLC_SQUAWK_INSTALL=0"};
            }
            if (!works("npm")) {
                return new String[] {null, "not on the PATH, and no npm to install squawk-cli with"};
            }
            try {
                Files.createDirectories(cache);
                System.err.println("bench: installing squawk-cli with npm into " + cache);
                exec(List.of("npm", "install", "--no-audit", "--no-fund", "--prefix", cache.toString(), "squawk-cli"),
                        cache.resolve("npm-install.log"));
            } catch (IOException e) {
                return new String[] {null, "npm install --prefix " + cache + " squawk-cli failed: " + e.getMessage()};
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new String[] {null, "interrupted"};
            }
            if (Files.isExecutable(installed) && works(installed.toString())) {
                return new String[] {installed.toString(), null};
            }
            return new String[] {null, "npm installed squawk-cli into " + cache + " but its binary does not run "
                    + "(its platform package may have been blocked)"};
        }

        private static Path cacheDir() {
            String xdg = System.getenv("XDG_CACHE_HOME");
            Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
            return base.resolve("persistence-layer-change").resolve("squawk");
        }

        private static boolean works(String exe) {
            return version(exe) != null;
        }

        private static String version(String exe) {
            try {
                Path out = Files.createTempFile("plc-squawk-version", ".txt");
                try {
                    String text = exec(List.of(exe, "--version"), out).strip();
                    return text.isEmpty() ? null : text.replaceFirst("^(squawk|npm)\\s+", "");
                } finally {
                    Files.deleteIfExists(out);
                }
            } catch (IOException e) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }

        /** Runs a command, stdout to {@code out} (read back), stderr discarded, bounded by 5 minutes. */
        private static String exec(List<String> cmd, Path out) throws IOException, InterruptedException {
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).redirectInput(ProcessBuilder.Redirect.PIPE).start();
            p.getOutputStream().close();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", cmd.subList(0, Math.min(2, cmd.size()))) + " timed out");
            }
            String text = Files.readString(out, StandardCharsets.UTF_8);
            if (p.exitValue() > 1) {
                throw new IOException(cmd.get(0) + " exited with " + p.exitValue());
            }
            return text;
        }
    }
}
