package dev.plc.lint.rule;

import dev.plc.db.Dialect;
import dev.plc.sql.QualifiedName;
import dev.plc.sql.SqlStatement;
import dev.plc.sql.StatementKind;
import dev.plc.sql.Verb;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a rule knows besides the statement, as the {@link Linter} has seen the file so far: the
 * dialect and server version, the tables created earlier in the file or change (changes to a
 * brand-new table take no harmful lock: squawk issue #364), whether an explicit transaction is
 * open, whether the file itself runs in a transaction, the session settings made so far
 * (lock_timeout), and the statements of the whole file.
 */
public final class LintContext {

    private final String file;
    private final LintOptions options;
    private final List<SqlStatement> statements;
    private final Set<String> createdTables = new HashSet<>();
    private final Map<String, String> settings = new HashMap<>();
    private boolean inTransaction;
    /** The ids of every rule of the catalogue the Linter runs (rules below the catalogue cannot ask it). */
    private Set<String> knownRules = Set.of();
    private int index;

    public LintContext(String file, LintOptions options, List<SqlStatement> statements) {
        this.file = file;
        this.options = options;
        this.statements = List.copyOf(statements);
        options.tablesCreatedBefore().forEach(t -> createdTables.add(key(t)));
    }

    public String file() {
        return file;
    }

    public Dialect dialect() {
        return options.dialect();
    }

    /** The server's major version, if known (PostgreSQL 11, MySQL 8, MariaDB 10, ...). */
    public Optional<Integer> serverMajorVersion() {
        return Optional.ofNullable(options.serverMajorVersion());
    }

    /** Where the server version comes from, for messages ("declared in docker-compose.yml:4"); empty when unknown. */
    public Optional<String> serverVersionSource() {
        return Optional.ofNullable(options.serverVersionSource());
    }

    /** Which functions are volatile on this server. */
    public FunctionVolatility functions() {
        return options.functions();
    }

    /** Whether the server is at least {@code major}; an unknown version counts as a current one. */
    public boolean serverAtLeast(int major) {
        return options.serverMajorVersion() == null || options.serverMajorVersion() >= major;
    }

    /** The migration tool runs this file inside one transaction. */
    public boolean transactional() {
        return options.transactional();
    }

    /** An explicit BEGIN / START TRANSACTION is open at this statement. */
    public boolean inTransaction() {
        return inTransaction;
    }

    /** Either an explicit transaction is open or the tool wraps the whole file in one. */
    public boolean inAnyTransaction() {
        return inTransaction || options.transactional();
    }

    /** Whether {@code table} was created earlier in this file or change (so it holds no data yet). */
    public boolean isNewTable(String table) {
        return table != null && createdTables.contains(key(table));
    }

    /**
     * Whether an object of type {@code object} ("MATERIALIZED VIEW", "TYPE", "SCHEMA", "INDEX": {@link StatementKind#object()})
     * named {@code name} was created earlier in this file (so nothing uses it yet). Names compare like {@link #key}.
     */
    public boolean createdEarlier(String object, String name) {
        if (name == null) {
            return false;
        }
        for (SqlStatement s : earlier()) {
            StatementKind k = s.kind();
            if (k.verb() == Verb.CREATE && object.equals(k.object()) && k.target() != null
                    && key(k.target().name()).equals(key(name))) {
                return true;
            }
        }
        return false;
    }

    /** The value of a session setting made earlier in the file (lower-case name), if any. */
    public Optional<String> setting(String name) {
        return Optional.ofNullable(settings.get(name.toLowerCase(Locale.ROOT)));
    }

    /** Whether a lock timeout was set earlier in the file (PostgreSQL lock_timeout, MySQL lock_wait_timeout). */
    public boolean lockTimeoutSet() {
        String v = settings.get(dialect().isMysqlFamily() ? "lock_wait_timeout" : "lock_timeout");
        return v != null && !v.equals("0") && !v.equals("default");
    }

    /** All statements of the file. */
    public List<SqlStatement> statements() {
        return statements;
    }

    /**
     * The statements before the current one across migrations: those of the migrations linted before this file (when
     * the caller gave them: {@link LintOptions#earlierMigrations}), then this file's earlier ones. For facts that outlive
     * a transaction (a constraint validated by the migration before); {@link #earlier} is this file's alone.
     */
    public List<SqlStatement> earlierAcrossMigrations() {
        List<SqlStatement> out = new java.util.ArrayList<>(options.earlierMigrations());
        out.addAll(earlier());
        return out;
    }

    /** The statements before the current one. */
    public List<SqlStatement> earlier() {
        return statements.subList(0, index);
    }

    /** The table's name in a message, with its size when the caller gave one. */
    public String describe(String table) {
        if (table == null) {
            return "the table";
        }
        Long rows = options.tableSizes().get(table);
        if (rows == null) {
            rows = options.tableSizes().get(key(table));
        }
        return rows == null ? table : table + " (~" + rows + " rows)";
    }

    /** Tells the rules which rule ids exist (the Linter's catalogue). */
    public void knownRules(Set<String> ids) {
        this.knownRules = Set.copyOf(ids);
    }

    /** Whether {@code id} names a rule of the catalogue this file is linted with. */
    public boolean isKnownRule(String id) {
        return knownRules.contains(id);
    }

    public void at(int statementIndex) {
        this.index = statementIndex;
    }

    /** Records what {@code s} changes for the statements after it. */
    public void after(SqlStatement s) {
        if (s.isTransactionStart()) {
            inTransaction = true;
        } else if (s.isTransactionEnd()) {
            inTransaction = false;
        } else if (!trackTables(s.kind(), createdTables)) {
            s.setting().ifPresent(set -> settings.put(set.name(), set.value()));
        }
    }

    /**
     * The tables {@code statements} create and still have at their end, under their last name (by {@link #key}): for
     * the files after them in the same change, these tables are new too.
     */
    public static Set<String> tablesCreatedBy(List<SqlStatement> statements) {
        Set<String> created = new HashSet<>();
        for (SqlStatement s : statements) {
            trackTables(s.kind(), created);
        }
        return created;
    }

    /**
     * Adds the table {@code kind} creates to {@code created}, follows a rename of a new table and forgets a dropped one;
     * read with the one SQL reader, so quoted and schema-qualified names count. Whether the statement was one of these.
     */
    private static boolean trackTables(StatementKind kind, Set<String> created) {
        if (!"TABLE".equals(kind.object())) {
            return false;
        }
        if (kind.verb() == Verb.CREATE && kind.target() != null) {
            created.add(key(kind.target().name()));
            return true;
        }
        if (kind.verb() == Verb.DROP) {
            kind.targets().forEach(t -> created.remove(key(t.name())));
            return true;
        }
        Map<QualifiedName, QualifiedName> renames = kind.tableRenames();
        renames.forEach((from, to) -> {
            if (created.remove(key(from.name()))) {
                created.add(key(to.name()));
            }
        });
        return !renames.isEmpty();
    }

    /** Table names compare case-insensitively and without their schema. */
    static String key(String table) {
        if (table == null) {
            return "";
        }
        int dot = table.lastIndexOf('.');
        return (dot < 0 ? table : table.substring(dot + 1)).toLowerCase(Locale.ROOT);
    }
}
