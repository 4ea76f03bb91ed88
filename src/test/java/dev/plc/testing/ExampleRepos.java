package dev.plc.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plc.core.Progress;
import dev.plc.db.ScratchDatabases;
import dev.plc.migration.MigrationWriter;
import dev.plc.migration.WrittenMigrations;
import dev.plc.plan.ChangePlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Copies of the shipped examples for tests that write into a repository, and the git they need. */
public final class ExampleRepos {

    private ExampleRepos() {
    }

    /** {@code examples/<example>} copied to {@code <into>/<example>}; returns the copy. */
    public static Path copy(String example, Path into) throws IOException {
        return copyTree(Path.of("examples", example), into.resolve(example));
    }

    /** Every folder and file below {@code from}, copied to {@code to}; returns {@code to}. */
    public static Path copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }

    /** {@code repo} made a git repository on branch main with everything in it committed as "base". */
    public static Path commitAll(Path repo) throws Exception {
        git(repo, "init", "-q", "-b", "main");
        git(repo, "add", "-A");
        git(repo, "-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-q", "-m", "base");
        return repo;
    }

    /** What a test checks after each release is written. */
    @FunctionalInterface
    public interface AfterRelease {
        void after(int release, WrittenMigrations written) throws Exception;
    }

    /**
     * Writes every release of the plan with write_migration, in order, as an agent would (with the plan's approval token
     * and, with {@code includeCode}, its code changes); none may report a code conflict.
     */
    public static void writeEveryRelease(Path repo, ChangePlan plan, boolean includeCode, AfterRelease after) throws Exception {
        int releases = plan.steps().stream().mapToInt(ChangePlan.Step::release).max().orElse(0);
        String approval = plan.approval() == null ? null : plan.approval().token();
        MigrationWriter writer = new MigrationWriter(ScratchDatabases.fromEnvironment());
        for (int release = 1; release <= releases; release++) {
            WrittenMigrations written = writer.write(new MigrationWriter.Request(repo, plan, null, false, null,
                    approval, release, includeCode), Progress.NONE);
            assertThat(written.code()).as("release " + release).noneMatch(c -> c.status().equals("conflict"));
            after.after(release, written);
        }
    }

    /** Runs git in {@code repo}; the test fails with git's output when git does not exit 0 within 30 s. */
    public static void git(Path repo, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as(String.join(" ", command) + ": still running").isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + ": " + out).isZero();
    }
}
