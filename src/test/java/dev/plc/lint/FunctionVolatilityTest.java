package dev.plc.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plc.db.Dialect;
import dev.plc.db.ScratchDatabase;
import dev.plc.db.ScratchDatabases;
import dev.plc.lint.rule.Finding;
import dev.plc.lint.rule.FunctionVolatility;
import dev.plc.lint.rule.LintOptions;
import dev.plc.testing.RealServers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Volatility comes from the database (pg_proc), not from a list of names: the built-in table is generated from a real
 * server and must hold every volatile function that server has; user functions are read from the scratch database.
 */
class FunctionVolatilityTest {

    private static final Path TABLE = Path.of("src/main/resources/dev/plc/lint/pg-volatile-functions.tsv");
    private static final String EXTENSIONS = "CREATE EXTENSION IF NOT EXISTS \"uuid-ossp\"; CREATE EXTENSION IF NOT EXISTS pgcrypto";

    /** The built-in table holds every VOLATILE function of the local server and of its uuid-ossp and pgcrypto extensions. */
    @Test
    void theBuiltInTableHoldsEveryVolatileFunctionOfARealServer() throws Exception {
        RealServers.require(Dialect.POSTGRESQL);
        Set<String> live = new TreeSet<>();
        String version;
        try (ScratchDatabase db = ScratchDatabases.fromEnvironment().create(Dialect.POSTGRESQL, null);
             Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(EXTENSIONS);
            try (ResultSet rs = s.executeQuery("SELECT DISTINCT n.nspname, p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                    + "WHERE p.provolatile = 'v' AND n.nspname IN ('pg_catalog', 'public') ORDER BY 1, 2")) {
                while (rs.next()) {
                    live.add(rs.getString(1) + "\t" + rs.getString(2) + "\tv");
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT current_setting('server_version')")) {
                rs.next();
                version = rs.getString(1).replaceFirst(" .*", "");
            }
        }
        if (Boolean.getBoolean("plc.updateVolatility")) {
            List<String> kept = new ArrayList<>();
            boolean inKept = false;
            for (String line : Files.readAllLines(TABLE)) {
                inKept |= line.startsWith("# newer servers");
                if (inKept) {
                    kept.add(line);
                }
            }
            List<String> out = new ArrayList<>(List.of(
                    "# generated from pg_proc of PostgreSQL " + version + " (pg_catalog, and uuid-ossp + pgcrypto in public)",
                    "# schema<TAB>function<TAB>volatility; only VOLATILE functions (a name is volatile when any overload is)",
                    "# regenerate: mvn test -Dtest=FunctionVolatilityTest -Dplc.updateVolatility=true"));
            out.addAll(live);
            out.addAll(kept);
            Files.write(TABLE, out, StandardCharsets.UTF_8);
        }
        Set<String> table = new TreeSet<>(Files.readAllLines(TABLE));
        assertThat(table).as("regenerate with -Dplc.updateVolatility=true").containsAll(live);
    }

    @Test
    void theBuiltInTableKnowsVolatileCallsHoweverTheyAreWritten() {
        for (String volatileDefault : List.of("clock_timestamp()", "gen_random_uuid()", "pg_catalog.random()", "\"random\"()",
                "public.uuid_generate_v4()", "uuid_generate_v1mc()", "md5(random()::text)", "(timeofday())::timestamptz", "nextval('s')",
                "gen_random_bytes(16)")) {
            assertThat(findings("ALTER TABLE t ADD COLUMN c text DEFAULT " + volatileDefault, LintOptions.of(Dialect.POSTGRESQL)))
                    .as(volatileDefault).contains("adding-field-with-default");
        }
        for (String stableDefault : List.of("now()", "CURRENT_TIMESTAMP", "'x'::text", "0::numeric(10,2)", "lower('A')", "statement_timestamp()",
                "'random()'", "current_setting('TimeZone')", "make_interval(days => 1)", "txid_current()")) {
            assertThat(findings("ALTER TABLE t ADD COLUMN c text DEFAULT " + stableDefault, LintOptions.of(Dialect.POSTGRESQL)))
                    .as(stableDefault).doesNotContain("adding-field-with-default");
        }
        String message = Linter.lint("V2.sql", "ALTER TABLE t ADD COLUMN c uuid DEFAULT gen_random_uuid();", LintOptions.of(Dialect.POSTGRESQL))
                .get(0).message();
        assertThat(message).contains("the default gen_random_uuid() is VOLATILE (pg_proc of PostgreSQL 1").contains(", built-in table)");
        assertThat(Linter.lint("V2.sql", "ALTER TABLE t ADD COLUMN c text DEFAULT md5(random()::text);", LintOptions.of(Dialect.POSTGRESQL))
                .get(0).message()).contains("the default md5(random()::text) calls random(), which is VOLATILE");
    }

    /** A repo's own functions: VOLATILE (the default of CREATE FUNCTION) rewrites, IMMUTABLE does not; read from pg_proc. */
    @Test
    void userFunctionsAreJudgedByTheirVolatilityInTheScratchDatabase() throws Exception {
        RealServers.require(Dialect.POSTGRESQL);
        try (ScratchDatabase db = ScratchDatabases.fromEnvironment().create(Dialect.POSTGRESQL, null);
             Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA app");
            s.execute("CREATE FUNCTION app.new_code() RETURNS text LANGUAGE sql AS $$ SELECT md5(random()::text) $$");
            s.execute("CREATE FUNCTION app.code_prefix() RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT 'C-' $$");
            s.execute("CREATE FUNCTION now_ish() RETURNS timestamptz LANGUAGE sql STABLE AS $$ SELECT now() $$");
            FunctionVolatility live = FunctionVolatility.read(c, "15");
            LintOptions options = new LintOptions(Dialect.POSTGRESQL, true, null, Set.of(), null, null, live);
            List<Finding> volatileOne = Linter.lint("V2.sql", "ALTER TABLE t ADD COLUMN code text DEFAULT app.new_code();", options);
            assertThat(volatileOne).extracting(Finding::rule).contains("adding-field-with-default");
            assertThat(volatileOne.get(0).message()).contains("the default app.new_code() is VOLATILE (pg_proc of the scratch database, PostgreSQL 15)");
            assertThat(findings("ALTER TABLE t ADD COLUMN code text DEFAULT new_code()", options)).contains("adding-field-with-default");
            assertThat(findings("ALTER TABLE t ADD COLUMN code text DEFAULT app.code_prefix()", options)).doesNotContain("adding-field-with-default");
            assertThat(findings("ALTER TABLE t ADD COLUMN at timestamptz DEFAULT now_ish()", options)).doesNotContain("adding-field-with-default");
            // the built-in table does not know the repo's functions: a database makes the difference
            assertThat(findings("ALTER TABLE t ADD COLUMN code text DEFAULT app.new_code()", LintOptions.of(Dialect.POSTGRESQL)))
                    .doesNotContain("adding-field-with-default");
        }
    }

    /** The verdict depends on the server: before PostgreSQL 11 every DEFAULT rewrites, from 11 only a volatile one. */
    @Test
    void theServerVersionDecidesAConstantDefault() {
        String constant = "ALTER TABLE t ADD COLUMN flag boolean DEFAULT false";
        LintOptions pg10 = new LintOptions(Dialect.POSTGRESQL, true, 10, Set.of(), null, "declared in docker-compose.yml:4", null);
        LintOptions pg16 = new LintOptions(Dialect.POSTGRESQL, true, 16, Set.of(), null, "declared in docker-compose.yml:4", null);
        List<Finding> old = Linter.lint("V2.sql", constant + ";", pg10);
        assertThat(old).extracting(Finding::rule).contains("adding-field-with-default");
        assertThat(old.get(0).message()).contains("before PostgreSQL 11", "server version 10, declared in docker-compose.yml:4");
        assertThat(findings(constant, pg16)).doesNotContain("adding-field-with-default");
        assertThat(findings("ALTER TABLE t ADD COLUMN c uuid DEFAULT gen_random_uuid()", pg16)).contains("adding-field-with-default");
    }

    private static List<String> findings(String sql, LintOptions options) {
        return Linter.lint("V2.sql", sql + ";", options).stream().map(Finding::rule).toList();
    }
}
