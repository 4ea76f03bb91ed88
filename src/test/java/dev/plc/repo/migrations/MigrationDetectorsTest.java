package dev.plc.repo.migrations;

import dev.plc.repo.MigrationDetector;
import dev.plc.repo.MigrationFramework;
import dev.plc.repo.RepoIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.plc.repo.migrations.Fixtures.repo;
import static org.assertj.core.api.Assertions.assertThat;

class MigrationDetectorsTest {

    @TempDir
    Path dir;

    @Test
    void everyDetectorHasAUniqueStableName() {
        List<String> names = MigrationDetectors.all().stream().map(MigrationDetector::name).toList();

        assertThat(names).containsExactly("flyway", "liquibase", "golang-migrate", "goose", "dbmate", "sqlx", "diesel",
                "prisma", "alembic", "django", "rails", "knex", "typeorm", "ef-core");
    }

    @Test
    void plainMigrationsFolderOfRandomFilesIsNoFramework() {
        RepoIndex repo = repo(dir,
                "migrations/notes.txt", "remember to back up",
                "migrations/001_init.sql", "create table a (id int);",
                "migrations/002_more.sql", "create table b (id int);",
                "migrations/run.sh", "psql -f 001_init.sql",
                "migrations/0003_cleanup.py", "print('cleanup')");

        assertThat(MigrationDetectors.detectAll(repo)).isEmpty();
    }

    @Test
    void reportsEachFrameworkOfAPolyglotRepo() {
        RepoIndex repo = repo(dir,
                "api/src/main/resources/db/migration/V1__init.sql", "create table a (id int);",
                "api/pom.xml", "<artifactId>flyway-core</artifactId>",
                "web/prisma/schema.prisma", "datasource db {\n  provider = \"mysql\"\n  url = env(\"URL\")\n}\n",
                "web/prisma/migrations/20240101000000_init/migration.sql", "create table b (id int);");

        List<String> names = MigrationDetectors.detectAll(repo).stream().map(MigrationFramework::name).toList();

        assertThat(names).containsExactly("flyway", "prisma");
    }

    @Test
    void aFailingDetectorDoesNotHideTheOthers() {
        RepoIndex repo = repo(dir, "src/main/resources/db/migration/V1__init.sql", "create table a (id int);");
        MigrationDetector broken = new MigrationDetector() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public Optional<MigrationFramework> detect(RepoIndex index) {
                throw new IllegalStateException("boom");
            }
        };
        List<MigrationDetector> detectors = new ArrayList<>(List.of(broken));
        detectors.addAll(MigrationDetectors.all(Fixtures.CLOCK));

        List<MigrationFramework> found = MigrationDetectors.detectAll(repo, detectors);

        assertThat(found).extracting(MigrationFramework::name).containsExactly("flyway");
    }
}
