package dev.plc.apply;

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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.internal.sqlscript.FlywaySqlScriptException;

/** Applies a repo's migrations from scratch to a throwaway database, with Flyway, bounded by a timeout. */
public final class MigrationApplier {

    private static final ExecutorService WORKERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "plc-apply");
        t.setDaemon(true);
        return t;
    });

    private final Path repoRoot;

    public MigrationApplier(Path repoRoot) {
        this.repoRoot = repoRoot;
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
        Path staging = null;
        try {
            Map<String, MigrationSet.UpScript> staged = new HashMap<>();
            List<String> locations = new ArrayList<>();
            for (String location : set.flywayLocations()) {
                locations.add("filesystem:" + repoRoot.resolve(location));
            }
            if (!set.scripts().isEmpty()) {
                staging = Files.createTempDirectory("plc-apply-");
                stage(set.scripts(), staging, staged);
                locations.add("filesystem:" + staging);
            }
            FluentConfiguration config = configure(db, locations);
            if (target != null) {
                config.target(target);
            }
            Flyway flyway = config.load();
            Future<MigrateResult> run = WORKERS.submit(flyway::migrate);
            try {
                MigrateResult result = run.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                List<String> warnings = new ArrayList<>(set.warnings());
                if (result.warnings != null) {
                    warnings.addAll(result.warnings);
                }
                return new ApplyResult(result.migrationsExecuted, null, warnings, millisSince(start));
            } catch (TimeoutException e) {
                String waiting = LockReport.describe(db);
                run.cancel(true);
                return new ApplyResult(0, new ApplyResult.Failure(null, 0, null,
                        "applying the migrations did not finish within " + timeout.toSeconds() + " s; "
                                + (waiting == null ? "a statement is probably waiting for a lock" : waiting), null),
                        set.warnings(), millisSince(start));
            } catch (ExecutionException e) {
                return new ApplyResult(0, failure(e.getCause(), staged), set.warnings(), millisSince(start));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                run.cancel(true);
                return new ApplyResult(0, new ApplyResult.Failure(null, 0, null, "interrupted", null), set.warnings(), millisSince(start));
            }
        } catch (IOException e) {
            return new ApplyResult(0, new ApplyResult.Failure(null, 0, null, "could not stage migrations: " + e.getMessage(), null),
                    set.warnings(), millisSince(start));
        } finally {
            deleteQuietly(staging);
        }
    }

    /**
     * Flyway's validate (checksums, missing, duplicate and out-of-order versions) against what was applied to
     * {@code db}. The messages, or an empty list when valid.
     */
    public List<String> validate(ScratchDatabase db, MigrationSet set) {
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
                            + (m.errorDetails == null ? "invalid" : m.errorDetails.errorMessage)));
                }
                if (errors.isEmpty() && result.errorDetails != null) {
                    errors.add(result.errorDetails.errorMessage);
                }
            }
            return errors;
        } catch (IOException | FlywayException e) {
            return List.of(Secrets.redact(String.valueOf(e.getMessage())));
        } finally {
            deleteQuietly(staging);
        }
    }

    private static FluentConfiguration configure(ScratchDatabase db, List<String> locations) {
        Map<String, String> props = new HashMap<>();
        if (db.dialect() == Dialect.POSTGRESQL) {
            // Flyway's transactional advisory lock makes CREATE INDEX CONCURRENTLY wait on Flyway itself forever
            props.put("flyway.postgresql.transactional.lock", "false");
        }
        return Flyway.configure(MigrationApplier.class.getClassLoader())
                .configuration(props)
                .dataSource(db.jdbcUrl(), db.user(), db.password())
                .locations(locations.toArray(String[]::new))
                .failOnMissingLocations(false)
                .cleanDisabled(true)
                .mixed(true)
                .validateMigrationNaming(false)
                .connectRetries(0)
                .encoding(StandardCharsets.UTF_8);
    }

    private static void stage(List<MigrationSet.UpScript> scripts, Path staging, Map<String, MigrationSet.UpScript> staged) throws IOException {
        for (MigrationSet.UpScript script : scripts) {
            String name = "V" + script.version() + "__" + script.description().replaceAll("[^A-Za-z0-9]+", "_") + ".sql";
            Files.writeString(staging.resolve(name), script.sql(), StandardCharsets.UTF_8);
            staged.put(name, script);
        }
    }

    private ApplyResult.Failure failure(Throwable error, Map<String, MigrationSet.UpScript> staged) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof FlywaySqlScriptException script) {
                String fileName = script.getResource() == null ? null : script.getResource().getFilename();
                String file = fileName;
                int line = script.getLineNumber();
                MigrationSet.UpScript original = fileName == null ? null : staged.get(fileName);
                if (original != null) {
                    file = original.file();
                    line = line + original.firstLine() - 1;
                } else if (script.getResource() != null) {
                    file = relative(script.getResource().getAbsolutePathOnDisk());
                }
                SQLException sql = findSqlException(script);
                String message = sql != null ? sql.getMessage() : script.getMessage();
                return new ApplyResult.Failure(file, line, shorten(script.getStatement()), Secrets.redact(firstLines(message)),
                        sql == null ? null : sql.getSQLState());
            }
        }
        SQLException sql = findSqlException(error);
        String message = error instanceof FlywayException ? error.getMessage() : String.valueOf(error);
        return new ApplyResult.Failure(null, 0, null, Secrets.redact(firstLines(message)), sql == null ? null : sql.getSQLState());
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
