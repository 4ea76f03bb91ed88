package dev.plc.repo.migrations;

import dev.plc.repo.Evidence;
import dev.plc.repo.MigrationFramework;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.plc.repo.migrations.Fixtures.repo;
import static org.assertj.core.api.Assertions.assertThat;

class DieselDetectorTest {

    @TempDir
    Path dir;

    private final DieselDetector detector = new DieselDetector(Fixtures.CLOCK);

    @Test
    void findsMigrationFoldersAndKeepsDieselVersionFormat() {
        MigrationFramework diesel = detector.detect(repo(dir,
                "diesel.toml", "[print_schema]\nfile = \"src/schema.rs\"\n\n[migrations_directory]\ndir = \"migrations\"\n",
                "migrations/00000000000000_diesel_initial_setup/up.sql", "select 1;",
                "migrations/00000000000000_diesel_initial_setup/down.sql", "select 1;",
                "migrations/2024-01-15-103000_create_posts/up.sql", "create table posts (id int);",
                "migrations/2024-01-15-103000_create_posts/down.sql", "drop table posts;")).orElseThrow();

        assertThat(diesel.locations()).containsExactly("migrations");
        assertThat(diesel.count()).isEqualTo(2);
        assertThat(diesel.lastVersion()).isEqualTo("2024-01-15-103000");
        assertThat(diesel.nextVersion()).isEqualTo("2024-06-01-120000");
        assertThat(diesel.hasDown()).isTrue();
        assertThat(diesel.naming().example()).isEqualTo("2024-01-15-103000_create_posts");
        assertThat(diesel.evidence()).contains(new Evidence("diesel.toml", 5, "dir = \"migrations\""));
    }

    @Test
    void onlyInitialSetupStillYieldsADashedNextVersion() {
        MigrationFramework diesel = detector.detect(repo(dir,
                "migrations/00000000000000_diesel_initial_setup/up.sql", "select 1;")).orElseThrow();

        assertThat(diesel.nextVersion()).isEqualTo("2024-06-01-120000");
        assertThat(diesel.hasDown()).isFalse();
    }

    @Test
    void upSqlOutsideMigrationsFolderIsNotDiesel() {
        assertThat(detector.detect(repo(dir, "scripts/2024-01-15-103000_x/up.sql", "select 1;"))).isEmpty();
    }
}
