package dev.plc;

import dev.plc.apply.MigrationApplier;
import dev.plc.check.CheckReport;
import dev.plc.check.CheckRunner;
import dev.plc.core.PlcException;
import dev.plc.core.Progress;
import dev.plc.db.ScratchDatabases;
import dev.plc.inspect.RepoInspection;
import dev.plc.inspect.RepoInspector;
import dev.plc.repo.RepoIndex;
import dev.plc.repo.RepoPaths;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Repository paths and contents that try to break the tools: {@code ..}, symbolic links (to the repo, and out of
 * it), names that are not UTF-8, unreadable files, a 100 MB migration, a repo that is a file or {@code /}. Each
 * gives a clear error or bounded work: never a crash, a hang, or a read outside the repo. H2 keeps these fast.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HostileRepositoriesTest {

    @TempDir
    Path tmp;

    private final ScratchDatabases scratch = new ScratchDatabases(Map.of("PLC_LOCAL_SERVERS", "0", "PLC_EMBEDDED_POSTGRES", "0"));
    private final RepoInspector inspector = new RepoInspector(scratch);
    private final CheckRunner checks = new CheckRunner(scratch);

    /** A Flyway + H2 repo with one good migration. */
    private Path h2Repo(String name) throws IOException {
        Path repo = tmp.resolve(name);
        Files.createDirectories(repo.resolve("sql"));
        Files.writeString(repo.resolve("flyway.conf"), "flyway.url=jdbc:h2:mem:app\nflyway.locations=filesystem:sql\n");
        Files.writeString(repo.resolve("sql/V1__create_items.sql"), "CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(50));\n");
        return repo;
    }

    private RepoInspection inspect(Path repo) {
        return inspector.inspect(new RepoInspector.Request(repo, null, true, Duration.ofSeconds(60)), Progress.NONE);
    }

    private CheckReport apply(Path repo) {
        return checks.run(new CheckRunner.Request(repo, List.of("apply"), null, null, null, Duration.ofSeconds(60), false), Progress.NONE);
    }

    @Test
    void dotDotSegmentsAndALinkToTheRepoResolveToTheRealFolder() throws IOException {
        Path repo = h2Repo("real");
        Path viaDots = RepoPaths.resolve("real/../real/./sql/..", tmp);
        assertThat(viaDots).isEqualTo(repo.toRealPath());
        Path link = Files.createSymbolicLink(tmp.resolve("link-to-repo"), repo);
        assertThat(RepoPaths.resolve(link.toString(), tmp)).isEqualTo(repo.toRealPath());
        RepoInspection r = inspect(RepoPaths.resolve("link-to-repo", tmp));
        assertThat(r.primaryFramework()).isEqualTo("flyway");
        assertThat(r.schemaSource().status()).isEqualTo("read");
        assertThatThrownBy(() -> RepoPaths.resolve("real/../../../../../../../../no-such-folder-" + System.nanoTime(), tmp))
                .isInstanceOf(PlcException.class).hasMessageContaining("does not exist");
    }

    @Test
    void linksInsideTheRepoThatLeadOutAreNeverFollowed() throws IOException {
        Path outside = tmp.resolve("outside");
        Files.createDirectories(outside.resolve("deep"));
        Files.writeString(outside.resolve("V2__outside.sql"), "CREATE TABLE stolen (id INT);\n");
        Files.writeString(outside.resolve("deep/secret.properties"), "spring.datasource.url=jdbc:postgresql://prod/app\n");
        Path repo = h2Repo("links");
        Files.createSymbolicLink(repo.resolve("outside-dir"), outside);
        Files.createSymbolicLink(repo.resolve("application.properties"), outside.resolve("deep/secret.properties"));
        Files.createSymbolicLink(repo.resolve("loop"), repo);

        RepoIndex index = RepoIndex.scan(repo);
        assertThat(index.files()).containsExactly("flyway.conf", "sql/V1__create_items.sql");
        RepoInspection.SchemaSource source = inspect(repo).schemaSource();
        assertThat(source.status()).as("%s", source).isEqualTo("read");

        // Flyway reads its folders itself and follows links: a link to a folder, or out of the repo, in a migration folder is refused
        Path loop = Files.createSymbolicLink(repo.resolve("sql/loop"), repo);
        CheckReport looping = apply(repo);
        assertThat(looping.ok()).isFalse();
        assertThat(looping.checks().get(0).findings().get(0).message()).contains("sql/loop is a symbolic link to a folder");
        Files.delete(loop);
        Files.createSymbolicLink(repo.resolve("sql/V2__outside.sql"), outside.resolve("V2__outside.sql"));
        CheckReport report = apply(repo);
        assertThat(report.ok()).isFalse();
        CheckReport.Finding finding = report.checks().get(0).findings().get(0);
        assertThat(finding.file()).isEqualTo("sql/V2__outside.sql");
        assertThat(finding.message()).contains("symbolic link to outside the repository");
    }

    @Test
    void namesThatAreNotUtf8AreListedOrSkippedWithoutACrash() throws Exception {
        Path repo = h2Repo("latin1");
        // the JVM cannot name such a file itself: the shell writes the raw bytes
        Process p = new ProcessBuilder("sh", "-c", "printf 'SELECT 1;\\n' > \"$(printf 'sql/V2__caf\\351.sql')\"; "
                + "mkdir -p \"$(printf 'src/\\377dir')\" && printf 'x' > \"$(printf 'src/\\377dir/n\\376.txt')\"")
                .directory(repo.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        RepoIndex index = RepoIndex.scan(repo);
        assertThat(index.files()).hasSizeGreaterThanOrEqualTo(2);
        index.files().forEach(index::read); // never throws
        RepoInspection r = inspect(repo);
        assertThat(r.primaryFramework()).isEqualTo("flyway");
        assertThat(r.schemaSource().status()).isIn("read", "failed");
        CheckReport report = apply(repo);
        assertThat(report.checks()).extracting(CheckReport.Check::name).containsExactly("apply");
    }

    @Test
    void anUnreadableMigrationIsAClearFailure() throws IOException {
        Path repo = h2Repo("unreadable");
        Path locked = repo.resolve("sql/V2__locked.sql");
        Files.writeString(locked, "CREATE TABLE locked (id INT);\n");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        if (Files.isReadable(locked)) {
            String reason = "running as " + System.getProperty("user.name") + ", whom chmod 000 does not stop from reading: nothing to test";
            System.err.println("SKIPPED: unreadable file: " + reason);
            Assumptions.abort(reason);
        }
        RepoInspection r = inspect(repo);
        assertThat(r.primaryFramework()).isEqualTo("flyway");
        CheckReport report = apply(repo);
        assertThat(report.ok()).isFalse();
        assertThat(report.checks().get(0).findings().get(0).message()).isNotBlank();
    }

    @Test
    void aNamedPipeInTheMigrationFolderIsRefusedInsteadOfBlockingTheApply() throws Exception {
        // root reads any file, so this (not chmod) is the unreadable-file case that runs everywhere, CI included
        Path repo = h2Repo("fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", repo.resolve("sql/V2__pipe.sql").toString()).start();
        assertThat(mkfifo.waitFor()).isZero();
        long start = System.nanoTime();
        CheckReport report = apply(repo);
        assertThat((System.nanoTime() - start) / 1_000_000_000).as("seconds: no blocking read").isLessThan(10);
        assertThat(report.ok()).isFalse();
        assertThat(report.checks().get(0).findings().get(0).message()).contains("V2__pipe.sql is not a regular file");
        assertThat(inspect(repo).schemaSource().failure().message()).contains("not a regular file");
    }

    @Test
    void aHundredMegabyteMigrationIsRefusedQuicklyWithAClearError() throws IOException {
        Path repo = h2Repo("huge");
        Path huge = repo.resolve("sql/V2__seed.sql");
        byte[] row = "INSERT INTO items (id, name) VALUES (1, 'a name that takes some room in this migration file');\n"
                .getBytes(StandardCharsets.UTF_8);
        byte[] block = new byte[row.length * 10_000];
        for (int i = 0; i < 10_000; i++) {
            System.arraycopy(row, 0, block, i * row.length, row.length);
        }
        try (OutputStream out = Files.newOutputStream(huge)) {
            for (long written = 0; written < 100L * 1024 * 1024; written += block.length) {
                out.write(block);
            }
        }
        assertThat(Files.size(huge)).isGreaterThan(100L * 1024 * 1024);

        long start = System.nanoTime();
        RepoInspection r = inspect(repo);
        assertThat(r.schemaSource().status()).isEqualTo("failed");
        assertThat(r.schemaSource().failure().file()).isEqualTo("sql/V2__seed.sql");
        assertThat(r.schemaSource().failure().message()).contains("over the " + (MigrationApplier.MAX_MIGRATION_BYTES >> 20) + " MB");
        CheckReport report = apply(repo);
        assertThat(report.ok()).isFalse();
        CheckReport.Finding finding = report.checks().get(0).findings().get(0);
        assertThat(finding.file()).isEqualTo("sql/V2__seed.sql");
        assertThat(finding.message()).contains("MB").contains("Split it");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(millis).as("inspect + apply of a repo with a 100 MB migration").isLessThan(20_000);

        // the same file in a golang-migrate repo is not silently left out of the apply
        Path go = tmp.resolve("huge-go");
        Files.createDirectories(go.resolve("db/migrations"));
        Files.writeString(go.resolve("go.mod"), "module x\n\nrequire (\n\tgithub.com/golang-migrate/migrate/v4 v4.17.0\n\tgithub.com/go-sql-driver/mysql v1.8.1\n)\n");
        Files.writeString(go.resolve("db/migrations/000001_items.up.sql"), "CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(50));\n");
        Files.writeString(go.resolve("db/migrations/000001_items.down.sql"), "DROP TABLE items;\n");
        Files.move(huge, go.resolve("db/migrations/000002_seed.up.sql"));
        Files.writeString(go.resolve("db/migrations/000002_seed.down.sql"), "DELETE FROM items;\n");
        RepoInspection goInspection = inspect(go);
        assertThat(goInspection.primaryFramework()).isEqualTo("golang-migrate");
        assertThat(goInspection.schemaSource().status()).isEqualTo("failed");
        assertThat(goInspection.schemaSource().failure().file()).isEqualTo("db/migrations/000002_seed.up.sql");
    }

    @Test
    void aRepoThatIsAFileTheRootOrBlankGetsAClearAnswer() throws IOException {
        Path file = Files.writeString(tmp.resolve("not-a-folder.sql"), "SELECT 1;");
        assertThatThrownBy(() -> RepoPaths.resolve(file.toString(), tmp)).isInstanceOf(PlcException.class).hasMessageContaining("is a file");
        assertThatThrownBy(() -> RepoPaths.resolve("/", tmp)).isInstanceOf(PlcException.class).hasMessageContaining("file system root");
        assertThatThrownBy(() -> RepoPaths.resolve("/..", tmp)).isInstanceOf(PlcException.class).hasMessageContaining("file system root");
        assertThatThrownBy(() -> RepoPaths.resolve("x\0y", tmp)).isInstanceOf(PlcException.class).hasMessageContaining("NUL");
        assertThat(RepoPaths.resolve("", tmp)).as("blank means the working directory").isEqualTo(tmp.toRealPath());
        assertThat(RepoPaths.resolve("   ", tmp)).isEqualTo(tmp.toRealPath());
        String longName = "a".repeat(100_000);
        assertThatThrownBy(() -> RepoPaths.resolve(longName, tmp)).isInstanceOf(PlcException.class)
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(1_000));
    }
}
