package dev.plc.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plc.repo.Evidence;
import dev.plc.repo.Validation;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidationsTest {

    @TempDir
    Path repo;

    private static Validation v(String name, String command, int timeout) {
        return new Validation(name, command, "REPO_PROFILE.json", timeout, Evidence.ofFile("REPO_PROFILE.json"));
    }

    @Test
    void runsEachCommandInTheRepoAndReportsFailuresWithTheTailOfTheirOutput() {
        CheckReport.Check check = Validations.run(List.of(
                v("typecheck", "test -d " + repo + " && pwd", 30),
                v("test", "echo compiling; echo 'FAILED OrderTest password=hunter2'; exit 3", 30)), repo);
        assertThat(check.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(check.reason()).contains("passed: typecheck");
        assertThat(check.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("test");
            assertThat(f.message()).contains("exited with 3", "FAILED OrderTest").doesNotContain("hunter2");
        });
    }

    @Test
    void aCommandThatRunsTooLongIsStoppedAtItsTimeout() {
        long start = System.nanoTime();
        CheckReport.Check check = Validations.run(List.of(v("slow", "echo started; sleep 30", 1)), repo);
        assertThat((System.nanoTime() - start) / 1_000_000_000).isLessThan(10);
        assertThat(check.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(check.findings()).singleElement().satisfies(f -> assertThat(f.message()).contains("did not finish within 1 s", "started"));
    }

    @Test
    void noValidationsIsNotApplicableWithAReason() {
        assertThat(Validations.run(List.of(), repo).status()).isEqualTo(CheckStatus.NOT_APPLICABLE);
    }
}
