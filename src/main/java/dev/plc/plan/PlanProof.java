package dev.plc.plan;

import dev.plc.db.Dialect;
import dev.plc.db.ScratchDatabase;
import dev.plc.db.ScratchDatabaseException;
import dev.plc.db.ScratchDatabases;
import dev.plc.db.Secrets;
import dev.plc.schema.RowSeeder;
import dev.plc.schema.SchemaReader;
import dev.plc.schema.SchemaSnapshot;
import dev.plc.schema.catalog.Catalog;
import dev.plc.schema.catalog.CatalogDiff;
import dev.plc.schema.catalog.CatalogReader;
import dev.plc.sql.SqlStatement;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The plan proves itself on rows. The repo's schema (an empty scratch database) is copied and seeded
 * ({@link RowSeeder}: the affected tables, their parents and children); that is copied again. On copy A the change
 * runs as written; on copy B (the seeded one) the plan's steps run in order, and after the first release (of several)
 * the old code writes (inserts a few rows and updates one, knowing only the columns of before: instances not yet
 * deployed do that while the release rolls out), so a plan that copies data before old writers are gone shows; A gets the same writes before its change. Then A and B are compared: their
 * catalogs ({@link CatalogDiff#differences}: generated names aside), and every row of A with its row in B on A's
 * columns, by A's primary key (as multisets without one). What the change as written loses, A lost too, so a
 * destructive plan passes only when it loses exactly that and nothing more.
 */
final class PlanProof {

    /** Rows seeded per table. */
    static final int ROWS = RowSeeder.DEFAULT_ROWS;

    /** Old-code rows inserted after the first release. */
    static final int WRITES = 3;

    private final ScratchDatabases scratch;
    private Catalog changed;

    PlanProof(ScratchDatabases scratch) {
        this.scratch = scratch;
    }

    /** The schema after the change as written: seeded values fit it too, so a narrowing change runs on them. */
    PlanProof fitting(Catalog after) {
        this.changed = after;
        return this;
    }

    /**
     * @param db       the repo's current schema, no rows; left as it is
     * @param affected tables the change touches (seeded with their parents and children)
     * @param accepted difference names the caller accepts
     */
    Verification run(ScratchDatabase db, SchemaSnapshot current, List<SqlStatement> asWritten, List<ChangePlan.Step> steps,
                     Set<String> affected, Set<String> accepted, int rows) {
        long start = System.nanoTime();
        List<String> tables = RowSeeder.withRelatives(current, affected);
        if (tables.isEmpty()) {
            return Verification.notRun("the change touches no existing table: there are no rows to prove it on", ms(start));
        }
        Dialect dialect = db.dialect();
        List<Verification.Difference> differences = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        try (ScratchDatabase b = scratch.copyOf(db)) {
            RowSeeder.Result seeded;
            try (Connection c = b.connect()) {
                c.setAutoCommit(true);
                RowSeeder seeder = new RowSeeder(c, dialect, current).fitting(changed);
                if (asWritten.stream().noneMatch(st -> st.kind().isDml())) {
                    seeder.withoutRowsTheChangeForbids(changed);
                }
                seeded = seeder.seed(tables, rows);
            }
            for (String problem : seeded.problems()) {
                String table = tables.stream().filter(t -> problem.startsWith("could not seed " + t + ":")).findFirst().orElse("?");
                differences.add(difference("seed:" + table, "seed", problem, accepted));
            }
            try (ScratchDatabase a = scratch.copyOf(b)) {
                List<Write> writes = new ArrayList<>();
                boolean stepsRan = runPlan(b, current, tables, steps, writes, differences, accepted);
                String failed = runAsWritten(a, current, asWritten, writes);
                if (failed != null) {
                    return new Verification(false, false, failed, seeded.total(), tables, false, false, List.copyOf(differences),
                            List.copyOf(notes), ms(start));
                }
                if (!writes.isEmpty()) {
                    notes.add(writes.size() + " write(s) of the old code between releases (" + writes.stream().map(Write::describe).distinct()
                            .reduce((x, y) -> x + ", " + y).orElse("") + "), made on A before its change");
                }
                boolean schemaEqual = true;
                // one read of each side serves the schema comparison and the data comparison
                Catalog catalogA = catalog(a);
                Catalog catalogB = catalog(b);
                if (stepsRan) {
                    for (String d : CatalogDiff.differences(catalogA, catalogB)) {
                        String backup = backupTable(d, steps);
                        if (backup != null) {
                            // a copy the plan keeps of what it drops: more than the change as written keeps, nothing lost
                            notes.add("the plan keeps a backup the change as written does not: table " + backup);
                            continue;
                        }
                        if (dialect == Dialect.POSTGRESQL && d.contains(": column order (")) {
                            // PostgreSQL adds a column at the end and cannot move it: the only way to the order as written is a rewrite
                            notes.add(d + ": PostgreSQL puts an added column last, so SELECT * and INSERT without a column list see"
                                    + " another order (name the columns)");
                            continue;
                        }
                        schemaEqual = false;
                        String table = tableOf(d, tables);
                        differences.add(difference("schema:" + (table == null ? "" : table + ":") + ChangePlanner.sha256(d).substring(0, 6), "schema",
                                d, accepted));
                    }
                }
                int before = differences.size();
                compareData(a, b, SchemaReader.of(catalogA), SchemaReader.of(catalogB), tables, differences, notes, accepted);
                boolean dataEqual = stepsRan && differences.size() == before;
                boolean ok = stepsRan && differences.stream().allMatch(Verification.Difference::accepted);
                return new Verification(ok, true, null, seeded.total(), tables, schemaEqual && stepsRan, dataEqual, List.copyOf(differences),
                        List.copyOf(notes), ms(start));
            }
        } catch (ScratchDatabaseException e) {
            return Verification.notRun("no copy of the scratch database to prove the plan on: " + e.getMessage(), ms(start));
        } catch (SQLException e) {
            return Verification.notRun("the proof's scratch database failed: " + Secrets.redact(String.valueOf(e.getMessage())), ms(start));
        }
    }

    /**
     * A plan whose proof found a difference the caller did not accept is not returned as safe: it is an error that
     * lists each difference by name and says how to accept it.
     */
    static void refuseUnlessAccepted(Verification v) {
        if (v == null || !v.ran()) {
            return;
        }
        List<Verification.Difference> open = v.differences().stream().filter(d -> !d.accepted()).toList();
        if (open.isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder("the plan does not do what the change as written does on ").append(v.rowsSeeded())
                .append(" seeded rows (tables ").append(String.join(", ", v.tables())).append("), so it is not returned as safe: ");
        for (int i = 0; i < open.size(); i++) {
            sb.append(i == 0 ? "" : "; ").append('[').append(open.get(i).name()).append("] ").append(open.get(i).message());
        }
        sb.append(". Fix the change (e.g. give the backfill as an UPDATE or a 'backfill' expression), or, if each difference is intended, call"
                + " again with accept_differences: [").append(String.join(", ", open.stream().map(d -> "\"" + d.name() + "\"").distinct().toList()))
                .append("]");
        throw new dev.plc.core.PlcException(dev.plc.core.PlcException.Code.FAILED_PRECONDITION, sb.toString());
    }

    /** An old-code write: rows inserted (and one updated) in a table, with the columns the old code knows. */
    private record Write(int release, String table, Set<String> columns, int firstRow) {
        String describe() {
            return "after release " + release + " into " + table;
        }
    }

    private boolean runPlan(ScratchDatabase b, SchemaSnapshot current, List<String> tables, List<ChangePlan.Step> steps, List<Write> writes,
                            List<Verification.Difference> differences, Set<String> accepted) throws SQLException {
        int first = steps.stream().mapToInt(ChangePlan.Step::release).min().orElse(1);
        int last = steps.stream().mapToInt(ChangePlan.Step::release).max().orElse(1);
        try (Connection c = b.connect()) {
            c.setAutoCommit(true);
            // a release's migrations run before its code rolls out, so after the first release's migrations the code of
            // before still runs and writes as it always did; later releases meet code that the plan already changed
            StepRunner.Failure failure = StepRunner.run(c, steps, release -> {
                if (release == first && first < last) {
                    oldCodeWrites(c, b.dialect(), current, tables, release, writes, differences, accepted);
                }
            });
            if (failure != null) {
                ChangePlan.Step step = failure.step();
                differences.add(difference("step:" + step.number(), "step", "step " + step.number() + " (" + step.title()
                        + ") fails on the seeded rows: " + firstLine(failure.error()) + " -- statement: " + failure.statement(), accepted));
                return false;
            }
        }
        return true;
    }

    /** The old code (it knows the columns of before) inserts rows and updates one in each table, where the columns still exist. */
    private void oldCodeWrites(Connection c, Dialect dialect, SchemaSnapshot current, List<String> tables, int release, List<Write> writes,
                                      List<Verification.Difference> differences, Set<String> accepted) throws SQLException {
        SchemaSnapshot now = SchemaReader.read(c, dialect);
        RowSeeder seeder = new RowSeeder(c, dialect, now).fitting(changed);
        for (String name : tables) {
            SchemaSnapshot.Table before = current.table(name).orElseThrow();
            SchemaSnapshot.Table after = now.table(name).orElse(null);
            if (after == null) {
                continue;
            }
            Set<String> columns = new LinkedHashSet<>();
            before.columns().stream().map(SchemaSnapshot.Column::name).filter(col -> after.column(col).isPresent()).forEach(columns::add);
            int first = 100_000 * release;
            String failed = seeder.insert(after, columns, first, WRITES);
            if (failed != null) {
                differences.add(difference("write:" + name + ":" + release, "write", "after release " + release + " the old code's INSERT into "
                        + name + " (columns " + String.join(", ", columns) + ") fails: " + failed, accepted));
                continue;
            }
            String updateFailed = seeder.update(after, columns, first + WRITES);
            if (updateFailed != null && !"no primary key".equals(updateFailed)) {
                differences.add(difference("write:" + name + ":" + release, "write", "after release " + release
                        + " the old code's UPDATE of " + name + " fails: " + updateFailed, accepted));
            }
            writes.add(new Write(release, name, columns, first));
        }
    }

    /** The same old-code writes, then the change as written; null, or why the change could not run on the rows. */
    private String runAsWritten(ScratchDatabase a, SchemaSnapshot current, List<SqlStatement> asWritten, List<Write> writes) throws SQLException {
        try (Connection c = a.connect()) {
            c.setAutoCommit(true);
            RowSeeder seeder = new RowSeeder(c, a.dialect(), current).fitting(changed);
            for (Write w : writes) {
                SchemaSnapshot.Table t = current.table(w.table()).orElseThrow();
                String failed = seeder.insert(t, w.columns(), w.firstRow(), WRITES);
                if (failed == null) {
                    failed = seeder.update(t, w.columns(), w.firstRow() + WRITES);
                }
                if (failed != null && !"no primary key".equals(failed)) {
                    return "the old code's writes into " + w.table() + " fail on the schema of before: " + failed;
                }
            }
            for (SqlStatement statement : asWritten) {
                if (statement.isClientCommand()) {
                    continue;
                }
                try (Statement s = c.createStatement()) {
                    s.execute(EffectProbe.stripSemicolon(statement.text()));
                } catch (SQLException e) {
                    return "the change as written fails on the seeded rows, so there is nothing to hold the plan to: " + firstLine(e)
                            + " -- statement: " + statement.text();
                }
            }
        }
        return null;
    }

    private static void compareData(ScratchDatabase a, ScratchDatabase b, SchemaSnapshot sa, SchemaSnapshot sb, List<String> tables,
                                    List<Verification.Difference> differences, List<String> notes, Set<String> accepted) throws SQLException {
        try (Connection ca = a.connect(); Connection cb = b.connect()) {
            for (String name : tables) {
                SchemaSnapshot.Table ta = sa.table(name).orElse(null);
                if (ta == null) {
                    continue; // the change as written dropped (or renamed) it: the schema comparison covers what B has instead
                }
                SchemaSnapshot.Table tb = sb.table(name).orElse(null);
                if (tb == null) {
                    differences.add(difference("rows:" + name, "rows", "table " + name + " holds rows after the change as written but does"
                            + " not exist after the plan", accepted));
                    continue;
                }
                List<String> columns = new ArrayList<>();
                for (SchemaSnapshot.Column col : ta.columns()) {
                    if (tb.column(col.name()).isPresent()) {
                        columns.add(col.name());
                    } else {
                        differences.add(difference("data:" + name + "." + col.name(), "data", name + "." + col.name()
                                + " holds data after the change as written but does not exist after the plan: its values are lost", accepted));
                    }
                }
                if (columns.isEmpty()) {
                    continue;
                }
                List<String> key = ta.primaryKey() == null ? List.of() : ta.primaryKey().columns();
                if (!columns.containsAll(key)) {
                    key = List.of();
                }
                for (SchemaSnapshot.Column col : ta.columns()) {
                    if (columns.contains(col.name()) && volatileDefault(col.defaultValue())) {
                        notes.add(name + "." + col.name() + " takes its values from a volatile default (" + col.defaultValue()
                                + "): compared for NULL or not, not by value");
                    }
                }
                List<List<String>> rowsA = rows(ca, a.dialect(), name, columns, ta);
                List<List<String>> rowsB = rows(cb, b.dialect(), name, columns, ta);
                if (key.isEmpty()) {
                    notes.add(name + " has no primary key: its rows were compared as multisets");
                    compareMultisets(name, rowsA, rowsB, differences, accepted);
                } else {
                    compareByKey(name, columns, key, rowsA, rowsB, differences, accepted);
                }
            }
        }
    }

    private static void compareByKey(String table, List<String> columns, List<String> key, List<List<String>> rowsA, List<List<String>> rowsB,
                                     List<Verification.Difference> differences, Set<String> accepted) {
        List<Integer> keyIndex = key.stream().map(columns::indexOf).toList();
        Map<List<String>, List<String>> byKeyB = new HashMap<>();
        for (List<String> row : rowsB) {
            byKeyB.put(keyIndex.stream().map(row::get).toList(), row);
        }
        Map<String, int[]> differing = new LinkedHashMap<>();
        Map<String, String> example = new HashMap<>();
        List<List<String>> missing = new ArrayList<>();
        for (List<String> row : rowsA) {
            List<String> k = keyIndex.stream().map(row::get).toList();
            List<String> other = byKeyB.remove(k);
            if (other == null) {
                missing.add(k);
                continue;
            }
            for (int i = 0; i < columns.size(); i++) {
                if (!Objects.equals(row.get(i), other.get(i))) {
                    differing.computeIfAbsent(columns.get(i), x -> new int[1])[0]++;
                    example.putIfAbsent(columns.get(i), String.join(",", key) + "=" + String.join(",", k) + ": as written " + show(row.get(i))
                            + ", planned " + show(other.get(i)));
                }
            }
        }
        differing.forEach((column, n) -> differences.add(difference("data:" + table + "." + column, "data", table + "." + column + ": " + n[0]
                + " of " + rowsA.size() + " rows differ from the change as written (e.g. " + example.get(column) + ")", accepted)));
        if (!missing.isEmpty()) {
            differences.add(difference("rows:" + table, "rows", missing.size() + " row(s) of " + table + " after the change as written are missing"
                    + " after the plan (" + String.join(",", key) + " " + missing.subList(0, Math.min(3, missing.size())) + ")", accepted));
        }
        if (!byKeyB.isEmpty()) {
            differences.add(difference("rows:" + table, "rows", byKeyB.size() + " row(s) of " + table + " after the plan are not there after the"
                    + " change as written (" + String.join(",", key) + " " + byKeyB.keySet().stream().limit(3).toList() + ")", accepted));
        }
    }

    private static void compareMultisets(String table, List<List<String>> rowsA, List<List<String>> rowsB, List<Verification.Difference> differences,
                                         Set<String> accepted) {
        Map<List<String>, Integer> counts = new HashMap<>();
        rowsA.forEach(r -> counts.merge(r, 1, Integer::sum));
        rowsB.forEach(r -> counts.merge(r, -1, Integer::sum));
        long onlyA = counts.values().stream().filter(n -> n > 0).mapToLong(n -> n).sum();
        long onlyB = counts.values().stream().filter(n -> n < 0).mapToLong(n -> -n).sum();
        if (onlyA > 0 || onlyB > 0) {
            differences.add(difference("rows:" + table, "rows", table + " (no primary key, compared as multisets): " + onlyA
                    + " row(s) only after the change as written, " + onlyB + " only after the plan", accepted));
        }
    }

    private static List<List<String>> rows(Connection c, Dialect dialect, String table, List<String> columns, SchemaSnapshot.Table asWritten)
            throws SQLException {
        List<Boolean> loose = columns.stream().map(col -> volatileDefault(asWritten.column(col).map(SchemaSnapshot.Column::defaultValue)
                .orElse(null))).toList();
        String q = dialect.isMysqlFamily() ? "`" : "\"";
        String sql = "SELECT " + String.join(", ", columns.stream().map(col -> q + col + q).toList()) + " FROM " + q + table + q;
        List<List<String>> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                List<String> row = new ArrayList<>(columns.size());
                for (int i = 1; i <= columns.size(); i++) {
                    String value = rs.getString(i);
                    row.add(loose.get(i - 1) && value != null ? "(set)" : value);
                }
                out.add(row);
            }
        }
        return out;
    }

    private static final java.util.regex.Pattern VOLATILE = java.util.regex.Pattern.compile(
            "(?i)\\b(now|clock_timestamp|statement_timestamp|transaction_timestamp|timeofday|random|gen_random_uuid|uuid_generate_v\\w*|uuid"
                    + "|sysdate|unix_timestamp|rand)\\s*\\(|\\bcurrent_(timestamp|time|date)\\b|\\blocaltime(stamp)?\\b");

    /** A default that gives another value on each evaluation (time, random): A and B cannot agree on its values. */
    static boolean volatileDefault(String defaultValue) {
        return defaultValue != null && VOLATILE.matcher(defaultValue).find();
    }

    /** The table of an "unexpected table X" difference when a step of the plan creates X (a backup it keeps), else null. */
    private static String backupTable(String difference, List<ChangePlan.Step> steps) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^unexpected table (\\S+)$").matcher(difference.strip());
        if (!m.find()) {
            return null;
        }
        String table = m.group(1);
        java.util.regex.Pattern create = java.util.regex.Pattern.compile("(?i)CREATE\\s+TABLE\\s+(IF\\s+NOT\\s+EXISTS\\s+)?[`\"]?"
                + java.util.regex.Pattern.quote(table) + "\\b");
        return steps.stream().flatMap(s -> s.sql().stream()).anyMatch(sql -> create.matcher(sql).find()) ? table : null;
    }

    private static dev.plc.schema.catalog.Catalog catalog(ScratchDatabase db) throws SQLException {
        return CatalogReader.read(db);
    }

    /** The first seeded table a catalog difference names, for the difference's name; null when it names none. */
    private static String tableOf(String difference, List<String> tables) {
        String lower = difference.toLowerCase(Locale.ROOT);
        return new TreeSet<>(tables).stream().filter(t -> lower.matches("(?s).*\\b" + java.util.regex.Pattern.quote(t.toLowerCase(Locale.ROOT)) + "\\b.*"))
                .findFirst().orElse(null);
    }

    private static Verification.Difference difference(String name, String kind, String message, Set<String> accepted) {
        return new Verification.Difference(name, kind, message, accepted.contains(name));
    }

    private static String show(String value) {
        return value == null ? "NULL" : "'" + (value.length() > 40 ? value.substring(0, 40) + "..." : value) + "'";
    }

    private static String firstLine(SQLException e) {
        return Secrets.redact(String.valueOf(e.getMessage())).lines().findFirst().orElse("");
    }

    private static long ms(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
