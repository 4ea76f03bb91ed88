package dev.plc.lint.rule;

import dev.plc.db.Dialect;
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
 */
public record LintOptions(Dialect dialect, boolean transactional, Integer serverMajorVersion,
                          Set<String> tablesCreatedBefore, Map<String, Long> tableSizes) {

    public LintOptions {
        dialect = dialect == null ? Dialect.POSTGRESQL : dialect;
        tablesCreatedBefore = tablesCreatedBefore == null ? Set.of() : Set.copyOf(tablesCreatedBefore);
        tableSizes = tableSizes == null ? Map.of() : Map.copyOf(tableSizes);
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
