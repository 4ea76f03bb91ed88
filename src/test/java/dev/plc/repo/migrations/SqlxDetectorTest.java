package dev.plc.repo.migrations;

import dev.plc.repo.Evidence;
import dev.plc.repo.MigrationFramework;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.plc.repo.migrations.Fixtures.repo;
import static org.assertj.core.api.Assertions.assertThat;

class SqlxDetectorTest {

    @TempDir
    Path dir;

    private final SqlxDetector detector = new SqlxDetector(Fixtures.CLOCK);

    @Test
    void findsReversibleMigrationsOfASqlxCrate() {
        MigrationFramework sqlx = detector.detect(repo(dir,
                "Cargo.toml", "[package]\nname = \"x\"\n\n[dependencies]\nsqlx = { version = \"0.7\", features = [\"postgres\"] }\n",
                "migrations/20240101000000_init.up.sql", "create table a (id int);",
                "migrations/20240101000000_init.down.sql", "drop table a;",
                "migrations/20240301000000_more.up.sql", "create table b (id int);",
                "migrations/20240301000000_more.down.sql", "drop table b;")).orElseThrow();

        assertThat(sqlx.count()).isEqualTo(2);
        assertThat(sqlx.lastVersion()).isEqualTo("20240301000000");
        assertThat(sqlx.nextVersion()).isEqualTo("20240601120000");
        assertThat(sqlx.hasDown()).isTrue();
        assertThat(sqlx.evidence()).contains(new Evidence("Cargo.toml", 5, "sqlx = { version = \"0.7\", features = [\"postgres\"] }"));
    }

    @Test
    void followsMigrateMacroPathAndSimpleMigrations() {
        MigrationFramework sqlx = detector.detect(repo(dir,
                "Cargo.toml", "[dependencies]\nsqlx = \"0.7\"\n",
                "src/main.rs", "fn main() {\n    sqlx::migrate!(\"./db/sql\").run(&pool);\n}\n",
                "db/sql/1_init.sql", "create table a (id int);",
                "db/sql/2_more.sql", "create table b (id int);")).orElseThrow();

        assertThat(sqlx.locations()).containsExactly("db/sql");
        assertThat(sqlx.count()).isEqualTo(2);
        assertThat(sqlx.nextVersion()).isEqualTo("3");
        assertThat(sqlx.hasDown()).isFalse();
        assertThat(sqlx.evidence()).contains(new Evidence("src/main.rs", 2, "sqlx::migrate!(\"./db/sql\").run(&pool);"));
    }

    @Test
    void resolvesMigrateMacroPathRelativeToTheCrate() {
        MigrationFramework sqlx = detector.detect(repo(dir,
                "Cargo.toml", "[workspace]\nmembers = [\"server\"]\n",
                "server/Cargo.toml", "[dependencies]\nsqlx = \"0.7\"\n",
                "server/src/db.rs", "pub static MIGRATOR: Migrator = sqlx::migrate!(\"../migrations\");\n",
                "migrations/1_init.sql", "create table a (id int);")).orElseThrow();

        assertThat(sqlx.locations()).containsExactly("migrations");
        assertThat(sqlx.count()).isEqualTo(1);
    }

    @Test
    void absentWithoutSqlxDependency() {
        assertThat(detector.detect(repo(dir,
                "Cargo.toml", "[dependencies]\nserde = \"1\"\n",
                "migrations/1_init.sql", "create table a (id int);"))).isEmpty();
    }
}
