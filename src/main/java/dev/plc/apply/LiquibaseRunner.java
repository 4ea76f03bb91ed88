package dev.plc.apply;

import dev.plc.db.DatabaseErrors;
import dev.plc.db.Dialect;
import dev.plc.db.ScratchDatabase;
import dev.plc.repo.RepoIndex;
import dev.plc.repo.migrations.LiquibaseSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import liquibase.ChecksumVersion;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.UpdateSummaryEnum;
import liquibase.change.Change;
import liquibase.change.ChangeFactory;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.filter.ChangeSetFilter;
import liquibase.changelog.filter.ContextChangeSetFilter;
import liquibase.changelog.filter.DbmsChangeSetFilter;
import liquibase.changelog.filter.IgnoreChangeSetFilter;
import liquibase.changelog.filter.LabelChangeSetFilter;
import liquibase.changelog.visitor.AbstractChangeExecListener;
import liquibase.command.CommandScope;
import liquibase.command.core.RollbackCountCommandStep;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.UpdateCountCommandStep;
import liquibase.command.core.ValidateCommandStep;
import liquibase.command.core.helpers.ChangeExecListenerCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.command.core.helpers.ShowSummaryArgument;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.OfflineConnection;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.ValidationFailedException;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.resource.CompositeResourceAccessor;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.resource.ResourceAccessor;
import liquibase.sql.Sql;
import liquibase.sqlgenerator.SqlGeneratorFactory;

/**
 * Runs a repo's Liquibase changelog with the Liquibase library (4.x, Apache 2.0): {@code update} (all, or the first
 * n changeSets), {@code rollbackCount}, {@code validate} on a scratch database, and the changeSets with the SQL
 * Liquibase generates for them (offline, for the linter). Contexts and labels are the repo's.
 */
public final class LiquibaseRunner {

    private static final ExecutorService WORKERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "plc-liquibase");
        t.setDaemon(true);
        return t;
    });
    private static final Pattern FAILED_SQL = Pattern.compile("(?s)\\[Failed SQL: \\(-?\\d+\\)\\s*(.*?)\\]\\s*$");

    private LiquibaseRunner() {
    }

    /**
     * One changeSet that {@code update} runs on an empty database, in run order.
     *
     * @param ordinal         1-based position among the changeSets that run (what {@code updateCount} counts)
     * @param file            repo-relative changelog file that holds it
     * @param line            the line of its header ({@code <changeSet}, {@code id:}, {@code --changeset}), 0 unknown
     * @param sql             the SQL Liquibase generates for it on the repo's dialect (statements end with ';')
     * @param sqlLine         the file line {@code sql} starts at when it is the file's own text (formatted SQL), else 0
     * @param rollbackProblem why Liquibase cannot roll it back (no rollback block and a change it cannot invert), or null
     * @param checksum        Liquibase's checksum of it
     */
    public record ChangeSet(int ordinal, String id, String author, String file, int line, String sql, int sqlLine, boolean transactional,
                            String rollbackProblem, String checksum) {

        public String label() {
            return "changeSet " + id + " (" + author + ")";
        }
    }

    /** The changeSets that run, or why the changelog could not be read. */
    public record Changelog(List<ChangeSet> changeSets, String problem) {
    }

    /** The changelog under {@code root} (the repo, or a copy of it as it was at a git base) and its generated SQL. */
    public static Changelog read(Path root, LiquibaseSettings settings, Dialect dialect) {
        try (CompositeResourceAccessor accessor = accessor(root, settings)) {
            return LiquibaseScope.run(accessor, () -> {
                Database offline = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(
                        new OfflineConnection("offline:" + shortName(dialect), accessor));
                offline.setOutputDefaultSchema(false);
                offline.setOutputDefaultCatalog(false);
                ChangeLogParameters parameters = new ChangeLogParameters(offline);
                parameters.setContexts(new Contexts(settings.contexts()));
                parameters.setLabels(new LabelExpression(settings.labels()));
                DatabaseChangeLog log = ChangeLogParserFactory.getInstance().getParser(settings.changelogPath(), accessor)
                        .parse(settings.changelogPath(), parameters, accessor);
                List<ChangeSetFilter> filters = List.of(new ContextChangeSetFilter(new Contexts(settings.contexts())),
                        new LabelChangeSetFilter(new LabelExpression(settings.labels())), new DbmsChangeSetFilter(offline), new IgnoreChangeSetFilter());
                List<ChangeSet> out = new ArrayList<>();
                for (liquibase.changelog.ChangeSet cs : log.getChangeSets()) {
                    if (filters.stream().allMatch(f -> f.accepts(cs).isAccepted())) {
                        out.add(describe(root, settings, cs, offline, out.size() + 1));
                    }
                }
                return new Changelog(List.copyOf(out), null);
            });
        } catch (Exception e) {
            return new Changelog(List.of(), "Liquibase cannot read the changelog " + settings.master() + ": " + message(e));
        }
    }

    private static ChangeSet describe(Path root, LiquibaseSettings settings, liquibase.changelog.ChangeSet cs, Database offline, int ordinal) {
        String file = repoFile(root, settings, cs.getFilePath());
        int line = line(root, file, cs.getId(), cs.getAuthor());
        StringBuilder sql = new StringBuilder();
        for (Change change : cs.getChanges()) {
            try {
                for (Sql statement : SqlGeneratorFactory.getInstance().generateSql(change, offline)) {
                    String text = statement.toSql().strip();
                    sql.append(text).append(text.endsWith(";") ? "" : ";").append('\n');
                }
            } catch (RuntimeException e) {
                // never let a change vanish from the lint: say what could not be rendered
                sql.append("-- ").append(changeName(change)).append(": Liquibase could not generate its SQL offline: ")
                        .append(message(e).replace('\n', ' ')).append('\n');
            }
        }
        String rollbackProblem = null;
        if (!cs.supportsRollback(offline)) {
            List<String> names = cs.getChanges().stream().filter(c -> !c.supportsRollback(offline)).map(LiquibaseRunner::changeName).distinct().toList();
            rollbackProblem = "changeSet " + cs.getId() + " (" + cs.getAuthor() + ") has no rollback block, and Liquibase cannot undo its " + String.join(", ", names)
                    + " change" + (names.size() == 1 ? "" : "s") + " by itself";
        }
        int sqlLine = file != null && file.endsWith(".sql") && line > 0 ? line + 1 : 0;
        return new ChangeSet(ordinal, cs.getId(), cs.getAuthor(), file, line, sql.toString(), sqlLine, cs.isRunInTransaction(), rollbackProblem,
                cs.generateCheckSum(ChecksumVersion.latest()).toString());
    }

    private static String changeName(Change change) {
        try {
            return ChangeFactory.getInstance().getChangeMetaData(change).getName();
        } catch (RuntimeException e) {
            return change.getDescription();
        }
    }

    /** Applies every changeSet ({@code count} null) or the first {@code count} that run. Never throws for a failed changeSet. */
    public static ApplyResult update(Path root, ScratchDatabase db, LiquibaseSettings settings, Duration timeout, Integer count) {
        long start = System.nanoTime();
        Listener listener = new Listener();
        Failed failed = execute(root, db, settings, timeout, database -> {
            CommandScope command = count == null ? new CommandScope(UpdateCommandStep.COMMAND_NAME)
                    : new CommandScope(UpdateCountCommandStep.COMMAND_NAME).addArgumentValue(UpdateCountCommandStep.COUNT_ARG, count);
            command.addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY, UpdateSummaryEnum.OFF);
            return changelogCommand(command, database, settings).addArgumentValue(ChangeExecListenerCommandStep.CHANGE_EXEC_LISTENER_ARG, listener);
        });
        return result(root, settings, listener, failed, start, "fix the changeSet");
    }

    /** Rolls back the last {@code count} changeSets that ran. Never throws for a failed rollback. */
    public static ApplyResult rollback(Path root, ScratchDatabase db, LiquibaseSettings settings, Duration timeout, int count) {
        long start = System.nanoTime();
        Listener listener = new Listener();
        Failed failed = execute(root, db, settings, timeout, database -> changelogCommand(new CommandScope(RollbackCountCommandStep.COMMAND_NAME)
                .addArgumentValue(RollbackCountCommandStep.COUNT_ARG, count), database, settings)
                .addArgumentValue(ChangeExecListenerCommandStep.CHANGE_EXEC_LISTENER_ARG, listener));
        return result(root, settings, listener, failed, start, "fix the rollback");
    }

    /** Liquibase's own validation of the changelog against the database's history (checksums, duplicate ids, ...): its problems. */
    public static List<String> validate(Path root, ScratchDatabase db, LiquibaseSettings settings, Duration timeout) {
        Failed failed = execute(root, db, settings, timeout, database -> changelogCommand(new CommandScope(ValidateCommandStep.COMMAND_NAME), database, settings));
        if (failed == null) {
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        String text = failed.validation != null ? failed.validation : failed.message;
        for (String line : text.split("\n")) {
            String clean = DatabaseErrors.clean(line);
            if (clean != null && !clean.isBlank() && !clean.startsWith("Validation Failed")) {
                problems.add(clean);
            }
        }
        return problems.isEmpty() ? List.of(DatabaseErrors.clean(text)) : problems;
    }

    private static CommandScope changelogCommand(CommandScope command, Database database, LiquibaseSettings settings) {
        command.addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG.getName(), settings.changelogPath())
                .setOutput(OutputStream.nullOutputStream());
        if (settings.contexts() != null) {
            command.addArgumentValue(UpdateCommandStep.CONTEXTS_ARG.getName(), settings.contexts());
        }
        if (settings.labels() != null) {
            command.addArgumentValue(UpdateCommandStep.LABEL_FILTER_ARG.getName(), settings.labels());
        }
        return command;
    }

    @FunctionalInterface
    private interface Command {
        CommandScope on(Database database) throws Exception;
    }

    /** What went wrong: the database's error (or Liquibase's), the failing SQL, the SQLSTATE. */
    private record Failed(String message, String statement, String sqlState, boolean couldNotRun, String validation) {
    }

    /** Runs the command on {@code db} in the tool's Liquibase scope, bounded by {@code timeout}; null when it succeeded. */
    private static Failed execute(Path root, ScratchDatabase db, LiquibaseSettings settings, Duration timeout, Command command) {
        AtomicReference<Connection> open = new AtomicReference<>();
        Future<Void> run = WORKERS.submit(() -> {
            try (CompositeResourceAccessor accessor = accessor(root, settings); Connection c = db.connect()) {
                open.set(c);
                return LiquibaseScope.run(accessor, () -> {
                    Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
                    command.on(database).execute();
                    return null;
                });
            }
        });
        try {
            run.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return null;
        } catch (TimeoutException e) {
            String waiting = LockReport.describe(db);
            run.cancel(true);
            closeQuietly(open.get());
            return new Failed(ApplyResult.TIMED_OUT + timeout.toSeconds() + " s; " + (waiting == null ? "a statement is probably waiting for a lock"
                    : waiting), null, null, true, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            run.cancel(true);
            return new Failed("interrupted", null, null, true, null);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            SQLException sql = DatabaseErrors.innermostSql(cause);
            String validation = null;
            for (Throwable t = cause; t != null; t = t.getCause()) {
                if (t instanceof ValidationFailedException v) {
                    validation = v.getMessage();
                }
            }
            if (sql != null) {
                String state = sql.getSQLState();
                boolean unavailable = state != null && (state.startsWith("08") || state.startsWith("28") || state.equals("3D000"));
                return new Failed(DatabaseErrors.describe(sql), failedSql(cause), state, unavailable && failedSql(cause) == null, null);
            }
            return new Failed(message(cause), failedSql(cause), null, false, validation);
        }
    }

    private static ApplyResult result(Path root, LiquibaseSettings settings, Listener listener, Failed failed, long start, String what) {
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (failed == null) {
            return new ApplyResult(listener.ran.get(), null, List.of(), millis);
        }
        liquibase.changelog.ChangeSet cs = listener.failed.get();
        if (failed.couldNotRun() || (cs == null && failed.validation() == null && failed.statement() == null && failed.sqlState() != null)) {
            return new ApplyResult(listener.ran.get(), new ApplyResult.Failure(null, 0, null, failed.message(), failed.sqlState()), List.of(), millis);
        }
        String file = cs == null ? settings.master() : repoFile(root, settings, cs.getFilePath());
        int line = cs == null ? 0 : line(root, file, cs.getId(), cs.getAuthor());
        String message = cs == null ? failed.message() : "changeSet " + cs.getId() + " (" + cs.getAuthor() + ") in " + file + ": " + failed.message();
        return new ApplyResult(listener.ran.get(), new ApplyResult.Failure(file == null ? settings.master() : file, line, shorten(failed.statement()),
                message, failed.sqlState()), List.of(), millis);
    }

    /** Counts what ran and remembers the changeSet that failed. */
    private static final class Listener extends AbstractChangeExecListener {
        final AtomicInteger ran = new AtomicInteger();
        final AtomicReference<liquibase.changelog.ChangeSet> failed = new AtomicReference<>();

        @Override
        public void ran(liquibase.changelog.ChangeSet changeSet, DatabaseChangeLog log, Database database, liquibase.changelog.ChangeSet.ExecType type) {
            ran.incrementAndGet();
        }

        @Override
        public void runFailed(liquibase.changelog.ChangeSet changeSet, DatabaseChangeLog log, Database database, Exception exception) {
            failed.compareAndSet(null, changeSet);
        }

        @Override
        public void rolledBack(liquibase.changelog.ChangeSet changeSet, DatabaseChangeLog log, Database database) {
            ran.incrementAndGet();
        }

        @Override
        public void rollbackFailed(liquibase.changelog.ChangeSet changeSet, DatabaseChangeLog log, Database database, Exception exception) {
            failed.compareAndSet(null, changeSet);
        }
    }

    /** The folders Liquibase resolves paths in: the classpath roots, then the repo root (those that exist). */
    private static CompositeResourceAccessor accessor(Path root, LiquibaseSettings settings) throws IOException {
        List<ResourceAccessor> accessors = new ArrayList<>();
        for (String r : settings.roots()) {
            Path dir = r.isEmpty() ? root : root.resolve(r);
            if (Files.isDirectory(dir)) {
                accessors.add(new DirectoryResourceAccessor(dir));
            }
        }
        return new CompositeResourceAccessor(accessors);
    }

    /** The repo-relative file of a changelog path as Liquibase reports it. */
    static String repoFile(Path root, LiquibaseSettings settings, String liquibasePath) {
        if (liquibasePath == null) {
            return null;
        }
        String clean = liquibasePath.replace('\\', '/').replaceFirst("^classpath\\*?:", "").replaceFirst("^/+", "");
        for (String r : settings.roots()) {
            String candidate = RepoIndex.join(r, clean);
            if (Files.isRegularFile(root.resolve(candidate))) {
                return candidate;
            }
        }
        return clean;
    }

    /** The line of the changeSet's header in its file (XML, YAML/JSON, formatted SQL); 0 when not found. */
    static int line(Path root, String file, String id, String author) {
        if (file == null || id == null) {
            return 0;
        }
        String quoted = Pattern.quote(id);
        Pattern header;
        if (file.endsWith(".sql")) {
            header = Pattern.compile("(?i)^[ \\t]*--[ \\t]*changeset[ \\t]+" + Pattern.quote(author == null ? "" : author) + ":" + quoted + "(\\s|$)");
        } else if (file.endsWith(".xml")) {
            header = Pattern.compile("<changeSet\\b[^>]*\\bid\\s*=\\s*[\"']" + quoted + "[\"']");
        } else {
            header = Pattern.compile("[\"']?id[\"']?\\s*:\\s*[\"']?" + quoted + "[\"']?\\s*(,|}|$)");
        }
        try {
            List<String> lines = Files.readAllLines(root.resolve(file), StandardCharsets.UTF_8);
            String text = String.join("\n", lines);
            Matcher m = Pattern.compile(header.pattern(), header.flags() | Pattern.MULTILINE).matcher(text);
            if (m.find()) {
                return (int) text.substring(0, m.start()).chars().filter(ch -> ch == '\n').count() + 1;
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    private static String shortName(Dialect dialect) {
        return switch (dialect) {
            case POSTGRESQL -> "postgresql";
            case MYSQL -> "mysql";
            case MARIADB -> "mariadb";
            case H2 -> "h2";
            case SQLITE -> "sqlite";
        };
    }

    private static String failedSql(Throwable error) {
        int depth = 0;
        for (Throwable t = error; t != null && depth < 20; t = t.getCause(), depth++) {
            if (t.getMessage() != null) {
                Matcher m = FAILED_SQL.matcher(t.getMessage());
                if (m.find()) {
                    return m.group(1).strip();
                }
            }
        }
        return null;
    }

    /** Liquibase's own message, innermost first that says something, without Java class names. */
    private static String message(Throwable error) {
        SQLException sql = DatabaseErrors.innermostSql(error);
        if (sql != null) {
            return DatabaseErrors.describe(sql);
        }
        String best = null;
        int depth = 0;
        for (Throwable t = error; t != null && depth < 20; t = t.getCause(), depth++) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                best = t.getMessage();
            }
        }
        String clean = DatabaseErrors.clean(best == null ? "unknown error" : best);
        return clean.replaceAll("\\s*\\[Failed SQL:.*", "").strip();
    }

    private static String shorten(String statement) {
        if (statement == null) {
            return null;
        }
        String one = statement.replaceAll("\\s+", " ").strip();
        return one.length() > 300 ? one.substring(0, 297) + "..." : one;
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // the statement is being cancelled; the scratch database is dropped anyway
            }
        }
    }
}
