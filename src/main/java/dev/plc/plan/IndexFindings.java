package dev.plc.plan;

import dev.plc.db.Dialect;
import dev.plc.schema.catalog.Catalog;
import dev.plc.sql.Identifiers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Index hazards of a change read from the catalog before and after it, not from its text: a new index that another
 * index of the table already covers (the same key, or a longer key it is a leading part of), an existing index the new
 * one makes redundant, and (PostgreSQL, which does not index foreign keys by itself) a new foreign key whose columns
 * no index leads with.
 *
 * <p>Indexes are compared by what the database says they are (pg_get_indexdef, or the MariaDB/MySQL definition
 * rebuilt from STATISTICS): access method, key parts as written there (so DESC, operator classes, collations and
 * column prefixes count), INCLUDE list and predicate. A partial index is only redundant next to one with the same
 * predicate, a unique index only next to a unique index on the same key, and an invalid or ignored index covers
 * nothing.
 */
public final class IndexFindings {

    /** One index as its definition reads: method, key parts, INCLUDE list, predicate, and what is left. */
    record Shape(String name, String method, List<String> keys, String include, String predicate, boolean unique, boolean usable) {

        boolean sameFilter(Shape other) {
            return method.equals(other.method) && predicate.equals(other.predicate);
        }
    }

    private IndexFindings() {
    }

    /** The index hazards of whatever turned {@code before} into {@code after} (both read from the same database). */
    public static List<ChangePlan.Hazard> of(Catalog before, Catalog after) {
        List<ChangePlan.Hazard> out = new ArrayList<>();
        for (Catalog.Relation table : after.relations()) {
            if (!table.isTable()) {
                continue;
            }
            Optional<Catalog.Relation> old = before.relations().stream()
                    .filter(r -> r.name().equals(table.name()) && java.util.Objects.equals(r.schema(), table.schema())).findFirst();
            if (old.isEmpty()) {
                // a table the change creates: its indexes were chosen with it; its foreign keys still need one each
                if (after.dialect() == Dialect.POSTGRESQL) {
                    unindexedForeignKeys(table, null, out);
                }
                continue;
            }
            // an index whose definition is unchanged is not new, whatever its name now (ALTER INDEX ... RENAME)
            List<Catalog.Index> added = table.indexes().stream().filter(i -> old.get().indexes().stream()
                    .noneMatch(o -> o.name().equals(i.name()) && o.definition().equals(i.definition())
                            || table.indexes().stream().noneMatch(a -> a.name().equals(o.name()))
                            && sameIndex(shape(o, before.dialect()), shape(i, after.dialect())))).toList();
            for (Catalog.Index index : added) {
                Shape shape = shape(index, after.dialect());
                for (Catalog.Index other : table.indexes()) {
                    if (other == index || added.contains(other) && other.name().compareTo(index.name()) < 0) {
                        continue;
                    }
                    Shape o = shape(other, after.dialect());
                    if (covers(o, shape)) {
                        out.add(redundant(table.name(), index, other, "already serves every query " + index.name() + " would"));
                        break;
                    }
                    if (!added.contains(other) && covers(shape, o)) {
                        out.add(new ChangePlan.Hazard("redundant-index", "warning", other.definition(), null, "slower writes and wasted space",
                                "the new index " + index.name() + " on " + table.name() + " (" + String.join(", ", shape.keys()) + ") covers the existing "
                                        + other.name() + " (" + String.join(", ", o.keys()) + "): every insert and update of " + table.name()
                                        + " keeps both up to date",
                                "once " + index.name() + " is built and the queries use it, drop " + other.name() + " in a later release"
                                        + (after.dialect() == Dialect.POSTGRESQL ? " (DROP INDEX CONCURRENTLY " + other.name() + ")" : ""), null));
                    }
                }
            }
            if (after.dialect() == Dialect.POSTGRESQL) {
                unindexedForeignKeys(table, old.get(), out);
            }
        }
        return out;
    }

    private static boolean sameIndex(Shape a, Shape b) {
        return a.method().equals(b.method()) && a.keys().equals(b.keys()) && a.include().equals(b.include()) && a.predicate().equals(b.predicate())
                && a.unique() == b.unique() && a.usable() == b.usable();
    }

    private static ChangePlan.Hazard redundant(String table, Catalog.Index index, Catalog.Index by, String why) {
        return new ChangePlan.Hazard("redundant-index", "warning", index.definition(), null, "slower writes and wasted space",
                "the new index " + index.name() + " on " + table + " is redundant: " + by.name() + " (" + by.definition() + ") " + why
                        + ", and every insert and update of " + table + " pays for both",
                "leave " + index.name() + " out of the change, or say why it is needed (another operator class, a planned drop of "
                        + by.name() + ")", null);
    }

    /** Whether {@code wide} serves every lookup {@code narrow} does: the same key, or {@code narrow}'s key leads it. */
    static boolean covers(Shape wide, Shape narrow) {
        if (!wide.usable() || !wide.sameFilter(narrow)) {
            return false;
        }
        if (wide.keys().equals(narrow.keys())) {
            // a unique index enforces something: only another unique index on the same key replaces it
            return (!narrow.unique() || wide.unique()) && (narrow.include().isEmpty() || narrow.include().equals(wide.include()));
        }
        boolean ordered = wide.method().equals("btree");
        return ordered && !narrow.unique() && narrow.include().isEmpty() && wide.keys().size() > narrow.keys().size()
                && wide.keys().subList(0, narrow.keys().size()).equals(narrow.keys());
    }

    /**
     * A new foreign key whose columns are not the leading columns (in any order) of a valid index of its table;
     * {@code old} is the table before the change, null when the change creates it.
     */
    private static void unindexedForeignKeys(Catalog.Relation table, Catalog.Relation old, List<ChangePlan.Hazard> out) {
        for (Catalog.Constraint fk : table.constraints()) {
            if (!fk.kind().equals("FOREIGN_KEY") || old != null && old.constraints().stream().anyMatch(o -> o.name().equals(fk.name()) && o.kind().equals(fk.kind()))) {
                continue;
            }
            List<String> columns = fk.columns().stream().map(c -> c.toLowerCase(Locale.ROOT)).toList();
            boolean indexed = table.indexes().stream().filter(Catalog.Index::valid).anyMatch(i -> {
                Shape s = shape(i, Dialect.POSTGRESQL);
                if (!s.predicate().isEmpty() || !s.method().equals("btree") || s.keys().size() < columns.size()) {
                    return false;
                }
                List<String> leading = s.keys().subList(0, columns.size()).stream().map(k -> Identifiers.unquote(k).toLowerCase(Locale.ROOT)).toList();
                return new java.util.HashSet<>(leading).equals(new java.util.HashSet<>(columns));
            });
            if (!indexed) {
                String cols = String.join(", ", fk.columns());
                out.add(new ChangePlan.Hazard("foreign-key-without-index", "warning", fk.definition(), null,
                        "a full scan of " + table.name() + " for every delete or key update in " + fk.references(),
                        "no index of " + table.name() + " leads with the foreign key " + fk.name() + " (" + cols + "): PostgreSQL does not create one,"
                                + " so each delete or key update of a " + fk.references() + " row scans " + table.name() + " to check for references,"
                                + " and joins on " + cols + " cannot use an index",
                        "CREATE INDEX CONCURRENTLY " + indexName(table.name(), fk.columns()) + " ON " + table.name() + " (" + cols
                                + "); in a migration of its own, before or with the foreign key", null));
            }
        }
    }

    private static String indexName(String table, List<String> columns) {
        String name = table + "_" + String.join("_", columns.stream().map(Identifiers::unquote).toList()) + "_idx";
        return name.length() <= 63 ? name : name.substring(0, 63);
    }

    /** Reads an index definition: {@code CREATE [UNIQUE] INDEX n ON t USING m (keys) [INCLUDE (...)] [WITH (...)] [WHERE p]}. */
    static Shape shape(Catalog.Index index, Dialect dialect) {
        String def = index.definition();
        String upper = def.toUpperCase(Locale.ROOT);
        int on = upper.indexOf(" ON ");
        String method;
        int open;
        if (dialect == Dialect.POSTGRESQL) {
            int using = upper.indexOf(" USING ", Math.max(on, 0));
            open = def.indexOf('(', using < 0 ? Math.max(on, 0) : using);
            method = using < 0 ? "btree" : def.substring(using + 7, open).strip().toLowerCase(Locale.ROOT);
        } else {
            open = def.indexOf('(', Math.max(on, 0));
            method = upper.startsWith("CREATE FULLTEXT") ? "fulltext" : upper.startsWith("CREATE SPATIAL") ? "spatial"
                    : upper.contains(" USING HASH") ? "hash" : "btree";
        }
        int close = closing(def, open);
        List<String> keys = open < 0 ? List.of(def) : split(def.substring(open + 1, close));
        String rest = open < 0 ? "" : def.substring(close + 1);
        String restUpper = rest.toUpperCase(Locale.ROOT);
        String include = "";
        int inc = restUpper.indexOf("INCLUDE (");
        if (inc >= 0) {
            int incOpen = rest.indexOf('(', inc);
            include = rest.substring(incOpen, closing(rest, incOpen) + 1);
        }
        int where = restUpper.indexOf(" WHERE ");
        String predicate = where < 0 ? "" : rest.substring(where + 7).strip();
        boolean hidden = restUpper.contains(" IGNORED") || restUpper.contains(" INVISIBLE");
        return new Shape(index.name(), method, keys, include, predicate, index.unique(), index.valid() && !hidden);
    }

    private static int closing(String s, int open) {
        if (open < 0) {
            return -1;
        }
        int depth = 0;
        boolean quoted = false;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'' || c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')' && --depth == 0) {
                return i;
            }
        }
        return s.length() - 1;
    }

    private static List<String> split(String list) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < list.length(); i++) {
            char c = list.charAt(i);
            if (c == '\'' || c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
            } else if (!quoted && depth == 0 && c == ',') {
                out.add(list.substring(start, i).strip());
                start = i + 1;
            }
        }
        out.add(list.substring(start).strip());
        return out;
    }
}
