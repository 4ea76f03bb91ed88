package dev.plc.schema.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Whether two catalogs describe the same schema: what {@link CatalogDiff#differences} reports. Nothing that only
 * identifies objects counts (oids, InnoDB ids, attnums, generated constraint and index names): relations, columns,
 * types, sequences and routines are matched by name (sequences owned by a column by that column), columns compared in
 * their order, constraints and indexes by their definition with their own name taken out.
 */
final class CatalogComparison {

    private CatalogComparison() {
    }

    static List<String> differences(Catalog expected, Catalog actual) {
        List<String> out = new ArrayList<>();
        boolean mysql = actual.dialect() != null && actual.dialect().isMysqlFamily();
        if (!mysql) { // MariaDB/MySQL: the one schema is the database, whose name is the scratch database's own
            names("schema", expected.schemas(), actual.schemas(), out);
        }
        Map<String, String> ve = versions(expected.extensions());
        Map<String, String> va = versions(actual.extensions());
        names("extension", List.copyOf(ve.keySet()), List.copyOf(va.keySet()), out);
        ve.forEach((name, v) -> {
            if (va.containsKey(name) && !va.get(name).equals(v)) {
                out.add("extension " + name + ": version " + v + " vs " + va.get(name));
            }
        });
        Function<String, String> key = mysql ? s -> s.toLowerCase(Locale.ROOT) : s -> s;

        Map<String, Catalog.Relation> re = new TreeMap<>();
        expected.relations().forEach(r -> re.put(key.apply(expected.displayName(r)), r));
        Map<String, Catalog.Relation> ra = new TreeMap<>();
        actual.relations().forEach(r -> ra.put(key.apply(actual.displayName(r)), r));
        for (String k : union(re.keySet(), ra.keySet())) {
            Catalog.Relation e = re.get(k);
            Catalog.Relation a = ra.get(k);
            if (a == null) {
                out.add(kind(e) + " " + expected.displayName(e) + " missing");
            } else if (e == null) {
                out.add("unexpected " + kind(a) + " " + actual.displayName(a));
            } else {
                relation(actual.displayName(a), e, a, mysql, out);
            }
        }

        Map<String, Catalog.TypeDef> te = new TreeMap<>();
        expected.types().forEach(t -> te.put(qualified(expected, t.schema(), t.name()), t));
        Map<String, Catalog.TypeDef> ta = new TreeMap<>();
        actual.types().forEach(t -> ta.put(qualified(actual, t.schema(), t.name()), t));
        for (String k : union(te.keySet(), ta.keySet())) {
            Catalog.TypeDef e = te.get(k);
            Catalog.TypeDef a = ta.get(k);
            if (a == null) {
                out.add("type " + k + " missing");
            } else if (e == null) {
                out.add("unexpected type " + k);
            } else {
                differ(out, "type " + k + ": kind", e.kind(), a.kind());
                differ(out, "type " + k + ": labels", String.join(", ", e.labels()), String.join(", ", a.labels()));
                differ(out, "type " + k + ": definition", e.definition(), a.definition());
            }
        }

        // an owned sequence has a generated name: it is the column's
        Map<String, Catalog.Sequence> se = new TreeMap<>();
        expected.sequences().forEach(s -> se.put(s.ownedBy() != null ? "owned by " + s.ownedBy() : qualified(expected, s.schema(), s.name()), s));
        Map<String, Catalog.Sequence> sa = new TreeMap<>();
        actual.sequences().forEach(s -> sa.put(s.ownedBy() != null ? "owned by " + s.ownedBy() : qualified(actual, s.schema(), s.name()), s));
        for (String k : union(se.keySet(), sa.keySet())) {
            Catalog.Sequence e = se.get(k);
            Catalog.Sequence a = sa.get(k);
            if (a == null) {
                out.add("sequence " + k + " missing");
            } else if (e == null) {
                out.add("unexpected sequence " + k);
            } else {
                differ(out, "sequence " + k, sequenceText(e), sequenceText(a));
            }
        }

        Map<String, Catalog.Routine> fe = new TreeMap<>();
        expected.routines().forEach(r -> fe.put(qualified(expected, r.schema(), r.signature()), r));
        Map<String, Catalog.Routine> fa = new TreeMap<>();
        actual.routines().forEach(r -> fa.put(qualified(actual, r.schema(), r.signature()), r));
        for (String k : union(fe.keySet(), fa.keySet())) {
            Catalog.Routine e = fe.get(k);
            Catalog.Routine a = fa.get(k);
            if (a == null) {
                out.add("routine " + k + " missing");
            } else if (e == null) {
                out.add("unexpected routine " + k);
            } else {
                differ(out, "routine " + k + ": kind", e.kind(), a.kind());
                differ(out, "routine " + k + ": returns", e.returns(), a.returns());
                differ(out, "routine " + k + ": volatility", e.volatility(), a.volatility());
                differ(out, "routine " + k + ": body (sha256)", e.definitionHash(), a.definitionHash());
            }
        }
        return out;
    }

    private static void relation(String name, Catalog.Relation e, Catalog.Relation a, boolean mysql, List<String> out) {
        differ(out, name + ": kind", kind(e), kind(a));
        differ(out, name + ": options", "[" + String.join(", ", e.options()) + "]", "[" + String.join(", ", a.options()) + "]");
        differ(out, name + ": comment", e.comment(), a.comment());
        differ(out, name + ": view definition", e.definition(), a.definition());
        differ(out, name + ": partition of", e.partitionOf(), a.partitionOf());
        differ(out, name + ": partition bound", e.partitionBound(), a.partitionBound());

        Function<String, String> key = mysql ? s -> s.toLowerCase(Locale.ROOT) : s -> s;
        Map<String, Catalog.Column> ce = new LinkedHashMap<>();
        e.columns().forEach(c -> ce.put(key.apply(c.name()), c));
        Map<String, Catalog.Column> ca = new LinkedHashMap<>();
        a.columns().forEach(c -> ca.put(key.apply(c.name()), c));
        for (Catalog.Column c : e.columns()) {
            if (!ca.containsKey(key.apply(c.name()))) {
                out.add("column " + name + "." + c.name() + " missing");
            }
        }
        for (Catalog.Column c : a.columns()) {
            Catalog.Column x = ce.get(key.apply(c.name()));
            if (x == null) {
                out.add("unexpected column " + name + "." + c.name());
                continue;
            }
            String col = name + "." + c.name();
            differ(out, col + ": type", x.type(), c.type());
            if (x.notNull() != c.notNull()) {
                out.add(col + ": " + (x.notNull() ? "NOT NULL vs nullable" : "nullable vs NOT NULL"));
            }
            differ(out, col + ": default", x.defaultValue(), c.defaultValue());
            differ(out, col + ": identity", x.identity(), c.identity());
            differ(out, col + ": generated", x.generated(), c.generated());
            differ(out, col + ": collation", x.collation(), c.collation());
            differ(out, col + ": comment", x.comment(), c.comment());
            differ(out, col + ": extra", String.join(", ", x.extra()), String.join(", ", c.extra()));
        }
        // order among the columns both have: attnum is not compared, the order of the live columns is
        List<String> orderE = e.columns().stream().map(c -> key.apply(c.name())).filter(ca::containsKey).toList();
        List<String> orderA = a.columns().stream().map(c -> key.apply(c.name())).filter(ce::containsKey).toList();
        if (!orderE.equals(orderA)) {
            out.add(name + ": column order (" + String.join(", ", orderE) + ") vs (" + String.join(", ", orderA) + ")");
        }

        Function<Catalog.Constraint, String> conKey = c -> c.kind() + " "
                + Definitions.canonical(Definitions.withoutNotValid(c.definition()), Map.of());
        List<Catalog.Constraint> ke = new ArrayList<>(e.constraints().stream().filter(c -> !c.kind().equals("NOT_NULL")).toList());
        List<Catalog.Constraint> ka = new ArrayList<>(a.constraints().stream().filter(c -> !c.kind().equals("NOT_NULL")).toList());
        for (CatalogDiff.Pair<Catalog.Constraint> p : CatalogDiff.match(ke, ka, conKey)) {
            String what = name + ": constraint " + Definitions.withoutNotValid(p.after().definition());
            if (p.before().validated() != p.after().validated()) {
                out.add(what + ": " + (p.before().validated() ? "valid vs NOT VALID" : "NOT VALID vs valid"));
            }
            differ(out, what + ": comment", p.before().comment(), p.after().comment());
        }
        ke.forEach(c -> out.add(words(c.kind()) + " on " + name + " " + Definitions.withoutNotValid(c.definition()) + " missing"));
        ka.forEach(c -> out.add("unexpected " + words(c.kind()) + " on " + name + " " + Definitions.withoutNotValid(c.definition())
                + " (" + c.name() + ")"));

        Function<Catalog.Index, String> idxKey = i -> Definitions.canonical(Definitions.indexShape(i.definition()), Map.of());
        List<Catalog.Index> ie = new ArrayList<>(e.indexes());
        List<Catalog.Index> ia = new ArrayList<>(a.indexes());
        for (CatalogDiff.Pair<Catalog.Index> p : CatalogDiff.match(ie, ia, idxKey)) {
            if (p.before().valid() != p.after().valid()) {
                out.add("index on " + name + " " + Definitions.indexShape(p.after().definition()) + ": "
                        + (p.before().valid() ? "valid vs INVALID" : "INVALID vs valid"));
            }
        }
        ie.forEach(i -> out.add("index on " + name + " " + Definitions.indexShape(i.definition()) + " missing"));
        ia.forEach(i -> out.add("unexpected index on " + name + " " + Definitions.indexShape(i.definition()) + " (" + i.name() + ")"));

        Map<String, Catalog.Trigger> tre = new TreeMap<>();
        e.triggers().forEach(t -> tre.put(t.name(), t));
        Map<String, Catalog.Trigger> tra = new TreeMap<>();
        a.triggers().forEach(t -> tra.put(t.name(), t));
        for (String t : union(tre.keySet(), tra.keySet())) {
            if (!tra.containsKey(t)) {
                out.add("trigger " + t + " on " + name + " missing");
            } else if (!tre.containsKey(t)) {
                out.add("unexpected trigger " + t + " on " + name);
            } else {
                differ(out, "trigger " + t + " on " + name, tre.get(t).definition(), tra.get(t).definition());
                if (tre.get(t).enabled() != tra.get(t).enabled()) {
                    out.add("trigger " + t + " on " + name + ": " + (tre.get(t).enabled() ? "enabled vs disabled" : "disabled vs enabled"));
                }
            }
        }
    }

    private static String qualified(Catalog c, String schema, String name) {
        return schema == null || schema.equals(c.currentSchema()) ? name : schema + "." + name;
    }

    private static String words(String kind) {
        return kind.toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String kind(Catalog.Relation r) {
        return words(r.kind());
    }

    private static void differ(List<String> out, String what, String expected, String actual) {
        if (!Objects.equals(expected, actual)) {
            out.add(what + " " + (expected == null ? "none" : expected) + " vs " + (actual == null ? "none" : actual));
        }
    }

    private static void names(String what, List<String> expected, List<String> actual, List<String> out) {
        for (String s : expected) {
            if (!actual.contains(s)) {
                out.add(what + " " + s + " missing");
            }
        }
        for (String s : actual) {
            if (!expected.contains(s)) {
                out.add("unexpected " + what + " " + s);
            }
        }
    }

    private static TreeSet<String> union(java.util.Set<String> a, java.util.Set<String> b) {
        TreeSet<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    private static Map<String, String> versions(List<String> extensions) {
        Map<String, String> m = new TreeMap<>();
        for (String e : extensions) {
            int sp = e.indexOf(' ');
            m.put(sp < 0 ? e : e.substring(0, sp), sp < 0 ? "" : e.substring(sp + 1));
        }
        return m;
    }

    private static String sequenceText(Catalog.Sequence s) {
        return s.type() + " START " + s.start() + " INCREMENT " + s.increment() + " MINVALUE " + s.min() + " MAXVALUE " + s.max()
                + (s.cycle() ? " CYCLE" : "");
    }
}
