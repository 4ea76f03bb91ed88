package dev.plc.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plc.db.Dialect;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The exact statements each operation gets on MariaDB (the cases PlannersTest does not already pin down). */
class MariadbPlannersTest {

    static Stream<Arguments> operations() {
        return Stream.of(
                Arguments.of(Operation.of("drop_column", "orders").withColumn("note"), "destructive",
                        List.of("CREATE TABLE orders_note_backup AS SELECT id, note FROM orders;", "ALTER TABLE orders DROP COLUMN note;")),
                Arguments.of(Operation.of("alter_column_type", "orders").withColumn("status").withType("varchar(50)"), "additive",
                        List.of("ALTER TABLE orders MODIFY COLUMN status varchar(50) DEFAULT 'new' NOT NULL;")),
                Arguments.of(Operation.of("alter_column_type", "orders").withColumn("status").withType("varchar(5)"), "destructive",
                        List.of("ALTER TABLE orders MODIFY COLUMN status varchar(5) DEFAULT 'new' NOT NULL;")),
                Arguments.of(Operation.of("drop_not_null", "orders").withColumn("total_cents"), "additive",
                        List.of("ALTER TABLE orders MODIFY COLUMN total_cents int, ALGORITHM=INPLACE, LOCK=NONE;")),
                Arguments.of(Operation.of("set_default", "orders").withColumn("note").withDefault("'-'"), "additive",
                        List.of("ALTER TABLE orders ALTER COLUMN note SET DEFAULT '-';")),
                Arguments.of(Operation.of("drop_default", "orders").withColumn("status"), "additive",
                        List.of("ALTER TABLE orders ALTER COLUMN status DROP DEFAULT;")),
                Arguments.of(Operation.of("add_unique", "orders").withColumns(List.of("customer_id", "status")), "additive",
                        List.of("ALTER TABLE orders ADD UNIQUE INDEX orders_customer_id_status_key (customer_id, status), ALGORITHM=INPLACE, LOCK=NONE;")),
                Arguments.of(Operation.of("add_check", "orders").withName("orders_status_known").withCondition("status <> ''"), "additive",
                        List.of("ALTER TABLE orders ADD CONSTRAINT orders_status_known CHECK (status <> '');")),
                Arguments.of(Operation.of("drop_index", null).withName("orders_customer_id_idx"), "additive",
                        List.of("ALTER TABLE orders DROP INDEX orders_customer_id_idx, ALGORITHM=INPLACE, LOCK=NONE;")),
                Arguments.of(Operation.of("drop_foreign_key", "orders").withName("orders_customer_id_fkey"), "additive",
                        List.of("ALTER TABLE orders DROP FOREIGN KEY orders_customer_id_fkey;")),
                Arguments.of(Operation.of("drop_constraint", "orders").withName("orders_total_positive"), "additive",
                        List.of("ALTER TABLE orders DROP CONSTRAINT orders_total_positive;")),
                Arguments.of(Operation.of("rename_table", "orders").withNewName("purchases"), "staged",
                        List.of("RENAME TABLE orders TO purchases;", "CREATE VIEW orders AS SELECT * FROM purchases;", "DROP VIEW orders;")),
                Arguments.of(Operation.of("alter_column_type", "orders").withColumn("total_cents").withType("bigint"), "staged",
                        List.of("ALTER TABLE orders ADD COLUMN total_cents_new bigint, ALGORITHM=INSTANT, LOCK=NONE;", "ALTER TABLE orders DROP COLUMN total_cents;")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void plansTheOperationForMariadb(Operation op, String type, List<String> statements) {
        PlanContext ctx = new PlanContext(Dialect.MARIADB, PlannersTest.SHOP, Map.of(), true);
        PlanBuilder out = new PlanBuilder();
        Planners.plan(op, ctx, out);
        assertThat(out.type()).isEqualTo(type);
        List<String> sql = PlannersTest.sql(out);
        assertThat(sql).containsSubsequence(statements);
        assertThat(sql).noneSatisfy(s -> assertThat(s).contains("CONCURRENTLY").contains("NOT VALID"));
        assertThat(sql).filteredOn(s -> s.startsWith("ALTER TABLE") || s.startsWith("RENAME TABLE")).isNotEmpty();
        for (PlanBuilder.Draft step : out.ordered()) {
            if (step.sql().stream().anyMatch(x -> x.startsWith("ALTER TABLE") || x.startsWith("RENAME TABLE"))) {
                assertThat(step.sql().get(0)).as("a step that alters an existing table first bounds its lock wait: %s", step.title())
                        .isEqualTo("SET SESSION lock_wait_timeout = 5;");
            }
        }
    }
}
