package dev.plc.plan.compat;

import dev.plc.db.Dialect;
import dev.plc.plan.impact.DataAccessCode;
import dev.plc.plan.impact.ImpactFinder;
import dev.plc.repo.RepoIndex;
import dev.plc.sql.SqlScript;
import dev.plc.sql.SqlStatement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Extracts the SQL a repo's data-access code runs, each statement with its file:line: SQL string literals of any
 * language (JdbcTemplate, NamedParameterJdbcTemplate, JDBI, plain JDBC, Go's database/sql, Python DB-API, node
 * drivers, Spring Data {@code @Query(nativeQuery = true)}, MyBatis annotations), MyBatis XML statements and
 * {@code .sql} files outside the migrations; plus a synthetic SELECT and INSERT for each JPA entity and a SELECT
 * for each jOOQ generated table (the columns they read and write). What cannot be made concrete (SQL concatenated
 * with code, interpolated, dynamic MyBatis elements, JPQL) is listed as unchecked with the reason.
 */
public final class QueryExtractor {

    /**
     * @param kind       sql-string, native-query, mybatis-xml, sql-file, jpa-entity or jooq-generated
     * @param sql        ready to prepare on the dialect it was extracted for (placeholders converted)
     * @param parameters the placeholders, in order: their names, or {@code ?n} for positional ones
     * @param table      for synthetic queries (JPA, jOOQ): the mapped table, else null
     * @param columns    for synthetic queries: the mapped columns with the line that maps each, else empty
     */
    public record Query(String file, int line, String kind, String sql, List<String> parameters, String table,
                        List<DataAccessCode.Column> columns) {
    }

    /** A statement found but not checked, and why (its first 120 characters in {@code text}). */
    public record Unchecked(String file, int line, String kind, String reason, String text) {
    }

    public record Extraction(List<Query> queries, List<Unchecked> unchecked) {

        public int found() {
            return queries.size() + unchecked.size();
        }
    }

    private static final Pattern DML = Pattern.compile("(?is)^\\s*\\(?\\s*(?:"
            + "select\\b.*\\bfrom\\b.*"
            + "|with\\s+(?:recursive\\s+)?[\\w\"`]+\\s*(?:\\([^)]*\\)\\s*)?as\\s*\\(.*"
            + "|insert\\s+(?:ignore\\s+)?into\\s+[^\\s(]+.*"
            + "|replace\\s+into\\s+[^\\s(]+.*"
            + "|update\\s+[^\\s(]+(?:\\s+(?:as\\s+)?\\w+)?\\s+set\\s.*"
            + "|delete\\s+from\\s+[^\\s(]+.*)$");
    private static final Pattern CALL_BEFORE = Pattern.compile("(\\w+)\\s*\\(\\s*(?:[\\w.]+\\s*,\\s*)*(?:value\\s*=\\s*|sql\\s*=\\s*)?$");
    private static final Pattern QUERY_ANNOTATION = Pattern.compile("@(?:[\\w.]*\\.)?(?:Query|NativeQuery)\\s*\\([^)]*$");
    private static final Pattern NATIVE = Pattern.compile("nativeQuery\\s*=\\s*true");
    private static final Pattern FORMAT_CALL = Pattern.compile("(?:\\bformat|Sprintf|Sprint|Fprintf)\\s*\\([^()]*$");
    private static final Pattern MYBATIS_DYNAMIC = Pattern.compile("<(if|where|foreach|include|choose|trim|set|bind|when|otherwise)\\b",
            Pattern.CASE_INSENSITIVE);

    public Extraction extract(RepoIndex repo, Collection<String> migrationLocations, Dialect dialect) {
        DataAccessCode.Code code = DataAccessCode.read(repo, ImpactFinder.Options.defaults().withMigrationLocations(Set.copyOf(migrationLocations)));
        List<Query> queries = new ArrayList<>();
        List<Unchecked> unchecked = new ArrayList<>();
        for (DataAccessCode.Literal literal : code.literals()) {
            literal(literal, dialect, queries, unchecked);
        }
        for (DataAccessCode.MapperStatement statement : code.mapperStatements()) {
            mapper(statement, dialect, queries, unchecked);
        }
        for (DataAccessCode.SqlFile file : code.sqlFiles()) {
            for (SqlStatement statement : SqlScript.split(file.text(), dialect)) {
                if (DML.matcher(statement.text()).matches()) {
                    add(file.file(), statement.line(), "sql-file", statement.text(), dialect, queries, unchecked);
                }
            }
        }
        for (DataAccessCode.Entity entity : code.entities()) {
            synthetic(entity.file(), entity.line(), "jpa-entity", entity.table(), entity.columns(), true, dialect, queries);
        }
        for (DataAccessCode.JooqTable table : code.jooqTables()) {
            synthetic(table.file(), table.line(), "jooq-generated", table.table(), table.columns(), false, dialect, queries);
        }
        return new Extraction(List.copyOf(queries), List.copyOf(unchecked));
    }

    /** Whether two extractions hold the same statements (where they sit aside: moving a query does not change what runs). */
    public static boolean sameQueries(Extraction a, Extraction b) {
        return signature(a).equals(signature(b));
    }

    private static java.util.Map<String, Long> signature(Extraction e) {
        return java.util.stream.Stream.concat(e.queries().stream().map(q -> q.kind() + "\u0000" + q.sql()),
                        e.unchecked().stream().map(u -> u.kind() + "\u0000" + u.text()))
                .collect(Collectors.groupingBy(s -> s, java.util.TreeMap::new, Collectors.counting()));
    }

    private static void literal(DataAccessCode.Literal literal, Dialect dialect, List<Query> queries, List<Unchecked> unchecked) {
        String text = literal.text().strip();
        if (!DML.matcher(text).matches()) {
            return;
        }
        String before = literal.before();
        String after = literal.after();
        Matcher annotation = QUERY_ANNOTATION.matcher(before);
        boolean inQueryAnnotation = annotation.find();
        String kind = "sql-string";
        if (inQueryAnnotation) {
            String args = before.substring(annotation.start()) + after.substring(0, Math.max(0, after.indexOf(')') < 0 ? after.length()
                    : after.indexOf(')')));
            if (!NATIVE.matcher(args).find() && !annotation.group().contains("NativeQuery")) {
                unchecked.add(unchecked(literal, "jpql", "JPQL (@Query without nativeQuery = true) names entities and fields, not tables"));
                return;
            }
            kind = "native-query";
        }
        String dynamic = dynamicReason(literal, text);
        if (dynamic != null) {
            unchecked.add(unchecked(literal, kind, dynamic));
            return;
        }
        Matcher call = CALL_BEFORE.matcher(before);
        if (call.find() && call.group(1).equals("createQuery") && before.contains("EntityManager")) {
            unchecked.add(unchecked(literal, "jpql", "JPQL (EntityManager.createQuery) names entities and fields, not tables"));
            return;
        }
        add(literal.file(), literal.line(), kind, text, dialect, queries, unchecked);
    }

    /** Why the literal is only part of the statement that runs, or null when it is the whole statement. */
    private static String dynamicReason(DataAccessCode.Literal literal, String text) {
        String before = literal.before().stripTrailing();
        String after = literal.after().stripLeading();
        if (after.startsWith("+") && !after.startsWith("+=")) {
            return "concatenated with code (" + firstLine(after) + "): the statement is only known at run time";
        }
        if (before.endsWith("+") || before.endsWith("+=")) {
            return "concatenated to code before it: the statement is only known at run time";
        }
        if (after.startsWith("%") || after.startsWith(".format(") || after.startsWith(".formatted(")) {
            return "formatted at run time (" + firstLine(after) + ")";
        }
        if (FORMAT_CALL.matcher(before).find()) {
            return "a format string: the statement is only known at run time";
        }
        String language = literal.language();
        boolean prefixF = before.endsWith("f") || before.endsWith("F") || before.endsWith("$") && language.equals("csharp");
        if (prefixF && text.contains("{") && (language.equals("python") || language.equals("csharp"))) {
            return "an interpolated string (f-string / $\"...\"): the statement is only known at run time";
        }
        if ((language.equals("kotlin") || language.equals("javascript") && literal.quote().equals("`")) && text.matches("(?s).*\\$\\{.*")) {
            return "a template with ${...}: the statement is only known at run time";
        }
        if (language.equals("kotlin") && text.matches("(?s).*\\$[A-Za-z_].*")) {
            return "a Kotlin string template ($name): the statement is only known at run time";
        }
        if (language.equals("ruby") && text.contains("#{") && !literal.quote().equals("'")) {
            return "Ruby interpolation #{...}: the statement is only known at run time";
        }
        return null;
    }

    private static String firstLine(String s) {
        String line = s.lines().findFirst().orElse("").strip();
        return line.length() > 40 ? line.substring(0, 40) + "..." : line;
    }

    private static Unchecked unchecked(DataAccessCode.Literal literal, String kind, String reason) {
        return new Unchecked(literal.file(), literal.line(), kind, reason, abbreviate(literal.text()));
    }

    private static void mapper(DataAccessCode.MapperStatement statement, Dialect dialect, List<Query> queries, List<Unchecked> unchecked) {
        String body = statement.body().replace("<![CDATA[", "").replace("]]>", "");
        Matcher dynamic = MYBATIS_DYNAMIC.matcher(body);
        if (dynamic.find()) {
            unchecked.add(new Unchecked(statement.file(), statement.line(), "mybatis-xml", "dynamic MyBatis SQL (<" + dynamic.group(1).toLowerCase(Locale.ROOT)
                    + ">): the statement depends on the parameters", abbreviate(body)));
            return;
        }
        String sql = body.replaceAll("<!--.*?-->", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&apos;", "'").replace("&amp;", "&").strip();
        add(statement.file(), statement.line(), "mybatis-xml", sql, dialect, queries, unchecked);
    }

    private static void add(String file, int line, String kind, String text, Dialect dialect, List<Query> queries, List<Unchecked> unchecked) {
        String sql = text.strip();
        if (sql.endsWith(";")) {
            sql = sql.substring(0, sql.length() - 1).strip();
        }
        Placeholders.Result converted = Placeholders.convert(sql, dialect);
        if (converted.sql() == null) {
            unchecked.add(new Unchecked(file, line, kind, converted.dynamic(), abbreviate(sql)));
            return;
        }
        queries.add(new Query(file, line, kind, converted.sql(), converted.parameters(), null, List.of()));
    }

    /** The columns an entity (or a jOOQ table) reads, as a SELECT; an entity's INSERT writes its insertable ones. */
    private static void synthetic(String file, int line, String kind, String table, List<DataAccessCode.Column> columns, boolean insert,
                                  Dialect dialect, List<Query> queries) {
        if (columns.isEmpty()) {
            return;
        }
        String select = "SELECT " + columns.stream().map(DataAccessCode.Column::name).collect(Collectors.joining(", ")) + " FROM " + table;
        queries.add(new Query(file, line, kind, select, List.of(), table, columns));
        List<DataAccessCode.Column> written = columns.stream().filter(DataAccessCode.Column::insertable).toList();
        if (insert && !written.isEmpty()) {
            String values = written.stream().map(c -> "?").collect(Collectors.joining(", "));
            String sql = "INSERT INTO " + table + " (" + written.stream().map(DataAccessCode.Column::name).collect(Collectors.joining(", "))
                    + ") VALUES (" + values + ")";
            queries.add(new Query(file, line, kind, Placeholders.convert(sql, dialect).sql(), written.stream().map(DataAccessCode.Column::name).toList(), table, written));
        }
    }

    private static String abbreviate(String text) {
        String flat = text.strip().replaceAll("\\s+", " ");
        return flat.length() > 120 ? flat.substring(0, 117) + "..." : flat;
    }
}
