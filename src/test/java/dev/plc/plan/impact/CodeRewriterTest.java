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

    private static final String GO_STORE = """
            package store

            import "gorm.io/gorm"

            type Post struct {
            	ID          int64
            	AuthorID    int64  `gorm:"not null;column:author_id;index"`
            	Title       string
            	PublishedAt *time.Time
            }

            type PostRow struct {
            	ID    int64  `db:"id"`
            	Title string `db:"title,omitempty"`
            }

            type Draft struct {
            	Title string `db:"title"`
            }

            func (s *Store) Rows() string {
            	return "SELECT id, title FROM posts"
            }

            type Author struct {
            	gorm.Model
            	Handle string
            }

            func (Author) TableName() string { return "writers" }
            """;

    @Test
    void goStructsMappedByDbTagsGormTagsAndGormNamingAreImpactAndTheirTagsFollowARename() throws Exception {
        String file = "internal/store/store.go";
        // db:"title" in PostRow and Draft: the file's SQL names posts, so both count for it; Post.Title by GORM's naming
        List<CodeChange> title = changes(file, GO_STORE, new CodeRewriter.Rename("posts", "title", "headline", 2, true));
        assertThat(title).filteredOn(c -> c.status().equals(CodeChange.EDIT)).singleElement().satisfies(c -> assertThat(c.lines()).containsExactly(14, 18, 22));
        assertThat(title).filteredOn(c -> c.status().equals(CodeChange.MANUAL)).singleElement().satisfies(c -> {
            assertThat(c.lines()).containsExactly(8);
            assertThat(c.why()).contains("GORM's naming", "gorm:\"column:headline\"");
        });
        assertThat(applied(file, title.stream().filter(c -> c.status().equals(CodeChange.EDIT)).findFirst().orElseThrow()))
                .contains("Title string `db:\"headline,omitempty\"`", "Title string `db:\"headline\"`", "SELECT id, headline FROM posts");

        List<CodeChange> author = changes(file, GO_STORE, new CodeRewriter.Rename("posts", "author_id", "writer_id", 2, true));
        assertThat(author).singleElement().satisfies(c -> assertThat(c.status()).isEqualTo(CodeChange.EDIT));
        assertThat(applied(file, author.get(0))).contains("`gorm:\"not null;column:writer_id;index\"`");

        List<CodeChange> writers = changes(file, GO_STORE, new CodeRewriter.Rename("writers", null, "authors", 2, false));
        assertThat(writers).singleElement().satisfies(c -> assertThat(c.lines()).containsExactly(30));
        assertThat(applied(file, writers.get(0))).contains("func (Author) TableName() string { return \"authors\" }");

        // a db tag in a file whose SQL names no table of the change, and a struct named for another table: not guessed
        assertThat(changes(file, GO_STORE, new CodeRewriter.Rename("comments", "title", "subject", 2, true))).isEmpty();
    }

    @Test
    void gormsDefaultTableNameIsTheSnakeCasePlural() {
        assertThat(GoStructScanner.plural(Identifiers.snake("OrderItem"))).isEqualTo("order_items");
        assertThat(GoStructScanner.plural(Identifiers.snake("Category"))).isEqualTo("categories");
        assertThat(GoStructScanner.plural(Identifiers.snake("Address"))).isEqualTo("addresses");
        assertThat(GoStructScanner.plural(Identifiers.snake("Day"))).isEqualTo("days");
    }

    private static final String MODELS_PY = """
            from sqlalchemy import Column, Integer, String
            from sqlalchemy.orm import Mapped, mapped_column


            class Post(Base):
                __tablename__ = "posts"

                id = Column(Integer, primary_key=True)
                title: Mapped[str] = mapped_column(String(200))
                body = Column("content", String)
                slug = Column()


            class Note:
                title = "not a model"
            """;

    @Test
    void sqlalchemyColumnsAreImpactAndARenameNamesTheColumnWhileTheAttributeStays() throws Exception {
        String file = "app/models.py";
        List<CodeChange> title = changes(file, MODELS_PY, new CodeRewriter.Rename("posts", "title", "headline", 2, true));
        assertThat(title).singleElement().satisfies(c -> assertThat(c.lines()).containsExactly(9));
        assertThat(applied(file, title.get(0))).contains("    title: Mapped[str] = mapped_column(\"headline\", String(200))")
                .contains("title = \"not a model\"");
        assertThat(applied(file, changes(file, MODELS_PY, new CodeRewriter.Rename("posts", "content", "body_text", 2, true)).get(0)))
                .contains("    body = Column(\"body_text\", String)");
        assertThat(applied(file, changes(file, MODELS_PY, new CodeRewriter.Rename("posts", "slug", "handle", 2, true)).get(0)))
                .contains("    slug = Column(\"handle\")");
        assertThat(applied(file, changes(file, MODELS_PY, new CodeRewriter.Rename("posts", null, "articles", 2, false)).get(0)))
                .contains("    __tablename__ = \"articles\"");
        assertThat(changes(file, MODELS_PY, new CodeRewriter.Rename("posts", "body", "text", 2, true))).as("body maps content").isEmpty();
    }
}
