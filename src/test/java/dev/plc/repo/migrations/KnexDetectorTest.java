package dev.plc.repo.migrations;

import dev.plc.repo.Evidence;
import dev.plc.repo.MigrationFramework;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.plc.repo.migrations.Fixtures.repo;
import static org.assertj.core.api.Assertions.assertThat;

class KnexDetectorTest {

    @TempDir
    Path dir;

    private final KnexDetector detector = new KnexDetector(Fixtures.CLOCK);

    @Test
    void readsMigrationDirectoryFromKnexfile() {
        MigrationFramework knex = detector.detect(repo(dir,
                "knexfile.js", "module.exports = {\n  client: 'pg',\n  migrations: {\n    directory: './db/migrations',\n  },\n};\n",
                "db/migrations/20240101000000_create_users.js", "exports.up = function (knex) {};\nexports.down = function (knex) {};\n",
                "db/migrations/20240301000000_add_email.js", "exports.up = async (knex) => {};\n")).orElseThrow();

        assertThat(knex.locations()).containsExactly("db/migrations");
        assertThat(knex.count()).isEqualTo(2);
        assertThat(knex.lastVersion()).isEqualTo("20240301000000");
        assertThat(knex.nextVersion()).isEqualTo("20240601120000");
        assertThat(knex.hasDown()).isTrue();
        assertThat(knex.naming().pattern()).isEqualTo("<timestamp>_<name>.js");
        assertThat(knex.evidence()).contains(new Evidence("knexfile.js", 4, "directory: './db/migrations',"));
    }

    @Test
    void defaultsToMigrationsFolderWithTypeScriptExports() {
        MigrationFramework knex = detector.detect(repo(dir,
                "package.json", "{\n  \"dependencies\": {\n    \"knex\": \"^3.0.0\"\n  }\n}\n",
                "migrations/20240101000000_init.ts", "import { Knex } from 'knex';\nexport async function up(knex: Knex) {}\n")).orElseThrow();

        assertThat(knex.locations()).containsExactly("migrations");
        assertThat(knex.hasDown()).isFalse();
        assertThat(knex.evidence()).contains(new Evidence("package.json", 3, "\"knex\": \"^3.0.0\""));
    }

    @Test
    void knexAsQueryBuilderOnlyIsNoMigrationFramework() {
        assertThat(detector.detect(repo(dir, "package.json", "{\"dependencies\": {\"knex\": \"^3.0.0\"}}\n"))).isEmpty();
    }
}
