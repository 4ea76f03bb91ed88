package dev.plc.plan.impact;

import dev.plc.repo.FixtureRepo;
import dev.plc.repo.RepoIndex;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class ImpactFinderTest {

    private static final String SPRING = "examples/spring-flyway-postgres";
    private static final String ORDERS_JOOQ = "src/main/generated/com/example/shop/db/tables/Orders.java";
    private static final String ORDER_QUERIES = "src/main/java/com/example/shop/order/OrderQueries.java";
    private static final String ORDER_TOTALS = "src/main/java/com/example/shop/order/OrderTotals.java";
    private static final String CUSTOMER = "src/main/java/com/example/shop/customer/Customer.java";
    private static final String CUSTOMER_REPOSITORY = "src/main/java/com/example/shop/customer/CustomerRepository.java";

    @TempDir
    Path dir;

    private final ImpactFinder finder = new ImpactFinder();

    private static RepoIndex example(String path) throws IOException {
        return RepoIndex.scan(Path.of(path));
    }

    private List<ImpactedCode> spring(SchemaReference reference) throws IOException {
        return finder.find(example(SPRING), List.of(reference),
                ImpactFinder.Options.defaults().withMigrationLocations(Set.of("src/main/resources/db/migration")));
    }

    @Test
    void renamingOrderStatusFindsJooqFieldDslUseAndJdbcSqlButNoMigration() throws IOException {
        List<ImpactedCode> found = spring(SchemaReference.column("orders", "status", "rename_column"));

        assertThat(found).extracting(ImpactedCode::file, ImpactedCode::line, ImpactedCode::kind).containsExactly(
                tuple(ORDERS_JOOQ, 21, "jooq-generated"),
                tuple(ORDER_QUERIES, 22, "jooq-dsl"),
                tuple(ORDER_TOTALS, 17, "sql-string"));
        assertThat(found).noneMatch(c -> c.file().contains("db/migration"));
        assertThat(found.get(2).reason()).contains("orders.status", "rename_column", "new name");
        assertThat(found.get(1).text()).isEqualTo(".and(ORDERS.STATUS.eq(\"new\"))");
    }

    @Test
    void migrationsAreSkippedByFolderConventionEvenWithoutLocations() throws IOException {
        List<ImpactedCode> found = finder.find(example(SPRING), List.of(SchemaReference.column("orders", "status", "rename_column")));

        assertThat(found).extracting(ImpactedCode::file).doesNotContain(
                "src/main/resources/db/migration/V3__add_order_status.sql").contains(ORDER_TOTALS);
    }

    @Test
    void droppingCustomerFullNameFindsTheJpaColumnMapping() throws IOException {
        List<ImpactedCode> found = spring(SchemaReference.column("customers", "full_name", "drop_column"));

        assertThat(found).extracting(ImpactedCode::file, ImpactedCode::line, ImpactedCode::kind)
                .containsExactly(tuple(CUSTOMER, 22, "jpa-entity"));
        assertThat(found.get(0).reason()).contains("fullName", "drop_column", "remove it");
    }

    @Test
    void customerEmailFindsSpringDataDerivedQueryAndEntityAndJooqField() throws IOException {
        List<ImpactedCode> found = spring(SchemaReference.column("customers", "email", "rename_column"));

        assertThat(found).extracting(ImpactedCode::file, ImpactedCode::line, ImpactedCode::kind).contains(
                tuple(CUSTOMER, 19, "jpa-entity"),
                tuple(CUSTOMER_REPOSITORY, 8, "spring-data"),
                tuple("src/main/generated/com/example/shop/db/tables/Customers.java", 19, "jooq-generated"));
        assertThat(found).filteredOn(c -> c.kind().equals("spring-data")).singleElement()
                .satisfies(c -> assertThat(c.reason()).contains("findByEmail"));
    }

    @Test
    void droppingOrdersTableFindsGeneratedClassesDslAndSql() throws IOException {
        List<ImpactedCode> found = spring(SchemaReference.table("orders", "drop_table"));

        assertThat(found).extracting(ImpactedCode::file, ImpactedCode::line, ImpactedCode::kind).contains(
                tuple("src/main/generated/com/example/shop/db/Tables.java", 15, "jooq-generated"),
                tuple(ORDERS_JOOQ, 14, "jooq-generated"),
                tuple(ORDER_QUERIES, 3, "jooq-dsl"),
                tuple(ORDER_QUERIES, 20, "jooq-dsl"),
                tuple(ORDER_TOTALS, 17, "sql-string"));
        assertThat(found).noneMatch(c -> c.file().equals(CUSTOMER));
    }

    @Test
    void idColumnIsNotReportedInSqlOfOtherTables() throws IOException {
        List<ImpactedCode> found = finder.find(example("examples/h2-flyway-quickstart"),
                List.of(SchemaReference.column("notebooks", "id", "alter_column_type")),
                ImpactFinder.Options.defaults().withMigrationLocations(Set.of("sql")));

        // NoteDao's "... FROM notes ... ORDER BY id" uses notes.id, not notebooks.id
        assertThat(found).isEmpty();
    }

    @Test
    void idColumnIsReportedWhereTheStatementNamesItsTable() throws IOException {
        List<ImpactedCode> found = finder.find(example("examples/h2-flyway-quickstart"),
                List.of(SchemaReference.column("notes", "id", "alter_column_type")));

        assertThat(found).extracting(ImpactedCode::file, ImpactedCode::line, ImpactedCode::kind)
                .containsExactly(tuple("src/main/java/com/example/notes/NoteDao.java", 20, "sql-string"));
    }

    @Test
    void flywayNamedSqlFilesAreTreatedAsMigrationsWhereverTheyLive() throws IOException {
        List<ImpactedCode> found = finder.find(example("examples/h2-flyway-quickstart"),
                List.of(SchemaReference.column("notebooks", "id", "alter_column_type")));

        assertThat(found).noneMatch(c -> c.file().startsWith("sql/"));
    }

    @Test
    void findsGoSqlStringForPostsPublishedAt() throws IOException {
        List<ImpactedCode> found = finder.find(example("examples/go-migrate-mariadb"),
                List.of(SchemaReference.column("posts", "published_at", "rename_column")));

        assertThat(found).extracting(ImpactedCode::file, ImpactedCode::line, ImpactedCode::kind)
                .containsExactly(tuple("internal/store/posts.go", 22, "sql-string"));
    }

    @Test
    void testCodeIsSkippedUnlessIncluded() {
        RepoIndex repo = FixtureRepo.in(dir)
                .file("src/main/java/shop/OrderDao.java", "class OrderDao {\n  String q = \"SELECT status FROM orders\";\n}\n")
                .file("src/test/java/shop/OrderDaoTest.java", "class OrderDaoTest {\n  String q = \"UPDATE orders SET status = 'x'\";\n}\n")
                .index();
        List<SchemaReference> refs = List.of(SchemaReference.column("orders", "status", "rename_column"));

        assertThat(finder.find(repo, refs)).extracting(ImpactedCode::file).containsExactly("src/main/java/shop/OrderDao.java");
        assertThat(finder.find(repo, refs, ImpactFinder.Options.defaults().withTests())).extracting(ImpactedCode::file)
                .containsExactly("src/main/java/shop/OrderDao.java", "src/test/java/shop/OrderDaoTest.java");
    }

    @Test
    void givenMigrationLocationIsSkippedAndOtherSqlFilesAreReported() {
        RepoIndex repo = FixtureRepo.in(dir)
                .file("db/changes/V1__init.sql", "CREATE TABLE orders (id INT, status TEXT);\n")
                .file("reports/open_orders.sql", "-- open orders\nSELECT id,\n       status\nFROM orders\nWHERE status = 'new';\n"
                        + "SELECT status FROM invoices;\n")
                .index();

        List<ImpactedCode> found = finder.find(repo, List.of(SchemaReference.column("orders", "status", "drop_column")),
                ImpactFinder.Options.defaults().withMigrationLocations(Set.of("db/changes")));

        assertThat(found).extracting(ImpactedCode::file, ImpactedCode::line, ImpactedCode::kind).containsExactly(
                tuple("reports/open_orders.sql", 3, "sql-file"),
                tuple("reports/open_orders.sql", 5, "sql-file"));
    }

    @Test
    void resultsAreSortedAndDedupedPerLineAndReference() {
        RepoIndex repo = FixtureRepo.in(dir)
                .file("b/Dao.java", "class Dao {\n  String q = \"SELECT status, status FROM orders WHERE status = 1\";\n}\n")
                .file("a/Dao.java", "class Dao {\n  String q = \"SELECT status FROM orders\";\n}\n")
                .index();

        List<ImpactedCode> found = finder.find(repo, List.of(SchemaReference.column("orders", "status", "rename_column")));

        assertThat(found).extracting(ImpactedCode::file, ImpactedCode::line)
                .containsExactly(tuple("a/Dao.java", 2), tuple("b/Dao.java", 2));
    }

    @Test
    void filesOverOneMegabyteAreNotRead() {
        String big = "class Big {\n  String q = \"SELECT status FROM orders\";\n" + "  // padding\n".repeat(100_000) + "}\n";
        RepoIndex repo = FixtureRepo.in(dir).file("src/Big.java", big).index();

        assertThat(finder.find(repo, List.of(SchemaReference.column("orders", "status", "rename_column")))).isEmpty();
    }
}
