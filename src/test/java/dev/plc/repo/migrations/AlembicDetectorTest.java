package dev.plc.repo.migrations;

import dev.plc.repo.Evidence;
import dev.plc.repo.MigrationFramework;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.plc.repo.migrations.Fixtures.repo;
import static org.assertj.core.api.Assertions.assertThat;

class AlembicDetectorTest {

    @TempDir
    Path dir;

    private final AlembicDetector detector = new AlembicDetector();

    private static String revision(String id, String down, String downgradeBody) {
        return "\"\"\"msg\"\"\"\nfrom alembic import op\n\nrevision = '" + id + "'\ndown_revision = " + down
                + "\n\n\ndef upgrade():\n    op.create_table('t')\n\n\ndef downgrade():\n" + downgradeBody + "\n";
    }

    @Test
    void ordersRevisionsByTheDownRevisionChain() {
        MigrationFramework alembic = detector.detect(repo(dir,
                "alembic.ini", "[alembic]\nscript_location = %(here)s/alembic\n",
                "alembic/env.py", "",
                // file names sort opposite to the chain: only down_revision gives the order
                "alembic/versions/a1_second.py", revision("a1", "'ff'", "    op.drop_table('t')"),
                "alembic/versions/ff_first.py", revision("ff", "None", "    pass"))).orElseThrow();

        assertThat(alembic.locations()).containsExactly("alembic/versions");
        assertThat(alembic.count()).isEqualTo(2);
        assertThat(alembic.lastVersion()).isEqualTo("a1");
        assertThat(alembic.nextVersion()).isNull();
        assertThat(alembic.naming().versionStyle()).isEqualTo("none");
        assertThat(alembic.hasDown()).isTrue();
        assertThat(alembic.evidence()).contains(new Evidence("alembic.ini", 2, "script_location = %(here)s/alembic"),
                new Evidence("alembic/versions/a1_second.py", 4, "revision = 'a1'"));
        assertThat(alembic.notes()).anyMatch(n -> n.contains("hashes"));
    }

    @Test
    void downgradeWithOnlyPassIsNoDown() {
        MigrationFramework alembic = detector.detect(repo(dir,
                "alembic.ini", "[alembic]\nscript_location = migrations\n",
                "migrations/versions/ff_first.py", revision("ff", "None", "    # nothing\n    pass"))).orElseThrow();

        assertThat(alembic.hasDown()).isFalse();
    }

    @Test
    void notesMultipleHeads() {
        MigrationFramework alembic = detector.detect(repo(dir,
                "alembic.ini", "[alembic]\nscript_location = alembic\n",
                "alembic/versions/b1.py", revision("b1", "'base'", "    pass"),
                "alembic/versions/b2.py", revision("b2", "'base'", "    pass"),
                "alembic/versions/base.py", revision("base", "None", "    pass"))).orElseThrow();

        assertThat(alembic.notes()).anyMatch(n -> n.startsWith("multiple heads [b1, b2]"));
    }

    @Test
    void absentWithoutAlembicConfigOrScriptFolder() {
        assertThat(detector.detect(repo(dir, "versions/abc.py", "revision = 'abc'\n"))).isEmpty();
    }
}
