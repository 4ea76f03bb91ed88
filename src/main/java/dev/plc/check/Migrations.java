package dev.plc.check;

import dev.plc.apply.LiquibaseRunner;
import dev.plc.apply.MigrationSet;
import dev.plc.db.Dialect;
import dev.plc.repo.MigrationFramework;
import dev.plc.repo.RepoIndex;
import dev.plc.repo.migrations.VersionScheme;
import dev.plc.sql.SqlScript;
import dev.plc.sql.SqlStatement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The repo's migrations as run_checks sees them: version, up SQL, whether it runs in a transaction, and its down script. */
final class Migrations {

    /**
     * @param changeSet the Liquibase changeSet (its {@code sql} is what Liquibase generates for it), null for SQL-file frameworks
     */
    record Migration(String file, String version, String sql, int firstLine, boolean transactional, Down down, LiquibaseRunner.ChangeSet changeSet) {

        Migration(String file, String version, String sql, int firstLine, boolean transactional, Down down) {
            this(file, version, sql, firstLine, transactional, down, null);
        }

        /** Where a finding at {@code line} of {@code sql} is in the file: generated SQL has no lines of its own, so the changeSet's. */
        int fileLine(int line) {
            if (changeSet != null && changeSet.sqlLine() == 0) {
                return changeSet.line();
            }
            return line + firstLine - 1;
        }

        /**
         * {@link #fileLine(int)}, for a Liquibase changeSet read from the file: Liquibase's SQL drops the comments and
         * blank lines of formatted SQL and sits inside XML or YAML, so the line is the first one from the changeSet's
         * own that holds the SQL line's text; {@link #fileLine(int)} when none does.
         */
        int fileLine(int line, RepoIndex index) {
            if (changeSet == null) {
                return fileLine(line);
            }
            String[] sqlLines = sql.split("\n", -1);
            String text = line >= 1 && line <= sqlLines.length ? sqlLines[line - 1].strip() : "";
            if (!text.isEmpty()) {
                String[] lines = index.read(file).orElse("").split("\n", -1);
                for (int i = Math.max(0, changeSet.line() - 1); i < lines.length; i++) {
                    if (lines[i].contains(text)) {
                        return i + 1;
                    }
                }
            }
            return fileLine(line);
        }

        /** "changeSet id (author): " for Liquibase, so a finding names the changeSet; empty otherwise. */
        String prefix() {
            return changeSet == null ? "" : changeSet.label() + ": ";
        }
    }

    record Down(String file, String sql, int firstLine) {
    }

    private static final Pattern FLYWAY_V = Pattern.compile("^V(\\d[\\d._]*)__.+\\.sql$");
    private static final Pattern FLYWAY_U = Pattern.compile("^U(\\d[\\d._]*)__.+\\.sql$");
    private static final Pattern ONLINE_ONLY = Pattern.compile("(?is)^\\s*(SET\\b.*|CREATE\\s+(UNIQUE\\s+)?INDEX\\s+CONCURRENTLY\\b.*|"
            + "DROP\\s+INDEX\\s+CONCURRENTLY\\b.*|REINDEX\\b.*CONCURRENTLY\\b.*|DO\\s+\\$\\$.*COMMIT;.*)$");

    private final List<Migration> all;
    private final Set<String> files;
    private final RepoIndex index;
    private final MigrationSet set;
    private final Dialect dialect;
    /** Why Liquibase could not read the changelog, or null. */
    private final String problem;
    /** Folders in the migration locations named like a migration file: the framework skips or misreads them. */
    private final List<String> directories;
    private Map<String, String> baseChecksums;
    private String baseProblem;
    private boolean baseRead;

    private Migrations(List<Migration> all, Set<String> files, RepoIndex index, MigrationSet set, Dialect dialect, String problem,
                       List<String> directories) {
        this.all = all;
        this.files = files;
        this.index = index;
        this.set = set;
        this.dialect = dialect;
        this.problem = problem;
        this.directories = directories;
    }

    static Migrations of(RepoIndex index, MigrationFramework framework, MigrationSet set) {
        return of(index, framework, set, Dialect.POSTGRESQL);
    }

    static Migrations of(RepoIndex index, MigrationFramework framework, MigrationSet set, Dialect dialect) {
        List<Migration> all = new ArrayList<>();
        Set<String> files = new LinkedHashSet<>();
        if (set.unsupported() != null) {
            return new Migrations(List.of(), Set.of(), index, set, dialect, null, List.of());
        }
        String problem = null;
        if (set.liquibase() != null) {
            LiquibaseRunner.Changelog changelog = LiquibaseRunner.read(index.root(), set.liquibase(), dialect);
            problem = changelog.problem();
            files.add(set.liquibase().master());
            framework.locations().stream().filter(index::exists).forEach(files::add);
            for (LiquibaseRunner.ChangeSet cs : changelog.changeSets()) {
                files.add(cs.file());
                int first = cs.sqlLine() > 0 ? cs.sqlLine() : Math.max(1, cs.line());
                String stamp = formattedSqlStamp(index, cs);
                all.add(new Migration(cs.file(), Integer.toString(cs.ordinal()), stamp == null ? cs.sql() : "-- " + stamp + "\n" + cs.sql(),
                        first, cs.transactional() && !onlineOnly(cs.sql()), null, cs));
            }
        } else if (framework.name().equals("flyway")) {
            Map<String, String> undo = new LinkedHashMap<>();
            for (String location : set.flywayLocations()) {
                for (String folder : List.of(location, location + "-down")) {
                    index.filesUnder(folder).forEach(f -> {
                        Matcher u = FLYWAY_U.matcher(RepoIndex.fileName(f));
                        if (u.matches()) {
                            undo.put(normal(u.group(1)), f);
                            files.add(f);
                        }
                    });
                }
            }
            for (String location : set.flywayLocations()) {
                index.filesUnder(location).forEach(f -> {
                    String name = RepoIndex.fileName(f);
                    Matcher v = FLYWAY_V.matcher(name);
                    if (name.endsWith(".sql") || name.endsWith(".sql.conf")) {
                        files.add(f);
                    }
                    if (!v.matches()) {
                        return;
                    }
                    String sql = index.read(f).orElse("");
                    boolean nonTransactional = index.read(f + ".conf").map(c -> c.matches("(?s).*executeInTransaction\\s*=\\s*false.*")).orElse(false);
                    String u = undo.get(normal(v.group(1)));
                    Down down = u == null ? null : new Down(u, index.read(u).orElse(""), 1);
                    all.add(new Migration(f, v.group(1).replace('_', '.'), sql, 1, !nonTransactional && !onlineOnly(sql), down));
                });
            }
        } else {
            for (MigrationSet.UpScript script : set.scripts()) {
                files.add(script.file());
                String text = index.read(script.file()).orElse("");
                boolean declaredNonTransactional = text.contains("transaction:false") || text.toUpperCase(Locale.ROOT).contains("+GOOSE NO TRANSACTION");
                all.add(new Migration(script.file(), script.version(), script.sql(), script.firstLine(),
                        !declaredNonTransactional && !onlineOnly(script.sql()), down(index, script, text, files)));
            }
        }
        all.sort(Comparator.comparing(Migration::version, VersionScheme.ORDER));
        return new Migrations(List.copyOf(all), files, index, set, dialect, problem, misnamedDirectories(index, framework, set));
    }

    private static final Pattern MIGRATION_LIKE = Pattern.compile("(?i).+\\.(sql|xml|ya?ml|json)$");

    /**
     * Directories inside the migration folders whose names look like migration files ({@code V5__x.sql/},
     * {@code 003-add.xml/}): the framework reads no migration from them, so the change they were meant to hold is
     * silently missing. Read from the file system: the index lists files only.
     */
    private static List<String> misnamedDirectories(RepoIndex index, MigrationFramework framework, MigrationSet set) {
        Set<String> folders = new LinkedHashSet<>(set.flywayLocations());
        if (set.liquibase() != null) {
            framework.locations().stream().filter(l -> !index.exists(l)).forEach(folders::add);
            folders.add(RepoIndex.parent(set.liquibase().master()));
        } else if (!framework.name().equals("flyway")) {
            folders.addAll(framework.locations());
        }
        List<String> found = new ArrayList<>();
        for (String folder : folders) {
            java.nio.file.Path dir = folder.isEmpty() ? index.root() : index.root().resolve(folder);
            if (!java.nio.file.Files.isDirectory(dir)) {
                continue;
            }
            try (java.util.stream.Stream<java.nio.file.Path> walk = java.nio.file.Files.walk(dir, 4)) {
                walk.filter(p -> !p.equals(dir) && java.nio.file.Files.isDirectory(p) && MIGRATION_LIKE.matcher(p.getFileName().toString()).matches())
                        .map(p -> index.root().relativize(p).toString().replace('\\', '/')).sorted().forEach(found::add);
            } catch (java.io.IOException | java.io.UncheckedIOException e) {
                // an unreadable folder: the apply reports what it cannot read
            }
        }
        return List.copyOf(new LinkedHashSet<>(found));
    }

    /** Why Liquibase could not read the changelog, or null. */
    String problem() {
        return problem;
    }

    List<String> misnamedDirectories() {
        return directories;
    }

    /** Whether the changeSet is declared runOnChange (editing it is then the point), read from its header line. */
    boolean runsOnChange(Migration m) {
        List<String> lines = index.lines(m.file());
        int at = m.changeSet().line();
        if (at <= 0 || at > lines.size()) {
            return false;
        }
        String header = String.join(" ", lines.subList(at - 1, Math.min(lines.size(), at + 3)));
        return header.matches("(?i).*runOnChange\\s*[=:]\\s*[\"']?true.*");
    }

    /** Why the changelog at the git base could not be read, when {@link #baseChecksums} is null. */
    String baseProblem() {
        return baseProblem;
    }

    boolean liquibase() {
        return set.liquibase() != null;
    }

    /** Files that hold only statements that cannot run in a transaction: Flyway and friends run them outside one. */
    private static boolean onlineOnly(String sql) {
        List<SqlStatement> statements = SqlScript.split(sql, Dialect.POSTGRESQL);
        return !statements.isEmpty() && statements.stream().allMatch(s -> ONLINE_ONLY.matcher(s.text()).matches())
                && statements.stream().anyMatch(s -> !s.text().strip().toUpperCase(Locale.ROOT).startsWith("SET"));
    }

    private static Down down(RepoIndex index, MigrationSet.UpScript script, String text, Set<String> files) {
        if (script.file().endsWith(".up.sql")) {
            String downFile = script.file().substring(0, script.file().length() - ".up.sql".length()) + ".down.sql";
            files.add(downFile);
            return index.read(downFile).map(sql -> new Down(downFile, sql, 1)).orElse(null);
        }
        Matcher m = Pattern.compile("(?im)^\\s*--\\s*(migrate:down|\\+goose\\s+down)[^\\n]*\\n").matcher(text);
        if (m.find()) {
            String sql = text.substring(m.end());
            int line = (int) text.substring(0, m.end()).lines().count() + 1;
            return sql.isBlank() ? null : new Down(script.file(), sql, line);
        }
        return null;
    }

    private static String normal(String version) {
        return String.join(".", java.util.Arrays.stream(version.replace('_', '.').split("\\."))
                .map(p -> p.replaceFirst("^0+(?=\\d)", "")).toList());
    }

    List<Migration> all() {
        return all;
    }

    List<Migration> changedSince(GitChanges git) {
        if (set.liquibase() != null) {
            Map<String, String> base = baseChecksums(git);
            if (base != null) {
                // a changeSet is new when the base has no changeSet with its identity, changed when its checksum differs
                return all.stream().filter(m -> !m.changeSet().checksum().equals(base.get(key(m.changeSet())))).toList();
            }
        }
        return all.stream().filter(m -> git.status(m.file()).map(s -> s == 'A' || s == 'M').orElse(false)).toList();
    }

    /**
     * The approval stamp among a formatted SQL changeSet's comment lines, which Liquibase leaves out of the SQL it
     * generates (XML and YAML changeSets carry it inside their sql): null when there is none or the SQL has it already.
     */
    private static String formattedSqlStamp(RepoIndex index, LiquibaseRunner.ChangeSet cs) {
        if (!cs.file().endsWith(".sql") || cs.sql() == null || cs.sql().contains(dev.plc.sql.ApprovalStamp.MARK) || cs.line() < 1) {
            return null;
        }
        String[] lines = index.read(cs.file()).orElse("").split("\n", -1);
        for (int i = cs.line(); i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.matches("(?i)--\\s*changeset\\b.*")) {
                break; // the next changeSet
            }
            if (line.startsWith("--") && line.contains(dev.plc.sql.ApprovalStamp.MARK)) {
                return line.substring(2).strip();
            }
        }
        return null;
    }

    /** Liquibase's identity of a changeSet: file, id, author. */
    static String key(LiquibaseRunner.ChangeSet cs) {
        return cs.file() + "::" + cs.id() + "::" + cs.author();
    }

    /**
     * The checksum of every changeSet of the changelog as it was at the git base, by {@link #key}; empty when no
     * changelog file changed, null when the base could not be read (then whole changed files count as new).
     */
    Map<String, String> baseChecksums(GitChanges git) {
        if (baseRead) {
            return baseChecksums;
        }
        baseRead = true;
        boolean touched = files.stream().anyMatch(f -> git.status(f).isPresent());
        if (!touched) {
            Map<String, String> same = new LinkedHashMap<>();
            all.forEach(m -> same.put(key(m.changeSet()), m.changeSet().checksum()));
            baseChecksums = same;
            return same;
        }
        java.nio.file.Path copy = null;
        try {
            copy = java.nio.file.Files.createTempDirectory("plc-liquibase-base-");
            Set<String> wanted = new LinkedHashSet<>(files);
            // every file of the changelog folders: includeAll reads folders, and changeSets filtered out by context are files too
            Set<String> folders = new LinkedHashSet<>(List.of(RepoIndex.parent(set.liquibase().master())));
            files.stream().map(RepoIndex::parent).forEach(folders::add);
            for (String folder : folders) {
                index.filesUnder(folder).forEach(wanted::add);
            }
            for (GitChanges.Change change : git.all()) {
                if (change.status() == 'D' || change.status() == 'R') {
                    wanted.add(change.path()); // a changelog file deleted since the base was part of it
                }
            }
            for (String file : wanted) {
                char status = git.status(file).orElse(' ');
                Optional<String> text = status == ' ' ? index.read(file) : status == 'A' ? Optional.empty() : git.atBase(file);
                if (text.isPresent()) {
                    java.nio.file.Path target = copy.resolve(file);
                    java.nio.file.Files.createDirectories(target.getParent());
                    java.nio.file.Files.writeString(target, text.get());
                }
            }
            if (!java.nio.file.Files.exists(copy.resolve(set.liquibase().master()))) {
                baseChecksums = Map.of(); // no changelog at the base: everything is new
                return baseChecksums;
            }
            LiquibaseRunner.Changelog base = LiquibaseRunner.read(copy, set.liquibase(), dialect);
            if (base.problem() != null) {
                baseProblem = base.problem();
                return null;
            }
            Map<String, String> sums = new LinkedHashMap<>();
            base.changeSets().forEach(cs -> sums.put(key(cs), cs.checksum()));
            baseChecksums = sums;
            return sums;
        } catch (java.io.IOException e) {
            return null;
        } finally {
            deleteQuietly(copy);
        }
    }

    private static void deleteQuietly(java.nio.file.Path dir) {
        if (dir == null) {
            return;
        }
        try (java.util.stream.Stream<java.nio.file.Path> walk = java.nio.file.Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            // a temp folder left behind holds only changelog text
        }
    }

    boolean isMigrationFile(String path) {
        return files.contains(path);
    }

    Map<String, List<String>> duplicateVersions() {
        Map<String, List<String>> byVersion = new LinkedHashMap<>();
        for (Migration m : all) {
            byVersion.computeIfAbsent(normal(m.version()), v -> new ArrayList<>()).add(m.file());
        }
        byVersion.values().removeIf(list -> list.size() < 2);
        return byVersion;
    }

    static Comparator<String> order() {
        return VersionScheme.ORDER;
    }

    private static final Pattern TOUCHES = Pattern.compile("(?i)\\b(?:ALTER\\s+TABLE(?:\\s+IF\\s+EXISTS)?(?:\\s+ONLY)?|ON|UPDATE|"
            + "DELETE\\s+FROM|INSERT\\s+INTO|RENAME\\s+TABLE)\\s+[`\"]?(?:\\w+[`\"]?\\.[`\"]?)?(\\w+)[`\"]?");

    static Set<String> touchedTables(String sql) {
        Set<String> tables = new LinkedHashSet<>();
        Matcher m = TOUCHES.matcher(sql);
        while (m.find()) {
            tables.add(m.group(1));
        }
        return tables;
    }

    Optional<Migration> find(String file) {
        return all.stream().filter(m -> m.file().equals(file)).findFirst();
    }
}
