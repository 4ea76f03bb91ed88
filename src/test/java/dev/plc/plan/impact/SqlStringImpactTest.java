package dev.plc.plan.impact;

import dev.plc.repo.FixtureRepo;
import dev.plc.repo.RepoIndex;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** SQL in string literals across languages: statements, aliases, concatenation, comments. */
class SqlStringImpactTest {

    @TempDir
    Path dir;

    private final ImpactFinder finder = new ImpactFinder();

    private List<Integer> lines(String file, String content, SchemaReference reference) {
        RepoIndex repo = FixtureRepo.in(dir).file(file, content).index();
        return finder.find(repo, List.of(reference)).stream().map(ImpactedCode::line).toList();
    }

    private static SchemaReference ordersStatus() {
        return SchemaReference.column("orders", "status", "rename_column");
    }

    @Test
    void javaTextBlockIsOneStatementAcrossLines() {
        String java = "class Q {\n  String q = \"\"\"\n      SELECT status\n      FROM orders\n      \"\"\";\n}\n";
        assertThat(lines("Q.java", java, ordersStatus())).containsExactly(3);
    }

    @Test
    void concatenatedLiteralsAreOneStatement() {
        String java = "class Q {\n  String q = \"SELECT o.status \" +\n      \"FROM orders o\";\n  String r = \"SELECT status FROM invoices\";\n}\n";
        assertThat(lines("Q.java", java, ordersStatus())).containsExactly(2);
    }

    @Test
    void columnQualifiedByAnotherTablesAliasIsNotReported() {
        String java = "class Q {\n  String q = \"SELECT i.status FROM invoices i JOIN orders o ON o.id = i.order_id\";\n}\n";
        assertThat(lines("Q.java", java, ordersStatus())).isEmpty();
        assertThat(lines("Q.java", java, SchemaReference.column("orders", "id", "alter_column_type"))).containsExactly(2);
    }

    @Test
    void quotedIdentifiersMatch() {
        String go = "package q\n\nconst q = `SELECT \"status\" FROM \"public\".\"orders\"`\nconst r = \"UPDATE `orders` SET `status` = ?\"\n";
        assertThat(lines("q.go", go, ordersStatus())).containsExactly(3, 4);
    }

    @Test
    void partOfALongerIdentifierDoesNotMatch() {
        String java = "class Q {\n  String q = \"SELECT order_status FROM orders_archive\";\n}\n";
        assertThat(lines("Q.java", java, ordersStatus())).isEmpty();
    }

    @Test
    void commentsAndNonSqlStringsAreIgnored() {
        String java = "class Q {\n  // SELECT status FROM orders\n  /* UPDATE orders SET status = 1 */\n"
                + "  String label = \"orders status\";\n  char quote = '\"';\n  String q = \"SELECT status FROM orders\";\n}\n";
        assertThat(lines("Q.java", java, ordersStatus())).containsExactly(6);
    }

    @Test
    void pythonTripleQuotedAndAdjacentLiterals() {
        String py = "# SELECT status FROM orders\nQ = \"\"\"\nSELECT id\nFROM orders\nWHERE status = %s\n\"\"\"\n"
                + "R = (\"SELECT status \"\n     \"FROM orders\")\n";
        assertThat(lines("app/queries.py", py, ordersStatus())).containsExactly(5, 7);
    }

    @Test
    void rubyHeredocIsAString() {
        String rb = "class Report\n  SQL = <<~SQL\n    SELECT status\n    FROM orders\n  SQL\nend\n";
        assertThat(lines("app/report.rb", rb, ordersStatus())).containsExactly(3);
    }

    @Test
    void typeScriptTemplateLiteralAndCSharpVerbatimString() {
        String ts = "const q = `\n  SELECT status\n  FROM orders\n`;\n";
        String cs = "class Q {\n  const string S = @\"SELECT \"\"status\"\"\n    FROM orders\";\n}\n";
        RepoIndex repo = FixtureRepo.in(dir).file("src/q.ts", ts).file("src/Q.cs", cs).index();
        assertThat(finder.find(repo, List.of(ordersStatus()))).extracting(ImpactedCode::file, ImpactedCode::line)
                .containsExactly(org.assertj.core.api.Assertions.tuple("src/Q.cs", 2), org.assertj.core.api.Assertions.tuple("src/q.ts", 2));
    }

    @Test
    void wholeTableReferenceNeedsSqlAroundIt() {
        String java = "class Q {\n  String name = \"orders\";\n  String q = \"DELETE FROM orders WHERE id = ?\";\n}\n";
        List<ImpactedCode> found = finder.find(FixtureRepo.in(dir).file("Q.java", java).index(),
                List.of(SchemaReference.table("orders", "drop_table")));
        assertThat(found).extracting(ImpactedCode::line).containsExactly(3);
        assertThat(found.get(0).column()).isNull();
        assertThat(found.get(0).reason()).contains("drop_table", "before the table is dropped");
    }

    @Test
    void thousandsOfFilesAreScannedWellUnderASecond() {
        FixtureRepo repo = FixtureRepo.in(dir);
        String other = "package p;\n\nclass C {\n" + "    String s = \"SELECT id, name FROM products WHERE id = ?\"; // orders\n".repeat(40) + "}\n";
        String customers = "package p;\n\nclass C {\n" + "    String s = \"SELECT id FROM customers WHERE id = ?\";\n".repeat(40)
                + "    String n = \"SELECT name FROM customers\";\n}\n";
        for (int i = 0; i < 3000; i++) {
            repo.file("src/main/java/p/C" + i + ".java", i % 10 == 0 ? customers : other);
        }
        repo.file("src/main/java/p/Hit.java", "class Hit {\n  String q = \"SELECT status FROM orders\";\n}\n");
        RepoIndex index = repo.index();
        index.files().forEach(index::read); // reading from disk is the index's cost, not the finder's

        List<SchemaReference> references = List.of(ordersStatus(), SchemaReference.column("customers", "email", "drop_column"),
                SchemaReference.column("customers", "name", "rename_column"));
        finder.find(index, references); // the first call also pays for class loading and JIT warm-up (350-700 ms on a busy 2-core box)

        long start = System.nanoTime();
        List<ImpactedCode> found = finder.find(index, references);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(found).filteredOn(c -> c.table().equals("orders")).extracting(ImpactedCode::file)
                .containsExactly("src/main/java/p/Hit.java");
        assertThat(found).filteredOn(c -> c.column().equals("name")).hasSize(300);
        assertThat(found).noneMatch(c -> c.column().equals("email"));
        assertThat(millis).isLessThan(1000);
    }
}
