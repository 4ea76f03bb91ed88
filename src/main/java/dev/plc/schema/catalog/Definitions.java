package dev.plc.schema.catalog;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares definitions the database rendered without being fooled by names: identifiers are read as tokens (bare,
 * "double-quoted" or `back-quoted`, string literals left alone), mapped through a table of names, and written back in
 * one quoting. So {@code CREATE INDEX users_email_idx ON public.users USING btree (email)} and the same index under
 * another name, or on the table after a rename, come out equal once those names are mapped away.
 */
final class Definitions {

    /** What a name mapped to "" becomes: a placeholder, so "INDEX a ON t" and "INDEX b ON t" read alike. */
    private static final String GONE = "?";

    private static final String IDENT = "(?:\"(?:[^\"]|\"\")*\"|`(?:[^`]|``)*`|[^\\s.\"`(]+)";
    private static final Pattern INDEX_HEAD = Pattern.compile(
            "^CREATE (UNIQUE |FULLTEXT |SPATIAL )?INDEX (?:CONCURRENTLY )?" + IDENT + " ON (ONLY )?" + IDENT + "(?:\\." + IDENT + ")? (.*)$",
            Pattern.DOTALL);

    private static final Pattern TRIGGER_HEAD = Pattern.compile("^CREATE (CONSTRAINT )?TRIGGER " + IDENT + " (.*)$", Pattern.DOTALL);

    private Definitions() {
    }

    /** The definition with identifiers mapped through {@code names} (a name mapped to "" is erased) and blanks collapsed. */
    static String canonical(String definition, Map<String, String> names) {
        if (definition == null) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        int n = definition.length();
        boolean space = false;
        while (i < n) {
            char ch = definition.charAt(i);
            if (Character.isWhitespace(ch)) {
                space = true;
                i++;
                continue;
            }
            if (space && out.length() > 0) {
                out.append(' ');
            }
            space = false;
            if (ch == '\'') {
                int j = i + 1;
                while (j < n) {
                    if (definition.charAt(j) == '\'') {
                        if (j + 1 < n && definition.charAt(j + 1) == '\'') {
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    j++;
                }
                out.append(definition, i, Math.min(n, j + 1));
                i = j + 1;
            } else if (ch == '"' || ch == '`') {
                StringBuilder value = new StringBuilder();
                int j = i + 1;
                while (j < n) {
                    char c = definition.charAt(j);
                    if (c == ch) {
                        if (j + 1 < n && definition.charAt(j + 1) == ch) {
                            value.append(ch);
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    value.append(c);
                    j++;
                }
                out.append(identifier(value.toString(), names));
                i = j + 1;
            } else if (Character.isLetter(ch) || ch == '_') {
                int j = i;
                while (j < n && (Character.isLetterOrDigit(definition.charAt(j)) || definition.charAt(j) == '_' || definition.charAt(j) == '$')) {
                    j++;
                }
                out.append(identifier(definition.substring(i, j), names));
                i = j;
            } else {
                out.append(ch);
                i++;
            }
        }
        return out.toString();
    }

    private static String identifier(String value, Map<String, String> names) {
        String mapped = names.getOrDefault(value, value);
        return mapped.isEmpty() ? GONE : "\"" + mapped + "\"";
    }

    /**
     * What an index is without its name and table: "UNIQUE USING btree (lower((email)::text))" from
     * "CREATE UNIQUE INDEX users_lower_idx ON public.users USING btree (lower((email)::text))"; the definition itself when
     * it has another form.
     */
    static String indexShape(String definition) {
        Matcher m = INDEX_HEAD.matcher(definition);
        if (!m.matches()) {
            return definition;
        }
        String kind = m.group(1) == null ? "" : m.group(1);
        String only = m.group(2) == null ? "" : m.group(2);
        return kind + only + m.group(3);
    }

    /** A trigger definition without its own name (a trigger may be named like a column its body uses). */
    static String triggerShape(String definition) {
        Matcher m = TRIGGER_HEAD.matcher(definition);
        return m.matches() ? "CREATE " + (m.group(1) == null ? "" : m.group(1)) + "TRIGGER " + m.group(2) : definition;
    }

    /** A PostgreSQL constraint definition without the NOT VALID that pg_get_constraintdef appends: validity is compared apart. */
    static String withoutNotValid(String definition) {
        return definition != null && definition.endsWith(" NOT VALID") ? definition.substring(0, definition.length() - 10) : definition;
    }
}
