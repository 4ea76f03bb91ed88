package dev.plc.repo.migrations;

import dev.plc.repo.Evidence;
import dev.plc.repo.MigrationFramework;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.plc.repo.migrations.Fixtures.repo;
import static org.assertj.core.api.Assertions.assertThat;

class GooseDetectorTest {

    @TempDir
    Path dir;

    private final GooseDetector detector = new GooseDetector(Fixtures.CLOCK);

    @Test
    void findsAnnotatedSqlAndGoMigrations() {
        MigrationFramework goose = detector.detect(repo(dir,
                "sql/00001_create_users.sql", "-- +goose Up\ncreate table users (id int);\n\n-- +goose Down\ndrop table users;\n",
                "sql/00002_backfill.go", "package sql\n\nfunc init() {\n\tgoose.AddMigrationContext(upBackfill, nil)\n}\n")).orElseThrow();

        assertThat(goose.count()).isEqualTo(2);
        assertThat(goose.lastVersion()).isEqualTo("00002");
        assertThat(goose.nextVersion()).isEqualTo("00003");
        assertThat(goose.hasDown()).isTrue();
        assertThat(goose.evidence()).contains(new Evidence("sql/00001_create_users.sql", 1, "-- +goose Up"));
        assertThat(goose.notes()).anyMatch(n -> n.startsWith("1 Go migration"));
    }

    @Test
    void emptyDownSectionIsNoDown() {
        MigrationFramework goose = detector.detect(repo(dir,
                "migrations/20240101000000_a.sql", "-- +goose Up\ncreate table a (id int);\n\n-- +goose Down\n-- nothing to undo\n")).orElseThrow();

        assertThat(goose.hasDown()).isFalse();
        assertThat(goose.naming().versionStyle()).isEqualTo("timestamp");
    }

    @Test
    void goMigrationWithDownFunctionHasDown() {
        MigrationFramework goose = detector.detect(repo(dir,
                "migrations/00001_seed.go", "package migrations\n\nfunc init() {\n\tgoose.AddMigration(upSeed, downSeed)\n}\n")).orElseThrow();

        assertThat(goose.hasDown()).isTrue();
        assertThat(goose.evidence()).contains(new Evidence("migrations/00001_seed.go", 4, "goose.AddMigration(upSeed, downSeed)"));
    }

    @Test
    void absentWithoutGooseAnnotations() {
        assertThat(detector.detect(repo(dir, "migrations/001_a.sql", "create table a (id int);"))).isEmpty();
    }
}
