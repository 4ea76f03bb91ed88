package dev.plc.plan;

import dev.plc.schema.catalog.Catalog;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What changing a column's type costs: nothing (catalog only), a rewrite, or lost data. */
enum TypeChange {
    /** Same type or a widening the database does in its catalog: varchar(n) to varchar(m >= n) or text. */
    METADATA_ONLY,
    /** Every row is rewritten (int to bigint, text to jsonb, ...). */
    REWRITE,
    /** Values may not fit: varchar(100) to varchar(50), bigint to int, text to varchar(n). */
    NARROWING;

    private static final Pattern SHAPE = Pattern.compile("^([a-z ]+?)\\s*(?:\\((\\d+)(?:\\s*,\\s*(\\d+))?\\))?$");
    private static final List<String> INTEGERS = List.of("smallint", "int", "bigint");

    static TypeChange classify(String from, String to) {
        List<String> fromLabels = enumLabels(from);
        List<String> toLabels = enumLabels(to);
        if (toLabels != null) {
            if (fromLabels == null) {
                return NARROWING; // any value that is not a label fails
            }
            if (!toLabels.containsAll(fromLabels)) {
                return NARROWING; // a label removed (or renamed): its rows fail the change
            }
            boolean appended = toLabels.subList(0, fromLabels.size()).equals(fromLabels);
            // appending keeps every stored index; past 255 labels the stored value grows from one byte to two
            return appended && (fromLabels.size() > 255 || toLabels.size() <= 255) ? METADATA_ONLY : REWRITE;
        }
        if (fromLabels != null) {
            return REWRITE;
        }
        Type a = Type.parse(from);
        Type b = Type.parse(to);
        if (a.equals(b)) {
            return METADATA_ONLY;
        }
        if (a.isText() && b.isText()) {
            if (b.length == null) {
                return METADATA_ONLY; // to text or unbounded varchar
            }
            if (a.length == null || b.length < a.length) {
                return NARROWING;
            }
            return a.name.equals(b.name) || b.name.equals("varchar") ? METADATA_ONLY : REWRITE;
        }
        if (INTEGERS.contains(a.name) && INTEGERS.contains(b.name)) {
            return INTEGERS.indexOf(b.name) < INTEGERS.indexOf(a.name) ? NARROWING : REWRITE;
        }
        if (a.name.equals("numeric") && b.name.equals("numeric")) {
            if (b.length == null) {
                return METADATA_ONLY;
            }
            if (a.length == null || b.length < a.length || !java.util.Objects.equals(a.scale, b.scale)) {
                return NARROWING;
            }
            return METADATA_ONLY;
        }
        return REWRITE;
    }

    /** The labels of a MariaDB/MySQL {@code enum('a','b')} type, in order, or null when it is none (a SET is not an enum). */
    static List<String> enumLabels(String type) {
        return type != null && type.strip().toLowerCase(Locale.ROOT).startsWith("enum") ? Catalog.labels(type) : null;
    }

    private record Type(String name, Integer length, Integer scale) {

        boolean isText() {
            return name.equals("varchar") || name.equals("text") || name.equals("char");
        }

        static Type parse(String raw) {
            String s = raw.toLowerCase(Locale.ROOT).strip().replaceAll("\\s+", " ");
            Matcher m = SHAPE.matcher(s);
            if (!m.matches()) {
                return new Type(s, null, null);
            }
            String name = switch (m.group(1).strip()) {
                case "character varying", "varchar", "varchar2", "nvarchar" -> "varchar";
                case "character", "char", "bpchar", "nchar" -> "char";
                case "text", "longtext", "mediumtext", "clob" -> "text";
                case "integer", "int", "int4", "mediumint" -> "int";
                case "bigint", "int8" -> "bigint";
                case "smallint", "int2", "tinyint" -> "smallint";
                case "decimal", "numeric" -> "numeric";
                case "timestamptz", "timestamp with time zone" -> "timestamptz";
                case "timestamp", "timestamp without time zone" -> "timestamp";
                default -> m.group(1).strip();
            };
            Integer length = m.group(2) == null ? null : Integer.valueOf(m.group(2));
            Integer scale = m.group(3) == null ? (name.equals("numeric") && length != null ? 0 : null) : Integer.valueOf(m.group(3));
            return new Type(name, length, scale);
        }
    }
}
