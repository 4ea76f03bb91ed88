package dev.plc.plan;

import dev.plc.db.Dialect;
import dev.plc.schema.catalog.Catalog;
import dev.plc.sql.Identifiers;
import java.util.Locale;
import java.util.Optional;

/** What a column must not be for {@link ColumnReplacement} to replace it online (identity, generated, in a key, read by a view). */
final class ReplacementLimits {

    private ReplacementLimits() {
    }

    /**
     * Why the column of {@code table} cannot be replaced this way, or null when it can. The planner then says so and
     * stages the change by application code instead.
     */
    static String why(PlanContext ctx, String table, String column) {
        Catalog catalog = ctx.catalog();
        if (catalog == null || !(ctx.ddl().postgres() || ctx.ddl().mysql())) {
            return "no catalog of the table was read (only PostgreSQL and MariaDB/MySQL have one here)";
        }
        Optional<Catalog.Relation> r = catalog.relation(table);
        if (r.isEmpty() || !r.get().kind().equals("TABLE")) {
            return r.isEmpty() ? "table " + table + " is not in the catalog" : table + " is a " + r.get().kind().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
        Catalog.Relation t = r.get();
        Optional<Catalog.Column> c = t.column(column);
        if (c.isEmpty()) {
            return "column " + table + "." + column + " is not in the catalog (added in the same change?)";
        }
        if (c.get().identity() != null) {
            return column + " is an identity / AUTO_INCREMENT column";
        }
        if (c.get().generated() != null) {
            return column + " is a generated column";
        }
        for (Catalog.Column other : t.columns()) {
            if (other.generated() != null && Identifiers.mentions(stripGenerated(other.generated()), ctx.dialect(), column)) {
                return "the generated column " + other.name() + " is computed from " + column;
            }
        }
        for (Catalog.Constraint k : t.constraints()) {
            if ((k.kind().equals("PRIMARY_KEY") || k.kind().equals("EXCLUDE")) && mentions(k, ctx.dialect(), column)) {
                return column + " is part of " + (k.kind().equals("PRIMARY_KEY") ? "the primary key" : "the exclusion constraint " + k.name());
            }
        }
        for (Catalog.Relation v : catalog.relations()) {
            if (v.definition() != null && Identifiers.mentions(v.definition(), ctx.dialect(), column)
                    && Identifiers.mentions(v.definition(), ctx.dialect(), t.name())) {
                return "the " + v.kind().toLowerCase(Locale.ROOT).replace('_', ' ') + " " + catalog.displayName(v) + " reads " + column;
            }
        }
        return null;
    }

    private static String stripGenerated(String generated) {
        return generated.replaceAll("\\s+(STORED|VIRTUAL)$", "");
    }

    private static boolean mentions(Catalog.Constraint k, Dialect dialect, String column) {
        return k.columns().stream().anyMatch(col -> col.equalsIgnoreCase(column)) || Identifiers.mentions(k.definition(), dialect, column);
    }
}
