package dev.plc.schema.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
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
        return new Differ(before, after, columnRenames == null ? Map.of() : columnRenames).run();
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

    private static final class Differ {
        private final Catalog before;
        private final Catalog after;
        private final Map<String, String> hints;
        private final boolean mysql;

        private final List<Effect> schemaFx = new ArrayList<>();
        private final List<Effect> extensionFx = new ArrayList<>();
        private final List<Effect> typeFx = new ArrayList<>();
        private final List<Effect> relationFx = new ArrayList<>();
        private final List<Effect> columnFx = new ArrayList<>();
        private final List<Effect> constraintFx = new ArrayList<>();
        private final List<Effect> indexFx = new ArrayList<>();
        private final List<Effect> triggerFx = new ArrayList<>();
        private final List<Effect> sequenceFx = new ArrayList<>();
        private final List<Effect> routineFx = new ArrayList<>();

        /** bare relation names old -> new, for mapping definitions */
        private final Map<String, String> relationNames = new HashMap<>();
        /** display names old -> new, for OWNED BY */
        private final Map<String, String> relationDisplay = new HashMap<>();
        /** per relation (after display name): its schema old -> new (ALTER TABLE SET SCHEMA) */
        private final Map<String, Map<String, String>> schemaMoves = new HashMap<>();
        /** per relation (after display name): column old -> new */
        private final Map<String, Map<String, String>> columnNames = new HashMap<>();
        private final Map<String, String> schemaRenames = new HashMap<>();
        /** bare type names old -> new: a column of a renamed type shows the new name without having changed */
        private final Map<String, String> typeNames = new HashMap<>();

        Differ(Catalog before, Catalog after, Map<String, String> hints) {
            this.before = before;
            this.after = after;
            this.hints = hints;
            this.mysql = after.dialect() != null && after.dialect().isMysqlFamily();
        }

        List<Effect> run() {
            types();
            List<Pair<Catalog.Relation>> pairs = relations();
            for (Pair<Catalog.Relation> p : pairs) {
                columns(p.before(), p.after());
            }
            for (Pair<Catalog.Relation> p : pairs) {
                constraints(p.before(), p.after());
                indexes(p.before(), p.after());
                triggers(p.before(), p.after());
            }
            extensions();
            sequences();
            routines();
            List<Effect> out = new ArrayList<>();
            out.addAll(schemaFx);
            out.addAll(extensionFx);
            out.addAll(typeFx);
            for (List<Effect> group : List.of(relationFx, columnFx, constraintFx, indexFx, triggerFx)) {
                List<Effect> sorted = new ArrayList<>(group);
                sorted.sort(Comparator.comparing(e -> e.relation() == null ? "" : e.relation()));
                out.addAll(sorted);
            }
            out.addAll(sequenceFx);
            out.addAll(routineFx);
            return List.copyOf(out);
        }

        private static Effect fx(EffectKind kind, String relation, String name, String newName, String before, String after) {
            return new Effect(kind, relation, name, newName, before, after);
        }

        // ---- schemas and relations

        private List<Pair<Catalog.Relation>> relations() {
            List<Catalog.Relation> b = new ArrayList<>(before.relations());
            List<Catalog.Relation> a = new ArrayList<>(after.relations());
            List<Pair<Catalog.Relation>> pairs = new ArrayList<>();
            if (mysql) {
                pairs.addAll(match(b, a, r -> r.name().toLowerCase(Locale.ROOT)));
                pairs.addAll(match(b, a, Catalog.Relation::id));
            } else {
                pairs.addAll(match(b, a, Catalog.Relation::id));
                pairs.addAll(match(b, a, r -> r.id() == null ? before.displayName(r) : null));
            }
            pairs.sort(Comparator.comparing(p -> after.displayName(p.after())));

            Set<String> schemasBefore = new TreeSet<>(before.schemas());
            Set<String> schemasAfter = new TreeSet<>(after.schemas());
            if (!mysql) {
                // a schema that vanished while its relations reappeared, same oids, in a new schema: ALTER SCHEMA RENAME
                for (Pair<Catalog.Relation> p : pairs) {
                    String from = p.before().schema();
                    String to = p.after().schema();
                    if (!from.equals(to) && !schemasAfter.contains(from) && !schemasBefore.contains(to)) {
                        schemaRenames.putIfAbsent(from, to);
                    }
                }
                for (String s : schemasBefore) {
                    if (schemaRenames.containsKey(s)) {
                        schemaFx.add(fx(EffectKind.SCHEMA_RENAMED, null, s, schemaRenames.get(s), null, null));
                    } else if (!schemasAfter.contains(s)) {
                        schemaFx.add(fx(EffectKind.SCHEMA_DROPPED, null, s, null, null, null));
                    }
                }
                for (String s : schemasAfter) {
                    if (!schemasBefore.contains(s) && !schemaRenames.containsValue(s)) {
                        schemaFx.add(fx(EffectKind.SCHEMA_CREATED, null, s, null, null, null));
                    }
                }
            }

            for (Pair<Catalog.Relation> p : pairs) {
                Catalog.Relation rb = p.before();
                Catalog.Relation ra = p.after();
                String nb = before.displayName(rb);
                String na = after.displayName(ra);
                if (!nb.equals(na)) {
                    relationDisplay.put(nb, na);
                    if (!rb.schema().equals(ra.schema())) {
                        schemaMoves.put(na, Map.of(rb.schema(), ra.schema()));
                    }
                    if (!rb.name().equals(ra.name())) {
                        relationNames.put(rb.name(), ra.name());
                    }
                    boolean bySchemaRename = rb.name().equals(ra.name()) && ra.schema().equals(schemaRenames.get(rb.schema()));
                    if (!bySchemaRename) {
                        relationFx.add(fx(EffectKind.RELATION_RENAMED, nb, null, na, null, null));
                    }
                }
                if (!rb.options().equals(ra.options())) {
                    relationFx.add(fx(EffectKind.RELATION_OPTIONS_CHANGED, na, null, null, options(rb), options(ra)));
                }
                if (!Objects.equals(rb.comment(), ra.comment())) {
                    relationFx.add(fx(EffectKind.RELATION_COMMENT_CHANGED, na, null, null, rb.comment(), ra.comment()));
                }
                if (!Objects.equals(rb.definition(), ra.definition())) {
                    relationFx.add(fx(EffectKind.VIEW_DEFINITION_CHANGED, na, null, null, rb.definition(), ra.definition()));
                }
                String parentBefore = rb.partitionOf() == null ? null : mapDisplay(rb.partitionOf());
                if (!Objects.equals(parentBefore, ra.partitionOf()) || ra.partitionOf() != null
                        && !Objects.equals(rb.partitionBound(), ra.partitionBound())) {
                    if (rb.partitionOf() != null) {
                        relationFx.add(fx(EffectKind.PARTITION_DETACHED, na, null, null, rb.partitionOf() + " " + rb.partitionBound(), null));
                    }
                    if (ra.partitionOf() != null) {
                        relationFx.add(fx(EffectKind.PARTITION_ATTACHED, na, null, null, null, ra.partitionOf() + " " + ra.partitionBound()));
                    }
                }
            }
            for (Catalog.Relation r : a) {
                String na = after.displayName(r);
                relationFx.add(fx(EffectKind.RELATION_CREATED, na, null, null, null, r.kind()));
                if (r.partitionOf() != null) {
                    relationFx.add(fx(EffectKind.PARTITION_ATTACHED, na, null, null, null, r.partitionOf() + " " + r.partitionBound()));
                }
            }
            for (Catalog.Relation r : b) {
                relationFx.add(fx(EffectKind.RELATION_DROPPED, before.displayName(r), null, null, r.kind(), null));
            }
            return pairs;
        }

        private String mapDisplay(String beforeDisplay) {
            return relationDisplay.getOrDefault(beforeDisplay, beforeDisplay);
        }

        private static String options(Catalog.Relation r) {
            return r.options().isEmpty() ? null : String.join(", ", r.options());
        }

        // ---- columns

        private void columns(Catalog.Relation rb, Catalog.Relation ra) {
            String nb = before.displayName(rb);
            String na = after.displayName(ra);
            List<Catalog.Column> b = new ArrayList<>(rb.columns());
            List<Catalog.Column> a = new ArrayList<>(ra.columns());
            List<Pair<Catalog.Column>> pairs = new ArrayList<>();
            if (mysql) {
                for (Catalog.Column c : List.copyOf(b)) {
                    String to = hint(nb, na, rb.name(), ra.name(), c.name());
                    if (to == null) {
                        continue;
                    }
                    a.stream().filter(x -> x.name().equalsIgnoreCase(to)).findFirst().ifPresent(x -> {
                        pairs.add(new Pair<>(c, x));
                        b.remove(c);
                        a.remove(x);
                    });
                }
                pairs.addAll(match(b, a, c -> c.name().toLowerCase(Locale.ROOT)));
            } else {
                pairs.addAll(match(b, a, Catalog.Column::position));
            }
            Map<String, String> renames = new HashMap<>();
            for (Catalog.Column c : b) {
                columnFx.add(fx(EffectKind.COLUMN_DROPPED, na, c.name(), null, describe(c), null));
            }
            Map<Catalog.Column, Pair<Catalog.Column>> byAfter = new HashMap<>();
            pairs.forEach(p -> byAfter.put(p.after(), p));
            for (Catalog.Column ca : ra.columns()) {
                Pair<Catalog.Column> p = byAfter.get(ca);
                if (p == null) {
                    columnFx.add(fx(EffectKind.COLUMN_ADDED, na, ca.name(), null, null, describe(ca)));
                    continue;
                }
                Catalog.Column cb = p.before();
                if (!cb.name().equals(ca.name())) {
                    renames.put(cb.name(), ca.name());
                    columnFx.add(fx(EffectKind.COLUMN_RENAMED, na, cb.name(), ca.name(), null, null));
                }
                columnChanges(na, cb, ca);
            }
            if (mysql) {
                moved(na, rb, ra, pairs);
            }
            if (!renames.isEmpty()) {
                columnNames.put(na, renames);
            }
        }

        private String hint(String nb, String na, String bareB, String bareA, String column) {
            for (String table : new java.util.LinkedHashSet<>(List.of(nb, na, bareB, bareA))) {
                for (Map.Entry<String, String> e : hints.entrySet()) {
                    if (e.getKey().equalsIgnoreCase(table + "." + column)) {
                        return e.getValue();
                    }
                }
            }
            return null;
        }

        private void columnChanges(String relation, Catalog.Column b, Catalog.Column a) {
            String name = a.name();
            if (!b.type().equals(a.type()) && (typeNames.isEmpty()
                    || !Definitions.canonical(b.type(), typeNames).equals(Definitions.canonical(a.type(), Map.of())))) {
                columnFx.add(fx(EffectKind.COLUMN_TYPE_CHANGED, relation, name, null, b.type(), a.type()));
            }
            if (b.notNull() != a.notNull()) {
                columnFx.add(fx(a.notNull() ? EffectKind.COLUMN_NOT_NULL_SET : EffectKind.COLUMN_NOT_NULL_DROPPED, relation, name, null,
                        null, null));
            }
            if (!Objects.equals(b.defaultValue(), a.defaultValue())) {
                columnFx.add(fx(EffectKind.COLUMN_DEFAULT_CHANGED, relation, name, null, b.defaultValue(), a.defaultValue()));
            }
            if (!Objects.equals(b.identity(), a.identity())) {
                columnFx.add(fx(EffectKind.COLUMN_IDENTITY_CHANGED, relation, name, null, b.identity(), a.identity()));
            }
            if (!Objects.equals(b.generated(), a.generated())) {
                columnFx.add(fx(EffectKind.COLUMN_GENERATED_CHANGED, relation, name, null, b.generated(), a.generated()));
            }
            if (!Objects.equals(b.collation(), a.collation())) {
                columnFx.add(fx(EffectKind.COLUMN_COLLATION_CHANGED, relation, name, null, b.collation(), a.collation()));
            }
            if (!Objects.equals(b.comment(), a.comment())) {
                columnFx.add(fx(EffectKind.COLUMN_COMMENT_CHANGED, relation, name, null, b.comment(), a.comment()));
            }
            if (!b.extra().equals(a.extra())) {
                columnFx.add(fx(EffectKind.COLUMN_EXTRA_CHANGED, relation, name, null, b.extra().isEmpty() ? null : String.join(", ", b.extra()),
                        a.extra().isEmpty() ? null : String.join(", ", a.extra())));
            }
        }

        /**
         * MariaDB/MySQL FIRST / AFTER: the columns whose order relative to the other kept columns changed. The kept
         * columns in their new order are matched against their old order; the longest run that kept its order stayed,
         * the rest moved (so adding or dropping a column moves nothing).
         */
        private void moved(String relation, Catalog.Relation rb, Catalog.Relation ra, List<Pair<Catalog.Column>> pairs) {
            List<Pair<Catalog.Column>> inAfterOrder = new ArrayList<>(pairs);
            inAfterOrder.sort(Comparator.comparingInt(p -> p.after().position()));
            int n = inAfterOrder.size();
            int[] seq = new int[n];
            for (int i = 0; i < n; i++) {
                seq[i] = inAfterOrder.get(i).before().position();
            }
            boolean[] stays = longestIncreasing(seq);
            for (int i = 0; i < n; i++) {
                if (!stays[i]) {
                    Pair<Catalog.Column> p = inAfterOrder.get(i);
                    columnFx.add(fx(EffectKind.COLUMN_MOVED, relation, p.after().name(), null, placement(rb, p.before()),
                            placement(ra, p.after())));
                }
            }
        }

        private static String placement(Catalog.Relation r, Catalog.Column c) {
            int i = r.columns().indexOf(c);
            return i == 0 ? "FIRST" : "AFTER " + r.columns().get(i - 1).name();
        }

        private static boolean[] longestIncreasing(int[] seq) {
            int n = seq.length;
            int[] len = new int[n];
            int[] prev = new int[n];
            int best = -1;
            for (int i = 0; i < n; i++) {
                len[i] = 1;
                prev[i] = -1;
                for (int j = 0; j < i; j++) {
                    // on a tie keep the chain through the smaller old position: a swap of id and email after
                    // MODIFY email FIRST reports email moved, not id
                    if (seq[j] < seq[i] && (len[j] + 1 > len[i] || len[j] + 1 == len[i] && seq[j] < seq[prev[i]])) {
                        len[i] = len[j] + 1;
                        prev[i] = j;
                    }
                }
                if (best < 0 || len[i] > len[best]) {
                    best = i;
                }
            }
            boolean[] stays = new boolean[n];
            for (int i = best; i >= 0; i = prev[i]) {
                stays[i] = true;
            }
            return stays;
        }

        static String describe(Catalog.Column c) {
            StringBuilder sb = new StringBuilder(c.type());
            if (c.collation() != null) {
                sb.append(" COLLATE ").append(c.collation());
            }
            if (c.notNull()) {
                sb.append(" NOT NULL");
            }
            if (c.defaultValue() != null) {
                sb.append(" DEFAULT ").append(c.defaultValue());
            }
            if (c.identity() != null) {
                sb.append(c.identity().equals("AUTO_INCREMENT") ? " AUTO_INCREMENT" : " GENERATED " + c.identity() + " AS IDENTITY");
            }
            if (c.generated() != null) {
                sb.append(" GENERATED ALWAYS AS ").append(c.generated());
            }
            for (String x : c.extra()) {
                sb.append(' ').append(x);
            }
            return sb.toString();
        }

        // ---- constraints, indexes, triggers

        /** The names a before-definition in relation {@code after} must be read with: table and column renames. */
        private Map<String, String> renames(String relationAfter, String references) {
            Map<String, String> m = new HashMap<>(schemaRenames);
            m.putAll(schemaMoves.getOrDefault(relationAfter, Map.of()));
            m.putAll(relationNames);
            if (references != null && columnNames.containsKey(references)) {
                m.putAll(columnNames.get(references));
            }
            m.putAll(columnNames.getOrDefault(relationAfter, Map.of()));
            return m;
        }

        private void constraints(Catalog.Relation rb, Catalog.Relation ra) {
            String na = after.displayName(ra);
            List<Catalog.Constraint> b = new ArrayList<>(rb.constraints().stream().filter(c -> !c.kind().equals("NOT_NULL")).toList());
            List<Catalog.Constraint> a = new ArrayList<>(ra.constraints().stream().filter(c -> !c.kind().equals("NOT_NULL")).toList());
            Function<Catalog.Constraint, String> canonBefore = c -> c.kind() + " " + Definitions.canonical(
                    Definitions.withoutNotValid(c.definition()), renames(na, c.references() == null ? null : mapDisplay(c.references())));
            Function<Catalog.Constraint, String> canonAfter = c -> c.kind() + " "
                    + Definitions.canonical(Definitions.withoutNotValid(c.definition()), Map.of());
            for (Pair<Catalog.Constraint> p : match(b, a, Catalog.Constraint::name)) {
                constraintChanges(na, p.before(), p.after(), canonBefore, canonAfter);
            }
            for (Pair<Catalog.Constraint> p : matchBy(b, a, canonBefore, canonAfter)) {
                constraintFx.add(fx(EffectKind.CONSTRAINT_RENAMED, na, p.before().name(), p.after().name(), null, null));
                constraintChanges(na, p.before(), p.after(), canonBefore, canonAfter);
            }
            b.forEach(c -> constraintFx.add(fx(EffectKind.CONSTRAINT_DROPPED, na, c.name(), null, c.definition(), null)));
            a.forEach(c -> constraintFx.add(fx(EffectKind.CONSTRAINT_ADDED, na, c.name(), null, null, c.definition())));
        }

        private void constraintChanges(String relation, Catalog.Constraint b, Catalog.Constraint a,
                                       Function<Catalog.Constraint, String> canonBefore, Function<Catalog.Constraint, String> canonAfter) {
            String name = a.name();
            if (!canonBefore.apply(b).equals(canonAfter.apply(a))) {
                constraintFx.add(fx(EffectKind.CONSTRAINT_CHANGED, relation, name, null, b.definition(), a.definition()));
            } else if (!b.validated() && a.validated()) {
                constraintFx.add(fx(EffectKind.CONSTRAINT_VALIDATED, relation, name, null, b.definition(), a.definition()));
            } else if (b.validated() && !a.validated()) {
                constraintFx.add(fx(EffectKind.CONSTRAINT_CHANGED, relation, name, null, b.definition(), a.definition()));
            }
            if (!Objects.equals(b.comment(), a.comment())) {
                constraintFx.add(fx(EffectKind.CONSTRAINT_COMMENT_CHANGED, relation, name, null, b.comment(), a.comment()));
            }
        }

        private void indexes(Catalog.Relation rb, Catalog.Relation ra) {
            String na = after.displayName(ra);
            List<Catalog.Index> b = new ArrayList<>(rb.indexes());
            List<Catalog.Index> a = new ArrayList<>(ra.indexes());
            Map<String, String> renames = renames(na, null);
            // the shape leaves out the index's own name and its table: MariaDB names an index after its first column
            Function<Catalog.Index, String> canonBefore = i -> Definitions.canonical(Definitions.indexShape(i.definition()), renames)
                    + (i.valid() ? "" : " INVALID");
            Function<Catalog.Index, String> canonAfter = i -> Definitions.canonical(Definitions.indexShape(i.definition()), Map.of())
                    + (i.valid() ? "" : " INVALID");
            for (Pair<Catalog.Index> p : match(b, a, Catalog.Index::name)) {
                if (!canonBefore.apply(p.before()).equals(canonAfter.apply(p.after()))) {
                    indexFx.add(fx(EffectKind.INDEX_CHANGED, na, p.after().name(), null, indexText(p.before()), indexText(p.after())));
                }
            }
            for (Pair<Catalog.Index> p : matchBy(b, a, canonBefore, canonAfter)) {
                indexFx.add(fx(EffectKind.INDEX_RENAMED, na, p.before().name(), p.after().name(), null, null));
            }
            b.forEach(i -> indexFx.add(fx(EffectKind.INDEX_DROPPED, na, i.name(), null, indexText(i), null)));
            a.forEach(i -> indexFx.add(fx(EffectKind.INDEX_CREATED, na, i.name(), null, null, indexText(i))));
        }

        private static String indexText(Catalog.Index i) {
            return i.definition() + (i.valid() ? "" : " (INVALID)");
        }

        private void triggers(Catalog.Relation rb, Catalog.Relation ra) {
            String na = after.displayName(ra);
            List<Catalog.Trigger> b = new ArrayList<>(rb.triggers());
            List<Catalog.Trigger> a = new ArrayList<>(ra.triggers());
            Map<String, String> renames = renames(na, null);
            Function<Catalog.Trigger, String> canonBefore = t -> Definitions.canonical(Definitions.triggerShape(t.definition()), renames)
                    + (t.enabled() ? "" : " DISABLED");
            Function<Catalog.Trigger, String> canonAfter = t -> Definitions.canonical(Definitions.triggerShape(t.definition()), Map.of())
                    + (t.enabled() ? "" : " DISABLED");
            for (Pair<Catalog.Trigger> p : match(b, a, Catalog.Trigger::name)) {
                if (!canonBefore.apply(p.before()).equals(canonAfter.apply(p.after()))) {
                    triggerFx.add(fx(EffectKind.TRIGGER_CHANGED, na, p.after().name(), null, triggerText(p.before()), triggerText(p.after())));
                }
            }
            for (Pair<Catalog.Trigger> p : matchBy(b, a, canonBefore, canonAfter)) {
                triggerFx.add(fx(EffectKind.TRIGGER_RENAMED, na, p.before().name(), p.after().name(), null, null));
            }
            b.forEach(t -> triggerFx.add(fx(EffectKind.TRIGGER_DROPPED, na, t.name(), null, triggerText(t), null)));
            a.forEach(t -> triggerFx.add(fx(EffectKind.TRIGGER_CREATED, na, t.name(), null, null, triggerText(t))));
        }

        private static String triggerText(Catalog.Trigger t) {
            return t.definition() + (t.enabled() ? "" : " (DISABLED)");
        }

        /** Pairs the leftovers whose definitions (each side read its own way) are equal: the renamed ones. */
        private static <T> List<Pair<T>> matchBy(List<T> before, List<T> after, Function<T, String> canonBefore,
                                                 Function<T, String> canonAfter) {
            List<Pair<T>> pairs = new ArrayList<>();
            for (var it = before.iterator(); it.hasNext(); ) {
                T b = it.next();
                String key = canonBefore.apply(b);
                for (T a : after) {
                    if (key.equals(canonAfter.apply(a))) {
                        pairs.add(new Pair<>(b, a));
                        after.remove(a);
                        it.remove();
                        break;
                    }
                }
            }
            return pairs;
        }

        // ---- types, sequences, routines, extensions

        private void extensions() {
            Map<String, String> b = versions(before.extensions());
            Map<String, String> a = versions(after.extensions());
            for (var e : b.entrySet()) {
                if (!a.containsKey(e.getKey())) {
                    extensionFx.add(fx(EffectKind.EXTENSION_DROPPED, null, e.getKey(), null, e.getValue(), null));
                } else if (!a.get(e.getKey()).equals(e.getValue())) {
                    extensionFx.add(fx(EffectKind.EXTENSION_CHANGED, null, e.getKey(), null, e.getValue(), a.get(e.getKey())));
                }
            }
            for (var e : a.entrySet()) {
                if (!b.containsKey(e.getKey())) {
                    extensionFx.add(fx(EffectKind.EXTENSION_CREATED, null, e.getKey(), null, null, e.getValue()));
                }
            }
        }

        static Map<String, String> versions(List<String> extensions) {
            Map<String, String> m = new LinkedHashMap<>();
            for (String e : extensions) {
                int sp = e.indexOf(' ');
                m.put(sp < 0 ? e : e.substring(0, sp), sp < 0 ? "" : e.substring(sp + 1));
            }
            return m;
        }

        private static String typeName(Catalog c, Catalog.TypeDef t) {
            return t.schema().equals(c.currentSchema()) ? t.name() : t.schema() + "." + t.name();
        }

        private void types() {
            List<Catalog.TypeDef> b = new ArrayList<>(before.types());
            List<Catalog.TypeDef> a = new ArrayList<>(after.types());
            for (Pair<Catalog.TypeDef> p : match(b, a, Catalog.TypeDef::id)) {
                Catalog.TypeDef tb = p.before();
                Catalog.TypeDef ta = p.after();
                String nb = typeName(before, tb);
                String na = typeName(after, ta);
                if (!nb.equals(na)) {
                    typeFx.add(fx(EffectKind.TYPE_RENAMED, null, nb, na, null, null));
                    typeNames.put(tb.name(), ta.name());
                }
                if (ta.kind().equals("ENUM")) {
                    enumLabels(na, tb, ta);
                } else if (!Objects.equals(tb.definition(), ta.definition())) {
                    typeFx.add(fx(EffectKind.TYPE_CHANGED, null, na, null, tb.definition(), ta.definition()));
                }
            }
            b.forEach(t -> typeFx.add(fx(EffectKind.TYPE_DROPPED, null, typeName(before, t), null, typeText(t), null)));
            a.forEach(t -> typeFx.add(fx(EffectKind.TYPE_CREATED, null, typeName(after, t), null, null, typeText(t))));
        }

        private static String typeText(Catalog.TypeDef t) {
            return t.kind().equals("ENUM") ? "ENUM (" + String.join(", ", t.labels().stream().map(l -> "'" + l.replace("'", "''") + "'").toList()) + ")"
                    : t.kind() + (t.definition() == null ? "" : " " + t.definition());
        }

        /** Labels matched by their pg_enum oid (RENAME VALUE keeps it); by position when the oids are not known. */
        private void enumLabels(String type, Catalog.TypeDef b, Catalog.TypeDef a) {
            boolean byId = b.labelIds().size() == b.labels().size() && a.labelIds().size() == a.labels().size() && !a.labelIds().isEmpty();
            if (byId) {
                Map<String, String> old = new HashMap<>();
                for (int i = 0; i < b.labels().size(); i++) {
                    old.put(b.labelIds().get(i), b.labels().get(i));
                }
                Set<String> kept = new HashSet<>();
                for (int i = 0; i < a.labels().size(); i++) {
                    String id = a.labelIds().get(i);
                    String label = a.labels().get(i);
                    if (!old.containsKey(id)) {
                        typeFx.add(fx(EffectKind.ENUM_VALUE_ADDED, null, type, null, null, label));
                    } else {
                        kept.add(id);
                        if (!old.get(id).equals(label)) {
                            typeFx.add(fx(EffectKind.ENUM_VALUE_RENAMED, null, type, null, old.get(id), label));
                        }
                    }
                }
                for (int i = 0; i < b.labels().size(); i++) {
                    if (!kept.contains(b.labelIds().get(i))) {
                        typeFx.add(fx(EffectKind.ENUM_VALUE_REMOVED, null, type, null, b.labels().get(i), null));
                    }
                }
                return;
            }
            List<String> lb = b.labels();
            List<String> la = a.labels();
            for (String l : la) {
                if (!lb.contains(l)) {
                    int i = la.indexOf(l);
                    if (i < lb.size() && !la.contains(lb.get(i)) && la.size() == lb.size()) {
                        typeFx.add(fx(EffectKind.ENUM_VALUE_RENAMED, null, type, null, lb.get(i), l));
                    } else {
                        typeFx.add(fx(EffectKind.ENUM_VALUE_ADDED, null, type, null, null, l));
                    }
                }
            }
            if (la.size() != lb.size()) {
                for (String l : lb) {
                    if (!la.contains(l)) {
                        typeFx.add(fx(EffectKind.ENUM_VALUE_REMOVED, null, type, null, l, null));
                    }
                }
            }
        }

        private static String sequenceName(Catalog c, Catalog.Sequence s) {
            return s.schema() == null || s.schema().equals(c.currentSchema()) ? s.name() : s.schema() + "." + s.name();
        }

        private void sequences() {
            List<Catalog.Sequence> b = new ArrayList<>(before.sequences());
            List<Catalog.Sequence> a = new ArrayList<>(after.sequences());
            List<Pair<Catalog.Sequence>> pairs = new ArrayList<>();
            if (mysql) {
                pairs.addAll(match(b, a, s -> s.name().toLowerCase(Locale.ROOT)));
            }
            pairs.addAll(match(b, a, Catalog.Sequence::id));
            for (Pair<Catalog.Sequence> p : pairs) {
                String nb = sequenceName(before, p.before());
                String na = sequenceName(after, p.after());
                if (!nb.equals(na)) {
                    sequenceFx.add(fx(EffectKind.SEQUENCE_RENAMED, null, nb, na, null, null));
                }
                String tb = sequenceText(p.before(), ownedBy(p.before().ownedBy()));
                String ta = sequenceText(p.after(), p.after().ownedBy());
                if (!tb.equals(ta)) {
                    sequenceFx.add(fx(EffectKind.SEQUENCE_CHANGED, null, na, null, sequenceText(p.before(), p.before().ownedBy()), ta));
                }
            }
            b.forEach(s -> sequenceFx.add(fx(EffectKind.SEQUENCE_DROPPED, null, sequenceName(before, s), null, sequenceText(s, s.ownedBy()), null)));
            a.forEach(s -> sequenceFx.add(fx(EffectKind.SEQUENCE_CREATED, null, sequenceName(after, s), null, null, sequenceText(s, s.ownedBy()))));
        }

        /** A before OWNED BY table.column read with this diff's renames of tables and columns. */
        private String ownedBy(String owned) {
            if (owned == null) {
                return null;
            }
            int dot = owned.lastIndexOf('.');
            String table = mapDisplay(owned.substring(0, dot));
            String column = owned.substring(dot + 1);
            return table + "." + columnNames.getOrDefault(table, Map.of()).getOrDefault(column, column);
        }

        static String sequenceText(Catalog.Sequence s, String ownedBy) {
            return s.type() + " START " + s.start() + " INCREMENT " + s.increment() + " MINVALUE " + s.min() + " MAXVALUE " + s.max()
                    + (s.cycle() ? " CYCLE" : "") + (ownedBy == null ? "" : " OWNED BY " + ownedBy);
        }

        private void routines() {
            List<Catalog.Routine> b = new ArrayList<>(before.routines());
            List<Catalog.Routine> a = new ArrayList<>(after.routines());
            for (Pair<Catalog.Routine> p : match(b, a, r -> r.schema() + "." + r.signature())) {
                String tb = routineText(p.before());
                String ta = routineText(p.after());
                if (!tb.equals(ta)) {
                    routineFx.add(fx(EffectKind.ROUTINE_CHANGED, null, routineName(after, p.after()), null, tb, ta));
                }
            }
            b.forEach(r -> routineFx.add(fx(EffectKind.ROUTINE_DROPPED, null, routineName(before, r), null, routineText(r), null)));
            a.forEach(r -> routineFx.add(fx(EffectKind.ROUTINE_CREATED, null, routineName(after, r), null, null, routineText(r))));
        }

        private static String routineName(Catalog c, Catalog.Routine r) {
            return r.schema().equals(c.currentSchema()) ? r.signature() : r.schema() + "." + r.signature();
        }

        static String routineText(Catalog.Routine r) {
            return r.kind() + (r.returns() == null ? "" : " RETURNS " + r.returns()) + " " + r.volatility() + " body sha256 "
                    + (r.definitionHash() == null ? "?" : r.definitionHash().substring(0, Math.min(12, r.definitionHash().length())));
        }
    }
}
