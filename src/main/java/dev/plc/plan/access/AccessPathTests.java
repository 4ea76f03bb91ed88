package dev.plc.plan.access;

import dev.plc.db.Dialect;
import dev.plc.db.Secrets;
import dev.plc.plan.impact.CodeChange;
import dev.plc.repo.RepoIndex;
import dev.plc.schema.RowSeeder;
import dev.plc.schema.SchemaReader;
import dev.plc.schema.SchemaSnapshot;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The test of a change's new access paths (a new or renamed column, a retyped column, a new table): for each, one write
 * of a row through it (with the parent rows its foreign keys need) and one read of it back. The statements are not
 * guessed: they are built from the schema of the release in which the code may use the path, run there on the plan's
 * scratch database, and run again in every later release's state, where the value read back must be the same; a path
 * whose statements fail anywhere is left out, with the database's reason. The test is written in the repo's own stack
 * ({@link TestStack}) as a new file that ships with that release's code.
 */
public final class AccessPathTests {

    /** The row number the test's values are made from: far from the seeded rows and from small hand-written ids. */
    private static final int ROW = 9001;
    private static final int MAX_PATHS = 3;
    private static final int MAX_DEPTH = 6;

    /**
     * A new access path.
     *
     * @param table      the table (its name after the change)
     * @param column     the column, or null for the table itself (a new or renamed table)
     * @param minRelease the first release whose code may use it (a rename's switch release); it is tested from the first
     *                   release at or after this one in which it exists
     */
    public record Path(String table, String column, int minRelease) {

        String label() {
            return column == null ? table : table + "." + column;
        }
    }

    /** The statements of one path, proven in the state of {@code release} and after. */
    private record Proven(Path path, int release, List<String> writes, String read, String expected, boolean exact) {
    }

    private final TestStack stack;
    private final List<Path> pending = new ArrayList<>();
    private final List<Proven> proven = new ArrayList<>();
    private final Map<String, String> dropped = new LinkedHashMap<>();

    /** Why no test can be written (the repo has no stack for it), and the file that says so; null when {@link #stack} is set. */
    private final String unwritable;
    private final String unwritableFile;

    public AccessPathTests(TestStack stack, List<Path> paths) {
        this.stack = stack;
        this.unwritable = null;
        this.unwritableFile = null;
        paths.stream().limit(MAX_PATHS).forEach(pending::add);
    }

    private AccessPathTests(String reason, String file) {
        this.stack = null;
        this.unwritable = reason;
        this.unwritableFile = file;
    }

    /** A change with new access paths in a repo that has no stack a test could run in: the plan says why none is written. */
    public static AccessPathTests unwritable(String reason, String file) {
        return new AccessPathTests(reason, file);
    }

    /** Called once each release's steps have run on {@code c}: locates the paths that are usable now, re-runs the ones proven earlier. */
    public void afterRelease(Connection c, int release) throws SQLException {
        if (stack == null) {
            return;
        }
        for (Proven p : List.copyOf(proven)) {
            String failure = replay(c, p);
            if (failure != null) {
                proven.remove(p);
                dropped.put(p.path().label(), "its statements fail in release " + release + "'s state: " + failure);
            }
        }
        List<Path> ready = pending.stream().filter(p -> release >= p.minRelease()).toList();
        if (ready.isEmpty()) {
            return;
        }
        SchemaSnapshot schema = SchemaReader.read(c, stack.dialect());
        for (Path path : ready) {
            Optional<SchemaSnapshot.Table> table = schema.table(path.table());
            if (table.isEmpty() || path.column() != null && table.get().column(path.column()).isEmpty()) {
                continue; // not there yet: a later release adds it
            }
            pending.remove(path);
            try {
                proven.add(build(c, schema, table.get(), path, release));
            } catch (Unwritable e) {
                dropped.put(path.label(), e.getMessage());
            }
        }
    }

    /**
     * The plan's test file as a new-file code change, or, when no path could be written, a manual entry saying why.
     *
     * @return empty when the change has no new access path
     */
    public Optional<CodeChange> change(RepoIndex index, String planId, String description) {
        if (stack == null) {
            return Optional.of(new CodeChange(unwritableFile, null, 1, CodeChange.MANUAL, null, List.of(),
                    "no test of the new access path was written: " + unwritable));
        }
        pending.forEach(p -> dropped.putIfAbsent(p.label(), "it does not exist after any release of the plan"));
        if (proven.isEmpty()) {
            if (dropped.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new CodeChange(stack.buildFile(), null, 1, CodeChange.MANUAL, null, List.of(),
                    "no test of the new access path was written: " + reasons()));
        }
        int release = proven.stream().mapToInt(Proven::release).max().orElse(1);
        String className = className(index);
        String file = stack.testRoot() + "/" + (stack.pkg().isEmpty() ? "" : stack.pkg().replace('.', '/') + "/") + className + ".java";
        String source = JUnitSource.render(stack, className, planId, description, release,
                proven.stream().map(p -> new JUnitSource.Method(p.path().label(), p.writes(), p.read(), p.expected(), p.exact())).toList());
        String why = "a JUnit 5 test of the new access path (" + String.join(", ", proven.stream().map(p -> p.path().label()).toList())
                + "): it migrates the database named by " + TestStack.URL_VARIABLE + " with " + stack.runner()
                + ", writes a row through it and reads it back (run_checks' validations run it on a throwaway database); it ships with"
                + " release " + release + (dropped.isEmpty() ? "" : "; not tested: " + reasons());
        return Optional.of(new CodeChange(file, null, release, CodeChange.CREATE, newFileDiff(file, source), List.of(), why));
    }

    private String reasons() {
        List<String> out = new ArrayList<>();
        dropped.forEach((path, why) -> out.add(path + ": " + why));
        return String.join("; ", out);
    }

    /** {@code <Table><Column>AccessTest}, numbered when a file of that name is already there. */
    private String className(RepoIndex index) {
        Path first = proven.get(0).path();
        String base = camel(first.table()) + (first.column() == null ? "" : camel(first.column())) + "AccessTest";
        String dir = stack.testRoot() + "/" + (stack.pkg().isEmpty() ? "" : stack.pkg().replace('.', '/') + "/");
        String name = base;
        for (int n = 2; index.exists(dir + name + ".java"); n++) {
            name = base + n;
        }
        return name;
    }

    static String camel(String name) {
        StringBuilder out = new StringBuilder();
        boolean up = true;
        for (char ch : name.toCharArray()) {
            if (!Character.isLetterOrDigit(ch)) {
                up = true;
            } else {
                out.append(up ? Character.toUpperCase(ch) : ch);
                up = false;
            }
        }
        String s = out.toString();
        return s.isEmpty() || !Character.isJavaIdentifierStart(s.charAt(0)) ? "T" + s : s;
    }

    static String newFileDiff(String file, String content) {
        List<String> lines = content.lines().toList();
        StringBuilder diff = new StringBuilder("--- /dev/null\n+++ b/").append(file).append('\n')
                .append("@@ -0,0 +1,").append(lines.size()).append(" @@\n");
        lines.forEach(l -> diff.append('+').append(l).append('\n'));
        return diff.toString();
    }

    /** The content a new-file diff creates (each {@code +} line, newline-terminated). */
    public static String newFileContent(String diff) {
        StringBuilder out = new StringBuilder();
        boolean body = false;
        for (String line : diff.split("\n", -1)) {
            if (line.startsWith("@@")) {
                body = true;
            } else if (body && line.startsWith("+")) {
                out.append(line, 1, line.length()).append('\n');
            }
        }
        return out.toString();
    }

    /** Why a path gets no statements. */
    private static final class Unwritable extends Exception {
        Unwritable(String message) {
            super(message);
        }
    }

    private Proven build(Connection c, SchemaSnapshot schema, SchemaSnapshot.Table table, Path path, int release)
            throws SQLException, Unwritable {
        RowSeeder seeder = new RowSeeder(c, stack.dialect(), schema);
        List<String> writes = new ArrayList<>();
        Map<String, String> row = insert(seeder, schema, table, path.column(), writes, new LinkedHashSet<>());
        SchemaSnapshot.Key pk = table.primaryKey();
        if (pk == null || pk.columns().size() != 1) {
            throw new Unwritable(table.name() + " has no one-column primary key to read the written row back by");
        }
        String key = pk.columns().get(0);
        String readColumn = path.column() != null ? path.column() : row.keySet().stream().filter(k -> !k.equalsIgnoreCase(key)).findFirst().orElse(key);
        String keyValue = row.get(key);
        String where = keyValue != null && !keyValue.startsWith("(") ? q(key) + " = " + keyValue
                : q(key) + " = (SELECT MAX(" + q(key) + ") FROM " + q(table.name()) + ")";
        String read = "SELECT " + q(readColumn) + " FROM " + q(table.name()) + " WHERE " + where;
        String type = table.column(readColumn).map(SchemaSnapshot.Column::type).orElse("").toLowerCase(Locale.ROOT);
        // what a zoned or server-local time reads back as depends on the session's time zone: only that it is there is asserted
        boolean exact = !(type.contains("time zone") || type.contains("timestamptz") || stack.dialect().isMysqlFamily() && type.contains("timestamp"));
        String expected = readBack(c, writes, read);
        if (expected == null) {
            throw new Unwritable("the value written to " + readColumn + " reads back as NULL (its type has no value the test can write)");
        }
        return new Proven(path, release, writes, read, expected, exact);
    }

    /**
     * Appends the INSERT of one row of {@code t} (after its parents' rows) and returns the row's values by column:
     * literals, or a subquery for the key the database generates.
     */
    private Map<String, String> insert(RowSeeder seeder, SchemaSnapshot schema, SchemaSnapshot.Table t, String column, List<String> writes,
                                       Set<String> visiting) throws SQLException, Unwritable {
        if (!visiting.add(t.name().toLowerCase(Locale.ROOT)) || visiting.size() > MAX_DEPTH) {
            throw new Unwritable("the rows " + t.name() + " needs form a cycle of required foreign keys (or a chain deeper than " + MAX_DEPTH + ")");
        }
        List<String> key = t.primaryKey() == null ? List.of() : t.primaryKey().columns();
        Map<String, String> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        List<SchemaSnapshot.Column> plain = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> exprs = new ArrayList<>();
        for (SchemaSnapshot.Column col : t.columns()) {
            boolean wanted = col.name().equalsIgnoreCase(column == null ? "" : column);
            boolean required = !col.nullable() && col.defaultValue() == null;
            boolean isKey = key.stream().anyMatch(k -> k.equalsIgnoreCase(col.name()));
            if (RowSeeder.generatedColumn(col)) {
                if (isKey) {
                    values.put(col.name(), "(SELECT MAX(" + q(col.name()) + ") FROM " + q(t.name()) + ")");
                }
                continue;
            }
            Optional<SchemaSnapshot.ForeignKey> fk = t.foreignKeys().stream().filter(f -> f.columns().stream().anyMatch(x -> x.equalsIgnoreCase(col.name())))
                    .findFirst();
            if (fk.isPresent()) {
                if (!required && !wanted) {
                    continue; // left NULL: the row needs no parent for it
                }
                if (fk.get().columns().size() != 1) {
                    throw new Unwritable(t.name() + "." + col.name() + " is part of a multi-column foreign key, which the test does not fill");
                }
                SchemaSnapshot.Table parent = schema.table(fk.get().referencedTable()).orElseThrow(
                        () -> new Unwritable(t.name() + " references " + fk.get().referencedTable() + ", which is not in the schema"));
                if (parent.name().equalsIgnoreCase(t.name())) {
                    throw new Unwritable(t.name() + "." + col.name() + " is a required reference to its own table");
                }
                Map<String, String> parentRow = insert(seeder, schema, parent, null, writes, visiting);
                String referenced = fk.get().referencedColumns().get(0);
                String value = parentRow.getOrDefault(referenced, "(SELECT MAX(" + q(referenced) + ") FROM " + q(parent.name()) + ")");
                names.add(col.name());
                exprs.add(value);
                values.put(col.name(), value);
                continue;
            }
            if (wanted || required || isKey || column == null) {
                plain.add(col);
            }
        }
        List<String> literals = seeder.literals(t, plain, ROW);
        for (int i = 0; i < plain.size(); i++) {
            names.add(plain.get(i).name());
            exprs.add(literals.get(i));
            values.put(plain.get(i).name(), literals.get(i));
        }
        visiting.remove(t.name().toLowerCase(Locale.ROOT));
        writes.add(names.isEmpty() ? (stack.dialect().isMysqlFamily() ? "INSERT INTO " + q(t.name()) + " () VALUES ()"
                : "INSERT INTO " + q(t.name()) + " DEFAULT VALUES")
                : "INSERT INTO " + q(t.name()) + " (" + String.join(", ", names.stream().map(this::q).toList()) + ") VALUES ("
                + String.join(", ", exprs) + ")");
        return values;
    }

    /** Runs the writes and the read in a transaction that is rolled back; the value read, or null. */
    private static String readBack(Connection c, List<String> writes, String read) throws SQLException, Unwritable {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        String last = null;
        try (Statement s = c.createStatement()) {
            for (String w : writes) {
                last = w;
                s.executeUpdate(w);
            }
            last = read;
            try (ResultSet rs = s.executeQuery(read)) {
                if (!rs.next()) {
                    throw new Unwritable("the row written could not be read back: " + read);
                }
                return rs.getString(1);
            }
        } catch (SQLException e) {
            throw new Unwritable("the database refused `" + last + "`: " + Secrets.redact(String.valueOf(e.getMessage())).lines().findFirst().orElse(""));
        } finally {
            c.rollback();
            c.setAutoCommit(auto);
        }
    }

    /** The proven statements again in this state: null when they give the same value, else why not. */
    private static String replay(Connection c, Proven p) throws SQLException {
        try {
            String value = readBack(c, p.writes(), p.read());
            return !p.exact() || p.expected().equals(value) ? null : "the value reads back as " + value + ", not " + p.expected();
        } catch (Unwritable e) {
            return e.getMessage();
        }
    }

    private String q(String name) {
        boolean mysql = stack.dialect().isMysqlFamily();
        if (name.matches(mysql ? "[A-Za-z_][A-Za-z0-9_]*" : "[a-z_][a-z0-9_]*") && !Reserved.WORDS.contains(name.toLowerCase(Locale.ROOT))) {
            return name;
        }
        return mysql ? "`" + name.replace("`", "``") + "`" : "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** Words that are safer quoted in generated SQL. */
    private static final class Reserved {
        static final Set<String> WORDS = Set.of("user", "order", "group", "select", "table", "from", "where", "key", "value", "default",
                "check", "primary", "references", "limit", "offset", "desc", "asc", "all", "and", "or", "not", "null", "end", "case", "when");
    }
}
