package dev.plc.plan.impact;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import dev.plc.repo.RepoIndex;
import dev.plc.schema.SchemaSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The edits code_changes proposes: applied to the file, they give exactly the renamed code, and nothing is guessed. */
class CodeRewriterTest {

    @TempDir
    Path repo;

    private static final SchemaSnapshot SCHEMA = new SchemaSnapshot(List.of(
            table("orders", "id", "customer_id", "total_cents", "note"),
            table("customers", "id", "email", "full_name", "note")));

    private static SchemaSnapshot.Table table(String name, String... columns) {
        return new SchemaSnapshot.Table(name, Arrays.stream(columns).map(c -> new SchemaSnapshot.Column(c, "text", true, null, false)).toList(),
                null, List.of(), List.of(), List.of(), List.of());
    }

    private List<CodeChange> changes(String file, String content, CodeRewriter.Rename rename) throws Exception {
        Files.createDirectories(repo.resolve(file).getParent());
        Files.writeString(repo.resolve(file), content);
        RepoIndex index = RepoIndex.scan(repo);
        List<ImpactedCode> impacted = new ImpactFinder().find(index, List.of(new SchemaReference(rename.table(), rename.column(),
                rename.column() == null ? "rename_table" : "rename_column")));
        return CodeRewriter.changes(index, SCHEMA, impacted, List.of(rename), List.of());
    }

    private String applied(String file, CodeChange change) throws Exception {
        List<String> original = List.of(Files.readString(repo.resolve(file)).split("\n", -1));
        List<String> patched = DiffUtils.patch(original, UnifiedDiffUtils.parseUnifiedDiff(List.of(change.diff().split("\n"))));
        return String.join("\n", patched);
    }

    @Test
    void sqlInStringLiteralsTakesTheNewNameAndCodeOutsideThemDoesNot() throws Exception {
        String file = "src/main/java/app/Totals.java";
        String java = """
                package app;
                class Totals {
                    long total_cents;
                    long sum(Jdbc jdbc) {
                        total_cents = jdbc.query("SELECT SUM(o.total_cents) FROM orders o WHERE o.total_cents > :total_cents", total_cents);
                        return total_cents;
                    }
                }
                """;
        List<CodeChange> out = changes(file, java, new CodeRewriter.Rename("orders", "total_cents", "amount_cents", 2, true));
        assertThat(out).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo(CodeChange.EDIT);
            assertThat(c.release()).isEqualTo(2);
            assertThat(c.lines()).containsExactly(5);
            assertThat(c.sha256()).isEqualTo(CodeRewriter.sha256(repo.resolve(file)));
            assertThat(c.diff()).startsWith("--- a/" + file + "\n+++ b/" + file + "\n@@ ");
        });
        assertThat(applied(file, out.get(0))).isEqualTo(java.replace(
                "\"SELECT SUM(o.total_cents) FROM orders o WHERE o.total_cents > :total_cents\"",
                "\"SELECT SUM(o.amount_cents) FROM orders o WHERE o.amount_cents > :total_cents\""));
    }

    @Test
    void twoRenamesOnOneLineBothLandInTheOneEdit() throws Exception {
        String file = "src/main/java/app/Report.java";
        String java = """
                class Report {
                    String q = "SELECT o.customer_id, o.total_cents FROM orders o";
                }
                """;
        Files.createDirectories(repo.resolve(file).getParent());
        Files.writeString(repo.resolve(file), java);
        RepoIndex index = RepoIndex.scan(repo);
        List<ImpactedCode> impacted = new ImpactFinder().find(index, List.of(new SchemaReference("orders", "total_cents", "rename_column"),
                new SchemaReference("orders", "customer_id", "rename_column")));
        List<CodeChange> out = CodeRewriter.changes(index, SCHEMA, impacted, List.of(
                new CodeRewriter.Rename("orders", "total_cents", "amount", 2, true),
                new CodeRewriter.Rename("orders", "customer_id", "customer_who_placed_the_order_id", 2, true)), List.of());
        assertThat(out).singleElement().satisfies(c -> assertThat(c.status()).isEqualTo(CodeChange.EDIT));
        assertThat(applied(file, out.get(0))).isEqualTo(java.replace("o.customer_id, o.total_cents", "o.customer_who_placed_the_order_id, o.amount"));
    }

    @Test
    void aColumnNameTwoTablesOfTheStatementShareIsLeftToAPerson() throws Exception {
        String file = "src/main/java/app/Notes.java";
        List<CodeChange> out = changes(file, """
                class Notes {
                    String q = "SELECT o.note, c.note FROM orders o JOIN customers c ON c.id = o.customer_id";
                }
                """, new CodeRewriter.Rename("orders", "note", "remark", 2, true));
        assertThat(out).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo(CodeChange.MANUAL);
            assertThat(c.diff()).isNull();
            assertThat(c.why()).contains("customers", "cannot be told from the text");
        });
    }

    @Test
    void jpaColumnAndTableNamesAreRewrittenAndAFieldWithoutOneIsNot() throws Exception {
        String file = "src/main/java/app/Customer.java";
        String entity = """
                package app;
                import jakarta.persistence.*;
                @Entity
                @Table(name = "customers")
                public class Customer {
                    @Id private Long id;
                    @Column(name = "full_name", nullable = false)
                    private String fullName;
                    private String email;
                }
                """;
        List<CodeChange> column = changes(file, entity, new CodeRewriter.Rename("customers", "full_name", "display_name", 1, false));
        assertThat(column).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo(CodeChange.EDIT);
            assertThat(c.why()).contains("in the same deploy as the migration");
        });
        assertThat(applied(file, column.get(0))).isEqualTo(entity.replace("name = \"full_name\"", "name = \"display_name\""));

        List<CodeChange> implicit = changes(file, entity, new CodeRewriter.Rename("customers", "email", "email_address", 2, true));
        assertThat(implicit).allSatisfy(c -> assertThat(c.status()).isNotEqualTo(CodeChange.EDIT));
        assertThat(implicit).anySatisfy(c -> assertThat(c.why()).contains("@Column(name = \"email_address\")"));

        List<CodeChange> table = changes(file, entity, new CodeRewriter.Rename("customers", null, "clients", 2, true));
        assertThat(table).anySatisfy(c -> {
            assertThat(c.status()).isEqualTo(CodeChange.EDIT);
            assertThat(c.diff()).contains("+@Table(name = \"clients\")");
        });
    }

    @Test
    void aMapperAndASqlFileAreRewrittenWordByWord() throws Exception {
        String file = "src/main/resources/mappers/OrderMapper.xml";
        String xml = """
                <?xml version="1.0" encoding="UTF-8" ?>
                <mapper namespace="app.OrderMapper">
                  <select id="totals" resultType="long">SELECT total_cents, total_cents_old FROM orders</select>
                </mapper>
                """;
        List<CodeChange> out = changes(file, xml, new CodeRewriter.Rename("orders", "total_cents", "amount_cents", 2, true));
        assertThat(out).filteredOn(c -> c.status().equals(CodeChange.EDIT)).singleElement()
                .satisfies(c -> assertThat(c.diff()).contains("+  <select id=\"totals\" resultType=\"long\">SELECT amount_cents, total_cents_old FROM orders</select>"));
    }

    @Test
    void jooqFieldsFollowAColumnRenameOnlyWhereTheDefaultStrategyNamedThem() {
        CodeRewriter.Rename rename = new CodeRewriter.Rename("order_items", "unit_price", "price_cents", 2, true);
        assertThat(CodeRewriter.jooqColumn(
                "    public final TableField<OrderItemsRecord, Integer> UNIT_PRICE = createField(DSL.name(\"unit_price\"), SQLDataType.INTEGER, this, \"\");",
                rename)).isEqualTo(
                "    public final TableField<OrderItemsRecord, Integer> PRICE_CENTS = createField(DSL.name(\"price_cents\"), SQLDataType.INTEGER, this, \"\");");
        assertThat(CodeRewriter.jooqColumn("        .where(ORDER_ITEMS.UNIT_PRICE.gt(0)).orderBy(ORDER_ITEMS . UNIT_PRICE)", rename))
                .isEqualTo("        .where(ORDER_ITEMS.PRICE_CENTS.gt(0)).orderBy(ORDER_ITEMS . PRICE_CENTS)");
        // a custom generator strategy's name, another table's field of the same name, a longer name: not guessed
        assertThat(CodeRewriter.jooqColumn("    public final TableField<R, Integer> unitPrice = createField(DSL.name(\"unit_price\"), SQLDataType.INTEGER);",
                rename)).isNull();
        assertThat(CodeRewriter.jooqColumn("        .where(PRODUCTS.UNIT_PRICE.gt(0))", rename)).isNull();
        assertThat(CodeRewriter.jooqColumn("        .where(ORDER_ITEMS.UNIT_PRICE_OLD.gt(0))", rename)).isNull();
    }
}
