package dev.plc.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plc.repo.Evidence;
import dev.plc.repo.Validation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidationsTest {

    @TempDir
    Path repo;

    private static Validation v(String name, String command, int timeout) {
        return v(name, command, timeout, true);
    }

    private static Validation v(String name, String command, int timeout, boolean required) {
        return new Validation(name, command, "REPO_PROFILE.json", timeout, Evidence.ofFile("REPO_PROFILE.json"), required);
    }

    private CheckReport.Check run(List<Validation> validations, boolean requiredOnly) {
        return Validations.run(validations, repo, requiredOnly, note -> { });
    }

    @Test
    void runsEachCommandInTheRepoAndReportsFailuresWithTheTailOfTheirOutput() {
        CheckReport.Check check = run(List.of(
                v("typecheck", "test -d " + repo + " && pwd", 30),
                v("test", "echo compiling; echo 'FAILED OrderTest password=hunter2'; exit 3", 30)), false);
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
        CheckReport.Check check = run(List.of(v("slow", "echo started; sleep 30", 1)), false);
        assertThat((System.nanoTime() - start) / 1_000_000_000).isLessThan(10);
        assertThat(check.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(check.findings()).singleElement().satisfies(f -> assertThat(f.message()).contains("did not finish within 1 s", "started"));
    }

    @Test
    void noValidationsIsNotApplicableWithAReason() {
        assertThat(run(List.of(), true).status()).isEqualTo(CheckStatus.NOT_APPLICABLE);
    }

    @Test
    void theDefaultRunSkipsWhatIsNotRequiredAndSaysSo() {
        CheckReport.Check check = run(List.of(v("test", "true", 30), v("e2e", "exit 1", 30, false)), true);
        assertThat(check.status()).isEqualTo(CheckStatus.PASS);
        assertThat(check.reason()).contains("passed: test", "not required, not run: e2e");

        CheckReport.Check all = run(List.of(v("test", "true", 30), v("e2e", "exit 1", 30, false)), false);
        assertThat(all.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(all.findings()).extracting(CheckReport.Finding::rule).containsExactly("e2e");

        CheckReport.Check none = run(List.of(v("e2e", "exit 1", 30, false)), true);
        assertThat(none.status()).isEqualTo(CheckStatus.NOT_APPLICABLE);
        assertThat(none.notApplicableReason()).isEqualTo(NotApplicableReason.NO_VALIDATIONS_REQUIRED);
    }

    @Test
    void theCommandsGetTheVariablesOfTheThrowawayDatabase() {
        CheckReport.Check check = Validations.run(List.of(v("test", "test \"$PLC_TEST_DATABASE_URL\" = jdbc:x://h/db", 30)), repo, true,
                note -> { }, 200, java.util.Map.of("PLC_TEST_DATABASE_URL", "jdbc:x://h/db"));
        assertThat(check.status()).isEqualTo(CheckStatus.PASS);
        CheckReport.Check without = Validations.run(List.of(v("test", "test \"$PLC_TEST_DATABASE_URL\" = jdbc:x://h/db", 30)), repo, true,
                note -> { }, 200, java.util.Map.of("PLC_TEST_DATABASE_URL", "jdbc:other"));
        assertThat(without.status()).isEqualTo(CheckStatus.FAIL);
    }

    @Test
    void aLongCommandSendsProgressWithItsLastLineOfOutput() {
        List<String> notes = new ArrayList<>();
        CheckReport.Check check = Validations.run(List.of(v("test", "echo 'Running OrderTest token=s3cr3t'; sleep 1; echo done", 30)), repo, true,
                notes::add, 200, java.util.Map.of());
        assertThat(check.status()).isEqualTo(CheckStatus.PASS);
        assertThat(notes.get(0)).contains("validation 1/1 test", "started");
        assertThat(notes).anySatisfy(n -> assertThat(n).contains("running for", "Running OrderTest"));
        assertThat(String.join("\n", notes)).doesNotContain("s3cr3t");
    }
}
