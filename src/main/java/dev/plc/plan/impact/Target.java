package dev.plc.plan.impact;

import java.util.Locale;
import java.util.regex.Pattern;

/** One {@link SchemaReference} with its patterns compiled once per {@link ImpactFinder#find} call. */
final class Target {

    final SchemaReference reference;
    final String table;
    final String column;
    /** Case-insensitive whole-identifier pattern; quotes, backticks and brackets are not identifier characters. */
    final Pattern columnWord;
    /** jOOQ's default generator names: {@code orders} becomes {@code ORDERS}, {@code customer_id} {@code CUSTOMER_ID}. */
    final String jooqTable;
    final Pattern jooqTableUse;
    final Pattern jooqColumnUse;
    /** {@code static final Orders ORDERS} in generated code. */
    final Pattern jooqTableDeclaration;
    /** {@code createField(DSL.name("status")} in the generated table class. */
    final Pattern jooqCreateField;
    /** This reference's table alone: a column's statement must name it. */
    final Target wholeTable;
    /** {@code column="status"} in mapper XML result maps. */
    final Pattern columnAttribute;

    Target(SchemaReference reference) {
        this.reference = reference;
        this.table = reference.table().toLowerCase(Locale.ROOT);
        this.column = reference.column() == null ? null : reference.column().toLowerCase(Locale.ROOT);
        this.columnWord = column == null ? null : word(column, true);
        this.jooqTable = Identifiers.jooq(reference.table());
        this.jooqTableUse = word(jooqTable, false);
        this.jooqColumnUse = column == null ? null
                : Pattern.compile("(?<![\\w$])" + Pattern.quote(jooqTable) + "\\s*\\.\\s*" + Pattern.quote(Identifiers.jooq(reference.column()))
                        + "(?![\\w$])");
        this.jooqTableDeclaration = Pattern.compile("static\\s+final\\s+[\\w.<>]+\\s+" + Pattern.quote(jooqTable) + "(?![\\w$])");
        this.jooqCreateField = column == null ? null : Pattern.compile("createField\\s*\\(\\s*DSL\\.name\\s*\\(\\s*\"" 
                + Pattern.quote(reference.column()) + "\"\\s*\\)", Pattern.CASE_INSENSITIVE);
        this.wholeTable = column == null ? this : new Target(SchemaReference.table(reference.table(), reference.change()));
        this.columnAttribute = column == null ? null
                : Pattern.compile("\\bcolumn\\s*=\\s*\"" + Pattern.quote(reference.column()) + "\"", Pattern.CASE_INSENSITIVE);
    }

    boolean isColumn() {
        return column != null;
    }

    boolean isTable(String name) {
        return name != null && table.equalsIgnoreCase(Identifiers.unquote(name));
    }

    boolean isColumn(String name) {
        return column != null && name != null && column.equalsIgnoreCase(Identifiers.unquote(name));
    }

    /**
     * The next whole-identifier occurrence of {@code word} (lower case) in {@code lower} (lower-cased text) from {@code from},
     * or -1. A plain indexOf with boundary checks: far faster than a case-insensitive regex with look-arounds.
     */
    static int indexOfWord(String lower, String word, int from) {
        int i = lower.indexOf(word, from);
        while (i >= 0) {
            int end = i + word.length();
            if ((i == 0 || !isIdentifierPart(lower.charAt(i - 1))) && (end >= lower.length() || !isIdentifierPart(lower.charAt(end)))) {
                return i;
            }
            i = lower.indexOf(word, i + 1);
        }
        return -1;
    }

    private static boolean isIdentifierPart(char c) {
        return c == '_' || c == '$' || Character.isLetterOrDigit(c);
    }

    static Pattern word(String name, boolean ignoreCase) {
        return Pattern.compile("(?<![\\w$])" + Pattern.quote(name) + "(?![\\w$])", ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
    }
}
