package dev.plc.apply;

import dev.plc.db.DatabaseErrors;
import dev.plc.db.Dialect;
import dev.plc.db.ScratchDatabase;
import dev.plc.db.Secrets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;

/** Applies a repo's migrations from scratch to a throwaway database, with Flyway, bounded by a timeout. */
public final class MigrationApplier {

    private static final ExecutorService WORKERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "plc-apply");
        t.setDaemon(true);
        return t;
    });

    /**
     * Largest migration file this tool applies (the same bound as the text it reads from a repo). A larger file is
     * refused with a clear failure: reading and executing it would take unbounded time and memory.
     */
    public static final long MAX_MIGRATION_BYTES = dev.plc.repo.RepoIndex.MAX_TEXT_BYTES;

    private final Path repoRoot;
    private final boolean direct;

    public MigrationApplier(Path repoRoot) {
        this(repoRoot, true);
    }

    /** {@code direct} false: always Flyway's migrate (tests compare the two paths). */
    MigrationApplier(Path repoRoot, boolean direct) {
        this.repoRoot = repoRoot;
        this.direct = direct;
    }

    /** Applies {@code set} to {@code db}. Never throws for a migration failure: the result carries it. */
    public ApplyResult apply(ScratchDatabase db, MigrationSet set, Duration timeout) {
        return apply(db, set, timeout, null);
    }

    /**
     * Applies {@code set} up to and including {@code target} (a version; null: everything). Never throws for a
     * migration failure: the result carries it.
     */
    public ApplyResult apply(ScratchDatabase db, MigrationSet set, Duration timeout, String target) {
        long start = System.nanoTime();
        if (set.unsupported() != null) {
            throw new IllegalArgumentException(set.unsupported());
        }
        if (set.liquibase() != null) {
            // Liquibase counts changeSets: the target is the ordinal of the last one to run
            return LiquibaseRunner.update(repoRoot, db, set.liquibase(), timeout, target == null ? null : Integer.valueOf(target));
        }
        Path staging = null;
        Future<Flyway> loading = null;
        try {
            Map<String, MigrationSet.UpScript> staged = new HashMap<>();
            List<String> locations = new ArrayList<>();
            for (String location : set.flywayLocations()) {
                locations.add("filesystem:" + repoRoot.resolve(location));
            }
            if (!set.scripts().isEmpty()) {
                staging = Files.createTempDirectory("plc-apply-");
                locations.add("filesystem:" + staging);
            }
            // Flyway's configuration is built while the files are checked: building it reads none of them (Flyway
            // scans its locations in info/migrate, after the checks), and it takes as long (it copies every plugin's
            // settings). Built for the usual case, a repo without placeholders; built again in the other
            loading = WORKERS.submit(() -> load(db, locations, false, target));
            List<Path> files = new ArrayList<>();
            Optional<ApplyResult.Failure> oversized = oversized(set, files);
            if (oversized.isPresent()) {
                return new ApplyResult(0, oversized.get(), set.warnings(), millisSince(start));
            }
            if (staging != null) {
                stage(set.scripts(), staging, staged);
            }
            Flyway flyway = usesPlaceholders(set, files) ? load(db, locations, true, target) : loaded(loading);
            Future<Migrated> run = WORKERS.submit(() -> migrate(flyway, db.dialect(), direct));
            try {
                Migrated result = run.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                List<String> warnings = new ArrayList<>(set.warnings());
                warnings.addAll(result.warnings());
                return new ApplyResult(result.applied(), null, warnings, millisSince(start));
            } catch (TimeoutException e) {
                String waiting = LockReport.describe(db);
                run.cancel(true);
                return new ApplyResult(0, new ApplyResult.Failure(null, 0, null,
                        ApplyResult.TIMED_OUT + timeout.toSeconds() + " s; "
                                + (waiting == null ? "a statement is probably waiting for a lock" : waiting), null),
                        set.warnings(), millisSince(start));
            } catch (ExecutionException e) {
                return new ApplyResult(0, historyGone(failure(e.getCause(), staged), set, files), set.warnings(), millisSince(start));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                run.cancel(true);
                return new ApplyResult(0, new ApplyResult.Failure(null, 0, null, "interrupted", null), set.warnings(), millisSince(start));
            }
        } catch (IOException e) {
            return new ApplyResult(0, new ApplyResult.Failure(null, 0, null, "could not stage migrations: " + e.getMessage(), null),
                    set.warnings(), millisSince(start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ApplyResult(0, new ApplyResult.Failure(null, 0, null, "interrupted", null), set.warnings(), millisSince(start));
        } finally {
            if (loading != null) {
                loading.cancel(true);
            }
            deleteQuietly(staging);
        }
    }

    /**
     * Flyway for {@code locations} on {@code db}; without {@code placeholders}, Flyway's parser reads the scripts
     * without its placeholder layer (checksums are of the file as it is, so the history is the same).
     */
    private static Flyway load(ScratchDatabase db, List<String> locations, boolean placeholders, String target) {
        FluentConfiguration config = configure(db, locations);
        if (!placeholders) {
            config.placeholderReplacement(false);
        }
        if (target != null) {
            config.target(target);
        }
        return config.load();
    }

    /** What {@code loading} built, or threw. */
    private static Flyway loaded(Future<Flyway> loading) throws InterruptedException {
        try {
            return loading.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private record Migrated(int applied, List<String> warnings) {
    }

    /** The direct path where its preconditions hold (see {@link DirectMigrate}), else Flyway's migrate. */
    private static Migrated migrate(Flyway flyway, Dialect dialect, boolean tryDirect) throws SQLException {
        Optional<Integer> direct = tryDirect ? DirectMigrate.migrate(flyway, dialect) : Optional.empty();
        if (direct.isPresent()) {
            return new Migrated(direct.get(), List.of());
        }
        MigrateResult result = flyway.migrate();
        return new Migrated(result.migrationsExecuted, result.warnings == null ? List.of() : result.warnings);
    }

    /**
     * Flyway's validate (checksums, missing, duplicate and out-of-order versions) against what was applied to
     * {@code db}. The messages, or an empty list when valid.
     */
    public List<String> validate(ScratchDatabase db, MigrationSet set) {
        if (set.liquibase() != null) {
            return LiquibaseRunner.validate(repoRoot, db, set.liquibase(), Duration.ofMinutes(2));
        }
        Path staging = null;
        try {
            List<String> locations = new ArrayList<>();
            for (String location : set.flywayLocations()) {
                locations.add("filesystem:" + repoRoot.resolve(location));
            }
            if (!set.scripts().isEmpty()) {
                staging = Files.createTempDirectory("plc-validate-");
                stage(set.scripts(), staging, new HashMap<>());
                locations.add("filesystem:" + staging);
            }
            org.flywaydb.core.api.output.ValidateResult result = configure(db, locations).load().validateWithResult();
            List<String> errors = new ArrayList<>();
            if (!result.validationSuccessful) {
                if (result.invalidMigrations != null) {
                    result.invalidMigrations.forEach(m -> errors.add((m.filepath == null ? "" : relative(m.filepath) + ": ")
                            + (m.errorDetails == null ? "invalid" : DatabaseErrors.clean(m.errorDetails.errorMessage))));
                }
                if (errors.isEmpty() && result.errorDetails != null) {
                    errors.add(DatabaseErrors.clean(result.errorDetails.errorMessage));
                }
            }
            return errors;
        } catch (IOException | FlywayException e) {
            return List.of(firstLines(DatabaseErrors.describe(e)));
        } finally {
            deleteQuietly(staging);
        }
    }

    /** Whether the file is over {@link #MAX_MIGRATION_BYTES} (false when it cannot be read). */
    public static boolean tooLarge(Path file) {
        try {
            return Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS) && Files.size(file) > MAX_MIGRATION_BYTES;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Flyway reads its locations itself and follows symbolic links; RepoIndex never does. A link in a migration folder
     * that leads out of the repository is refused, so nothing outside the repo is ever applied.
     */
    private Optional<ApplyResult.Failure> outsideTheRepo(Path file) {
        if (!Files.isSymbolicLink(file)) {
            return Optional.empty();
        }
        String relative = repoRoot.relativize(file).toString().replace('\\', '/');
        if (Files.isDirectory(file)) {
            return Optional.of(new ApplyResult.Failure(relative, 0, null, relative + " is a symbolic link to a folder; Flyway would "
                    + "follow it (into loops, duplicate versions or files outside the repository): replace it with the files it links to", null));
        }
        try {
            if (file.toRealPath().startsWith(repoRoot.toRealPath())) {
                return Optional.empty();
            }
        } catch (IOException e) {
            return Optional.of(new ApplyResult.Failure(relative, 0, null, relative + " is a symbolic link that cannot be resolved ("
                    + e.getMessage() + "); remove it from the migration folder", null));
        }
        return Optional.of(new ApplyResult.Failure(relative, 0, null, relative + " is a symbolic link to outside the repository; "
                + "this tool applies only the repo's own files: copy the migration into the repo or remove the link", null));
    }

    /**
     * A named pipe, socket or device in a migration folder: Flyway would open it and wait forever for bytes that never
     * come, so it is refused by name before anything runs.
     */
    private Optional<ApplyResult.Failure> notAFile(Path file) {
        if (Files.isDirectory(file) || Files.isRegularFile(file) || Files.isSymbolicLink(file)) {
            return Optional.empty();
        }
        String relative = repoRoot.relativize(file).toString().replace('\\', '/');
        return Optional.of(new ApplyResult.Failure(relative, 0, null, relative + " is not a regular file (a named pipe, socket or "
                + "device): reading it would block, so nothing was applied; remove it from the migration folder", null));
    }

    /**
     * The first migration file of the set that is too large to apply (or a link out of the repo), as a failure. Adds
     * the regular files of the Flyway locations to {@code files} (null for a folder that could not be read), so they
     * are walked once.
     */
    private Optional<ApplyResult.Failure> oversized(MigrationSet set, List<Path> files) {
        List<Path> candidates = new ArrayList<>();
        for (MigrationSet.UpScript script : set.scripts()) {
            candidates.add(repoRoot.resolve(script.file()));
        }
        for (String location : set.flywayLocations()) {
            Path dir = repoRoot.resolve(location);
            if (Files.isDirectory(dir)) {
                try (java.util.stream.Stream<Path> walk = Files.walk(dir)) {
                    for (Path f : (Iterable<Path>) walk::iterator) {
                        Optional<ApplyResult.Failure> outside = outsideTheRepo(f);
                        if (outside.isPresent()) {
                            return outside;
                        }
                        Optional<ApplyResult.Failure> special = notAFile(f);
                        if (special.isPresent()) {
                            return special;
                        }
                        String name = f.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
                        if (name.endsWith(".sql")) {
                            candidates.add(f);
                        }
                        if (!name.endsWith(".java") && Files.isRegularFile(f)) {
                            files.add(f);
                        }
                    }
                } catch (IOException | java.io.UncheckedIOException e) {
                    // an unreadable folder: Flyway reports what it cannot read
                    files.add(null);
                }
            }
        }
        for (Path file : candidates.stream().sorted().toList()) {
            if (tooLarge(file)) {
                long size;
                try {
                    size = Files.size(file);
                } catch (IOException e) {
                    size = -1;
                }
                String relative = repoRoot.relativize(file).toString().replace('\\', '/');
                return Optional.of(new ApplyResult.Failure(relative, 0, null, "migration file " + relative + " is " + (size >> 20)
                        + " MB, over the " + (MAX_MIGRATION_BYTES >> 20) + " MB this tool applies; it was not applied (nor anything after it). "
                        + "Split it into smaller migrations, or load bulk data outside the schema migrations", null));
            }
        }
        return Optional.empty();
    }

    private static FluentConfiguration configure(ScratchDatabase db, List<String> locations) {
        FluentConfiguration config = Flyway.configure(MigrationApplier.class.getClassLoader())
                .dataSource(db.jdbcUrl(), db.user(), db.password())
                .locations(locations.toArray(String[]::new))
                .failOnMissingLocations(false)
                .cleanDisabled(true)
                .mixed(true)
                .validateMigrationNaming(false)
                .connectRetries(0)
                .encoding(StandardCharsets.UTF_8);
        if (db.dialect() == Dialect.POSTGRESQL) {
            // Flyway's transactional advisory lock makes CREATE INDEX CONCURRENTLY wait on Flyway itself forever
            // (flyway.postgresql.transactional.lock=false, set on the plugin: cheaper than parsing a property map)
            config.getPluginRegister().getPlugin(PostgreSQLConfigurationExtension.class).setTransactionalLock(false);
        }
        return config;
    }

    /**
     * Whether any migration of the set holds a Flyway placeholder ({@code ${...}} or a script placeholder {@code FP__}):
     * its scripts, or {@code files}, the regular files of its Flyway locations (a null among them: a folder that could
     * not be read).
     */
    private static boolean usesPlaceholders(MigrationSet set, List<Path> files) {
        for (MigrationSet.UpScript script : set.scripts()) {
            if (script.sql().contains("${") || script.sql().contains("FP__")) {
                return true;
            }
        }
        for (Path f : files) {
            if (f == null) {
                return true; // unreadable: leave the decision to Flyway's default
            }
            try {
                String text = Files.readString(f, StandardCharsets.ISO_8859_1);
                if (text.contains("${") || text.contains("FP__")) {
                    return true;
                }
            } catch (IOException | RuntimeException e) {
                return true;
            }
        }
        return false;
    }

    private static void stage(List<MigrationSet.UpScript> scripts, Path staging, Map<String, MigrationSet.UpScript> staged) throws IOException {
        for (MigrationSet.UpScript script : scripts) {
            String name = "V" + script.version() + "__" + script.description().replaceAll("[^A-Za-z0-9]+", "_") + ".sql";
            Files.writeString(staging.resolve(name), script.sql(), StandardCharsets.UTF_8);
            staged.put(name, script);
        }
    }

    private ApplyResult.Failure failure(Throwable error, Map<String, MigrationSet.UpScript> staged) {
        Optional<FlywayInternals.ScriptFailure> failed = FlywayInternals.scriptFailure(error);
        if (failed.isPresent()) {
            FlywayInternals.ScriptFailure script = failed.get();
            String file = script.fileName();
            int line = script.line();
            MigrationSet.UpScript original = script.fileName() == null ? null : staged.get(script.fileName());
            if (original != null) {
                file = original.file();
                line = line + original.firstLine() - 1;
            } else if (script.pathOnDisk() != null) {
                file = relative(script.pathOnDisk());
            }
            SQLException sql = findSqlException(script.cause());
            String message = sql != null ? DatabaseErrors.describe(sql) : DatabaseErrors.clean(script.message());
            return new ApplyResult.Failure(file, line, shorten(script.statement()), firstLines(message), sql == null ? null : sql.getSQLState());
        }
        SQLException sql = findSqlException(error);
        String message = error instanceof FlywayException && sql != null ? withState(DatabaseErrors.clean(error.getMessage()), sql)
                : DatabaseErrors.describe(error);
        // Flyway's parser names the file and line in its text only: "Unable to parse statement in /abs/V4__x.sql at line 3 col 1. ..."
        Matcher where = PARSE_ERROR.matcher(message);
        if (where.find()) {
            String file = where.group(1);
            MigrationSet.UpScript original = staged.get(Path.of(file).getFileName().toString());
            int line = Integer.parseInt(where.group(2));
            String rest = message.substring(where.end()).replaceFirst("^\\s*See https?://\\S+ for more information\\.\\s*", "").strip();
            return new ApplyResult.Failure(original != null ? original.file() : relative(file), original != null ? line + original.firstLine() - 1 : line,
                    null, firstLines("Flyway cannot parse this statement: " + (rest.isEmpty() ? message : rest)), sql == null ? null : sql.getSQLState());
        }
        return new ApplyResult.Failure(null, 0, null, firstLines(message), sql == null ? null : sql.getSQLState());
    }

    /**
     * A failure that names no file because Flyway could not write its history (the table is gone: a migration ran
     * {@code DROP SCHEMA ... CASCADE}, {@code DROP OWNED} or dropped the table itself) is the work of the migration
     * that dropped it: the last, in version order, whose text does that, at the line where it does.
     */
    private ApplyResult.Failure historyGone(ApplyResult.Failure f, MigrationSet set, List<Path> files) {
        if (f == null || f.file() != null || f.message() == null || !f.message().toLowerCase(java.util.Locale.ROOT).contains(HISTORY_TABLE)) {
            return f;
        }
        record Candidate(String file, String version, String sql, int firstLine) {
        }
        List<Candidate> candidates = new ArrayList<>();
        for (MigrationSet.UpScript script : set.scripts()) {
            candidates.add(new Candidate(script.file(), script.version(), script.sql(), script.firstLine()));
        }
        for (Path file : files) {
            Matcher version = VERSIONED.matcher(file.getFileName().toString());
            if (version.find() && file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".sql")) {
                try {
                    candidates.add(new Candidate(relative(file.toString()), version.group(1).replace('_', '.'), Files.readString(file), 1));
                } catch (IOException | RuntimeException unreadable) {
                    // not a migration this can read: it cannot be the one named
                }
            }
        }
        String culprit = null;
        String culpritVersion = null;
        int line = 0;
        for (Candidate c : candidates) {
            Matcher drops = DROPS_HISTORY.matcher(c.sql());
            if (drops.find() && (culpritVersion == null || dev.plc.repo.migrations.VersionScheme.ORDER.compare(c.version(), culpritVersion) > 0)) {
                culprit = c.file();
                culpritVersion = c.version();
                line = c.firstLine() + (int) c.sql().substring(0, drops.start()).chars().filter(ch -> ch == '\n').count();
            }
        }
        String message = "the migrations ran, but Flyway could not record them: its history table " + HISTORY_TABLE + " is gone"
                + (culprit == null ? " (a migration dropped it: DROP SCHEMA ... CASCADE, DROP OWNED, or the table itself)" : ", dropped by this statement")
                + "; " + f.message();
        return new ApplyResult.Failure(culprit, line, null, message, f.sqlState());
    }

    private static final String HISTORY_TABLE = "flyway_schema_history";
    private static final Pattern DROPS_HISTORY = Pattern.compile("(?i)\\bDROP\\s+(?:SCHEMA|OWNED|DATABASE)\\b|\\bflyway_schema_history\\b");
    private static final Pattern VERSIONED = Pattern.compile("^[VU](\\d[\\d._]*)__");

    private static final Pattern PARSE_ERROR = Pattern.compile("Unable to parse statement in (\\S+) at line (\\d+)(?: col \\d+)?\\.?");

    private static String withState(String message, SQLException sql) {
        String state = sql.getSQLState();
        return state == null || message.contains(state) ? message : message + " (SQLSTATE " + state + ")";
    }

    private String relative(String absolute) {
        if (absolute == null) {
            return null;
        }
        Path path = Path.of(absolute);
        return path.startsWith(repoRoot) ? repoRoot.relativize(path).toString().replace('\\', '/') : absolute;
    }

    private static SQLException findSqlException(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }

    private static String firstLines(String message) {
        if (message == null) {
            return "unknown error";
        }
        String trimmed = message.strip();
        return trimmed.length() > 1000 ? trimmed.substring(0, 1000) + "..." : trimmed;
    }

    private static String shorten(String statement) {
        if (statement == null) {
            return null;
        }
        String s = statement.strip();
        return s.length() > 500 ? s.substring(0, 500) + "..." : s;
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder; the OS cleans it eventually
        }
    }
}
