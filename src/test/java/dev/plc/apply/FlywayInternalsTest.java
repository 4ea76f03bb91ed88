package dev.plc.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each Flyway internal {@link FlywayInternals} names, exercised on real migrations (H2, in memory): a Flyway upgrade that
 * changes what one of them returns fails here, not in a user's apply.
 */
class FlywayInternalsTest {

    @TempDir
    Path dir;

    private Flyway flyway(String name) {
        return Flyway.configure().dataSource("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "")
                .locations("filesystem:" + dir).load();
    }

    @Test
    void everyPendingSqlMigrationHasTheExecutorFlywayResolved() throws Exception {
        Files.writeString(dir.resolve("V1__one.sql"), "CREATE TABLE one (id int);\n");
        Files.writeString(dir.resolve("V2__two.sql"), "CREATE TABLE two (id int);\nINSERT INTO two VALUES (1);\n");
        MigrationInfo[] pending = flyway("executors").info().pending();
        assertThat(pending).hasSize(2);
        for (MigrationInfo m : pending) {
            assertThat(FlywayInternals.executor(m)).as(m.getScript()).hasValueSatisfying(e -> assertThat(e.canExecuteInTransaction()).isTrue());
        }
    }

    @Test
    void aFailingStatementIsReadWithItsFileLineAndText() throws Exception {
        Files.writeString(dir.resolve("V1__one.sql"), "CREATE TABLE one (id int);\n");
        Files.writeString(dir.resolve("V2__bad.sql"), "-- a comment\n\nINSERT INTO missing_table VALUES (1);\n");
        Throwable thrown = catchThrowable(() -> flyway("failure").migrate());
        assertThat(FlywayInternals.scriptFailure(thrown)).hasValueSatisfying(f -> {
            assertThat(f.fileName()).isEqualTo("V2__bad.sql");
            assertThat(f.pathOnDisk()).endsWith("V2__bad.sql");
            assertThat(f.line()).isEqualTo(3);
            assertThat(f.statement()).contains("INSERT INTO missing_table");
            assertThat(f.cause()).isNotNull();
        });
        assertThat(FlywayInternals.scriptFailure(new IllegalStateException("not Flyway's"))).isEmpty();
    }
}
