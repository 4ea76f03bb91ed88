package dev.plc.repo.dialect;

import dev.plc.repo.Evidence;
import dev.plc.repo.RepoIndex;
import dev.plc.repo.TestPaths;
import dev.plc.repo.dialect.DialectHint.Strength;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Database drivers and client libraries declared in build files, with their scope: a driver that only
 * tests use (Maven test scope, Gradle test configurations, npm devDependencies, Bundler's test group,
 * Cargo dev-dependencies) is a test hint.
 */
final class DependencyHints {

    private static final Map<String, String> JVM_ARTIFACTS = Map.ofEntries(
            Map.entry("postgresql", "postgresql"), Map.entry("r2dbc-postgresql", "postgresql"),
            Map.entry("mariadb-java-client", "mariadb"), Map.entry("r2dbc-mariadb", "mariadb"),
            Map.entry("mysql-connector-j", "mysql"), Map.entry("mysql-connector-java", "mysql"), Map.entry("r2dbc-mysql", "mysql"),
            Map.entry("h2", "h2"), Map.entry("r2dbc-h2", "h2"), Map.entry("sqlite-jdbc", "sqlite"),
            Map.entry("mssql-jdbc", "sqlserver"),
            Map.entry("mysql", "mysql"), Map.entry("mariadb", "mariadb"), Map.entry("oracle-xe", "oracle"),
            Map.entry("mssqlserver", "sqlserver"));

    private static final Pattern POM_DEPENDENCY = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL);
    private static final Pattern POM_ARTIFACT = Pattern.compile("<artifactId>\\s*([\\w.\\-]+)\\s*</artifactId>");
    private static final Pattern POM_GROUP = Pattern.compile("<groupId>\\s*([\\w.\\-]+)\\s*</groupId>");
    private static final Pattern POM_TEST_SCOPE = Pattern.compile("<scope>\\s*test\\s*</scope>");
    private static final Pattern GRADLE_COORDINATE = Pattern.compile("^\\s*(\\w*)\\s*\\(?\\s*[\"']([\\w.\\-]+):([\\w.\\-]+)[:\"']");
    private static final Pattern CATALOG_COORDINATE = Pattern.compile("[\"']([\\w.\\-]+):([\\w.\\-]+)[:\"']");
    private static final Pattern NPM_SECTION = Pattern.compile("^\\s*\"(\\w+)\"\\s*:\\s*\\{");
    private static final Pattern NPM_DRIVER = Pattern.compile(
            "^\\s*\"(pg|postgres|pg-promise|mysql|mysql2|mariadb|sqlite3|better-sqlite3|mssql|tedious|oracledb)\"\\s*:");
    private static final Pattern PY_DRIVER = Pattern.compile(
            "(?i)(?:^\\s*|[\"'])(psycopg2-binary|psycopg2|psycopg|asyncpg|pg8000|mysqlclient|pymysql|mysql-connector-python|aiomysql"
                    + "|asyncmy|mariadb|aiosqlite|pymssql|cx[_-]oracle|oracledb)(?=[\\s\\[=<>~!;\"',]|$)");
    private static final Pattern GO_DRIVER = Pattern.compile(
            "\\b(?:github\\.com/lib/(pq)|github\\.com/jackc/(pgx)|github\\.com/go-sql-driver/(mysql)|github\\.com/mattn/go-(sqlite)3"
                    + "|modernc\\.org/(sqlite)|gorm\\.io/driver/(postgres|mysql|sqlite|sqlserver)|github\\.com/\\w+/go-(mssql)db|github\\.com/sijms/go-(ora))\\b");
    private static final Pattern GEM_DRIVER = Pattern.compile(
            "^\\s*gem\\s+[\"'](pg|mysql2|trilogy|sqlite3|activerecord-sqlserver-adapter|activerecord-oracle_enhanced-adapter)[\"']");
    private static final Pattern GEM_GROUP = Pattern.compile("^\\s*group\\s+(.*)\\bdo\\b");
    private static final Pattern CARGO_SECTION = Pattern.compile("^\\s*\\[([\\w.\\-]+)]");
    private static final Pattern CARGO_DRIVER = Pattern.compile("^\\s*(tokio-postgres|postgres|rusqlite|mysql|mysql_async|tiberius|oracle)\\s*=");
    private static final Pattern NUGET_DRIVER = Pattern.compile(
            "PackageReference\\s+Include=\"(Npgsql[\\w.]*|Pomelo\\.EntityFrameworkCore\\.MySql|MySql\\.Data|MySqlConnector"
                    + "|Microsoft\\.EntityFrameworkCore\\.(?:SqlServer|Sqlite)|Microsoft\\.Data\\.(?:SqlClient|Sqlite)|Oracle\\.[\\w.]+)\"");

    private DependencyHints() {
    }

    static List<DialectHint> scan(RepoIndex repo) {
        List<DialectHint> hints = new ArrayList<>();
        for (String file : repo.files()) {
            String name = RepoIndex.fileName(file);
            if (name.equals("pom.xml")) {
                pom(repo, file, hints);
            } else if (name.endsWith(".gradle") || name.endsWith(".gradle.kts")) {
                gradle(repo, file, hints);
            } else if (name.endsWith(".versions.toml")) {
                lines(repo, file, hints, CATALOG_COORDINATE, (m, section) -> jvmArtifact(m.group(1), m.group(2)), null);
            } else if (name.equals("package.json")) {
                lines(repo, file, hints, NPM_DRIVER, (m, section) -> Dialects.of(m.group(1)), NPM_SECTION);
            } else if (name.startsWith("requirements") && name.endsWith(".txt") || name.equals("pyproject.toml")
                    || name.equals("Pipfile") || name.equals("setup.py") || name.equals("setup.cfg")) {
                lines(repo, file, hints, PY_DRIVER, (m, section) -> Dialects.of(m.group(1)), null);
            } else if (name.equals("go.mod")) {
                lines(repo, file, hints, GO_DRIVER, (m, section) -> firstGroup(m), null);
            } else if (name.equals("Gemfile")) {
                gemfile(repo, file, hints);
            } else if (name.equals("Cargo.toml")) {
                lines(repo, file, hints, CARGO_DRIVER, (m, section) -> Dialects.of(m.group(1)), CARGO_SECTION);
            } else if (name.endsWith(".csproj")) {
                lines(repo, file, hints, NUGET_DRIVER, (m, section) -> Dialects.of(m.group(1).replaceFirst("^(Pomelo\\.EntityFrameworkCore|Microsoft\\.EntityFrameworkCore|Microsoft\\.Data)\\.", "")), null);
            }
        }
        return hints;
    }

    private static void pom(RepoIndex repo, String file, List<DialectHint> hints) {
        String text = repo.read(file).orElse("");
        Matcher dep = POM_DEPENDENCY.matcher(text);
        while (dep.find()) {
            String body = dep.group(1);
            Matcher artifact = POM_ARTIFACT.matcher(body);
            Matcher group = POM_GROUP.matcher(body);
            if (artifact.find() && group.find()) {
                int offset = dep.start(1) + artifact.start();
                boolean test = POM_TEST_SCOPE.matcher(body).find() || TestPaths.isTest(file);
                jvmArtifact(group.group(1), artifact.group(1)).ifPresent(d -> hints.add(hint(d, test, evidenceAt(text, file, offset))));
            }
        }
    }

    private static void gradle(RepoIndex repo, String file, List<DialectHint> hints) {
        List<String> lines = repo.lines(file);
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = GRADLE_COORDINATE.matcher(lines.get(i));
            if (m.find()) {
                // testImplementation, testRuntimeOnly, integrationTestImplementation, androidTestImplementation...
                boolean test = m.group(1).startsWith("test") || m.group(1).contains("Test") || TestPaths.isTest(file);
                Evidence evidence = new Evidence(file, i + 1, lines.get(i));
                jvmArtifact(m.group(2), m.group(3)).ifPresent(d -> hints.add(hint(d, test, evidence)));
            }
        }
    }

    private static void gemfile(RepoIndex repo, String file, List<DialectHint> hints) {
        List<String> lines = repo.lines(file);
        boolean inTestGroup = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher group = GEM_GROUP.matcher(line);
            if (group.find()) {
                inTestGroup = !group.group(1).contains(":production");
            } else if (line.strip().equals("end")) {
                inTestGroup = false;
            }
            Matcher m = GEM_DRIVER.matcher(line);
            if (m.find()) {
                boolean test = inTestGroup || line.contains(":test") || line.contains(":development");
                Evidence evidence = new Evidence(file, i + 1, line);
                Dialects.of(m.group(1).replace("activerecord-", "")).ifPresent(d -> hints.add(hint(d, test, evidence)));
            }
        }
    }

    private interface DialectOf {
        Optional<String> apply(Matcher m, String section);
    }

    /** Line matches in one file; {@code sectionPattern} tracks the enclosing section whose name says "dev"/"test". */
    private static void lines(RepoIndex repo, String file, List<DialectHint> hints, Pattern pattern, DialectOf dialectOf, Pattern sectionPattern) {
        List<String> lines = repo.lines(file);
        String section = "";
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (sectionPattern != null) {
                Matcher s = sectionPattern.matcher(line);
                if (s.find()) {
                    section = s.group(1);
                    continue;
                }
            }
            Matcher m = pattern.matcher(line);
            if (m.find()) {
                boolean test = section.startsWith("dev") || TestPaths.isTest(file);
                Evidence evidence = new Evidence(file, i + 1, line);
                dialectOf.apply(m, section).ifPresent(d -> hints.add(hint(d, test, evidence)));
            }
        }
    }

    private static Optional<String> jvmArtifact(String group, String artifact) {
        if (artifact.matches("ojdbc\\d+")) {
            return Optional.of("oracle");
        }
        String dialect = JVM_ARTIFACTS.get(artifact);
        // "postgresql", "mysql", "h2"... are drivers only under their own groups (or Testcontainers modules)
        boolean known = group.startsWith("org.postgresql") || group.startsWith("org.mariadb") || group.startsWith("com.mysql")
                || group.startsWith("mysql") || group.equals("com.h2database") || group.equals("org.xerial")
                || group.startsWith("com.microsoft.sqlserver") || group.startsWith("io.r2dbc")
                || group.startsWith("io.asyncer") || group.startsWith("org.testcontainers");
        return dialect != null && known ? Optional.of(dialect) : Optional.empty();
    }

    private static Optional<String> firstGroup(Matcher m) {
        for (int g = 1; g <= m.groupCount(); g++) {
            if (m.group(g) != null) {
                return Dialects.of(m.group(g));
            }
        }
        return Optional.empty();
    }

    private static Evidence evidenceAt(String text, String file, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        int start = text.lastIndexOf('\n', offset - 1) + 1;
        int end = text.indexOf('\n', offset);
        return new Evidence(file, line, text.substring(start, end < 0 ? text.length() : end));
    }

    private static DialectHint hint(String dialect, boolean test, Evidence evidence) {
        return new DialectHint(dialect, Strength.DEPENDENCY, test, evidence);
    }
}
