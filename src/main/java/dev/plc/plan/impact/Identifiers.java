package dev.plc.plan.impact;

import java.util.Locale;

/** How code generators and ORMs turn table and column names into identifiers, and back. */
final class Identifiers {

    private Identifiers() {
    }

    /** jOOQ's DefaultGeneratorStrategy: upper case, characters that cannot be in a Java identifier become '_'. */
    static String jooq(String sqlName) {
        return sqlName.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_");
    }

    /**
     * Spring Boot's CamelCaseToUnderscoresNamingStrategy (also Django's and TypeORM's table default): an
     * underscore before an upper-case letter that follows a lower-case letter or digit, dots become underscores, all lower case.
     */
    static String snake(String javaName) {
        StringBuilder out = new StringBuilder(javaName.length() + 4);
        for (int i = 0; i < javaName.length(); i++) {
            char c = javaName.charAt(i);
            if (i > 0 && Character.isUpperCase(c)) {
                char before = javaName.charAt(i - 1);
                boolean nextLower = i + 1 < javaName.length() && Character.isLowerCase(javaName.charAt(i + 1));
                if (Character.isLowerCase(before) || Character.isDigit(before) || Character.isUpperCase(before) && nextLower) {
                    out.append('_');
                }
            }
            out.append(c == '.' ? '_' : Character.toLowerCase(c));
        }
        return out.toString();
    }

    /** Drops SQL/JPA identifier quoting: {@code "x"}, {@code \"x\"}, {@code `x`}, {@code [x]}. */
    static String unquote(String name) {
        return name.strip().replace("\\\"", "").replaceAll("^[\"`\\[]+|[\"`\\]]+$", "");
    }

    /** Lower case char by char, so that offsets into the result are offsets into the original (String.toLowerCase may change lengths). */
    static String lower(String text) {
        char[] chars = text.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            chars[i] = Character.toLowerCase(chars[i]);
        }
        return new String(chars);
    }

    static String capitalize(String name) {
        return name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    /** {@code FullName} to {@code fullName}. */
    static String decapitalize(String capitalized) {
        return capitalized.isEmpty() ? capitalized : Character.toLowerCase(capitalized.charAt(0)) + capitalized.substring(1);
    }
}
