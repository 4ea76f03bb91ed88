package dev.plc.repo.migrations;

import dev.plc.repo.Evidence;
import dev.plc.repo.MigrationFramework;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.plc.repo.migrations.Fixtures.repo;
import static org.assertj.core.api.Assertions.assertThat;

class DbmateDetectorTest {

    @TempDir
    Path dir;

    private final DbmateDetector detector = new DbmateDetector(Fixtures.CLOCK);

    @Test
    void findsMigrateUpDownSections() {
        MigrationFramework dbmate = detector.detect(repo(dir,
                "db/migrations/20240101120000_create_users.sql", "-- migrate:up\ncreate table users (id int);\n\n-- migrate:down\ndrop table users;\n",
                "db/migrations/20240215080000_add_index.sql", "-- migrate:up transaction:false\ncreate index concurrently i on users (id);\n\n-- migrate:down\n")).orElseThrow();

        assertThat(dbmate.locations()).containsExactly("db/migrations");
        assertThat(dbmate.count()).isEqualTo(2);
        assertThat(dbmate.lastVersion()).isEqualTo("20240215080000");
        assertThat(dbmate.nextVersion()).isEqualTo("20240601120000");
        assertThat(dbmate.hasDown()).isTrue();
        assertThat(dbmate.evidence()).contains(new Evidence("db/migrations/20240101120000_create_users.sql", 1, "-- migrate:up"));
        assertThat(dbmate.notes()).anyMatch(n -> n.contains("transaction:false"));
    }

    @Test
    void downSectionWithoutStatementsIsNoDown() {
        MigrationFramework dbmate = detector.detect(repo(dir,
                "db/migrations/20240101120000_a.sql", "-- migrate:up\ncreate table a (id int);\n-- migrate:down\n\n")).orElseThrow();

        assertThat(dbmate.hasDown()).isFalse();
    }
}
