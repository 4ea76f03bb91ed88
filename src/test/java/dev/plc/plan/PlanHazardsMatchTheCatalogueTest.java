package dev.plc.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plc.db.Dialect;
import dev.plc.lint.Linter;
import dev.plc.lint.Rules;
import dev.plc.lint.rule.Finding;
import dev.plc.lint.rule.LintOptions;
import dev.plc.lint.rule.Rule;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * plan_change and the linter share one rule catalogue: every hazard the planner reports names a rule of the
 * catalogue, and the linter flags the planner's naive statement for that same rule.
 */
class PlanHazardsMatchTheCatalogueTest {

    static Stream<Arguments> risky() {
        return Stream.of(
                Arguments.of(Dialect.POSTGRESQL, Operation.of("add_column", "orders").withColumn("t").withType("uuid").withDefault("gen_random_uuid()")),
                Arguments.of(Dialect.POSTGRESQL, Operation.of("add_column", "orders").withColumn("t").withType("int").withNullable(false).withBackfill("0")),
                Arguments.of(Dialect.POSTGRESQL, Operation.of("set_not_null", "orders").withColumn("note")),
                Arguments.of(Dialect.POSTGRESQL, Operation.of("drop_not_null", "orders").withColumn("status")),
                Arguments.of(Dialect.POSTGRESQL, Operation.of("drop_column", "orders").withColumn("note")),
                Arguments.of(Dialect.MARIADB, Operation.of("drop_column", "orders").withColumn("note")),
                Arguments.of(Dialect.POSTGRESQL, Operation.of("rename_column", "orders").withColumn("note").withNewName("remark")),
                Arguments.of(Dialect.MARIADB, Operation.of("rename_column", "orders").withColumn("note").withNewName("remark")),
                Arguments.of(Dialect.POSTGRESQL, Operation.of("alter_column_type", "orders").withColumn("total_cents").withType("bigint")),
                Arguments.of(Dialect.POSTGRESQL, Operation.of("add_index", "orders").withColumns(List.of("note"))),
                Arguments.of(Dialect.MARIADB, Operation.of("add_index", "orders").withColumns(List.of("note"))),
                Arguments.of(Dialect.POSTGRESQL, Operation.of("drop_index", null).withName("orders_customer_id_idx")),
                Arguments.of(Dialect.POSTGRESQL, Operation.of("add_foreign_key", "orders").withColumns(List.of("customer_id")).withReferences("customers", null, null)),
                Arguments.of(Dialect.MARIADB, Operation.of("add_foreign_key", "orders").withColumns(List.of("customer_id")).withReferences("customers", null, null)),
                Arguments.of(Dialect.POSTGRESQL, Operation.of("add_unique", "orders").withColumns(List.of("customer_id", "status"))),
                Arguments.of(Dialect.POSTGRESQL, Operation.of("add_check", "orders").withName("c").withCondition("total_cents < 100")),
                Arguments.of(Dialect.POSTGRESQL, Operation.of("rename_table", "orders").withNewName("purchases")),
                Arguments.of(Dialect.POSTGRESQL, Operation.of("drop_table", "orders")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("risky")
    void everyHazardIsACatalogueRuleThatTheLinterAlsoFlags(Dialect dialect, Operation op) {
        PlanContext ctx = new PlanContext(dialect, PlannersTest.SHOP, Map.of(), true);
        PlanBuilder out = new PlanBuilder();
        Planners.plan(op, ctx, out);
        assertThat(out.hazards()).as("a risky operation reports its hazard").isNotEmpty();
        Set<String> catalogue = Set.copyOf(Rules.all().stream().map(Rule::id).toList());
        for (PlanBuilder.HazardDraft draft : out.hazards()) {
            ChangePlan.Hazard hazard = draft.hazard();
            assertThat(catalogue).as("rule of the catalogue").contains(hazard.rule());
            List<Finding> findings = Linter.lint("naive.sql", hazard.statement(), new LintOptions(dialect, true, null, Set.of()));
            assertThat(findings).as("the linter flags `%s` for %s", hazard.statement(), hazard.rule())
                    .extracting(Finding::rule).contains(hazard.rule());
        }
    }
}
