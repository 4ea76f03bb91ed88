package dev.plc.repo.migrations;

import dev.plc.repo.Evidence;
import dev.plc.repo.MigrationFramework;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.plc.repo.migrations.Fixtures.repo;
import static org.assertj.core.api.Assertions.assertThat;

class GolangMigrateDetectorTest {

    @TempDir
    Path dir;

    private final GolangMigrateDetector detector = new GolangMigrateDetector(Fixtures.CLOCK);

    @Test
    void findsPaddedUpDownPairs() {
        MigrationFramework migrate = detector.detect(repo(dir,
                "go.mod", "module x\n\nrequire (\n\tgithub.com/golang-migrate/migrate/v4 v4.17.0\n)\n",
                "db/migrations/000001_create_users.up.sql", "create table users (id int);",
                "db/migrations/000001_create_users.down.sql", "drop table users;",
                "db/migrations/000002_add_email.up.sql", "alter table users add email text;",
                "db/migrations/000002_add_email.down.sql", "alter table users drop email;")).orElseThrow();

        assertThat(migrate.locations()).containsExactly("db/migrations");
        assertThat(migrate.count()).isEqualTo(2);
        assertThat(migrate.lastVersion()).isEqualTo("000002");
        assertThat(migrate.nextVersion()).isEqualTo("000003");
        assertThat(migrate.naming().padWidth()).isEqualTo(6);
        assertThat(migrate.hasDown()).isTrue();
        assertThat(migrate.naming().example()).isEqualTo("000002_add_email.up.sql");
        assertThat(migrate.evidence()).contains(new Evidence("go.mod", 4, "github.com/golang-migrate/migrate/v4 v4.17.0"),
                Evidence.ofFile("db/migrations/000002_add_email.up.sql"));
    }

    @Test
    void timestampVersionsGetATimestampNext() {
        MigrationFramework migrate = detector.detect(repo(dir,
                "migrations/20240101000000_init.up.sql", "create table a (id int);")).orElseThrow();

        assertThat(migrate.naming().versionStyle()).isEqualTo("timestamp");
        assertThat(migrate.nextVersion()).isEqualTo("20240601120000");
        assertThat(migrate.hasDown()).isFalse();
    }

    @Test
    void leavesSqlxCratesToSqlx() {
        assertThat(detector.detect(repo(dir,
                "Cargo.toml", "[package]\nname = \"x\"\n\n[dependencies]\nsqlx = { version = \"0.7\" }\n",
                "migrations/20240101000000_init.up.sql", "create table a (id int);",
                "migrations/20240101000000_init.down.sql", "drop table a;"))).isEmpty();
    }

    @Test
    void goServiceNextToASqlxCrateIsStillGolangMigrate() {
        MigrationFramework migrate = detector.detect(repo(dir,
                "rust/Cargo.toml", "[dependencies]\nsqlx = \"0.7\"\n",
                "rust/migrations/20240101000000_init.up.sql", "create table a (id int);",
                "go/migrations/1_init.up.sql", "create table b (id int);",
                "go/migrations/1_init.down.sql", "drop table b;")).orElseThrow();

        assertThat(migrate.locations()).containsExactly("go/migrations");
        assertThat(migrate.count()).isEqualTo(1);
    }

    @Test
    void plainMigrationsFolderOfRandomFilesIsNotGolangMigrate() {
        assertThat(detector.detect(repo(dir,
                "migrations/README.md", "notes",
                "migrations/001_init.sql", "create table a (id int);",
                "migrations/seed.sql", "insert into a values (1);"))).isEmpty();
    }
}
