package dev.plc.repo.migrations;

import dev.plc.repo.Evidence;
import dev.plc.repo.MigrationFramework;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.plc.repo.migrations.Fixtures.repo;
import static org.assertj.core.api.Assertions.assertThat;

class RailsDetectorTest {

    @TempDir
    Path dir;

    private final RailsDetector detector = new RailsDetector(Fixtures.CLOCK);

    @Test
    void findsTimestampedMigrationsAndReversibleChange() {
        MigrationFramework rails = detector.detect(repo(dir,
                "db/migrate/20240101000000_create_users.rb", "class CreateUsers < ActiveRecord::Migration[7.1]\n  def change\n    create_table :users\n  end\nend\n",
                "db/migrate/20240201000000_add_email.rb", "class AddEmail < ActiveRecord::Migration[7.1]\n  def up\n  end\nend\n")).orElseThrow();

        assertThat(rails.locations()).containsExactly("db/migrate");
        assertThat(rails.count()).isEqualTo(2);
        assertThat(rails.lastVersion()).isEqualTo("20240201000000");
        assertThat(rails.nextVersion()).isEqualTo("20240601120000");
        assertThat(rails.hasDown()).isTrue();
        assertThat(rails.notes()).anyMatch(n -> n.startsWith("1 migration(s) use `def change`"));
        assertThat(rails.evidence()).contains(new Evidence("db/migrate/20240201000000_add_email.rb", 1, "class AddEmail < ActiveRecord::Migration[7.1]"));
    }

    @Test
    void upOnlyMigrationsHaveNoDown() {
        MigrationFramework rails = detector.detect(repo(dir,
                "db/migrate/20240101000000_a.rb", "class A < ActiveRecord::Migration[7.1]\n  def up\n    execute 'x'\n  end\nend\n")).orElseThrow();

        assertThat(rails.hasDown()).isFalse();
    }

    @Test
    void rubyFilesOutsideDbMigrateAreNotRails() {
        assertThat(detector.detect(repo(dir, "lib/20240101000000_a.rb", "class A < ActiveRecord::Migration[7.1]\nend\n"))).isEmpty();
    }
}
