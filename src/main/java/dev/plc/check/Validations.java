package dev.plc.check;

import dev.plc.db.Secrets;
import dev.plc.repo.Validation;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs the repo's own validation commands (REPO_PROFILE.json or inferred), each bounded by its timeout, with a
 * progress note every few seconds (the command, how long it has run, its last line of output).
 */
final class Validations {

    private static final int TAIL_LINES = 20;
    static final long NOTE_EVERY_MS = 5_000;
    /** How much of the end of the output is read for a progress note. */
    private static final int NOTE_BYTES = 2_048;

    private Validations() {
    }

    /**
     * @param requiredOnly run only the validations marked required (the default run); false: every one (validations named
     *                     in checks, or {@code validations: true})
     * @param notes        receives the progress notes
     */
    static CheckReport.Check run(List<Validation> declared, Path repo, boolean requiredOnly, Consumer<String> notes) {
        return run(declared, repo, requiredOnly, notes, NOTE_EVERY_MS, Map.of());
    }

    /** @param env variables added to each command's environment (the throwaway database a generated test migrates) */
    static CheckReport.Check run(List<Validation> declared, Path repo, boolean requiredOnly, Consumer<String> notes, long noteEveryMs,
                                 Map<String, String> env) {
        if (declared.isEmpty()) {
            return CheckReport.Check.notApplicable("validations", NotApplicableReason.NO_VALIDATIONS_DECLARED,
                    "the repo declares no validations (REPO_PROFILE.json) and none could be inferred");
        }
        List<Validation> validations = requiredOnly ? declared.stream().filter(Validation::required).toList() : declared;
        if (validations.isEmpty()) {
            return CheckReport.Check.notApplicable("validations", NotApplicableReason.NO_VALIDATIONS_REQUIRED, "none of the repo's "
                    + declared.size() + " validation(s) is required (" + names(declared) + "); name validations in checks to run them");
        }
        List<CheckReport.Finding> findings = new ArrayList<>();
        List<String> passed = new ArrayList<>();
        for (int i = 0; i < validations.size(); i++) {
            Validation v = validations.get(i);
            String command = Secrets.redact(v.command());
            String label = "validation " + (i + 1) + "/" + validations.size() + " " + v.name() + " (`" + command + "`)";
            notes.accept(label + ": started");
            long start = System.nanoTime();
            Path log = null;
            try {
                log = Files.createTempFile("plc-validation-", ".log");
                ProcessBuilder builder = new ProcessBuilder("sh", "-c", v.command()).directory(repo.toFile())
                        .redirectErrorStream(true).redirectOutput(log.toFile());
                builder.environment().putAll(env);
                Process p = builder.start();
                p.getOutputStream().close();
                boolean finished = waitFor(p, v.timeoutS() * 1000L, noteEveryMs, log, label, start, notes);
                if (!finished) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                }
                String tail = tail(log);
                long seconds = (System.nanoTime() - start) / 1_000_000_000;
                if (!finished) {
                    findings.add(CheckReport.Finding.error(null, 0, v.name(), "`" + command + "` did not finish within " + v.timeoutS()
                            + " s; last output:\n" + tail, "make it faster or raise timeout_s in REPO_PROFILE.json"));
                } else if (p.exitValue() != 0) {
                    findings.add(CheckReport.Finding.error(null, 0, v.name(), "`" + command + "` exited with " + p.exitValue()
                            + " after " + seconds + " s; last output:\n" + tail, "fix what it reports"));
                } else {
                    passed.add(v.name() + " (" + seconds + " s)");
                }
            } catch (IOException e) {
                findings.add(CheckReport.Finding.error(null, 0, v.name(), "could not run `" + command + "`: " + e.getMessage(), "check the command"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                findings.add(CheckReport.Finding.error(null, 0, v.name(), "interrupted", null));
                break;
            } finally {
                if (log != null) {
                    log.toFile().delete();
                }
            }
        }
        String ran = requiredOnly && validations.size() < declared.size()
                ? "; not required, not run: " + names(declared.stream().filter(v -> !v.required()).toList()) : "";
        return new CheckReport.Check("validations", findings.isEmpty() ? CheckStatus.PASS : CheckStatus.FAIL,
                (passed.isEmpty() ? validations.size() + " command(s)" : "passed: " + String.join(", ", passed)) + ran, 0, findings);
    }

    /** Waits up to {@code timeoutMs}, with a note every few seconds; false when the command is still running. */
    private static boolean waitFor(Process p, long timeoutMs, long noteEveryMs, Path log, String label, long start, Consumer<String> notes)
            throws InterruptedException {
        long deadline = start + timeoutMs * 1_000_000;
        while (true) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return !p.isAlive();
            }
            if (p.waitFor(Math.min(left, noteEveryMs), TimeUnit.MILLISECONDS)) {
                return true;
            }
            long seconds = (System.nanoTime() - start) / 1_000_000_000;
            String last = lastLine(log);
            notes.accept(label + ": running for " + seconds + " s" + (last.isEmpty() ? "" : ": " + last));
        }
    }

    private static String names(List<Validation> validations) {
        return String.join(", ", validations.stream().map(Validation::name).toList());
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return Secrets.redact(String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size())));
    }

    /** The last non-blank line of the output so far (from its last few KB), redacted; "" when none. */
    private static String lastLine(Path log) {
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            long length = f.length();
            int n = (int) Math.min(length, NOTE_BYTES);
            byte[] bytes = new byte[n];
            f.seek(length - n);
            f.readFully(bytes);
            List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
            String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
            return Secrets.redact(last.length() > 200 ? last.substring(0, 200) + "..." : last);
        } catch (IOException e) {
            return "";
        }
    }
}
