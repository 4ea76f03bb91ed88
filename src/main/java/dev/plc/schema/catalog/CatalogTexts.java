package dev.plc.schema.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How catalog objects read in an effect's before/after text and in the differ's matching keys. */
final class CatalogTexts {

    private CatalogTexts() {
    }

    static String options(Catalog.Relation r) {
        return r.options().isEmpty() ? null : String.join(", ", r.options());
    }

    static String placement(Catalog.Relation r, Catalog.Column c) {
        int i = r.columns().indexOf(c);
        return i == 0 ? "FIRST" : "AFTER " + r.columns().get(i - 1).name();
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

    static String indexText(Catalog.Index i) {
        return i.definition() + (i.valid() ? "" : " (INVALID)");
    }

    static String triggerText(Catalog.Trigger t) {
        return t.definition() + (t.enabled() ? "" : " (DISABLED)");
    }

    static Map<String, String> versions(List<String> extensions) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String e : extensions) {
            int sp = e.indexOf(' ');
            m.put(sp < 0 ? e : e.substring(0, sp), sp < 0 ? "" : e.substring(sp + 1));
        }
        return m;
    }

    static String typeName(Catalog c, Catalog.TypeDef t) {
        return t.schema().equals(c.currentSchema()) ? t.name() : t.schema() + "." + t.name();
    }

    static String typeText(Catalog.TypeDef t) {
        return t.kind().equals("ENUM") ? "ENUM (" + String.join(", ", t.labels().stream().map(l -> "'" + l.replace("'", "''") + "'").toList()) + ")"
                : t.kind() + (t.definition() == null ? "" : " " + t.definition());
    }

    static String sequenceName(Catalog c, Catalog.Sequence s) {
        return s.schema() == null || s.schema().equals(c.currentSchema()) ? s.name() : s.schema() + "." + s.name();
    }

    static String sequenceText(Catalog.Sequence s, String ownedBy) {
        return s.type() + " START " + s.start() + " INCREMENT " + s.increment() + " MINVALUE " + s.min() + " MAXVALUE " + s.max()
                + (s.cycle() ? " CYCLE" : "") + (ownedBy == null ? "" : " OWNED BY " + ownedBy);
    }

    static String routineName(Catalog c, Catalog.Routine r) {
        return r.schema().equals(c.currentSchema()) ? r.signature() : r.schema() + "." + r.signature();
    }

    static String routineText(Catalog.Routine r) {
        return r.kind() + (r.returns() == null ? "" : " RETURNS " + r.returns()) + " " + r.volatility() + " body sha256 "
                + (r.definitionHash() == null ? "?" : r.definitionHash().substring(0, Math.min(12, r.definitionHash().length())));
    }
}
