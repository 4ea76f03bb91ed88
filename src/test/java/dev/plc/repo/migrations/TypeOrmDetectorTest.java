package dev.plc.repo.migrations;

import dev.plc.repo.Evidence;
import dev.plc.repo.MigrationFramework;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.plc.repo.migrations.Fixtures.repo;
import static org.assertj.core.api.Assertions.assertThat;

class TypeOrmDetectorTest {

    @TempDir
    Path dir;

    private final TypeOrmDetector detector = new TypeOrmDetector(Fixtures.CLOCK);

    private static String migration(String name, String downBody) {
        return "import { MigrationInterface, QueryRunner } from 'typeorm';\n\nexport class " + name + " implements MigrationInterface {\n"
                + "    public async up(queryRunner: QueryRunner): Promise<void> {\n        await queryRunner.query(`create table a (id int)`);\n    }\n\n"
                + "    public async down(queryRunner: QueryRunner): Promise<void> {\n" + downBody + "\n    }\n}\n";
    }

    @Test
    void findsEpochMillisecondMigrationsWithDown() {
        MigrationFramework typeorm = detector.detect(repo(dir,
                "src/migrations/1700000000000-CreateUsers.ts", migration("CreateUsers1700000000000", "        await queryRunner.query(`drop table a`);"),
                "src/migrations/1710000000000-AddEmail.ts", migration("AddEmail1710000000000", ""))).orElseThrow();

        assertThat(typeorm.locations()).containsExactly("src/migrations");
        assertThat(typeorm.count()).isEqualTo(2);
        assertThat(typeorm.lastVersion()).isEqualTo("1710000000000");
        assertThat(typeorm.nextVersion()).isEqualTo(Long.toString(Fixtures.CLOCK.millis()));
        assertThat(typeorm.hasDown()).isTrue();
        assertThat(typeorm.evidence()).contains(new Evidence("src/migrations/1710000000000-AddEmail.ts", 3,
                "export class AddEmail1710000000000 implements MigrationInterface {"));
    }

    @Test
    void emptyDownMethodsAreNoDown() {
        MigrationFramework typeorm = detector.detect(repo(dir,
                "src/migrations/1700000000000-CreateUsers.ts", migration("CreateUsers1700000000000", "        // irreversible"))).orElseThrow();

        assertThat(typeorm.hasDown()).isFalse();
    }

    @Test
    void timestampedFilesWithoutMigrationInterfaceAreNotTypeOrm() {
        assertThat(detector.detect(repo(dir, "src/1700000000000-Thing.ts", "export class Thing {}\n"))).isEmpty();
    }
}
