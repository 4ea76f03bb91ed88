package dev.plc.lint.rule;

import dev.plc.db.Dialect;
import dev.plc.sql.SqlStatement;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How to lint one migration file. {@code transactional}: the migration tool wraps the file in a
 * transaction (Flyway's default; false for a {@code .sql.conf} with executeInTransaction=false).
 * {@code serverMajorVersion}: the server's major version when known (null = assume a current one).
 * {@code tablesCreatedBefore}: tables created by earlier files of the same change under review, when this file is part
 * of it (they hold no data yet); every other table the file touches existed before it, whichever migration created it.
 * Tables created earlier in the file itself are tracked by the {@link Linter}.
 * {@code tableSizes}: approximate row counts by table name, when known, quoted in messages.
 * {@code serverVersionSource}: where {@code serverMajorVersion} comes from ("declared in docker-compose.yml:4", "the
 * scratch server"), quoted by rules whose verdict depends on it; null when the version is not known.
 * {@code functions}: which PostgreSQL functions are volatile (the scratch database's pg_proc when the migrations were
 * applied, else the built-in table).
 */
public record LintOptions(Dialect dialect, boolean transactional, Integer serverMajorVersion,
                          Set<String> tablesCreatedBefore, Map<String, Long> tableSizes, String serverVersionSource,
                          FunctionVolatility functions, List<SqlStatement> earlierMigrations) {

    /** The same options with {@code history}: the statements of the migrations before the linted file, in order. */
    public LintOptions withEarlierMigrations(List<SqlStatement> history) {
        return new LintOptions(dialect, transactional, serverMajorVersion, tablesCreatedBefore, tableSizes, serverVersionSource, functions, history);
    }

    public LintOptions(Dialect dialect, boolean transactional, Integer serverMajorVersion, Set<String> tablesCreatedBefore,
                       Map<String, Long> tableSizes, String serverVersionSource, FunctionVolatility functions) {
        this(dialect, transactional, serverMajorVersion, tablesCreatedBefore, tableSizes, serverVersionSource, functions, List.of());
    }

    public LintOptions {
        earlierMigrations = earlierMigrations == null ? List.of() : List.copyOf(earlierMigrations);
        dialect = dialect == null ? Dialect.POSTGRESQL : dialect;
        tablesCreatedBefore = tablesCreatedBefore == null ? Set.of() : Set.copyOf(tablesCreatedBefore);
        tableSizes = tableSizes == null ? Map.of() : Map.copyOf(tableSizes);
        functions = functions == null ? FunctionVolatility.builtIn() : functions;
    }

    public LintOptions(Dialect dialect, boolean transactional, Integer serverMajorVersion,
                       Set<String> tablesCreatedBefore, Map<String, Long> tableSizes) {
        this(dialect, transactional, serverMajorVersion, tablesCreatedBefore, tableSizes, null, null);
    }

    public LintOptions(Dialect dialect, boolean transactional, Integer serverMajorVersion,
                       Set<String> tablesCreatedBefore) {
        this(dialect, transactional, serverMajorVersion, tablesCreatedBefore, Map.of());
    }

    /** A transactional migration of a current server of {@code dialect}. */
    public static LintOptions of(Dialect dialect) {
        return new LintOptions(dialect, true, null, Set.of());
    }
}
