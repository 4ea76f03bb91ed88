package dev.plc.repo.migrations;

import dev.plc.repo.Evidence;
import dev.plc.repo.MigrationFramework;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.plc.repo.migrations.Fixtures.repo;
import static org.assertj.core.api.Assertions.assertThat;

class PrismaDetectorTest {

    @TempDir
    Path dir;

    private final PrismaDetector detector = new PrismaDetector(Fixtures.CLOCK);

    private static final String SCHEMA = """
            generator client {
              provider = "prisma-client-js"
            }

            datasource db {
              provider = "postgresql"
              url      = env("DATABASE_URL")
            }
            """;

    @Test
    void findsSchemaProviderAndMigrationFolders() {
        MigrationFramework prisma = detector.detect(repo(dir,
                "prisma/schema.prisma", SCHEMA,
                "prisma/migrations/migration_lock.toml", "provider = \"postgresql\"",
                "prisma/migrations/20240101000000_init/migration.sql", "create table a (id int);",
                "prisma/migrations/20240201000000_add_b/migration.sql", "create table b (id int);")).orElseThrow();

        assertThat(prisma.locations()).containsExactly("prisma/migrations");
        assertThat(prisma.count()).isEqualTo(2);
        assertThat(prisma.lastVersion()).isEqualTo("20240201000000");
        assertThat(prisma.nextVersion()).isEqualTo("20240601120000");
        assertThat(prisma.hasDown()).isFalse();
        assertThat(prisma.naming().example()).isEqualTo("20240201000000_add_b");
        assertThat(prisma.evidence()).contains(new Evidence("prisma/schema.prisma", 6, "provider = \"postgresql\""));
        assertThat(prisma.notes()).anyMatch(n -> n.contains("no down migrations"));
    }

    @Test
    void schemaWithoutMigrationsIsDetectedWithZeroCount() {
        MigrationFramework prisma = detector.detect(repo(dir, "prisma/schema.prisma", SCHEMA)).orElseThrow();

        assertThat(prisma.count()).isZero();
        assertThat(prisma.notes()).anyMatch(n -> n.contains("prisma db push"));
    }

    @Test
    void absentWithoutSchema() {
        assertThat(detector.detect(repo(dir, "migrations/20240101000000_init/migration.sql", "select 1;"))).isEmpty();
    }
}
