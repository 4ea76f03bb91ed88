package dev.plc.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plc.apply.ApplyResult;
import dev.plc.apply.MigrationApplier;
import dev.plc.apply.MigrationSets;
import dev.plc.core.Progress;
import dev.plc.db.Dialect;
import dev.plc.db.ScratchDatabase;
import dev.plc.db.ScratchDatabases;
import dev.plc.plan.ChangePlan;
import dev.plc.plan.ChangePlanner;
import dev.plc.plan.PlanStore;
import dev.plc.repo.MigrationFramework;
import dev.plc.repo.RepoIndex;
import dev.plc.repo.migrations.MigrationDetectors;
import dev.plc.schema.SchemaReader;
import dev.plc.schema.SchemaSnapshot;
import dev.plc.sql.SqlScript;
import dev.plc.sql.SqlStatement;
import dev.plc.testing.ExampleRepos;
import dev.plc.testing.RealServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * plan -> write -> the written migrations apply with Flyway on a throwaway database of the dialect and give the
 * plan's expected schema; the down scripts, run newest first, give back the schema from before.
 */
class RoundTripTest {

    @TempDir
    Path work;

    private final ScratchDatabases scratch = ScratchDatabases.fromEnvironment();

    @Test
    void flywayOnPostgres() throws Exception {
        RealServers.require(Dialect.POSTGRESQL);
        roundTrip("spring-flyway-postgres", Dialect.POSTGRESQL, """
                ALTER TABLE orders ADD COLUMN priority integer NOT NULL DEFAULT 0;
                CREATE INDEX orders_priority_idx ON orders (priority);
                ALTER TABLE orders ADD CONSTRAINT orders_priority_range CHECK (priority BETWEEN 0 AND 9);
                ALTER TABLE orders ALTER COLUMN status TYPE varchar(40);
                ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id);
                """, "src/main/resources/db/migration-down", "U");
    }

    @Test
    void golangMigrateOnMariadb() throws Exception {
        RealServers.require(Dialect.MARIADB);
        roundTrip("go-migrate-mariadb", Dialect.MARIADB, """
                ALTER TABLE posts ADD COLUMN slug VARCHAR(300) NULL;
                ALTER TABLE posts ADD UNIQUE INDEX posts_slug_uq (slug);
                ALTER TABLE posts ADD COLUMN editor_id BIGINT UNSIGNED NULL;
                ALTER TABLE posts ADD CONSTRAINT posts_editor_fk FOREIGN KEY (editor_id) REFERENCES authors (id);
                """, "db/migrations", "");
    }

    private void roundTrip(String example, Dialect dialect, String change, String downFolder, String downPrefix) throws Exception {
        Path repo = ExampleRepos.copyTree(Path.of("examples", example), work.resolve(example));
        SchemaSnapshot before = schemaAfterMigrations(repo, dialect);

        ChangePlan plan = new ChangePlanner(scratch, new PlanStore()).plan(
                new ChangePlanner.Request(repo, null, change, null, true, null, null, Duration.ofSeconds(60), null), Progress.NONE);
        assertThat(plan.verification().differences()).as("%s", plan.verification()).isEmpty();
        assertThat(plan.steps()).extracting(ChangePlan.Step::release).containsOnly(1);
        WrittenMigrations written = new MigrationWriter(scratch).write(
                new MigrationWriter.Request(repo, plan, null, true, null, null, 1), Progress.NONE);
        assertThat(written.files()).isNotEmpty().allSatisfy(f -> assertThat(f.status()).isEqualTo("written"));

        try (ScratchDatabase db = scratch.create(dialect, null)) {
            RepoIndex index = RepoIndex.scan(repo);
            MigrationFramework framework = MigrationDetectors.detectAll(index).get(0);
            ApplyResult applied = new MigrationApplier(repo).apply(db, MigrationSets.of(index, framework), Duration.ofSeconds(60));
            assertThat(applied.failure()).as("the written migrations apply").isNull();
            assertThat(read(db)).as("schema after the written migrations = the plan's expected schema").isEqualTo(plan.expectedSchema());

            List<Path> downs;
            try (Stream<Path> files = Files.list(repo.resolve(downFolder))) {
                downs = files.filter(p -> {
                    String name = p.getFileName().toString();
                    return downPrefix.isEmpty() ? name.endsWith(".down.sql") : name.startsWith(downPrefix);
                }).filter(p -> written.files().stream().anyMatch(f -> repo.resolve(f.path()).equals(p)))
                        .sorted(Comparator.comparing(Path::getFileName).reversed()).toList();
            }
            assertThat(downs).hasSize(written.stepsWritten().size());
            try (Connection c = db.connect()) {
                for (Path down : downs) {
                    for (SqlStatement statement : SqlScript.split(Files.readString(down))) {
                        try (Statement s = c.createStatement()) {
                            s.execute(statement.text());
                        }
                    }
                }
            }
            assertThat(read(db)).as("the down scripts restore the schema from before").isEqualTo(before);
        }
    }

    private SchemaSnapshot schemaAfterMigrations(Path repo, Dialect dialect) throws Exception {
        try (ScratchDatabase db = scratch.create(dialect, null)) {
            RepoIndex index = RepoIndex.scan(repo);
            MigrationFramework framework = MigrationDetectors.detectAll(index).get(0);
            assertThat(new MigrationApplier(repo).apply(db, MigrationSets.of(index, framework), Duration.ofSeconds(60)).ok()).isTrue();
            return read(db);
        }
    }

    private static SchemaSnapshot read(ScratchDatabase db) throws Exception {
        try (Connection c = db.connect()) {
            return SchemaReader.read(c, db.dialect());
        }
    }

}
