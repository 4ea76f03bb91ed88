package dev.plc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plc.testing.ExampleRepos;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exit code of {@code check} follows the report: a check that could not run never exits 0. */
class CheckCommandTest {

    @TempDir
    Path work;

    private Path copy(String example) throws Exception {
        return ExampleRepos.copy(example, work);
    }

    private record Run(int exit, String out) {
    }

    private static Run check(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true));
        try {
            String[] all = new String[args.length + 1];
            all[0] = "check";
            System.arraycopy(args, 0, all, 1, args.length);
            return new Run(PlcCommand.execute(all), out.toString());
        } finally {
            System.setOut(original);
        }
    }

    @Test
    void checkExitsWithTheErrorCodeWhenTheDatabaseRefusesConnections() throws Exception {
        Path repo = copy("spring-flyway-postgres");
        Run run = check("--repo", repo.toString(), "--checks", "apply", "--database-url",
                "jdbc:postgresql://127.0.0.1:1/postgres?user=nobody&password=hunter2", "--format", "json");
        assertThat(run.exit()).as(run.out()).isEqualTo(ExitCode.ERROR);
        assertThat(run.out()).contains("\"status\" : \"error\"", "\"ok\" : false").doesNotContain("hunter2");
    }

    @Test
    void aFailedCheckNextToOneThatCouldNotRunExitsWithFindingsAndStillReportsTheError() throws Exception {
        Path repo = copy("spring-flyway-postgres");
        // without git every migration of the example is new, and V3 indexes orders (made by V2) without CONCURRENTLY
        Run run = check("--repo", repo.toString(), "--checks", "apply,lint", "--database-url",
                "jdbc:postgresql://127.0.0.1:1/postgres?user=nobody", "--format", "json");
        assertThat(run.exit()).as(run.out()).isEqualTo(ExitCode.FINDINGS);
        assertThat(run.out()).contains("\"status\" : \"error\"", "\"status\" : \"fail\"", "require-concurrent-index-creation");
    }

    @Test
    void checkExitsNonZeroForANamedCheckThatIsNotApplicableUnlessAllowed() throws Exception {
        Path repo = copy("spring-flyway-postgres");
        assertThat(check("--repo", repo.toString(), "--checks", "immutability").exit()).isEqualTo(ExitCode.ERROR);
        assertThat(check("--repo", repo.toString(), "--checks", "immutability", "--allow-not-applicable").exit()).isEqualTo(ExitCode.OK);
    }

    @Test
    void sarifSaysTheRunDidNotSucceedWhenACheckErrors() throws Exception {
        Path repo = copy("spring-flyway-postgres");
        Run run = check("--repo", repo.toString(), "--checks", "apply", "--database-url", "postgres://nobody@127.0.0.1:1/postgres",
                "--format", "sarif");
        assertThat(run.exit()).isEqualTo(ExitCode.ERROR);
        assertThat(run.out()).contains("\"executionSuccessful\" : false", "toolExecutionNotifications");
    }
}
