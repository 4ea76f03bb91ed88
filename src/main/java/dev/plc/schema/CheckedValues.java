package dev.plc.schema;

import dev.plc.schema.catalog.Catalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a table's CHECK constraints say about the values a column may hold, for the rows {@link RowSeeder} makes. */
final class CheckedValues {

    private CheckedValues() {
    }

    private static final Pattern ANY_ARRAY = Pattern.compile("(?i)\\(*\\s*\"?`?(\\w+)\"?`?\\s*\\)*(?:::[\\w ]+)?\\s*=\\s*ANY\\s*\\(\\s*\\(?\\s*ARRAY\\s*\\[(.*?)\\]");
    private static final Pattern IN_LIST = Pattern.compile("(?i)\"?`?(\\w+)\"?`?\\s+IN\\s*\\((.*?)\\)");
    private static final Pattern LIST_LITERAL = Pattern.compile("'(?:[^']|'')*'|-?\\d+(?:\\.\\d+)?");

    /**
     * The values a CHECK allows a column, where it lists them ({@code status IN ('a', 'b')}, PostgreSQL's
     * {@code status = ANY (ARRAY['a'::text, ...])}): a text of the row would fail it, so the rows take those values, as
     * they take an enum's labels. Read from the schema's checks and from the changed schema's (a new CHECK); null when none lists them.
     */
    static List<String> listed(SchemaSnapshot schema, Catalog changedCatalog, String table, String column) {
        List<String> conditions = new ArrayList<>();
        schema.table(table).ifPresent(t -> t.checks().forEach(ch -> conditions.add(ch.condition())));
        if (changedCatalog != null) {
            changedCatalog.relation(table).ifPresent(r -> r.constraints().stream().filter(k -> k.kind().equals("CHECK") && k.definition() != null)
                    .forEach(k -> conditions.add(k.definition())));
        }
        for (String condition : conditions) {
            if (condition == null) {
                continue;
            }
            for (Pattern p : List.of(ANY_ARRAY, IN_LIST)) {
                Matcher m = p.matcher(condition);
                while (m.find()) {
                    if (!m.group(1).equalsIgnoreCase(column)) {
                        continue;
                    }
                    List<String> values = new ArrayList<>();
                    Matcher v = LIST_LITERAL.matcher(m.group(2));
                    while (v.find()) {
                        values.add(v.group());
                    }
                    if (!values.isEmpty()) {
                        return values;
                    }
                }
            }
        }
        return null;
    }

    /** MariaDB's JSON is longtext with a CHECK (json_valid(col)): text of the row would fail it. */
    static boolean json(SchemaSnapshot schema, String table, String column) {
        Pattern p = Pattern.compile("(?i)json_valid\\(\\s*[`\"]?" + Pattern.quote(column) + "[`\"]?\\s*\\)");
        return schema.table(table).map(t -> t.checks().stream().anyMatch(ch -> ch.condition() != null && p.matcher(ch.condition()).find()))
                .orElse(false);
    }

    /**
     * Per table of {@code changed} that {@code schema} has, the conditions of the rows the change forbids: those a CHECK
     * of {@code changed} fails on, and NULLs in a column it makes NOT NULL.
     */
    static Map<String, List<String>> forbidden(SchemaSnapshot schema, Catalog changed, UnaryOperator<String> quote) {
        Map<String, List<String>> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (changed == null) {
            return out;
        }
        for (Catalog.Relation r : changed.relations()) {
            if (!r.isTable() || schema.table(r.name()).isEmpty()) {
                continue;
            }
            SchemaSnapshot.Table before = schema.table(r.name()).orElseThrow();
            List<String> conditions = new ArrayList<>();
            for (Catalog.Constraint k : r.constraints()) {
                if (k.kind().equals("CHECK") && k.definition() != null) {
                    String expr = k.definition().replaceFirst("(?i)\\s+NOT\\s+VALID\\s*$", "").replaceFirst("(?i)^\\s*CHECK\\s*", "");
                    conditions.add("NOT (" + expr + ")");
                }
            }
            for (Catalog.Column col : r.columns()) {
                if (col.notNull() && before.column(col.name()).map(SchemaSnapshot.Column::nullable).orElse(false)) {
                    conditions.add(quote.apply(col.name()) + " IS NULL");
                }
            }
            if (!conditions.isEmpty()) {
                out.put(r.name(), conditions);
            }
        }
        return out;
    }
}
