package dev.plc.plan.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plc.db.Dialect;
import dev.plc.db.ScratchDatabase;
import dev.plc.db.ScratchDatabases;
import dev.plc.testing.RealServers;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Query plans read from the real servers: which states leave a repo query without the index it had. */
class QueryPlansTest {

    private static final Rollout ONE_RELEASE = Rollout.of(List.of(new Rollout.Step(1, 1, true, false)));

    private static QueryExtractor.Query query(int line, String sql, Dialect dialect) {
        Placeholders.Result p = Placeholders.convert(sql, dialect);
        return new QueryExtractor.Query("src/Orders.java", line, "sql-string", p.sql(), p.parameters(), null, List.of());
    }

    private static void run(Connection c, String... sql) throws Exception {
        try (Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        }
    }

    /** As the checker does: the query prepared (PostgreSQL: under a name the plan is read from), planned, recorded. */
    private static void explain(QueryPlans plans, Connection c, int state, QueryExtractor.Query query, String code) throws Exception {
        try (Statement s = c.createStatement()) {
            if (c.getMetaData().getDatabaseProductName().equals("PostgreSQL")) {
                s.execute("PREPARE plc_test AS " + query.sql());
            }
            try {
                plans.plan(c, state, "plc_test", query).ifPresent(plan -> plans.record(state, query, code, plan));
            } finally {
                if (c.getMetaData().getDatabaseProductName().equals("PostgreSQL")) {
                    s.execute("DEALLOCATE plc_test");
                }
            }
        }
    }

    private static List<CompatibilityReport.PerformanceFinding> beforeAndAfter(Dialect dialect, List<QueryExtractor.Query> queries, String... change)
            throws Exception {
        RealServers.require(dialect);
        QueryPlans plans = new QueryPlans(dialect);
        try (ScratchDatabase db = ScratchDatabases.fromEnvironment().create(dialect, null); Connection c = db.connect()) {
            c.setAutoCommit(true);
            run(c, "CREATE TABLE orders (id BIGINT PRIMARY KEY, customer_id BIGINT NOT NULL, status VARCHAR(20), note VARCHAR(200))",
                    "CREATE INDEX orders_customer_id_idx ON orders (customer_id)",
                    "CREATE INDEX orders_status_idx ON orders (status)");
            for (QueryExtractor.Query q : queries) {
                explain(plans, c, 0, q, "current");
            }
            run(c, change);
            for (QueryExtractor.Query q : queries) {
                explain(plans, c, 1, q, "current");
            }
        }
        assertThat(plans.summary()).as("every plan was read").doesNotContain("could not be read");
        return plans.findings(ONE_RELEASE, Map.of(1, "after release 1's migrations"));
    }

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"POSTGRESQL", "MARIADB"})
    void aQueryWhoseIndexIsDroppedReadsTheWholeTableAfterAndSaysWhere(Dialect dialect) throws Exception {
        List<CompatibilityReport.PerformanceFinding> findings = beforeAndAfter(dialect, List.of(
                        query(17, "SELECT SUM(id) FROM orders WHERE customer_id = ? AND status <> 'cancelled'", dialect),
                        query(30, "SELECT id FROM orders WHERE status = ?", dialect),
                        query(40, "SELECT id, note FROM orders", dialect),
                        query(50, "UPDATE orders SET note = ? WHERE customer_id = ?", dialect)),
                dialect == Dialect.POSTGRESQL ? "DROP INDEX orders_customer_id_idx" : "DROP INDEX orders_customer_id_idx ON orders");
        assertThat(findings).extracting(f -> f.rule() + " " + f.file() + ":" + f.line() + " " + f.table() + " " + f.state() + " " + f.indexesLost())
                .containsExactlyInAnyOrder("index-lost src/Orders.java:17 orders 1 [orders_customer_id_idx]",
                        "index-lost src/Orders.java:50 orders 1 [orders_customer_id_idx]");
        assertThat(findings).filteredOn(f -> f.line() == 50).singleElement().extracting(CompatibilityReport.PerformanceFinding::message)
                .asString().contains("after release 1", "every row of orders", "orders_customer_id_idx");
        assertThat(findings).allSatisfy(f -> assertThat(f.fix()).startsWith("keep an index that serves it").contains("orders_customer_id_idx"));
    }

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"POSTGRESQL", "MARIADB"})
    void aRenamedIndexOrColumnStillServesTheQuery(Dialect dialect) throws Exception {
        String rename = dialect == Dialect.POSTGRESQL ? "ALTER INDEX orders_status_idx RENAME TO orders_state_idx"
                : "ALTER TABLE orders RENAME INDEX orders_status_idx TO orders_state_idx";
        List<CompatibilityReport.PerformanceFinding> findings = beforeAndAfter(dialect, List.of(
                query(30, "SELECT id FROM orders WHERE status = ?", dialect),
                query(31, "SELECT o.id FROM orders o JOIN orders p ON p.customer_id = o.id WHERE o.status = ?", dialect)), rename);
        assertThat(findings).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"POSTGRESQL", "MARIADB"})
    void anIndexReplacedByOneThatStillLeadsWithTheColumnIsNoFinding(Dialect dialect) throws Exception {
        String drop = dialect == Dialect.POSTGRESQL ? "DROP INDEX orders_customer_id_idx" : "DROP INDEX orders_customer_id_idx ON orders";
        List<CompatibilityReport.PerformanceFinding> findings = beforeAndAfter(dialect, List.of(
                        query(17, "SELECT id FROM orders WHERE customer_id = ?", dialect)),
                "CREATE INDEX orders_customer_status_idx ON orders (customer_id, status)", drop);
        assertThat(findings).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"POSTGRESQL", "MARIADB"})
    void aNewQueryOfTheChangedCodeFilteringAColumnNoIndexServesIsAFinding(Dialect dialect) throws Exception {
        RealServers.require(dialect);
        QueryPlans plans = new QueryPlans(dialect);
        Rollout codeAfter = Rollout.of(List.of(new Rollout.Step(1, 1, true, false), new Rollout.Step(1, 2, false, true)));
        try (ScratchDatabase db = ScratchDatabases.fromEnvironment().create(dialect, null); Connection c = db.connect()) {
            c.setAutoCommit(true);
            run(c, "CREATE TABLE orders (id BIGINT PRIMARY KEY, customer_id BIGINT NOT NULL)", "ALTER TABLE orders ADD COLUMN region VARCHAR(20)");
            explain(plans, c, 1, query(12, "SELECT id FROM orders WHERE region = ?", dialect), "changed");
            explain(plans, c, 1, query(13, "SELECT id FROM orders WHERE id = ?", dialect), "changed");
        }
        assertThat(plans.findings(codeAfter, Map.of())).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("unindexed-filter");
            assertThat(f.line()).isEqualTo(12);
            assertThat(f.code()).isEqualTo("changed");
            assertThat(f.fix()).startsWith("add an index on the filtered column(s) of orders");
        });
        assertThat(plans.summary()).contains("2 queries EXPLAINed in state(s) 1");
    }
}
