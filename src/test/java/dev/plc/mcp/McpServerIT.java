package dev.plc.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plc.db.Dialect;
import dev.plc.testing.RealServers;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Starts the real jar as a subprocess and talks to it over stdio with the MCP SDK's client. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SuppressWarnings("unchecked")
class McpServerIT {

    static final Path JAR = Path.of(System.getProperty("plc.jar", "target/persistence-layer-change-mcp.jar")).toAbsolutePath();
    static final Path EXAMPLES = Path.of("examples").toAbsolutePath();

    private McpSyncClient client;
    private McpSchema.ListToolsResult tools;
    private Path telemetryFile;

    @BeforeAll
    void start() throws Exception {
        assertThat(JAR).as("the shaded jar (mvn package builds it)").exists();
        // the spawned server must never write to the real home folder
        telemetryFile = Files.createTempDirectory("plc-it-telemetry").resolve("telemetry.jsonl");
        ServerParameters params = ServerParameters.builder("java").args("-jar", JAR.toString())
                .env(Map.of("PLC_TELEMETRY_FILE", telemetryFile.toString())).build();
        client = McpClient.sync(new StdioClientTransport(params, McpJsonDefaults.getMapper()))
                .requestTimeout(Duration.ofSeconds(120))
                .build();
        client.initialize();
        tools = client.listTools();
    }

    @AfterAll
    void stop() {
        if (client != null) {
            client.closeGracefully();
        }
    }

    @Test
    void introducesItselfWithTheProductNameAndThePomVersion() {
        McpSchema.Implementation info = client.getServerInfo();
        assertThat(info.name()).isEqualTo("persistence-layer-change");
        assertThat(info.version()).isEqualTo(System.getProperty("plc.version", info.version())).isNotBlank();
    }

    @Test
    void listsOnlyImplementedToolsEachWithSchemasAndTruthfulAnnotations() {
        assertThat(tools.tools()).extracting(McpSchema.Tool::name).containsExactly("inspect_repo", "plan_change", "write_migration", "run_checks", "log_telemetry");
        for (McpSchema.Tool tool : tools.tools()) {
            assertThat(tool.inputSchema().get("properties")).as(tool.name()).isNotNull();
            assertThat(tool.outputSchema()).as(tool.name()).containsKey("properties");
            assertThat(tool.annotations().destructiveHint()).as("%s never destroys anything", tool.name()).isFalse();
            // every call of log_telemetry appends a line: the one tool that is not idempotent
            assertThat(tool.annotations().idempotentHint()).as(tool.name()).isEqualTo(!tool.name().equals("log_telemetry"));
            assertThat(tool.annotations().readOnlyHint()).as(tool.name()).isEqualTo(List.of("inspect_repo", "plan_change").contains(tool.name()));
        }
        McpSchema.Tool inspect = tools.tools().get(0);
        assertThat((Map<String, Object>) inspect.inputSchema().get("properties")).containsKeys("repo", "database_url", "introspect", "timeout_s");
        assertThat(inspect.outputSchema()).containsKey("properties");
        assertThat(inspect.annotations().readOnlyHint()).isTrue();
        assertThat(inspect.annotations().destructiveHint()).isFalse();
        assertThat(inspect.description()).contains("Read-only");
    }

    @Test
    void inspectsTheFlywayPostgresExample() {
        RealServers.require(Dialect.POSTGRESQL);
        Map<String, Object> r = inspect("spring-flyway-postgres");
        assertThat(r.get("primary_framework")).isEqualTo("flyway");
        Map<String, Object> flyway = first(r, "migration_frameworks");
        assertThat(flyway).containsEntry("last_version", "3").containsEntry("next_version", "4").containsEntry("count", 3);
        assertThat((List<Object>) flyway.get("locations")).containsExactly("src/main/resources/db/migration");
        assertThat(map(r, "dialect")).containsEntry("name", "postgresql").containsEntry("confidence", "high");
        assertThat(names(r, "data_access")).contains("jpa", "jooq", "spring-jdbc");
        assertThat(names(r, "validations")).contains("test");

        Map<String, Object> source = map(r, "schema_source");
        assertThat(source).containsEntry("status", "read").containsEntry("migrations_applied", 3);
        assertThat(map(source, "database")).containsEntry("dialect", "postgresql").containsEntry("approximation", false);
        Map<String, Object> orders = table(r, "orders");
        assertThat(names(orders, "columns")).containsExactly("id", "customer_id", "total_cents", "placed_at", "status", "note");
        assertThat(map(orders, "primary_key").get("columns")).isEqualTo(List.of("id"));
        assertThat(names(orders, "indexes")).contains("orders_customer_id_idx", "orders_status_placed_at_idx");
        Map<String, Object> fk = first(orders, "foreign_keys");
        assertThat(fk).containsEntry("referenced_table", "customers").containsEntry("columns", List.of("customer_id"));
        assertThat(names(orders, "checks")).containsExactly("orders_total_positive");
        Map<String, Object> status = ((List<Map<String, Object>>) orders.get("columns")).get(4);
        assertThat(status).containsEntry("type", "varchar(20)").containsEntry("nullable", false);
        assertThat((String) status.get("default_value")).contains("new");
        assertThat(names(table(r, "customers"), "unique_keys")).containsExactly("customers_email_key");
    }

    @Test
    void inspectsTheGolangMigrateMariadbExample() {
        RealServers.require(Dialect.MARIADB);
        Map<String, Object> r = inspect("go-migrate-mariadb");
        assertThat(r.get("primary_framework")).isEqualTo("golang-migrate");
        Map<String, Object> migrate = first(r, "migration_frameworks");
        assertThat(migrate).containsEntry("last_version", "000003").containsEntry("next_version", "000004")
                .containsEntry("has_down", true);
        assertThat(map(r, "dialect")).containsEntry("name", "mariadb");
        assertThat(names(r, "data_access")).contains("database-sql");
        assertThat(map(map(r, "schema_source"), "database")).containsEntry("dialect", "mariadb");
        Map<String, Object> posts = table(r, "posts");
        assertThat(names(posts, "indexes")).contains("posts_published_at_idx");
        assertThat(first(posts, "foreign_keys")).containsEntry("referenced_table", "authors");
        assertThat(names(table(r, "authors"), "unique_keys")).containsExactly("authors_handle_uq");
    }

    @Test
    void inspectsTheEmbeddedH2ExampleWithoutAnyServer() {
        Map<String, Object> r = inspect("h2-flyway-quickstart");
        Map<String, Object> flyway = first(r, "migration_frameworks");
        assertThat(flyway).containsEntry("name", "flyway").containsEntry("next_version", "4");
        assertThat((List<Object>) flyway.get("locations")).containsExactly("sql");
        assertThat(map(r, "dialect")).containsEntry("name", "h2");
        assertThat(names(r, "data_access")).contains("jdbc");
        assertThat(map(map(r, "schema_source"), "database")).containsEntry("kind", "embedded").containsEntry("approximation", false);
        // H2 stores unquoted names upper-case, and the schema reports what the database has
        assertThat(names(table(r, "NOTEBOOKS"), "columns")).containsExactly("ID", "TITLE", "CREATED_AT", "ARCHIVED");
        assertThat(first(table(r, "NOTES"), "foreign_keys")).containsEntry("referenced_table", "NOTEBOOKS");
    }

    @Test
    void structuredResultsMatchTheDeclaredOutputSchema() {
        McpSchema.CallToolResult result = call(Map.of("repo", EXAMPLES.resolve("h2-flyway-quickstart").toString()));
        JsonSchemaValidator.ValidationResponse valid = McpJsonDefaults.getSchemaValidator()
                .validate(tools.tools().get(0).outputSchema(), result.structuredContent());
        assertThat(valid.valid()).as(valid.errorMessage()).isTrue();
    }

    @Test
    void badRepoArgumentsAreToolErrorsAndTheServerKeepsServing(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file.txt"), "x");
        assertError(Map.of("repo", tmp.resolve("missing").toString()), "does not exist");
        assertError(Map.of("repo", file.toString()), "is a file, not a folder");
        assertError(Map.of("repo", tmp.toString(), "bogus", 1), "has no argument 'bogus'");
        assertError(Map.of("repo", 42, "introspect", "maybe"), "introspect");
        assertError(Map.of("repo", tmp.toString(), "timeout_s", 0), "timeout_s must be between");
        assertThat(client.listTools().tools()).hasSize(tools.tools().size());
    }

    @Test
    void aRepoWithoutMigrationsGetsTheRecommendationToEstablishAFramework(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("pom.xml"), "<project/>");
        McpSchema.CallToolResult result = call(Map.of("repo", tmp.toString()));
        assertThat(result.isError()).isFalse();
        Map<String, Object> r = structured(result);
        assertThat(r).doesNotContainKey("primary_framework");
        assertThat((List<String>) r.get("recommendations")).anySatisfy(rec -> assertThat(rec).contains("establish", "Flyway"));
    }

    @Test
    void plansANotNullColumnWithADefaultOnALargeTableInOneStep() {
        RealServers.require(Dialect.POSTGRESQL);
        Map<String, Object> plan = plan("spring-flyway-postgres", Map.of("sql", "ALTER TABLE orders ADD COLUMN priority integer NOT NULL DEFAULT 0"),
                Map.of("table_sizes", Map.of("orders", 50_000_000)));
        assertThat(plan).containsEntry("migration_type", "additive").containsEntry("requires_approval", false);
        assertThat((List<?>) plan.get("steps")).hasSize(1);
        assertThat(first(plan, "steps").get("sql")).isEqualTo(List.of("SET lock_timeout = '5s';",
                "ALTER TABLE orders ADD COLUMN priority integer DEFAULT 0 NOT NULL;"));
        assertThat(names(table(expected(plan), "orders"), "columns")).contains("priority");
        assertThat((String) plan.get("plan_id")).startsWith("plan-");
    }

    @Test
    void plansARenameOfAColumnTheDataAccessCodeReadsAsExpandContract() {
        RealServers.require(Dialect.POSTGRESQL);
        Map<String, Object> change = Map.of("operations", List.of(Map.of("op", "rename_column", "table", "orders", "column", "status", "new_name", "state")));
        // the staged rename of before kept status's DEFAULT 'new' on state, so its backfill copied nothing: the proof on
        // seeded rows refused it; the plan now carries every property and the proof passes without accepting anything
        Map<String, Object> plan = plan("spring-flyway-postgres", change, Map.of());
        Map<String, Object> verification = (Map<String, Object>) plan.get("verification");
        assertThat(verification).containsEntry("ran", true).containsEntry("ok", true);
        assertThat(((Number) verification.get("rows_seeded")).longValue()).isGreaterThan(0);
        assertThat((List<Map<String, Object>>) verification.get("differences")).isEmpty();
        assertThat(plan).containsEntry("migration_type", "staged").containsEntry("requires_approval", true);
        assertThat(rules(plan)).containsExactly("renaming-column");
        List<Map<String, Object>> impacted = (List<Map<String, Object>>) plan.get("impacted_code");
        assertThat(impacted).extracting(i -> i.get("file") + ":" + i.get("kind")).contains(
                "src/main/java/com/example/shop/order/OrderQueries.java:jooq-dsl",
                "src/main/java/com/example/shop/order/OrderTotals.java:sql-string",
                "src/main/generated/com/example/shop/db/tables/Orders.java:jooq-generated");
        assertThat(impacted).noneSatisfy(i -> assertThat((String) i.get("file")).contains("db/migration"));
        List<Map<String, Object>> steps = (List<Map<String, Object>>) plan.get("steps");
        // release 1: the column, the sync trigger, the backfill, NOT NULL and the index; 2: the code; 3: the drop
        assertThat(steps).extracting(st -> st.get("release")).startsWith(1, 1, 1).endsWith(2, 3).doesNotContain(4);
        assertThat((List<String>) steps.get(steps.size() - 1).get("sql")).anyMatch(q -> q.contains("DROP COLUMN status"));
        assertThat(names(table(expected(plan), "orders"), "columns")).contains("state").doesNotContain("status");
    }

    @Test
    void plansADropColumnAsDestructiveWithApprovalAndTheMappedEntity() {
        RealServers.require(Dialect.POSTGRESQL);
        Map<String, Object> plan = plan("spring-flyway-postgres", Map.of("sql", "ALTER TABLE customers DROP COLUMN full_name"), Map.of());
        assertThat(plan).containsEntry("migration_type", "destructive").containsEntry("requires_approval", true);
        assertThat((String) map(plan, "approval").get("token")).startsWith("approve-");
        assertThat(rules(plan)).containsExactly("ban-drop-column");
        assertThat((List<Map<String, Object>>) plan.get("impacted_code")).anySatisfy(i -> {
            assertThat(i.get("file")).isEqualTo("src/main/java/com/example/shop/customer/Customer.java");
            assertThat(i.get("kind")).isEqualTo("jpa-entity");
        });
    }

    @Test
    void plansAForeignKeyAndAnIndexWithoutLongLocks() {
        RealServers.require(Dialect.POSTGRESQL);
        Map<String, Object> plan = plan("spring-flyway-postgres", Map.of("sql",
                "ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id); "
                        + "CREATE INDEX orders_placed_at_idx ON orders (placed_at)"), Map.of());
        assertThat(rules(plan)).contains("constraint-missing-not-valid", "require-concurrent-index-creation");
        List<Map<String, Object>> steps = (List<Map<String, Object>>) plan.get("steps");
        assertThat(steps).anySatisfy(st -> {
            assertThat(st.get("transactional")).isEqualTo(false);
            assertThat((List<String>) st.get("sql")).anySatisfy(sql -> assertThat(sql).startsWith("CREATE INDEX CONCURRENTLY"));
        });
        assertThat(steps).flatExtracting(st -> (List<String>) st.get("sql"))
                .anySatisfy(sql -> assertThat(sql).endsWith("NOT VALID;"))
                .contains("ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_fk;");
    }

    @Test
    void plansOnTheMariadbExample() {
        RealServers.require(Dialect.MARIADB);
        Map<String, Object> plan = plan("go-migrate-mariadb", Map.of("sql", "ALTER TABLE posts MODIFY COLUMN title VARCHAR(600) NOT NULL"), Map.of());
        assertThat(plan).containsEntry("dialect", "mariadb").containsEntry("framework", "golang-migrate");
        assertThat(map(plan, "database")).containsEntry("dialect", "mariadb");
        assertThat((List<Map<String, Object>>) plan.get("impacted_code")).anySatisfy(i ->
                assertThat(i.get("file")).isEqualTo("internal/store/posts.go"));
    }

    @Test
    void aPlanForAColumnThatDoesNotExistIsAToolErrorNamingTheColumns() {
        RealServers.require(Dialect.POSTGRESQL);
        McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("plan_change", Map.of(
                "repo", EXAMPLES.resolve("spring-flyway-postgres").toString(),
                "change", Map.of("sql", "ALTER TABLE orders DROP COLUMN stauts"))));
        assertThat(result.isError()).isTrue();
        assertThat(((McpSchema.TextContent) result.content().get(0)).text())
                .startsWith("INVALID_ARGUMENT").contains("column \"stauts\" of relation \"orders\" does not exist", "42703");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSecondPlanOnTheSameMigrationsClonesTheSchemaTheFirstBuiltAndAnEditBuildsItAgain(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        RealServers.require(Dialect.POSTGRESQL);
        Path repo = tmp.resolve("shop");
        try (java.util.stream.Stream<Path> walk = Files.walk(EXAMPLES.resolve("spring-flyway-postgres"))) {
            for (Path p : walk.toList()) {
                Path target = repo.resolve(EXAMPLES.resolve("spring-flyway-postgres").relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        // a migration of its own, so no other test's template has these migrations
        Files.writeString(repo.resolve("src/main/resources/db/migration/V4__tag_" + System.nanoTime() + ".sql"), "ALTER TABLE orders ADD COLUMN tag text;\n");
        Map<String, Object> change = Map.of("repo", repo.toString(), "change", Map.of("sql", "ALTER TABLE orders ADD COLUMN gift_note text"));
        java.util.function.Supplier<Map<String, Object>> plan = () -> {
            McpSchema.CallToolResult r = client.callTool(new McpSchema.CallToolRequest("plan_change", change));
            assertThat(r.isError()).as(String.valueOf(r.content())).isFalse();
            return structured(r);
        };
        java.util.function.Predicate<Map<String, Object>> cloned = p -> ((List<String>) p.get("assumptions")).stream().anyMatch(a -> a.contains("cloned"));
        Map<String, Object> first = plan.get();
        Map<String, Object> second = plan.get();
        assertThat(cloned.test(first)).isFalse();
        assertThat(cloned.test(second)).isTrue();
        assertThat(second.get("steps")).isEqualTo(first.get("steps"));
        assertThat(map(second, "verification")).containsEntry("ok", true);

        Files.writeString(repo.resolve("src/main/resources/db/migration/V5__more.sql"), "ALTER TABLE orders ADD COLUMN tag2 text;\n");
        assertThat(cloned.test(plan.get())).isFalse();
    }

    @Test
    void inspectThenPlanThenWriteOnACopyOfTheFlywayExample(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        RealServers.require(Dialect.POSTGRESQL);
        Path repo = tmp.resolve("shop");
        try (java.util.stream.Stream<Path> walk = Files.walk(EXAMPLES.resolve("spring-flyway-postgres"))) {
            for (Path p : walk.toList()) {
                Path target = repo.resolve(EXAMPLES.resolve("spring-flyway-postgres").relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        for (List<String> git : List.of(List.of("init", "-q", "-b", "main"), List.of("add", "-A"),
                List.of("-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-q", "-m", "base"))) {
            List<String> command = new java.util.ArrayList<>(List.of("git", "-C", repo.toString()));
            command.addAll(git);
            assertThat(new ProcessBuilder(command).redirectErrorStream(true).start().waitFor()).isZero();
        }
        Map<String, Object> inspection = structured(call(Map.of("repo", repo.toString())));
        assertThat(first(inspection, "migration_frameworks")).containsEntry("next_version", "4");

        McpSchema.CallToolResult planned = client.callTool(new McpSchema.CallToolRequest("plan_change", Map.of("repo", repo.toString(),
                "change", Map.of("sql", "ALTER TABLE orders ADD COLUMN shipped_at timestamptz; CREATE INDEX orders_shipped_at_idx ON orders (shipped_at)"))));
        assertThat(planned.isError()).as(String.valueOf(planned.content())).isFalse();
        String planId = (String) structured(planned).get("plan_id");
        Map<String, Object> proof = (Map<String, Object>) structured(planned).get("verification");
        assertThat(proof).containsEntry("ok", true).containsEntry("schema_equal", true).containsEntry("data_equal", true);
        assertThat(((Number) proof.get("rows_seeded")).longValue()).isEqualTo(400);
        assertThat(((McpSchema.TextContent) planned.content().get(0)).text()).contains("Proof on seeded rows: ok, 400 rows seeded");

        Map<String, Object> args = Map.of("repo", repo.toString(), "plan_id", planId, "name", "ship_tracking");
        McpSchema.CallToolResult written = client.callTool(new McpSchema.CallToolRequest("write_migration", args));
        assertThat(written.isError()).as(String.valueOf(written.content())).isFalse();
        JsonSchemaValidator.ValidationResponse valid = McpJsonDefaults.getSchemaValidator()
                .validate(tools.tools().get(2).outputSchema(), written.structuredContent());
        assertThat(valid.valid()).as(valid.errorMessage()).isTrue();
        List<Map<String, Object>> files = (List<Map<String, Object>>) structured(written).get("files");
        assertThat(files).extracting(f -> f.get("path")).containsExactly(
                "src/main/resources/db/migration/V4__add_column_orders_shipped_at.sql",
                "src/main/resources/db/migration/V5__create_index_orders_shipped_at_idx.sql",
                "src/main/resources/db/migration/V5__create_index_orders_shipped_at_idx.sql.conf");
        assertThat(Files.readString(repo.resolve((String) files.get(1).get("path")))).contains("CREATE INDEX CONCURRENTLY");

        Map<String, Object> again = structured(client.callTool(new McpSchema.CallToolRequest("write_migration", args)));
        assertThat((List<Map<String, Object>>) again.get("files")).extracting(f -> f.get("status")).containsOnly("unchanged");

        Map<String, Object> after = structured(call(Map.of("repo", repo.toString())));
        assertThat(first(after, "migration_frameworks")).containsEntry("next_version", "6").containsEntry("last_version", "5");
        assertThat(map(after, "schema_source")).containsEntry("status", "read").containsEntry("migrations_applied", 5);
        assertThat(names(table(after, "orders"), "indexes")).contains("orders_shipped_at_idx");

        // the example's own build (mvn verify of a Spring Boot app) is not what this test is about
        McpSchema.CallToolResult checked = client.callTool(new McpSchema.CallToolRequest("run_checks",
                Map.of("repo", repo.toString(), "plan_id", planId, "validations", false)));
        assertThat(checked.isError()).as(String.valueOf(checked.content())).isFalse();
        Map<String, Object> report = structured(checked);
        assertThat(report.get("ok")).as(((McpSchema.TextContent) checked.content().get(0)).text()).isEqualTo(true);
        Map<String, String> statuses = new java.util.HashMap<>();
        ((List<Map<String, Object>>) report.get("checks")).forEach(c -> statuses.put((String) c.get("name"), (String) c.get("status")));
        assertThat(statuses).containsEntry("apply", "pass").containsEntry("immutability", "pass").containsEntry("lint", "pass")
                .containsEntry("expectation", "pass").containsEntry("data_safety", "pass").containsEntry("validations", "not_applicable");
        assertThat((List<String>) report.get("new_migrations")).hasSize(2);
        JsonSchemaValidator.ValidationResponse checkValid = McpJsonDefaults.getSchemaValidator()
                .validate(tools.tools().get(3).outputSchema(), checked.structuredContent());
        assertThat(checkValid.valid()).as(checkValid.errorMessage()).isTrue();
    }

    @Test
    void writeMigrationRefusesADestructivePlanWithoutApproval() {
        RealServers.require(Dialect.POSTGRESQL);
        McpSchema.CallToolResult planned = client.callTool(new McpSchema.CallToolRequest("plan_change", Map.of(
                "repo", EXAMPLES.resolve("spring-flyway-postgres").toString(),
                "change", Map.of("sql", "ALTER TABLE orders DROP COLUMN note"), "table_sizes", Map.of("orders", 10))));
        Map<String, Object> plan = structured(planned);
        McpSchema.CallToolResult refused = client.callTool(new McpSchema.CallToolRequest("write_migration", Map.of(
                "repo", EXAMPLES.resolve("spring-flyway-postgres").toString(), "plan_id", plan.get("plan_id"), "release", 2)));
        assertThat(refused.isError()).isTrue();
        assertThat(((McpSchema.TextContent) refused.content().get(0)).text()).contains("destroy data", "consent");
    }

    private Map<String, Object> plan(String example, Map<String, Object> change, Map<String, Object> extra) {
        Map<String, Object> args = new java.util.HashMap<>(extra);
        args.put("repo", EXAMPLES.resolve(example).toString());
        args.put("change", change);
        McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("plan_change", args));
        assertThat(result.isError()).as(String.valueOf(result.content())).isFalse();
        JsonSchemaValidator.ValidationResponse valid = McpJsonDefaults.getSchemaValidator()
                .validate(tools.tools().get(1).outputSchema(), result.structuredContent());
        assertThat(valid.valid()).as(valid.errorMessage()).isTrue();
        return structured(result);
    }

    private static Map<String, Object> expected(Map<String, Object> plan) {
        return Map.of("schema", plan.get("expected_schema"));
    }

    private static List<String> rules(Map<String, Object> plan) {
        return ((List<Map<String, Object>>) plan.get("hazards")).stream().map(h -> (String) h.get("rule")).toList();
    }

    @Test
    void listsTheSkillTheRuleCatalogueOneResourcePerRuleAndTheTelemetrySummary() {
        List<String> uris = client.listResources().resources().stream().map(McpSchema.Resource::uri).toList();
        assertThat(uris).contains("plc://skill", "plc://rules", "plc://telemetry/summary");
        for (dev.plc.lint.rule.Rule rule : dev.plc.lint.Rules.all()) {
            assertThat(uris).contains("plc://rules/" + rule.id());
        }
        assertThat(uris).hasSize(dev.plc.lint.Rules.all().size() + 3);
    }

    @Test
    void readsSkillMdRulesAndARulePage() throws Exception {
        McpSchema.TextResourceContents skill = (McpSchema.TextResourceContents) client.readResource(
                new McpSchema.ReadResourceRequest("plc://skill")).contents().get(0);
        assertThat(skill.mimeType()).isEqualTo("text/markdown");
        assertThat(skill.text()).isEqualTo(Files.readString(Path.of("SKILL.md")));

        McpSchema.TextResourceContents rules = (McpSchema.TextResourceContents) client.readResource(
                new McpSchema.ReadResourceRequest("plc://rules")).contents().get(0);
        List<Map<String, Object>> catalogue = dev.plc.json.Json.MAPPER.readValue(rules.text(), List.class);
        assertThat(catalogue).hasSize(dev.plc.lint.Rules.all().size());
        assertThat(catalogue.get(0)).containsKeys("id", "dialects", "severity", "summary", "explanation", "safe_alternative");

        McpSchema.TextResourceContents page = (McpSchema.TextResourceContents) client.readResource(
                new McpSchema.ReadResourceRequest("plc://rules/renaming-column")).contents().get(0);
        assertThat(page.text()).startsWith("# renaming-column").contains("## Problem", "## Safe alternative");
    }

    @Test
    void offersThePromptThatWalksTheWorkflow() {
        assertThat(client.listPrompts().prompts()).extracting(McpSchema.Prompt::name).contains("persistence-layer-change");
        McpSchema.Prompt prompt = client.listPrompts().prompts().stream().filter(p -> p.name().equals("persistence-layer-change")).findFirst().orElseThrow();
        assertThat(prompt.arguments()).anySatisfy(a -> assertThat(a.name()).isEqualTo("change").satisfies(n -> assertThat(a.required()).isTrue()));
        McpSchema.GetPromptResult result = client.getPrompt(new McpSchema.GetPromptRequest("persistence-layer-change",
                Map.of("change", "add a nullable column note to orders")));
        String text = ((McpSchema.TextContent) result.messages().get(0).content()).text();
        assertThat(text).contains("add a nullable column note to orders", "inspect_repo", "plan_change", "write_migration",
                "run_checks", "log_telemetry", "approval");
    }

    @Test
    void logsTelemetryToTheFileTheServerWasGivenAndSummarizesIt(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("log_telemetry", Map.of(
                "repo", tmp.toString(), "migration_type", "additive", "outcome", "success",
                "artifacts_written", List.of("db/migration/V4__note.sql"), "files_touched", List.of("src/Order.java"),
                "plan_id", "plan-it", "notes", "url jdbc:postgresql://db/app?user=app&password=hunter2")));
        assertThat(result.isError()).as(String.valueOf(result.content())).isFalse();
        Map<String, Object> r = structured(result);
        assertThat(r).containsEntry("recorded", true).containsEntry("path", telemetryFile.toString());
        assertThat(map(r, "record")).containsEntry("migration_type", "additive").containsEntry("repo", tmp.toRealPath().toString());
        JsonSchemaValidator.ValidationResponse valid = McpJsonDefaults.getSchemaValidator()
                .validate(tools.tools().get(4).outputSchema(), result.structuredContent());
        assertThat(valid.valid()).as(valid.errorMessage()).isTrue();
        assertThat(Files.readString(telemetryFile)).contains("plan-it").doesNotContain("hunter2");

        McpSchema.CallToolResult bad = client.callTool(new McpSchema.CallToolRequest("log_telemetry",
                Map.of("repo", tmp.toString(), "migration_type", "sideways", "outcome", "success")));
        assertThat(bad.isError()).isTrue();
        assertThat(((McpSchema.TextContent) bad.content().get(0)).text())
                .contains("INVALID_ARGUMENT", "migration_type must be one of additive, staged, destructive");

        McpSchema.TextResourceContents summary = (McpSchema.TextResourceContents) client.readResource(
                new McpSchema.ReadResourceRequest("plc://telemetry/summary")).contents().get(0);
        Map<String, Object> counts = dev.plc.json.Json.MAPPER.readValue(summary.text(), Map.class);
        assertThat((Integer) counts.get("total")).isPositive();
        assertThat(map(counts, "by_outcome")).containsKey("success");
    }

    private void assertError(Map<String, Object> args, String expected) {
        McpSchema.CallToolResult result = call(args);
        assertThat(result.isError()).as("isError for %s", args).isTrue();
        assertThat(((McpSchema.TextContent) result.content().get(0)).text()).contains(expected).doesNotContain("Exception");
    }

    private McpSchema.CallToolResult call(Map<String, Object> args) {
        return client.callTool(new McpSchema.CallToolRequest("inspect_repo", args));
    }

    private Map<String, Object> inspect(String example) {
        McpSchema.CallToolResult result = call(Map.of("repo", EXAMPLES.resolve(example).toString()));
        assertThat(result.isError()).as(String.valueOf(result.content())).isFalse();
        return structured(result);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> structured(McpSchema.CallToolResult result) {
        return (Map<String, Object>) result.structuredContent();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> parent, String key) {
        assertThat(parent).containsKey(key);
        return (Map<String, Object>) parent.get(key);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> first(Map<String, Object> parent, String key) {
        List<Map<String, Object>> list = (List<Map<String, Object>>) parent.get(key);
        assertThat(list).as(key).isNotEmpty();
        return list.get(0);
    }

    @SuppressWarnings("unchecked")
    static List<String> names(Map<String, Object> parent, String key) {
        List<Map<String, Object>> list = (List<Map<String, Object>>) parent.get(key);
        assertThat(list).as(key).isNotNull();
        return list.stream().map(m -> (String) m.get("name")).toList();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> table(Map<String, Object> inspection, String name) {
        Map<String, Object> schema = map(inspection, "schema");
        return ((List<Map<String, Object>>) schema.get("tables")).stream()
                .filter(t -> name.equals(t.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no table " + name + " in " + schema));
    }
}
