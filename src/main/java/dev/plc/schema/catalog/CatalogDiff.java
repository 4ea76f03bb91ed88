package dev.plc.schema.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The effects that turn one {@link Catalog} into another. Identity comes from the catalog, not from names: a relation
 * whose {@code id} is unchanged but whose name differs was renamed; on PostgreSQL a column whose {@code position}
 * (attnum) is unchanged but whose name differs was renamed, and a drop + add of a same-named column is a drop and an
 * add. Where the catalog keeps no identity (MariaDB/MySQL columns), {@code renames} (old name -> new name per table,
 * read off the statement by the SQL reader) tells a rename from a drop + add.
 *
 * <p>Relations: PostgreSQL matches them by oid (it survives every ALTER, rewrites included). MariaDB/MySQL match by
 * name first and use the InnoDB table id only among the rest, to find renames: the id survives RENAME TABLE but a
 * rebuild (ALGORITHM=COPY, ENGINE=InnoDB) gives the table a new one, and a rebuilt table was not dropped.
 *
 * <p>Definitions are compared after mapping the renames the same diff found (a renamed column inside an index, check
 * or trigger, a renamed table in a foreign key), so a rename reports the rename, not a changed index for every index on
 * the column. Constraints, indexes and triggers missing on one side are matched by their definition without their own
 * name to find RENAME CONSTRAINT / ALTER INDEX RENAME / RENAME INDEX.
 */
public final class CatalogDiff {

    private CatalogDiff() {
    }

    /**
     * The effects in a stable order: schemas, extensions, types, relations, then columns, constraints, indexes,
     * triggers of every relation, then sequences and routines; inside a group by relation, then as the catalog lists
     * the objects.
     */
    public static List<Effect> diff(Catalog before, Catalog after) {
        return diff(before, after, Map.of());
    }

    /** @param columnRenames "table.old" -> "new", as the statement says (MariaDB/MySQL CHANGE / RENAME COLUMN) */
    public static List<Effect> diff(Catalog before, Catalog after, Map<String, String> columnRenames) {
        return new CatalogDiffer(before, after, columnRenames == null ? Map.of() : columnRenames).run();
    }

    /**
     * Whether two catalogs describe the same schema when generated names are ignored: constraints and indexes are
     * matched by definition with their names taken out, so a plan that names a constraint differently from the database's
     * generated name still compares equal. Returns the differences that remain, each in words; empty means equal.
     */
    public static List<String> differences(Catalog expected, Catalog actual) {
        return CatalogComparison.differences(expected.withoutToolTables(), actual.withoutToolTables());
    }

    record Pair<T>(T before, T after) {
    }

    /** Pairs up the items with equal non-null keys, taking them out of both lists; first come, first paired. */
    static <T, K> List<Pair<T>> match(List<T> before, List<T> after, Function<T, K> key) {
        List<Pair<T>> pairs = new ArrayList<>();
        Map<K, List<T>> byKey = new LinkedHashMap<>();
        for (T a : after) {
            K k = key.apply(a);
            if (k != null) {
                byKey.computeIfAbsent(k, x -> new ArrayList<>()).add(a);
            }
        }
        for (var it = before.iterator(); it.hasNext(); ) {
            T b = it.next();
            K k = key.apply(b);
            List<T> candidates = k == null ? null : byKey.get(k);
            if (candidates != null && !candidates.isEmpty()) {
                T a = candidates.remove(0);
                after.remove(a);
                pairs.add(new Pair<>(b, a));
                it.remove();
            }
        }
        return pairs;
    }
}
