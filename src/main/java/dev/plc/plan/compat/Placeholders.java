package dev.plc.plan.compat;

import dev.plc.db.Dialect;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the placeholders data-access code writes ({@code ?}, {@code :name}, {@code #{name}}, {@code $1},
 * {@code %s}, {@code %(name)s}) into the ones the database prepares: {@code $n} on PostgreSQL (a name used twice
 * is one parameter), {@code ?} elsewhere. Quoted text, quoted identifiers, comments and {@code ::} casts are left
 * alone. A {@code ${...}} text substitution (MyBatis, JS templates) cannot be made concrete: the result says why.
 */
final class Placeholders {

    /** @param sql the SQL to prepare, or null when {@code dynamic} says why there is none */
    record Result(String sql, List<String> parameters, String dynamic) {
    }

    private Placeholders() {
    }

    static Result convert(String sql, Dialect dialect) {
        boolean numbered = dialect == Dialect.POSTGRESQL;
        StringBuilder out = new StringBuilder(sql.length());
        Map<String, Integer> named = new LinkedHashMap<>();
        List<String> parameters = new ArrayList<>();
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            char next = i + 1 < n ? sql.charAt(i + 1) : '\0';
            if (c == '\'' || c == '"' || c == '`') {
                int end = closing(sql, i, c);
                out.append(sql, i, end);
                i = end;
            } else if (c == '-' && next == '-') {
                int end = sql.indexOf('\n', i);
                end = end < 0 ? n : end;
                out.append(sql, i, end);
                i = end;
            } else if (c == '$' && next == '{') {
                return new Result(null, List.of(), "text substitution " + sql.substring(i, Math.min(n, sql.indexOf('}', i) < 0 ? n
                        : sql.indexOf('}', i) + 1)) + " is filled in at run time");
            } else if (c == '#' && next == '{') {
                int end = sql.indexOf('}', i);
                if (end < 0) {
                    return new Result(null, List.of(), "unterminated #{ placeholder");
                }
                String name = sql.substring(i + 2, end).split(",")[0].strip();
                out.append(parameter(name, numbered, named, parameters));
                i = end + 1;
            } else if (c == '?' && next != '|' && next != '&') {
                out.append(parameter(null, numbered, named, parameters));
                i++;
            } else if (c == ':' && next == ':') {
                out.append("::");
                i += 2;
            } else if (c == ':' && Character.isJavaIdentifierStart(next) && (i == 0 || !Character.isLetterOrDigit(sql.charAt(i - 1)))) {
                int end = i + 1;
                while (end < n && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_')) {
                    end++;
                }
                out.append(parameter(sql.substring(i + 1, end), numbered, named, parameters));
                i = end;
            } else if (c == '$' && Character.isDigit(next) && (i == 0 || !Character.isLetterOrDigit(sql.charAt(i - 1)))) {
                int end = i + 1;
                while (end < n && Character.isDigit(sql.charAt(end))) {
                    end++;
                }
                out.append(parameter("$" + sql.substring(i + 1, end), numbered, named, parameters));
                i = end;
            } else if (c == '%' && next == 's') {
                out.append(parameter(null, numbered, named, parameters));
                i += 2;
            } else if (c == '%' && next == '(') {
                int end = sql.indexOf(")s", i);
                if (end < 0) {
                    out.append(c);
                    i++;
                    continue;
                }
                out.append(parameter(sql.substring(i + 2, end), numbered, named, parameters));
                i = end + 2;
            } else {
                out.append(c);
                i++;
            }
        }
        return new Result(out.toString(), List.copyOf(parameters), null);
    }

    private static String parameter(String name, boolean numbered, Map<String, Integer> named, List<String> parameters) {
        if (!numbered) {
            parameters.add(name == null ? "?" + (parameters.size() + 1) : name);
            return "?";
        }
        if (name != null && named.containsKey(name)) {
            return "$" + named.get(name);
        }
        parameters.add(name == null ? "?" + (parameters.size() + 1) : name);
        int number = parameters.size();
        if (name != null) {
            named.put(name, number);
        }
        return "$" + number;
    }

    private static int closing(String sql, int open, char quote) {
        int i = open + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\\' && quote == '\'') {
                i += 2;
                continue;
            }
            if (c == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }
}
