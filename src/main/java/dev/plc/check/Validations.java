package dev.plc.check;

import dev.plc.db.Secrets;
import dev.plc.repo.Validation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the repo's own validation commands (REPO_PROFILE.json or inferred), each bounded by its timeout. */
final class Validations {

    private static final int TAIL_LINES = 20;

    private Validations() {
    }

    static CheckReport.Check run(List<Validation> validations, Path repo) {
        if (validations.isEmpty()) {
            return CheckReport.Check.notApplicable("validations", NotApplicableReason.NO_VALIDATIONS_DECLARED,
                    "the repo declares no validations (REPO_PROFILE.json) and none could be inferred");
        }
        List<CheckReport.Finding> findings = new ArrayList<>();
        List<String> passed = new ArrayList<>();
        for (Validation v : validations) {
            Path log = null;
            try {
                log = Files.createTempFile("plc-validation-", ".log");
                Process p = new ProcessBuilder("sh", "-c", v.command()).directory(repo.toFile())
                        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
                p.getOutputStream().close();
                boolean finished = p.waitFor(v.timeoutS(), TimeUnit.SECONDS);
                if (!finished) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                }
                String tail = tail(log);
                if (!finished) {
                    findings.add(CheckReport.Finding.error(null, 0, v.name(), "`" + Secrets.redact(v.command()) + "` did not finish within " + v.timeoutS()
                            + " s; last output:\n" + tail, "make it faster or raise timeout_s in REPO_PROFILE.json"));
                } else if (p.exitValue() != 0) {
                    findings.add(CheckReport.Finding.error(null, 0, v.name(), "`" + Secrets.redact(v.command()) + "` exited with " + p.exitValue()
                            + "; last output:\n" + tail, "fix what it reports"));
                } else {
                    passed.add(v.name());
                }
            } catch (IOException e) {
                findings.add(CheckReport.Finding.error(null, 0, v.name(), "could not run `" + Secrets.redact(v.command()) + "`: " + e.getMessage(), "check the command"));
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
        return new CheckReport.Check("validations", findings.isEmpty() ? CheckStatus.PASS : CheckStatus.FAIL,
                passed.isEmpty() ? validations.size() + " command(s)" : "passed: " + String.join(", ", passed), 0, findings);
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return Secrets.redact(String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size())));
    }
}
