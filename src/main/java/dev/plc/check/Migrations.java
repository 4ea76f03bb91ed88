package dev.plc.check;

import dev.plc.apply.MigrationSet;
import dev.plc.db.Dialect;
import dev.plc.repo.MigrationFramework;
import dev.plc.repo.RepoIndex;
import dev.plc.repo.migrations.VersionScheme;
import dev.plc.sql.SqlScript;
import dev.plc.sql.SqlStatement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The repo's migrations as run_checks sees them: version, up SQL, whether it runs in a transaction, and its down script. */
final class Migrations {

    record Migration(String file, String version, String sql, int firstLine, boolean transactional, Down down) {
    }

    record Down(String file, String sql, int firstLine) {
    }

    private static final Pattern FLYWAY_V = Pattern.compile("^V(\\d[\\d._]*)__.+\\.sql$");
    private static final Pattern FLYWAY_U = Pattern.compile("^U(\\d[\\d._]*)__.+\\.sql$");
    private static final Pattern ONLINE_ONLY = Pattern.compile("(?is)^\\s*(SET\\b.*|CREATE\\s+(UNIQUE\\s+)?INDEX\\s+CONCURRENTLY\\b.*|"
            + "DROP\\s+INDEX\\s+CONCURRENTLY\\b.*|REINDEX\\b.*CONCURRENTLY\\b.*|DO\\s+\\$\\$.*COMMIT;.*)$");

    private final List<Migration> all;
    private final Set<String> files;

    private Migrations(List<Migration> all, Set<String> files) {
        this.all = all;
        this.files = files;
    }

    static Migrations of(RepoIndex index, MigrationFramework framework, MigrationSet set) {
        List<Migration> all = new ArrayList<>();
        Set<String> files = new LinkedHashSet<>();
        if (set.unsupported() != null) {
            return new Migrations(List.of(), Set.of());
        }
        if (framework.name().equals("flyway")) {
            Map<String, String> undo = new LinkedHashMap<>();
            for (String location : set.flywayLocations()) {
                for (String folder : List.of(location, location + "-down")) {
                    index.filesUnder(folder).forEach(f -> {
                        Matcher u = FLYWAY_U.matcher(RepoIndex.fileName(f));
                        if (u.matches()) {
                            undo.put(normal(u.group(1)), f);
                            files.add(f);
                        }
                    });
                }
            }
            for (String location : set.flywayLocations()) {
                index.filesUnder(location).forEach(f -> {
                    String name = RepoIndex.fileName(f);
                    Matcher v = FLYWAY_V.matcher(name);
                    if (name.endsWith(".sql") || name.endsWith(".sql.conf")) {
                        files.add(f);
                    }
                    if (!v.matches()) {
                        return;
                    }
                    String sql = index.read(f).orElse("");
                    boolean nonTransactional = index.read(f + ".conf").map(c -> c.matches("(?s).*executeInTransaction\\s*=\\s*false.*")).orElse(false);
                    String u = undo.get(normal(v.group(1)));
                    Down down = u == null ? null : new Down(u, index.read(u).orElse(""), 1);
                    all.add(new Migration(f, v.group(1).replace('_', '.'), sql, 1, !nonTransactional && !onlineOnly(sql), down));
                });
            }
        } else {
            for (MigrationSet.UpScript script : set.scripts()) {
                files.add(script.file());
                String text = index.read(script.file()).orElse("");
                boolean declaredNonTransactional = text.contains("transaction:false") || text.toUpperCase(Locale.ROOT).contains("+GOOSE NO TRANSACTION");
                all.add(new Migration(script.file(), script.version(), script.sql(), script.firstLine(),
                        !declaredNonTransactional && !onlineOnly(script.sql()), down(index, script, text, files)));
            }
        }
        all.sort(Comparator.comparing(Migration::version, VersionScheme.ORDER));
        return new Migrations(List.copyOf(all), files);
    }

    /** Files that hold only statements that cannot run in a transaction: Flyway and friends run them outside one. */
    private static boolean onlineOnly(String sql) {
        List<SqlStatement> statements = SqlScript.split(sql, Dialect.POSTGRESQL);
        return !statements.isEmpty() && statements.stream().allMatch(s -> ONLINE_ONLY.matcher(s.text()).matches())
                && statements.stream().anyMatch(s -> !s.text().strip().toUpperCase(Locale.ROOT).startsWith("SET"));
    }

    private static Down down(RepoIndex index, MigrationSet.UpScript script, String text, Set<String> files) {
        if (script.file().endsWith(".up.sql")) {
            String downFile = script.file().substring(0, script.file().length() - ".up.sql".length()) + ".down.sql";
            files.add(downFile);
            return index.read(downFile).map(sql -> new Down(downFile, sql, 1)).orElse(null);
        }
        Matcher m = Pattern.compile("(?im)^\\s*--\\s*(migrate:down|\\+goose\\s+down)[^\\n]*\\n").matcher(text);
        if (m.find()) {
            String sql = text.substring(m.end());
            int line = (int) text.substring(0, m.end()).lines().count() + 1;
            return sql.isBlank() ? null : new Down(script.file(), sql, line);
        }
        return null;
    }

    private static String normal(String version) {
        return String.join(".", java.util.Arrays.stream(version.replace('_', '.').split("\\."))
                .map(p -> p.replaceFirst("^0+(?=\\d)", "")).toList());
    }

    List<Migration> all() {
        return all;
    }

    List<Migration> changedSince(GitChanges git) {
        return all.stream().filter(m -> git.status(m.file()).map(s -> s == 'A' || s == 'M').orElse(false)).toList();
    }

    boolean isMigrationFile(String path) {
        return files.contains(path);
    }

    Map<String, List<String>> duplicateVersions() {
        Map<String, List<String>> byVersion = new LinkedHashMap<>();
        for (Migration m : all) {
            byVersion.computeIfAbsent(normal(m.version()), v -> new ArrayList<>()).add(m.file());
        }
        byVersion.values().removeIf(list -> list.size() < 2);
        return byVersion;
    }

    static Comparator<String> order() {
        return VersionScheme.ORDER;
    }

    private static final Pattern TOUCHES = Pattern.compile("(?i)\\b(?:ALTER\\s+TABLE(?:\\s+IF\\s+EXISTS)?(?:\\s+ONLY)?|ON|UPDATE|"
            + "DELETE\\s+FROM|INSERT\\s+INTO|RENAME\\s+TABLE)\\s+[`\"]?(?:\\w+[`\"]?\\.[`\"]?)?(\\w+)[`\"]?");

    static Set<String> touchedTables(String sql) {
        Set<String> tables = new LinkedHashSet<>();
        Matcher m = TOUCHES.matcher(sql);
        while (m.find()) {
            tables.add(m.group(1));
        }
        return tables;
    }

    Optional<Migration> find(String file) {
        return all.stream().filter(m -> m.file().equals(file)).findFirst();
    }
}
