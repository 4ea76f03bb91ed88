package dev.plc.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plc.core.Progress;
import dev.plc.db.Dialect;
import dev.plc.db.ScratchDatabases;
import dev.plc.testing.ExampleRepos;
import dev.plc.testing.RealServers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * run_checks lints against the database it applied the migrations to: a repo's own functions are as volatile as
 * pg_proc says, and version-dependent rules are judged for the server the repo declares (else the scratch server's).
 */
class LintServerTest {

    @TempDir
    Path work;

    private final CheckRunner runner = new CheckRunner(ScratchDatabases.fromEnvironment());

    private static void write(Path repo, String path, String content) throws IOException {
        Files.createDirectories(repo.resolve(path).getParent());
        Files.writeString(repo.resolve(path), content);
    }

    private CheckReport.Check lint(Path repo, List<String> checks) {
        CheckReport report = runner.run(new CheckRunner.Request(repo, checks, null, null, null, Duration.ofSeconds(60), false), Progress.NONE);
        return report.checks().stream().filter(c -> c.name().equals("lint")).findFirst().orElseThrow();
    }

    @Test
    void aVolatileFunctionOfTheRepoMakesItsDefaultARewriteAnImmutableOneDoesNot() throws Exception {
        RealServers.require(Dialect.POSTGRESQL);
        Path repo = ExampleRepos.commitAll(ExampleRepos.copyTree(Path.of("examples", "spring-flyway-postgres"), work.resolve("shop")));
        write(repo, LintScopeTest.PG + "V4__code_functions.sql", """
                CREATE FUNCTION new_order_code() RETURNS text LANGUAGE sql AS $$ SELECT md5(random()::text) $$;
                CREATE FUNCTION order_code_prefix() RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT 'ORD-' $$;
                """);
        write(repo, LintScopeTest.PG + "V5__order_codes.sql", """
                SET lock_timeout = '5s';
                ALTER TABLE orders ADD COLUMN code text DEFAULT new_order_code();
                ALTER TABLE orders ADD COLUMN code_prefix text DEFAULT order_code_prefix();
                """);
        CheckReport.Check lint = lint(repo, List.of("apply", "lint"));
        List<String> fifth = lint.findings().stream().filter(f -> f.file().endsWith("V5__order_codes.sql"))
                .map(f -> f.line() + " " + f.rule() + " " + f.message()).toList();
        assertThat(fifth).anySatisfy(f -> assertThat(f).startsWith("2 adding-field-with-default")
                .contains("new_order_code() is VOLATILE (pg_proc of the scratch database, PostgreSQL"));
        assertThat(fifth).noneSatisfy(f -> assertThat(f).startsWith("3 adding-field-with-default"));
        assertThat(lint.reason()).contains("rules judged for postgresql", "the scratch server's version");
    }

    @Test
    void theServerTheRepoDeclaresDecidesVersionDependentRules() throws Exception {
        Path repo = ExampleRepos.commitAll(ExampleRepos.copyTree(Path.of("examples", "spring-flyway-postgres"), work.resolve("old")));
        write(repo, "docker-compose.yml", "services:\n  db:\n    image: postgres:10.23\n");
        write(repo, LintScopeTest.PG + "V4__flag.sql", "SET lock_timeout = '5s';\nALTER TABLE orders ADD COLUMN gift boolean DEFAULT false;\n");
        CheckReport.Check lint = lint(repo, List.of("lint"));
        assertThat(lint.findings()).anySatisfy(f -> {
            assertThat(f.rule()).isEqualTo("adding-field-with-default");
            assertThat(f.message()).contains("before PostgreSQL 11", "server version 10, declared in docker-compose.yml:3");
        });
        assertThat(lint.reason()).contains("rules judged for postgresql 10 (declared in docker-compose.yml:3)");

        write(repo, "docker-compose.yml", "services:\n  db:\n    image: postgres:16\n");
        assertThat(lint(repo, List.of("lint")).findings()).noneSatisfy(f -> assertThat(f.rule()).isEqualTo("adding-field-with-default"));
    }
}
