package dev.plc.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plc.core.PlcException;
import dev.plc.core.Progress;
import dev.plc.db.Dialect;
import dev.plc.db.ScratchDatabase;
import dev.plc.db.ScratchDatabases;
import dev.plc.testing.RealServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepoInspectorTest {

    private final RepoInspector inspector = new RepoInspector(ScratchDatabases.fromEnvironment());

    @TempDir
    Path repo;

    private void write(String path, String content) throws Exception {
        Path file = repo.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private RepoInspection inspect(String databaseUrl) {
        return inspector.inspect(new RepoInspector.Request(repo, databaseUrl, true, Duration.ofSeconds(60)), Progress.NONE);
    }

    @Test
    void aMigrationThatFailsIsReportedWithFileLineAndTheDatabaseError() throws Exception {
        RealServers.require(Dialect.POSTGRESQL);
        write("src/main/resources/application.properties", "spring.datasource.url=jdbc:postgresql://db/app\n");
        write("pom.xml", "<project><dependencies><dependency><artifactId>flyway-core</artifactId></dependency></dependencies></project>");
        write("src/main/resources/db/migration/V1__init.sql", "CREATE TABLE a (id int primary key);\n");
        write("src/main/resources/db/migration/V2__bad.sql", "\n\nALTER TABLE b ADD COLUMN x int;\n");
        RepoInspection r = inspect(null);
        assertThat(r.schema()).isNull();
        assertThat(r.schemaSource().status()).isEqualTo("failed");
        assertThat(r.schemaSource().failure().file()).isEqualTo("src/main/resources/db/migration/V2__bad.sql");
        assertThat(r.schemaSource().failure().line()).isEqualTo(3);
        assertThat(r.schemaSource().failure().message()).contains("\"b\" does not exist");
        assertThat(InspectionReport.summary(r)).contains("NOT read", "V2__bad.sql:3");
    }

    @Test
    void readsALiveDatabaseReadOnlyWhenNamed() throws Exception {
        RealServers.require(Dialect.POSTGRESQL);
        write("db/migrations/000001_init.up.sql", "CREATE TABLE from_migrations (id int);\n");
        write("db/migrations/000001_init.down.sql", "DROP TABLE from_migrations;\n");
        try (ScratchDatabase live = ScratchDatabases.fromEnvironment().create(Dialect.POSTGRESQL, null)) {
            try (Connection c = live.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE live_only (id bigint primary key, name text not null)");
            }
            RepoInspection r = inspect(live.jdbcUrl() + "?user=" + live.user());
            assertThat(r.schemaSource().origin()).isEqualTo("live");
            assertThat(r.schemaSource().database().kind()).isEqualTo("live");
            assertThat(r.schema().tables()).extracting(t -> t.name()).containsExactly("live_only");
        }
    }

    @Test
    void aLiveUrlOfAnUnknownKindIsAClearError() {
        assertThatThrownBy(() -> inspect("jdbc:oracle:thin:@//db:1521/x?password=hunter2"))
                .isInstanceOf(PlcException.class)
                .hasMessageContaining("not a supported JDBC URL")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void frameworksItCannotApplyAreReportedNotGuessed() throws Exception {
        write("Gemfile", "gem 'pg'\n");
        write("config/database.yml", "production:\n  adapter: postgresql\n");
        write("db/migrate/20240101000000_create_users.rb", "class CreateUsers < ActiveRecord::Migration[7.1]\n  def change\n  end\nend\n");
        RepoInspection r = inspect(null);
        assertThat(r.primaryFramework()).isEqualTo("rails");
        assertThat(r.schemaSource().status()).isEqualTo("skipped");
        assertThat(r.schemaSource().reason()).contains("rails").contains("database_url");
    }

    @Test
    void introspectFalseSkipsTheDatabase() throws Exception {
        write("sql/V1__a.sql", "CREATE TABLE a (id int);\n");
        write("flyway.conf", "flyway.url=jdbc:h2:mem:x\nflyway.locations=filesystem:sql\n");
        RepoInspection r = inspector.inspect(new RepoInspector.Request(repo, null, false, Duration.ofSeconds(5)), Progress.NONE);
        assertThat(r.schemaSource().status()).isEqualTo("skipped");
        assertThat(r.schemaSource().reason()).contains("introspect is false");
        assertThat(r.primaryFramework()).isEqualTo("flyway");
    }

    private RepoInspection scan() {
        return inspector.inspect(new RepoInspector.Request(repo, null, false, Duration.ofSeconds(5)), Progress.NONE);
    }

    @Test
    void filesGitIgnoresAndBuildOrDependencyFoldersAreNotIndexed() throws Exception {
        write("flyway.conf", "flyway.url=jdbc:h2:mem:x\nflyway.locations=filesystem:sql\n");
        write(".gitignore", "sql/*.bak.sql\n/copies/\n");
        write("sql/V1__a.sql", "CREATE TABLE a (id int);\n");
        write("sql/V7__draft.bak.sql", "CREATE TABLE draft (id int);\n");
        write("copies/sql/V8__copy.sql", "CREATE TABLE copy (id int);\n");
        write("target/classes/sql/V9__built.sql", "CREATE TABLE built (id int);\n");
        write("web/node_modules/pkg/sql/V10__dep.sql", "CREATE TABLE dep (id int);\n");

        RepoInspection r = scan();

        assertThat(r.filesScanned()).isEqualTo(3); // flyway.conf, .gitignore, sql/V1__a.sql
        assertThat(r.migrationFrameworks()).singleElement().satisfies(f -> {
            assertThat(f.count()).isEqualTo(1);
            assertThat(f.nextVersion()).isEqualTo("2");
        });
        assertThat(r.warnings()).noneMatch(w -> w.contains("ignored by git"));
    }

    @Test
    void aMigrationLocationThatGitIgnoresEntirelyIsAWarning() throws Exception {
        write("pom.xml", "<project><dependencies><dependency><groupId>org.flywaydb</groupId><artifactId>flyway-core</artifactId>"
                + "</dependency></dependencies></project>\n");
        write(".gitignore", "# local databases\n/src/main/resources/db/\n");
        write("src/main/resources/db/migration/V1__a.sql", "CREATE TABLE a (id int);\n");

        RepoInspection r = scan();

        assertThat(r.primaryFramework()).isEqualTo("flyway");
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w)
                .contains("the flyway migration location src/main/resources/db/migration is ignored by git")
                .contains("src/main/resources/db (a folder above it) is ignored by .gitignore:2 (src/main/resources/db/)"));
    }

    @Test
    void aMigrationLocationWhoseFilesAreAllIgnoredIsAWarning() throws Exception {
        write("flyway.conf", "flyway.url=jdbc:h2:mem:x\nflyway.locations=filesystem:sql\n");
        write(".gitignore", "*.sql\n");
        write("sql/V1__a.sql", "CREATE TABLE a (id int);\n");

        RepoInspection r = scan();

        assertThat(r.warnings()).anySatisfy(w -> assertThat(w).contains("migration location sql is ignored by git")
                .contains("sql/V1__a.sql by .gitignore:1 (*.sql)"));
    }
}
