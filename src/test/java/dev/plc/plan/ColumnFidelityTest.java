package dev.plc.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plc.core.Progress;
import dev.plc.db.Dialect;
import dev.plc.db.ScratchDatabases;
import dev.plc.testing.ExampleRepos;
import dev.plc.testing.RealServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A staged rename or type change ends where the statement as written ends: the new column has every property of the
 * old one (NOT NULL, default, collation, comment, UNIQUE, every index that includes it, CHECKs, foreign keys from it and
 * to it) and the final name; the proof on seeded rows finds no difference. Each test failed on the planner that added
 * a bare nullable column and dropped the old one.
 */
class ColumnFidelityTest {

    private static final String PG_SCHEMA = """
            CREATE TABLE accounts (
                id bigserial PRIMARY KEY,
                code varchar(40) COLLATE "C" NOT NULL DEFAULT 'none',
                region text NOT NULL,
                score integer NOT NULL DEFAULT 0,
                CONSTRAINT accounts_code_key UNIQUE (code),
                CONSTRAINT accounts_code_shape CHECK (length(code) > 1),
                CONSTRAINT accounts_score_range CHECK (score BETWEEN -1000 AND 1000000)
            );
            COMMENT ON COLUMN accounts.code IS 'the account''s public code';
            CREATE INDEX accounts_region_code_idx ON accounts (region, code);
            CREATE INDEX accounts_lower_code_idx ON accounts (lower(code)) WHERE code <> 'none';
            CREATE INDEX accounts_score_idx ON accounts (score) INCLUDE (region);
            CREATE TABLE teams (id serial PRIMARY KEY, name text NOT NULL);
            CREATE TABLE members (id serial PRIMARY KEY, team_id integer NOT NULL REFERENCES teams (id));
            CREATE TABLE referrals (
                id bigserial PRIMARY KEY,
                account_code varchar(40) REFERENCES accounts (code) ON DELETE CASCADE,
                region_code varchar(40)
            );
            """;

    private static final String MARIADB_SCHEMA = """
            CREATE TABLE accounts (
                id bigint AUTO_INCREMENT PRIMARY KEY,
                code varchar(40) COLLATE utf8mb4_bin NOT NULL DEFAULT 'none' COMMENT 'the public code',
                region varchar(20) NOT NULL,
                label varchar(30) COLLATE utf8mb4_bin NOT NULL DEFAULT 'none' COMMENT 'shown name',
                score int NOT NULL DEFAULT 0,
                touched timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp(),
                UNIQUE KEY accounts_code_key (code),
                KEY accounts_region_code_idx (region, code(10)),
                CONSTRAINT accounts_score_range CHECK (score BETWEEN -1000 AND 1000000)
            );
            CREATE TABLE referrals (
                id bigint AUTO_INCREMENT PRIMARY KEY,
                account_code varchar(40) COLLATE utf8mb4_bin,
                CONSTRAINT referrals_account_fk FOREIGN KEY (account_code) REFERENCES accounts (code) ON DELETE CASCADE
            );
            """;

    @TempDir
    static Path dir;

    private static Path shop;
    private static Path blog;

    private final ChangePlanner planner = new ChangePlanner(ScratchDatabases.fromEnvironment(), new PlanStore());

    @BeforeAll
    static void repos() throws Exception {
        shop = ExampleRepos.copy("spring-flyway-postgres", dir);
        Files.writeString(shop.resolve("src/main/resources/db/migration/V4__accounts.sql"), PG_SCHEMA);
        blog = ExampleRepos.copy("go-migrate-mariadb", dir);
        Files.writeString(blog.resolve("db/migrations/000004_accounts.up.sql"), MARIADB_SCHEMA);
        Files.writeString(blog.resolve("db/migrations/000004_accounts.down.sql"), "DROP TABLE referrals; DROP TABLE accounts;\n");
    }

    private ChangePlan plan(Path repo, String sql) {
        return planner.plan(new ChangePlanner.Request(repo, null, sql, null, true, Map.of("accounts", 5_000_000L, "referrals", 5_000_000L, "teams", 5_000_000L, "members", 5_000_000L),
                null, Duration.ofSeconds(90), null, null), Progress.NONE);
    }

    private static String sql(ChangePlan plan) {
        return String.join("\n", plan.steps().stream().flatMap(s -> s.sql().stream()).toList());
    }

    private static void provenWithoutDifference(ChangePlan plan) {
        Verification v = plan.verification();
        assertThat(v.ran()).as("%s", v).isTrue();
        assertThat(v.differences()).as("%s", v.differences()).isEmpty();
        assertThat(v.ok()).isTrue();
        assertThat(v.schemaEqual()).isTrue();
        assertThat(v.dataEqual()).isTrue();
    }

    @Test
    void aRenameCarriesEveryPropertyAndEndsWithTheNewNamePostgres() {
        RealServers.require(Dialect.POSTGRESQL);
        ChangePlan plan = plan(shop, "ALTER TABLE accounts RENAME COLUMN code TO handle");
        provenWithoutDifference(plan);
        String sql = sql(plan);
        // in sync for every writer, built online, the old one gone only in the last release
        assertThat(sql).contains("BEFORE INSERT OR UPDATE ON accounts").contains("CREATE UNIQUE INDEX CONCURRENTLY")
                .contains("NOT VALID").contains("VALIDATE CONSTRAINT").contains("UNIQUE USING INDEX").doesNotContain("_new");
        assertThat(plan.steps().stream().mapToInt(ChangePlan.Step::release).max().orElse(0)).isEqualTo(3);
        ChangePlan.Step last = plan.steps().get(plan.steps().size() - 1);
        assertThat(last.destructive()).isTrue();
        assertThat(String.join("\n", last.sql())).contains("DROP TRIGGER").contains("DROP COLUMN code");
    }

    @Test
    void aTypeChangeCarriesEveryPropertyAndKeepsTheNamePostgres() {
        RealServers.require(Dialect.POSTGRESQL);
        ChangePlan plan = plan(shop, "ALTER TABLE accounts ALTER COLUMN score TYPE bigint");
        provenWithoutDifference(plan);
        String swap = String.join("\n", plan.steps().get(plan.steps().size() - 1).sql());
        assertThat(swap).contains("DROP COLUMN score").contains("RENAME COLUMN score_new TO score")
                .contains("RENAME TO accounts_score_idx").contains("RENAME CONSTRAINT accounts_score_range_new TO accounts_score_range");
        assertThat(plan.steps().stream().mapToInt(ChangePlan.Step::release).max().orElse(0)).isEqualTo(2);
    }

    @Test
    void aTypeChangeWithUsingConvertsEveryWriterTheSameWayPostgres() {
        RealServers.require(Dialect.POSTGRESQL);
        ChangePlan plan = plan(shop, "ALTER TABLE accounts ALTER COLUMN score TYPE numeric(14,2) USING score / 100.0");
        provenWithoutDifference(plan);
        assertThat(sql(plan)).contains("NEW.score / 100.0").contains("SET score_new = score / 100.0");
    }

    @Test
    void aRenameCarriesEveryPropertyMariadb() {
        RealServers.require(Dialect.MARIADB);
        ChangePlan plan = plan(blog, "ALTER TABLE accounts RENAME COLUMN code TO handle");
        provenWithoutDifference(plan);
        String sql = sql(plan);
        assertThat(sql).contains("BEFORE INSERT ON accounts").contains("BEFORE UPDATE ON accounts").contains("AFTER code")
                .contains("COLLATE utf8mb4_bin").contains("COMMENT 'the public code'").contains("foreign_key_checks = 0");
    }

    @Test
    void aTypeChangeCarriesEveryPropertyMariadb() {
        RealServers.require(Dialect.MARIADB);
        ChangePlan plan = plan(blog, "ALTER TABLE accounts MODIFY score bigint NOT NULL DEFAULT 0");
        provenWithoutDifference(plan);
        assertThat(sql(plan)).contains("CHANGE COLUMN score_new score bigint(20) NOT NULL DEFAULT 0");
    }

    @Test
    void aPrimaryKeyRenameIsOneStepThatSaysWhyNotAFailingStagedPlanPostgres() {
        RealServers.require(Dialect.POSTGRESQL);
        // the staged plan of before dropped NOT NULL on the key column: a step of ours that failed on every database
        ChangePlan plan = plan(shop, "ALTER TABLE accounts RENAME COLUMN id TO account_id");
        assertThat(plan.warnings()).anyMatch(w -> w.contains("does not stage a rename of the primary-key column accounts.id"));
        assertThat(sql(plan)).doesNotContain("DROP NOT NULL").contains("RENAME COLUMN id TO account_id");
        provenWithoutDifference(plan);
    }

    @Test
    void aRenameOfAForeignKeyColumnKeepsTheKeyPostgres() {
        RealServers.require(Dialect.POSTGRESQL);
        ChangePlan plan = plan(shop, "ALTER TABLE referrals RENAME COLUMN account_code TO account_handle");
        provenWithoutDifference(plan);
        assertThat(sql(plan)).contains("FOREIGN KEY (account_handle) REFERENCES accounts(code) ON DELETE CASCADE NOT VALID");
    }

    @Test
    void aRenameOfAForeignKeyColumnKeepsTheKeyMariadb() {
        RealServers.require(Dialect.MARIADB);
        ChangePlan plan = plan(blog, "ALTER TABLE referrals CHANGE account_code account_handle varchar(40) COLLATE utf8mb4_bin");
        provenWithoutDifference(plan);
        assertThat(plan.prechecks()).anyMatch(p -> p.name().contains("has no parent"));
    }

    @Test
    void aPrimaryKeyTypeChangeWithReferencingKeysIsOneRewriteThatSaysSoNotAPlanThatFailsPostgres() {
        RealServers.require(Dialect.POSTGRESQL);
        // before: a staged plan whose generated SQL did not run (the key and the keys referencing it were not carried)
        ChangePlan plan = plan(shop, "ALTER TABLE teams ALTER COLUMN id TYPE bigint");
        assertThat(plan.warnings()).anyMatch(w -> w.contains("does not stage this type change") && w.contains("primary key"));
        assertThat(sql(plan)).contains("ALTER COLUMN id TYPE bigint").doesNotContain("id_new");
        provenWithoutDifference(plan);
    }

    @Test
    void aStagedTypeChangeOfAReferencingColumnKeepsItsKeyPostgres() {
        RealServers.require(Dialect.POSTGRESQL);
        ChangePlan plan = plan(shop, "ALTER TABLE members ALTER COLUMN team_id TYPE bigint");
        provenWithoutDifference(plan);
        assertThat(sql(plan)).contains("FOREIGN KEY (team_id_new) REFERENCES teams(id) NOT VALID").contains("RENAME COLUMN team_id_new TO team_id");
    }

    @Test
    void aModifyThatLeavesOutWhatTheColumnHadNamesEachLossMariadb() {
        RealServers.require(Dialect.MARIADB);
        // label had NOT NULL, DEFAULT 'none', a comment and utf8mb4_bin: this MODIFY repeats none of them
        ChangePlan plan = plan(blog, "ALTER TABLE accounts MODIFY label varchar(60)");
        assertThat(plan.hazards()).filteredOn(h -> h.rule().equals("modify-drops-attribute")).extracting(ChangePlan.Hazard::message)
                .anySatisfy(m -> assertThat(m).contains("drops NOT NULL from accounts.label"))
                .anySatisfy(m -> assertThat(m).contains("drops DEFAULT 'none'"))
                .anySatisfy(m -> assertThat(m).contains("drops COMMENT 'shown name'"))
                .anySatisfy(m -> assertThat(m).contains("drops COLLATE utf8mb4_bin"));
        // a MODIFY that repeats them loses nothing and says nothing
        ChangePlan kept = plan(blog, "ALTER TABLE accounts MODIFY label varchar(60) COLLATE utf8mb4_bin NOT NULL DEFAULT 'none' COMMENT 'shown name'");
        assertThat(kept.hazards()).noneMatch(h -> h.rule().equals("modify-drops-attribute"));
        provenWithoutDifference(kept);
    }

    /**
     * Narrowing varchar(40) to varchar(12): the planner of before made it one blocking rewrite whose "mitigation" was
     * the statement itself. Now: a precheck counts what does not fit, a validated CHECK forbids new values that do not,
     * the column is replaced online, and the proof (on rows that fit, as the statement as written needs) holds.
     */
    @Test
    void aNarrowingIsStagedBehindAValidatedCheckAndAPrecheckPostgres() {
        RealServers.require(Dialect.POSTGRESQL);
        ChangePlan plan = plan(shop, "ALTER TABLE accounts ALTER COLUMN code TYPE varchar(12)");
        assertThat(plan.migrationType()).isEqualTo("staged");
        provenWithoutDifference(plan);
        assertThat(plan.prechecks()).anySatisfy(p -> {
            assertThat(p.sql()).contains("length(code) > 12");
            assertThat(p.expect()).isEqualTo("0");
        });
        String sql = sql(plan);
        assertThat(sql).contains("CHECK (NOT (length(code) > 12)) NOT VALID").contains("VALIDATE CONSTRAINT plc_fits_accounts_code")
                .contains("NEW.code_new := NEW.code;").doesNotContain("CAST(");
        assertThat(plan.hazards()).filteredOn(h -> h.rule().equals("changing-column-type"))
                .singleElement().satisfies(h -> assertThat(h.safeAlternative()).doesNotContain("ALTER COLUMN code TYPE"));
        // the statement as written resets the column's collation "C" (ALTER TYPE without COLLATE): said, and carried as written
        assertThat(plan.hazards()).anySatisfy(h -> assertThat(h.rule()).isEqualTo("type-change-drops-collation"));
        assertThat(plan.steps().get(plan.steps().size() - 1).sql()).anyMatch(x -> x.contains("RENAME COLUMN code_new TO code"));
    }

    @Test
    void anIntegerNarrowingIsStagedAndProvenOnRowsThatFitPostgres() {
        RealServers.require(Dialect.POSTGRESQL);
        ChangePlan plan = plan(shop, "ALTER TABLE accounts ALTER COLUMN score TYPE smallint");
        provenWithoutDifference(plan);
        assertThat(plan.prechecks()).anyMatch(p -> p.sql().contains("score NOT BETWEEN -32768 AND 32767"));
    }

    @Test
    void aNarrowingIsStagedWithAPrecheckMariadb() {
        RealServers.require(Dialect.MARIADB);
        ChangePlan plan = plan(blog, "ALTER TABLE accounts MODIFY label varchar(12) COLLATE utf8mb4_bin NOT NULL DEFAULT 'none' COMMENT 'shown name'");
        assertThat(plan.migrationType()).isEqualTo("staged");
        provenWithoutDifference(plan);
        assertThat(plan.prechecks()).anyMatch(p -> p.sql().contains("CHAR_LENGTH(label) > 12"));
        assertThat(sql(plan)).contains("CHANGE COLUMN label_new label varchar(12)");
    }
}
