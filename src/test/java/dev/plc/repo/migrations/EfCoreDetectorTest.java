package dev.plc.repo.migrations;

import dev.plc.repo.Evidence;
import dev.plc.repo.MigrationFramework;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.plc.repo.migrations.Fixtures.repo;
import static org.assertj.core.api.Assertions.assertThat;

class EfCoreDetectorTest {

    @TempDir
    Path dir;

    private final EfCoreDetector detector = new EfCoreDetector(Fixtures.CLOCK);

    private static String migration(String name, String downBody) {
        return "using Microsoft.EntityFrameworkCore.Migrations;\n\nnamespace App.Migrations\n{\n    public partial class " + name + " : Migration\n    {\n"
                + "        protected override void Up(MigrationBuilder migrationBuilder)\n        {\n            migrationBuilder.CreateTable(name: \"a\");\n        }\n\n"
                + "        protected override void Down(MigrationBuilder migrationBuilder)\n        {\n" + downBody + "\n        }\n    }\n}\n";
    }

    @Test
    void countsMigrationsButNotDesignerOrSnapshotFiles() {
        MigrationFramework ef = detector.detect(repo(dir,
                "src/App/Migrations/20240101000000_Initial.cs", migration("Initial", "            migrationBuilder.DropTable(name: \"a\");"),
                "src/App/Migrations/20240101000000_Initial.Designer.cs", "[Migration(\"20240101000000_Initial\")]\npartial class Initial : Migration\n{\n    void Up(MigrationBuilder b) {}\n}\n",
                "src/App/Migrations/20240301000000_AddEmail.cs", migration("AddEmail", ""),
                "src/App/Migrations/AppDbContextModelSnapshot.cs", "partial class AppDbContextModelSnapshot : ModelSnapshot {}\n")).orElseThrow();

        assertThat(ef.locations()).containsExactly("src/App/Migrations");
        assertThat(ef.count()).isEqualTo(2);
        assertThat(ef.lastVersion()).isEqualTo("20240301000000");
        assertThat(ef.nextVersion()).isEqualTo("20240601120000");
        assertThat(ef.hasDown()).isTrue();
        assertThat(ef.evidence()).contains(new Evidence("src/App/Migrations/20240301000000_AddEmail.cs", 5, "public partial class AddEmail : Migration"));
        assertThat(ef.notes()).anyMatch(n -> n.contains("AppDbContextModelSnapshot.cs"));
    }

    @Test
    void emptyDownBodiesAreNoDown() {
        MigrationFramework ef = detector.detect(repo(dir,
                "Migrations/20240101000000_Initial.cs", migration("Initial", ""))).orElseThrow();

        assertThat(ef.hasDown()).isFalse();
    }
}
