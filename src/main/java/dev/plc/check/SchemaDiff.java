package dev.plc.check;

import dev.plc.schema.SchemaSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/** What differs between two schema snapshots, in words an agent can act on. */
final class SchemaDiff {

    private SchemaDiff() {
    }

    static String describe(SchemaSnapshot expected, SchemaSnapshot actual) {
        List<String> out = new ArrayList<>();
        for (SchemaSnapshot.Table e : expected.tables()) {
            var a = actual.table(e.name());
            if (a.isEmpty()) {
                out.add("table " + e.name() + " is missing");
                continue;
            }
            diff(out, e.name() + " column", e.columns(), a.get().columns(), SchemaSnapshot.Column::name);
            if (!Objects.equals(e.primaryKey(), a.get().primaryKey())) {
                out.add(e.name() + " primary key " + e.primaryKey() + " is " + a.get().primaryKey());
            }
            diff(out, e.name() + " unique key", e.uniqueKeys(), a.get().uniqueKeys(), SchemaSnapshot.Key::name);
            diff(out, e.name() + " index", e.indexes(), a.get().indexes(), SchemaSnapshot.Index::name);
            diff(out, e.name() + " foreign key", e.foreignKeys(), a.get().foreignKeys(), SchemaSnapshot.ForeignKey::name);
            diff(out, e.name() + " check", e.checks(), a.get().checks(), SchemaSnapshot.Check::name);
        }
        for (SchemaSnapshot.Table a : actual.tables()) {
            if (expected.table(a.name()).isEmpty()) {
                out.add("table " + a.name() + " is extra");
            }
        }
        String text = out.isEmpty() ? "no difference" : String.join("; ", out);
        return text.length() > 1500 ? text.substring(0, 1500) + "..." : text;
    }

    private static <T> void diff(List<String> out, String what, List<T> expected, List<T> actual, Function<T, String> name) {
        for (T e : expected) {
            T match = actual.stream().filter(a -> name.apply(a).equalsIgnoreCase(name.apply(e))).findFirst().orElse(null);
            if (match == null) {
                out.add(what + " " + name.apply(e) + " is missing");
            } else if (!match.equals(e)) {
                out.add(what + " " + name.apply(e) + " is " + match + ", expected " + e);
            }
        }
        for (T a : actual) {
            if (expected.stream().noneMatch(e -> name.apply(e).equalsIgnoreCase(name.apply(a)))) {
                out.add(what + " " + name.apply(a) + " is extra");
            }
        }
    }
}
