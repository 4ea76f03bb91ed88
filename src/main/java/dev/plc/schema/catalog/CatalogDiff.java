package dev.plc.schema.catalog;

import java.util.List;
import java.util.Map;

/**
 * The effects that turn one {@link Catalog} into another. Identity comes from the catalog, not from names: a relation
 * whose {@code id} is unchanged but whose name differs was renamed; on PostgreSQL a column whose {@code position}
 * (attnum) is unchanged but whose name differs was renamed, and a drop + add of a same-named column is a drop and an
 * add. Where the catalog keeps no identity (MariaDB/MySQL columns), {@code renames} (old name -> new name per table,
 * read off the statement by the SQL reader) tells a rename from a drop + add.
 */
public final class CatalogDiff {

    private CatalogDiff() {
    }

    /** The effects in a stable order: relations, then columns, constraints, indexes, triggers, types, sequences, routines. */
    public static List<Effect> diff(Catalog before, Catalog after) {
        return diff(before, after, Map.of());
    }

    /** @param columnRenames "table.old" -> "new", as the statement says (MariaDB/MySQL CHANGE / RENAME COLUMN) */
    public static List<Effect> diff(Catalog before, Catalog after, Map<String, String> columnRenames) {
        throw new UnsupportedOperationException("not yet written");
    }

    /**
     * Whether two catalogs describe the same schema when generated names are ignored: constraints and indexes are
     * matched by definition with their names taken out, so a plan that names a constraint differently from the database's
     * generated name still compares equal. Returns the differences that remain, each in words; empty means equal.
     */
    public static List<String> differences(Catalog expected, Catalog actual) {
        throw new UnsupportedOperationException("not yet written");
    }
}
