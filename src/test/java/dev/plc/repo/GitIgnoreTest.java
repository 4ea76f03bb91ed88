package dev.plc.repo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plc.repo.GitIgnore.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GitIgnoreTest {

    @TempDir
    Path repo;

    private static Verdict verdict(String patterns, String path, boolean directory) {
        return GitIgnore.parse("", ".gitignore", patterns).match(path, directory);
    }

    private static boolean ignores(String pattern, String path) {
        return verdict(pattern + "\n", path, false) == Verdict.IGNORED;
    }

    @ParameterizedTest(name = "{0} ignores {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            // a pattern without a slash matches the name at any depth
            "*.log          | app.log                | true",
            "*.log          | a/b/app.log            | true",
            "*.log          | app.log.txt            | false",
            "app.log        | deep/er/app.log        | true",
            // a slash anchors it to the file's folder
            "/app.log       | app.log                | true",
            "/app.log       | sub/app.log            | false",
            "doc/*.txt      | doc/a.txt              | true",
            "doc/*.txt      | doc/x/a.txt            | false",
            "doc/*.txt      | x/doc/a.txt            | false",
            // ? and classes, never across a slash
            "file?.txt      | file1.txt              | true",
            "file?.txt      | file10.txt             | false",
            "a?b            | a/b                    | false",
            "[abc].sql      | b.sql                  | true",
            "[abc].sql      | d.sql                  | false",
            "[!abc].sql     | d.sql                  | true",
            "[^abc].sql     | a.sql                  | false",
            "[a-c]x         | bx                     | true",
            "[a-c]x         | dx                     | false",
            "[]]x           | ]x                     | true",
            "[[:digit:]]*   | 9lives                 | true",
            "[[:digit:]]*   | lives9                 | false",
            "x[[:upper:]]   | xQ                     | true",
            // ** between slashes: any number of folders, also none
            "**/cache       | cache                  | true",
            "**/cache       | a/b/cache              | true",
            "a/**/b         | a/b                    | true",
            "a/**/b         | a/x/y/b                | true",
            "a/**/b         | x/a/b                  | false",
            "a/**           | a/x/y                  | true",
            "a/**           | a                      | false",
            "a**b           | axxb                   | true",
            "a**b/c         | ax/yb/c                | false",
            // escapes
            "\\#hash        | #hash                  | true",
            "\\!bang        | !bang                  | true",
            "a\\*b          | a*b                    | true",
            "a\\*b          | axb                    | false",
            "'trailing\\ \\ ' | 'trailing  '         | true",
    })
    void matchesLikeGit(String pattern, String path, boolean ignored) {
        assertThat(ignores(pattern, path)).isEqualTo(ignored);
    }

    @Test
    void commentsBlankLinesAndTrailingSpacesMatchNothing() {
        GitIgnore ignore = GitIgnore.parse("", ".gitignore", "# *.sql\n\n   \nbuild.log   \r\n");
        assertThat(ignore.match("a.sql", false)).isEqualTo(Verdict.UNDECIDED);
        assertThat(ignore.match("build.log", false)).isEqualTo(Verdict.IGNORED);
        assertThat(ignore.match("build.log   ", false)).isEqualTo(Verdict.UNDECIDED);
    }

    @Test
    void aTrailingSlashMatchesFoldersOnly() {
        assertThat(verdict("logs/\n", "logs", true)).isEqualTo(Verdict.IGNORED);
        assertThat(verdict("logs/\n", "logs", false)).isEqualTo(Verdict.UNDECIDED);
        assertThat(verdict("logs/\n", "a/logs", true)).isEqualTo(Verdict.IGNORED);
    }

    @Test
    void theLastMatchingPatternWinsAndANegationReIncludes() {
        String patterns = "*.log\n!keep.log\n";
        assertThat(verdict(patterns, "x.log", false)).isEqualTo(Verdict.IGNORED);
        assertThat(verdict(patterns, "keep.log", false)).isEqualTo(Verdict.INCLUDED);
        assertThat(verdict("!keep.log\n*.log\n", "keep.log", false)).isEqualTo(Verdict.IGNORED);
    }

    @Test
    void aNestedFileSpeaksOnlyAboutItsOwnFolder() {
        GitIgnore nested = GitIgnore.parse("web", "web/.gitignore", "/dist\n*.tmp\n");
        assertThat(nested.match("web/dist", true)).isEqualTo(Verdict.IGNORED);
        assertThat(nested.match("dist", true)).isEqualTo(Verdict.UNDECIDED);
        assertThat(nested.match("web/a/dist", true)).isEqualTo(Verdict.UNDECIDED);
        assertThat(nested.match("web/a/x.tmp", false)).isEqualTo(Verdict.IGNORED);
        assertThat(nested.match("webby/x.tmp", false)).isEqualTo(Verdict.UNDECIDED);
    }

    @Test
    void theDeepestFileDecidesBeforeItsParentsAndInfoExclude() {
        GitIgnore.Chain chain = GitIgnore.Chain.root(GitIgnore.parse("", ".git/info/exclude", "*.sql\n"))
                .with(GitIgnore.parse("", ".gitignore", "*.txt\n"))
                .with(GitIgnore.parse("sub", "sub/.gitignore", "!*.txt\n!keep.sql\n"));
        assertThat(chain.isIgnored("a.txt", false)).isTrue();
        assertThat(chain.isIgnored("sub/a.txt", false)).isFalse();
        assertThat(chain.isIgnored("sub/a.sql", false)).isTrue();
        assertThat(chain.isIgnored("sub/keep.sql", false)).isFalse();
        assertThat(chain.reason("a.txt", false)).contains(".gitignore:1 (*.txt)");
        assertThat(chain.reason("sub/a.sql", false)).contains(".git/info/exclude:1 (*.sql)");
    }

    private void write(String path, String content) throws IOException {
        Path file = repo.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    @Test
    void theWalkLeavesOutIgnoredFilesAndFoldersAndCannotReIncludeInsideAnIgnoredFolder() throws Exception {
        write(".gitignore", "*.log\n!keep.log\ngenerated/\n!generated/wanted.java\n/secret.txt\n");
        write("src/.gitignore", "!debug.log\n*.tmp\n");
        write("app.log", "x");
        write("keep.log", "x");
        write("src/debug.log", "x");
        write("src/deep/other.log", "x");
        write("src/x.tmp", "x");
        write("secret.txt", "x");
        write("src/secret.txt", "x");
        write("generated/wanted.java", "x");
        write("src/generated/Foo.java", "x");
        write("src/Main.java", "x");
        Files.createDirectories(repo.resolve(".git/info"));
        write(".git/info/exclude", "*.local\n");
        write("settings.local", "x");

        RepoIndex index = RepoIndex.scan(repo);

        assertThat(index.files()).containsExactly(".gitignore", "keep.log", "src/.gitignore", "src/Main.java", "src/debug.log", "src/secret.txt");
        assertThat(index.ignored()).extracting(RepoIndex.Ignored::path)
                .containsExactly("app.log", "generated", "secret.txt", "settings.local", "src/deep/other.log", "src/generated", "src/x.tmp");
        assertThat(index.ignoredBecause("generated")).hasValueSatisfying(r -> assertThat(r).contains(".gitignore:3 (generated/)"));
        assertThat(index.ignoredBecause("generated/sub")).hasValueSatisfying(r -> assertThat(r).contains("a folder above it"));
        assertThat(index.ignoredBecause("src")).isEmpty();
        assertThat(index.ignoredBecause("nowhere")).isEmpty();
    }

    @Test
    void foldersThatHoldNoSourcesAreSkippedWithoutAGitignore() throws Exception {
        write("web/node_modules/pg/index.js", "x");
        write("target/classes/App.class", "x");
        write("web/src/index.ts", "x");
        assertThat(RepoIndex.scan(repo).files()).containsExactly("web/src/index.ts");
    }

    @Test
    void theGitignoreOfTheEnclosingWorkTreeAppliesToASubfolder() throws Exception {
        write(".git/HEAD", "ref: refs/heads/main\n");
        write(".gitignore", "*.bak\nservice/generated/\n");
        write("service/.gitignore", "/local.txt\n");
        write("service/a.bak", "x");
        write("service/local.txt", "x");
        write("service/generated/G.java", "x");
        write("service/src/A.java", "x");

        RepoIndex index = RepoIndex.scan(repo.resolve("service"));

        assertThat(index.files()).containsExactly(".gitignore", "src/A.java");
    }

    @Test
    void aGitignoreThatIsASymbolicLinkIsNotReadAndLinksOutOfTheRepoAreNotFollowed(@TempDir Path outside) throws Exception {
        Files.writeString(outside.resolve("patterns"), "*.sql\n");
        Files.createDirectories(outside.resolve("migrations"));
        Files.writeString(outside.resolve("migrations/V1__outside.sql"), "CREATE TABLE stolen (id int);\n");
        write("sql/V1__a.sql", "x");
        Files.createSymbolicLink(repo.resolve(".gitignore"), outside.resolve("patterns"));
        Files.createSymbolicLink(repo.resolve("sql/linked"), outside.resolve("migrations"));

        RepoIndex index = RepoIndex.scan(repo);

        // like git 2.32+: a .gitignore that is a link is not read, so *.sql does not apply
        assertThat(index.files()).containsExactly("sql/V1__a.sql");
        assertThat(index.ignored()).isEmpty();
    }

    /** Paths in every shape the patterns below care about, each created as a file (none in an always-skipped folder such as dist). */
    private static final List<String> CORPUS = List.of(
            "README.md", "app.log", "keep.log", "notes.txt", "a.sql", "b.sql", "c1.sql", "c10.sql", "#hash", "!bang", "space ",
            "docs/guide.md", "docs/api/index.html", "docs/api/x.tmp", "docs/keep.tmp",
            "src/main/java/App.java", "src/main/java/gen/Gen.java", "src/main/resources/db/migration/V1__init.sql",
            "src/main/resources/db/migration/V2__more.sql", "src/main/resources/db/migration/notes.md",
            "src/main/resources/static/app.js", "src/main/resources/static/app.js.map", "src/main/resources/static/x/y/z.js.map",
            "src/test/resources/db/migration/V1__test.sql", "src/test/java/AppTest.java",
            "generated/a.txt", "generated/keep.txt", "sub/generated/b.txt", "sub/generated.txt",
            "web/public/bundle.js", "web/src/public/file.js", "web/src/index.ts", "web/.env", "web/.env.example", "web/local/debug.log",
            "logs/today.log", "logs/keep.log", "cache/x", "a/cache/y", "a/b/cache/z", "foo/bar", "foo/x/bar", "foo/x/y/bar",
            "Data/Upper.csv", "data/lower.csv", "tmp1/file", "tmp2/file", "tmpx/file", "only-dir/file", "only-dir-file/x",
            "x/only-dir", "deep/a/b/c/d/e.sql", "deep/a/b/c/keep.sql", "vendorish/lib.go", "config/settings.local",
            "config/app.yml", "config/secrets/key.pem", "config/secrets/README");

    private static final Map<String, String> IGNORE_FILES = Map.of(
            ".gitignore", """
                    # root patterns
                    *.log
                    !keep.log
                    /generated/
                    !generated/keep.txt
                    **/cache
                    foo/**/bar
                    *.js.map
                    \\#hash
                    \\!bang
                    space\\\s
                    c?.sql
                    [Dd]ata/
                    tmp[0-9]/
                    only-dir/
                    deep/**/*.sql
                    !deep/**/keep.sql
                    *.pem
                    """,
            "web/.gitignore", "/public\n.env\n!.env.example\n!debug.log\n",
            "docs/.gitignore", "*.tmp\n!keep.tmp\n",
            "config/.gitignore", "secrets/\n!secrets/README\n",
            "src/main/resources/.gitignore", "db/migration/*.md\n",
            ".git/info/exclude", "*.local\nvendorish/\n");

    private void writeCorpus() throws IOException {
        for (String path : CORPUS) {
            write(path, "x\n");
        }
        for (var e : IGNORE_FILES.entrySet()) {
            write(e.getKey(), e.getValue());
        }
    }

    @Test
    void agreesWithGitLsFilesOnACorpus() throws Exception {
        git("init", "-q");
        writeCorpus();

        Set<String> git = new TreeSet<>(git("ls-files", "--cached", "--others", "--exclude-standard"));
        Set<String> ours = new TreeSet<>(RepoIndex.scan(repo).files());

        assertThat(ours).isEqualTo(git);
        assertThat(ours).contains("keep.log", "README.md", "web/.env.example", "web/local/debug.log", "deep/a/b/c/keep.sql",
                "src/main/resources/db/migration/V1__init.sql", "config/app.yml");
        assertThat(ours).doesNotContain("app.log", "generated/keep.txt", "config/secrets/README", "#hash", "web/public/bundle.js");
    }

    @Test
    void agreesWithGitCheckIgnorePathByPath() throws Exception {
        git("init", "-q");
        writeCorpus();
        Set<String> all = new TreeSet<>(CORPUS);
        all.addAll(IGNORE_FILES.keySet().stream().filter(p -> !p.startsWith(".git/")).toList());

        Set<String> gitIgnored = new TreeSet<>(gitWithInput(String.join("\n", all) + "\n", "check-ignore", "--stdin"));
        RepoIndex index = RepoIndex.scan(repo);
        Set<String> ourIgnored = all.stream().filter(p -> !index.exists(p)).collect(Collectors.toCollection(TreeSet::new));

        assertThat(ourIgnored).isEqualTo(gitIgnored);
        assertThat(ourIgnored).isNotEmpty();
    }

    private List<String> git(String... args) throws Exception {
        return gitWithInput(null, args);
    }

    /** Runs git in the repo with no user or system configuration (no global excludes file can change the answer). */
    private List<String> gitWithInput(String input, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-c", "core.quotePath=false"));
        command.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(repo.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        pb.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
        pb.environment().put("HOME", repo.toString());
        pb.environment().put("XDG_CONFIG_HOME", repo.resolve(".no-config").toString());
        Process p = pb.start();
        try (OutputStream in = p.getOutputStream()) {
            if (input != null) {
                in.write(input.getBytes(StandardCharsets.UTF_8));
            }
        }
        String out;
        try (InputStream stdout = p.getInputStream()) {
            out = new String(stdout.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        // check-ignore exits 1 when nothing is ignored
        assertThat(p.exitValue()).isIn(0, 1);
        return out.lines().filter(l -> !l.isEmpty()).toList();
    }
}
