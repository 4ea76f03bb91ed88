package dev.plc.repo.dialect;

import dev.plc.repo.Evidence;
import dev.plc.repo.RepoIndex;
import dev.plc.repo.TestPaths;
import dev.plc.repo.dialect.DialectHint.Strength;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Line-by-line rules over configuration and code: connection URLs, configured drivers, ORM providers and
 * container images. Dependencies in build files are {@link DependencyHints}' job.
 */
final class LineRules {

    private static final Pattern CONFIG_NAME = Pattern.compile(
            "(?i).*\\.(properties|ya?ml|conf|toml|ini|env)$|^\\.env(\\..*)?$|^persistence\\.xml$|^hibernate\\.cfg\\.xml$"
                    + "|^appsettings[\\w.-]*\\.json$|^settings[\\w.-]*\\.py$|^knexfile\\.[cm]?[jt]s$|^ormconfig\\.\\w+$"
                    + "|^(docker-)?compose[\\w.-]*\\.ya?ml$|^Dockerfile[\\w.-]*$|.*\\.prisma$");
    private static final Set<String> JVM = Set.of("java", "kt", "groovy", "scala");
    private static final Set<String> JS = Set.of("js", "mjs", "cjs", "ts", "mts", "cts", "jsx", "tsx");
    private static final Set<String> CODE = Set.of(
            "java", "kt", "groovy", "scala", "py", "rb", "js", "mjs", "cjs", "ts", "mts", "cts", "jsx", "tsx", "go", "rs", "cs", "php");
    private static final Set<String> DB_IMAGES = Set.of(
            "postgres", "postgresql", "postgis", "timescaledb", "timescaledb-ha", "mysql", "mysql-server", "mariadb",
            "oracle-xe", "oracle-free");

    /**
     * A rule: which files, which lines, which strength; the dialect comes from the match. {@code anywhere} is the
     * pattern with {@code ^} and {@code $} at every line end: over the whole text it finds at least what it finds
     * line by line, so a text where it finds nothing is not split into lines at all.
     */
    private record Rule(BiPredicate<Kind, String> applies, Pattern pattern, Strength strength,
                        Function<Matcher, Optional<String>> dialect, Pattern anywhere) {

        Rule(BiPredicate<Kind, String> applies, Pattern pattern, Strength strength, Function<Matcher, Optional<String>> dialect) {
            this(applies, pattern, strength, dialect, Pattern.compile(pattern.pattern(), pattern.flags() | Pattern.MULTILINE));
        }

        Rule(BiPredicate<Kind, String> applies, Pattern pattern, Strength strength) {
            this(applies, pattern, strength, LineRules::firstGroup);
        }
    }

    private static final List<Rule> RULES = List.of(
            new Rule((k, t) -> (k.config() || k.jvm() || k.build()) && t.contains("jdbc:"),
                    Pattern.compile("jdbc:(?:tc:|p6spy:|log4jdbc:)?(postgresql|mysql|mariadb|h2|sqlite|sqlserver|jtds|oracle):"),
                    Strength.CONFIGURED),
            new Rule((k, t) -> (k.config() || k.code()) && t.contains("://"),
                    Pattern.compile("(?i)(?<![\\w])(postgres(?:ql)?|mysql|mariadb|sqlite|mssql|sqlserver)(?:\\+[\\w-]+)?://"),
                    Strength.CONFIGURED),
            new Rule((k, t) -> (k.config() || k.jvm() || k.build()) && (t.contains("Driver") || t.contains("jdbc") || t.contains("JDBC")),
                    Pattern.compile("\\b(?:org\\.(postgresql)\\.Driver|org\\.(mariadb)\\.jdbc\\.Driver|com\\.(mysql)\\.(?:cj\\.)?jdbc\\.Driver"
                            + "|org\\.(h2)\\.Driver|org\\.(sqlite)\\.JDBC|com\\.microsoft\\.(sqlserver)\\.jdbc|(oracle)\\.jdbc\\.(?:driver\\.)?OracleDriver)\\b"),
                    Strength.CONFIGURED),
            new Rule((k, t) -> (k.config() || k.jvm()) && t.contains("Dialect"),
                    Pattern.compile("org\\.hibernate\\.dialect\\.(PostgreSQL|PostgresPlus|MySQL|MariaDB|H2|SQLite|SQLServer|Oracle)"),
                    Strength.CONFIGURED),
            new Rule((k, t) -> (k.jvm() || k.build() || k.config()) && t.contains("jooq"),
                    Pattern.compile("(?i)org\\.jooq\\.meta\\.(postgres|mysql|mariadb|h2|sqlite)\\.|<dialect>\\s*(POSTGRES|MYSQL|MARIADB|H2|SQLITE)"),
                    Strength.CONFIGURED),
            new Rule((k, t) -> k.jvm() && t.contains("SQLDialect"),
                    Pattern.compile("SQLDialect\\.(POSTGRES|MYSQL|MARIADB|H2|SQLITE)\\b"), Strength.CONFIGURED),
            new Rule((k, t) -> k.path().endsWith(".prisma"),
                    Pattern.compile("^\\s*provider\\s*=\\s*\"(postgresql|postgres|mysql|sqlite|sqlserver)\""), Strength.CONFIGURED),
            new Rule((k, t) -> (k.path().endsWith(".py") || k.config()) && t.contains("backends"),
                    Pattern.compile("django(?:\\.contrib\\.gis)?\\.db\\.backends\\.(postgresql|postgis|mysql|sqlite3|oracle)"), Strength.CONFIGURED),
            new Rule((k, t) -> k.name().equals("database.yml"),
                    Pattern.compile("^\\s*adapter:\\s*[\"']?(postgresql|postgis|mysql2|trilogy|sqlite3|sqlserver|oracle_enhanced)\\b"),
                    Strength.CONFIGURED),
            new Rule((k, t) -> (k.js() || k.name().startsWith("knexfile")) && t.contains("client"),
                    Pattern.compile("\\bclient\\s*:\\s*['\"](pg|postgres(?:ql)?|mysql2?|sqlite3|better-sqlite3|mssql|oracledb)['\"]"),
                    Strength.CONFIGURED),
            new Rule((k, t) -> k.name().startsWith("ormconfig") || k.js() && (t.contains("typeorm") || t.contains("TypeOrm")),
                    Pattern.compile("\\btype\\s*:\\s*['\"](postgres|mysql|mariadb|sqlite|better-sqlite3|mssql|oracle)['\"]"),
                    Strength.CONFIGURED),
            new Rule((k, t) -> k.name().equals("Cargo.toml"),
                    Pattern.compile("^\\s*(?:sqlx|diesel|sea-orm)\\s*=.*[\"'](?:sqlx-)?(postgres|mysql|sqlite)[\"']"), Strength.CONFIGURED),
            new Rule((k, t) -> k.path().endsWith(".cs") && t.contains(".Use"),
                    Pattern.compile("\\.Use(Npgsql|MySql|MySQL|SqlServer|Sqlite|Oracle)\\s*\\("), Strength.CONFIGURED),
            new Rule((k, t) -> k.path().endsWith(".go") && t.contains("sql"),
                    Pattern.compile("\\bsqlx?\\.(?:Open|Connect|MustConnect)\\(\\s*\"(postgres|pgx|mysql|sqlite3?|sqlserver|mssql)\""),
                    Strength.CONFIGURED),
            new Rule((k, t) -> k.config() && (t.contains("image") || t.contains("FROM")),
                    Pattern.compile("(?:\\bimage\\s*:\\s*|^\\s*FROM\\s+(?:--platform=\\S+\\s+)?)[\"']?([\\w.\\-/]+?)(?::[\\w.\\-]+)?(?:@\\S+)?[\"']?(?:\\s|$)"),
                    Strength.IMAGE, LineRules::image),
            new Rule((k, t) -> k.jvm() && t.contains("Container"),
                    Pattern.compile("\\b(PostgreSQL|MySQL|MariaDB|MSSQLServer|Oracle)Container\\b"), Strength.IMAGE));

    private LineRules() {
    }

    /** What the rules ask about a file's name, worked out once per file. */
    private record Kind(String path, String name, boolean config, boolean build, boolean jvm, boolean js, boolean code) {

        static Kind of(String path) {
            String name = LineRules.name(path);
            String extension = extension(path);
            return new Kind(path, name, CONFIG_NAME.matcher(name).matches(),
                    name.equals("pom.xml") || name.endsWith(".gradle") || name.endsWith(".gradle.kts"),
                    JVM.contains(extension), JS.contains(extension), CODE.contains(extension));
        }
    }

    static List<DialectHint> scan(RepoIndex repo) {
        List<DialectHint> hints = new ArrayList<>();
        for (String file : repo.files()) {
            Kind kind = Kind.of(file);
            if (!kind.config() && !kind.code() && !kind.build()) {
                continue;
            }
            String text = repo.read(file).orElse("");
            List<Rule> rules = new ArrayList<>();
            for (Rule rule : RULES) {
                // the whole text first: a pattern that finds nothing there finds nothing on any one line
                if (rule.applies().test(kind, text) && rule.anywhere().matcher(text).find()) {
                    rules.add(rule);
                }
            }
            if (!rules.isEmpty()) {
                scanLines(file, text, rules, hints);
            }
        }
        return hints;
    }

    private static void scanLines(String file, String text, List<Rule> rules, List<DialectHint> hints) {
        boolean test = TestPaths.isTest(file);
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            for (Rule rule : rules) {
                Matcher m = rule.pattern().matcher(line);
                while (m.find()) {
                    int lineNo = i + 1;
                    rule.dialect().apply(m).ifPresent(d -> hints.add(new DialectHint(d, rule.strength(), test, new Evidence(file, lineNo, line))));
                }
            }
        }
    }

    private static Optional<String> firstGroup(Matcher m) {
        for (int g = 1; g <= m.groupCount(); g++) {
            if (m.group(g) != null) {
                return Dialects.of(m.group(g));
            }
        }
        return Optional.empty();
    }

    // only database images: "postgres-exporter" or "adminer" are not a database
    private static Optional<String> image(Matcher m) {
        String ref = m.group(1).toLowerCase(Locale.ROOT);
        if (ref.endsWith("mssql/server") || ref.contains("mssql-server")) {
            return Optional.of("sqlserver");
        }
        String last = RepoIndex.fileName(ref);
        return DB_IMAGES.contains(last) || last.startsWith("oracle-") ? Dialects.of(last) : Optional.empty();
    }

    static String name(String file) {
        return RepoIndex.fileName(file);
    }

    static String extension(String file) {
        String name = name(file);
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
