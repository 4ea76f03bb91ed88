package dev.plc.schema.catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** The effects on objects outside relations that need none of the relation renames: extensions, types (enum labels), routines. */
final class ObjectEffects {

    private ObjectEffects() {
    }

    static void extensions(Catalog before, Catalog after, List<Effect> extensionFx) {
        Map<String, String> b = CatalogTexts.versions(before.extensions());
        Map<String, String> a = CatalogTexts.versions(after.extensions());
        for (var e : b.entrySet()) {
            if (!a.containsKey(e.getKey())) {
                extensionFx.add(CatalogDiffer.fx(EffectKind.EXTENSION_DROPPED, null, e.getKey(), null, e.getValue(), null));
            } else if (!a.get(e.getKey()).equals(e.getValue())) {
                extensionFx.add(CatalogDiffer.fx(EffectKind.EXTENSION_CHANGED, null, e.getKey(), null, e.getValue(), a.get(e.getKey())));
            }
        }
        for (var e : a.entrySet()) {
            if (!b.containsKey(e.getKey())) {
                extensionFx.add(CatalogDiffer.fx(EffectKind.EXTENSION_CREATED, null, e.getKey(), null, null, e.getValue()));
            }
        }
    }

    /** The type effects into {@code typeFx}; returns the renamed types' bare names, old -> new. */
    static Map<String, String> types(Catalog before, Catalog after, List<Effect> typeFx) {
        Map<String, String> typeNames = new HashMap<>();
        List<Catalog.TypeDef> b = new ArrayList<>(before.types());
        List<Catalog.TypeDef> a = new ArrayList<>(after.types());
        for (CatalogDiff.Pair<Catalog.TypeDef> p : CatalogDiff.match(b, a, Catalog.TypeDef::id)) {
            Catalog.TypeDef tb = p.before();
            Catalog.TypeDef ta = p.after();
            String nb = CatalogTexts.typeName(before, tb);
            String na = CatalogTexts.typeName(after, ta);
            if (!nb.equals(na)) {
                typeFx.add(CatalogDiffer.fx(EffectKind.TYPE_RENAMED, null, nb, na, null, null));
                typeNames.put(tb.name(), ta.name());
            }
            if (ta.kind().equals("ENUM")) {
                enumLabels(na, tb, ta, typeFx);
            } else if (!Objects.equals(tb.definition(), ta.definition())) {
                typeFx.add(CatalogDiffer.fx(EffectKind.TYPE_CHANGED, null, na, null, tb.definition(), ta.definition()));
            }
        }
        b.forEach(t -> typeFx.add(CatalogDiffer.fx(EffectKind.TYPE_DROPPED, null, CatalogTexts.typeName(before, t), null, CatalogTexts.typeText(t), null)));
        a.forEach(t -> typeFx.add(CatalogDiffer.fx(EffectKind.TYPE_CREATED, null, CatalogTexts.typeName(after, t), null, null, CatalogTexts.typeText(t))));
        return typeNames;
    }

    /** Labels matched by their pg_enum oid (RENAME VALUE keeps it); by position when the oids are not known. */
    private static void enumLabels(String type, Catalog.TypeDef b, Catalog.TypeDef a, List<Effect> typeFx) {
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
                    typeFx.add(CatalogDiffer.fx(EffectKind.ENUM_VALUE_ADDED, null, type, null, null, label));
                } else {
                    kept.add(id);
                    if (!old.get(id).equals(label)) {
                        typeFx.add(CatalogDiffer.fx(EffectKind.ENUM_VALUE_RENAMED, null, type, null, old.get(id), label));
                    }
                }
            }
            for (int i = 0; i < b.labels().size(); i++) {
                if (!kept.contains(b.labelIds().get(i))) {
                    typeFx.add(CatalogDiffer.fx(EffectKind.ENUM_VALUE_REMOVED, null, type, null, b.labels().get(i), null));
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
                    typeFx.add(CatalogDiffer.fx(EffectKind.ENUM_VALUE_RENAMED, null, type, null, lb.get(i), l));
                } else {
                    typeFx.add(CatalogDiffer.fx(EffectKind.ENUM_VALUE_ADDED, null, type, null, null, l));
                }
            }
        }
        if (la.size() != lb.size()) {
            for (String l : lb) {
                if (!la.contains(l)) {
                    typeFx.add(CatalogDiffer.fx(EffectKind.ENUM_VALUE_REMOVED, null, type, null, l, null));
                }
            }
        }
    }

    static void routines(Catalog before, Catalog after, List<Effect> routineFx) {
        List<Catalog.Routine> b = new ArrayList<>(before.routines());
        List<Catalog.Routine> a = new ArrayList<>(after.routines());
        for (CatalogDiff.Pair<Catalog.Routine> p : CatalogDiff.match(b, a, r -> r.schema() + "." + r.signature())) {
            String tb = CatalogTexts.routineText(p.before());
            String ta = CatalogTexts.routineText(p.after());
            if (!tb.equals(ta)) {
                routineFx.add(CatalogDiffer.fx(EffectKind.ROUTINE_CHANGED, null, CatalogTexts.routineName(after, p.after()), null, tb, ta));
            }
        }
        b.forEach(r -> routineFx.add(CatalogDiffer.fx(EffectKind.ROUTINE_DROPPED, null, CatalogTexts.routineName(before, r), null, CatalogTexts.routineText(r), null)));
        a.forEach(r -> routineFx.add(CatalogDiffer.fx(EffectKind.ROUTINE_CREATED, null, CatalogTexts.routineName(after, r), null, null, CatalogTexts.routineText(r))));
    }
}
