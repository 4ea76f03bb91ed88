package dev.plc.schema.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/** One diff of two catalogs: the effects of each kind, collected group by group, then put in the order diff promises. */
final class CatalogDiffer {
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

    CatalogDiffer(Catalog before, Catalog after, Map<String, String> hints) {
        this.before = before;
        this.after = after;
        this.hints = hints;
        this.mysql = after.dialect() != null && after.dialect().isMysqlFamily();
    }

    List<Effect> run() {
        typeNames.putAll(ObjectEffects.types(before, after, typeFx));
        List<CatalogDiff.Pair<Catalog.Relation>> pairs = relations();
        for (CatalogDiff.Pair<Catalog.Relation> p : pairs) {
            columns(p.before(), p.after());
        }
        for (CatalogDiff.Pair<Catalog.Relation> p : pairs) {
            constraints(p.before(), p.after());
            indexes(p.before(), p.after());
            triggers(p.before(), p.after());
        }
        ObjectEffects.extensions(before, after, extensionFx);
        sequences();
        ObjectEffects.routines(before, after, routineFx);
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

    static Effect fx(EffectKind kind, String relation, String name, String newName, String before, String after) {
        return new Effect(kind, relation, name, newName, before, after);
    }

    // ---- schemas and relations

    private List<CatalogDiff.Pair<Catalog.Relation>> relations() {
        List<Catalog.Relation> b = new ArrayList<>(before.relations());
        List<Catalog.Relation> a = new ArrayList<>(after.relations());
        List<CatalogDiff.Pair<Catalog.Relation>> pairs = new ArrayList<>();
        if (mysql) {
            pairs.addAll(CatalogDiff.match(b, a, r -> r.name().toLowerCase(Locale.ROOT)));
            pairs.addAll(CatalogDiff.match(b, a, Catalog.Relation::id));
        } else {
            pairs.addAll(CatalogDiff.match(b, a, Catalog.Relation::id));
            pairs.addAll(CatalogDiff.match(b, a, r -> r.id() == null ? before.displayName(r) : null));
        }
        pairs.sort(Comparator.comparing(p -> after.displayName(p.after())));

        Set<String> schemasBefore = new TreeSet<>(before.schemas());
        Set<String> schemasAfter = new TreeSet<>(after.schemas());
        if (!mysql) {
            // a schema that vanished while its relations reappeared, same oids, in a new schema: ALTER SCHEMA RENAME
            for (CatalogDiff.Pair<Catalog.Relation> p : pairs) {
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

        for (CatalogDiff.Pair<Catalog.Relation> p : pairs) {
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
                relationFx.add(fx(EffectKind.RELATION_OPTIONS_CHANGED, na, null, null, CatalogTexts.options(rb), CatalogTexts.options(ra)));
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

    // ---- columns

    private void columns(Catalog.Relation rb, Catalog.Relation ra) {
        String nb = before.displayName(rb);
        String na = after.displayName(ra);
        List<Catalog.Column> b = new ArrayList<>(rb.columns());
        List<Catalog.Column> a = new ArrayList<>(ra.columns());
        List<CatalogDiff.Pair<Catalog.Column>> pairs = new ArrayList<>();
        if (mysql) {
            for (Catalog.Column c : List.copyOf(b)) {
                String to = hint(nb, na, rb.name(), ra.name(), c.name());
                if (to == null) {
                    continue;
                }
                a.stream().filter(x -> x.name().equalsIgnoreCase(to)).findFirst().ifPresent(x -> {
                    pairs.add(new CatalogDiff.Pair<>(c, x));
                    b.remove(c);
                    a.remove(x);
                });
            }
            pairs.addAll(CatalogDiff.match(b, a, c -> c.name().toLowerCase(Locale.ROOT)));
        } else {
            pairs.addAll(CatalogDiff.match(b, a, Catalog.Column::position));
        }
        Map<String, String> renames = new HashMap<>();
        for (Catalog.Column c : b) {
            columnFx.add(fx(EffectKind.COLUMN_DROPPED, na, c.name(), null, CatalogTexts.describe(c), null));
        }
        Map<Catalog.Column, CatalogDiff.Pair<Catalog.Column>> byAfter = new HashMap<>();
        pairs.forEach(p -> byAfter.put(p.after(), p));
        for (Catalog.Column ca : ra.columns()) {
            CatalogDiff.Pair<Catalog.Column> p = byAfter.get(ca);
            if (p == null) {
                columnFx.add(fx(EffectKind.COLUMN_ADDED, na, ca.name(), null, null, CatalogTexts.describe(ca)));
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
    private void moved(String relation, Catalog.Relation rb, Catalog.Relation ra, List<CatalogDiff.Pair<Catalog.Column>> pairs) {
        List<CatalogDiff.Pair<Catalog.Column>> inAfterOrder = new ArrayList<>(pairs);
        inAfterOrder.sort(Comparator.comparingInt(p -> p.after().position()));
        int n = inAfterOrder.size();
        int[] seq = new int[n];
        for (int i = 0; i < n; i++) {
            seq[i] = inAfterOrder.get(i).before().position();
        }
        boolean[] stays = longestIncreasing(seq);
        for (int i = 0; i < n; i++) {
            if (!stays[i]) {
                CatalogDiff.Pair<Catalog.Column> p = inAfterOrder.get(i);
                columnFx.add(fx(EffectKind.COLUMN_MOVED, relation, p.after().name(), null, CatalogTexts.placement(rb, p.before()),
                        CatalogTexts.placement(ra, p.after())));
            }
        }
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
        for (CatalogDiff.Pair<Catalog.Constraint> p : CatalogDiff.match(b, a, Catalog.Constraint::name)) {
            constraintChanges(na, p.before(), p.after(), canonBefore, canonAfter);
        }
        for (CatalogDiff.Pair<Catalog.Constraint> p : matchBy(b, a, canonBefore, canonAfter)) {
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
        for (CatalogDiff.Pair<Catalog.Index> p : CatalogDiff.match(b, a, Catalog.Index::name)) {
            if (!canonBefore.apply(p.before()).equals(canonAfter.apply(p.after()))) {
                indexFx.add(fx(EffectKind.INDEX_CHANGED, na, p.after().name(), null, CatalogTexts.indexText(p.before()), CatalogTexts.indexText(p.after())));
            }
        }
        for (CatalogDiff.Pair<Catalog.Index> p : matchBy(b, a, canonBefore, canonAfter)) {
            indexFx.add(fx(EffectKind.INDEX_RENAMED, na, p.before().name(), p.after().name(), null, null));
        }
        b.forEach(i -> indexFx.add(fx(EffectKind.INDEX_DROPPED, na, i.name(), null, CatalogTexts.indexText(i), null)));
        a.forEach(i -> indexFx.add(fx(EffectKind.INDEX_CREATED, na, i.name(), null, null, CatalogTexts.indexText(i))));
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
        for (CatalogDiff.Pair<Catalog.Trigger> p : CatalogDiff.match(b, a, Catalog.Trigger::name)) {
            if (!canonBefore.apply(p.before()).equals(canonAfter.apply(p.after()))) {
                triggerFx.add(fx(EffectKind.TRIGGER_CHANGED, na, p.after().name(), null, CatalogTexts.triggerText(p.before()), CatalogTexts.triggerText(p.after())));
            }
        }
        for (CatalogDiff.Pair<Catalog.Trigger> p : matchBy(b, a, canonBefore, canonAfter)) {
            triggerFx.add(fx(EffectKind.TRIGGER_RENAMED, na, p.before().name(), p.after().name(), null, null));
        }
        b.forEach(t -> triggerFx.add(fx(EffectKind.TRIGGER_DROPPED, na, t.name(), null, CatalogTexts.triggerText(t), null)));
        a.forEach(t -> triggerFx.add(fx(EffectKind.TRIGGER_CREATED, na, t.name(), null, null, CatalogTexts.triggerText(t))));
    }

    /** Pairs the leftovers whose definitions (each side read its own way) are equal: the renamed ones. */
    private static <T> List<CatalogDiff.Pair<T>> matchBy(List<T> before, List<T> after, Function<T, String> canonBefore,
                                             Function<T, String> canonAfter) {
        List<CatalogDiff.Pair<T>> pairs = new ArrayList<>();
        for (var it = before.iterator(); it.hasNext(); ) {
            T b = it.next();
            String key = canonBefore.apply(b);
            for (T a : after) {
                if (key.equals(canonAfter.apply(a))) {
                    pairs.add(new CatalogDiff.Pair<>(b, a));
                    after.remove(a);
                    it.remove();
                    break;
                }
            }
        }
        return pairs;
    }

    // ---- sequences (types, routines and extensions: ObjectEffects)

    private void sequences() {
        List<Catalog.Sequence> b = new ArrayList<>(before.sequences());
        List<Catalog.Sequence> a = new ArrayList<>(after.sequences());
        List<CatalogDiff.Pair<Catalog.Sequence>> pairs = new ArrayList<>();
        if (mysql) {
            pairs.addAll(CatalogDiff.match(b, a, s -> s.name().toLowerCase(Locale.ROOT)));
        }
        pairs.addAll(CatalogDiff.match(b, a, Catalog.Sequence::id));
        for (CatalogDiff.Pair<Catalog.Sequence> p : pairs) {
            String nb = CatalogTexts.sequenceName(before, p.before());
            String na = CatalogTexts.sequenceName(after, p.after());
            if (!nb.equals(na)) {
                sequenceFx.add(fx(EffectKind.SEQUENCE_RENAMED, null, nb, na, null, null));
            }
            String tb = CatalogTexts.sequenceText(p.before(), ownedBy(p.before().ownedBy()));
            String ta = CatalogTexts.sequenceText(p.after(), p.after().ownedBy());
            if (!tb.equals(ta)) {
                sequenceFx.add(fx(EffectKind.SEQUENCE_CHANGED, null, na, null, CatalogTexts.sequenceText(p.before(), p.before().ownedBy()), ta));
            }
        }
        b.forEach(s -> sequenceFx.add(fx(EffectKind.SEQUENCE_DROPPED, null, CatalogTexts.sequenceName(before, s), null, CatalogTexts.sequenceText(s, s.ownedBy()), null)));
        a.forEach(s -> sequenceFx.add(fx(EffectKind.SEQUENCE_CREATED, null, CatalogTexts.sequenceName(after, s), null, null, CatalogTexts.sequenceText(s, s.ownedBy()))));
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

}
