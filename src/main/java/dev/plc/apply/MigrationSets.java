package dev.plc.apply;

import dev.plc.repo.MigrationFramework;
import dev.plc.repo.RepoIndex;
import dev.plc.repo.migrations.LiquibaseSettings;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns a detected migration framework into what {@link MigrationApplier} applies. */
public final class MigrationSets {

    private static final Pattern UP_FILE = Pattern.compile("^(\\d+)_(.+)\\.up\\.sql$");
    private static final Pattern PLAIN_SQL = Pattern.compile("^(\\d+)_(.+)\\.sql$");
    private static final Pattern DIESEL_DIR = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2}-\\d{6}|\\d{14})_(.+)$");
    private static final Pattern PRISMA_DIR = Pattern.compile("^(\\d+)_(.+)$");
    private static final Pattern JAVA_MIGRATION = Pattern.compile("^V\\d[\\w.]*__\\w+\\.(java|kt)$");

    private MigrationSets() {
    }

    public static MigrationSet of(RepoIndex repo, MigrationFramework framework) {
        return switch (framework.name()) {
            case "flyway" -> flyway(repo, framework);
            case "golang-migrate" -> scripts(framework, collect(repo, framework.locations(), UP_FILE, Section.WHOLE));
            case "sqlx" -> scripts(framework, sqlx(repo, framework.locations()));
            case "dbmate" -> scripts(framework, collect(repo, framework.locations(), PLAIN_SQL, Section.DBMATE));
            case "goose" -> scripts(framework, collect(repo, framework.locations(), PLAIN_SQL, Section.GOOSE));
            case "diesel" -> scripts(framework, perDirectory(repo, framework.locations(), DIESEL_DIR, "up.sql"));
            case "prisma" -> scripts(framework, perDirectory(repo, framework.locations(), PRISMA_DIR, "migration.sql"));
            case "liquibase" -> liquibase(repo, framework);
            default -> MigrationSet.unsupported(framework.name(), framework.name()
                    + " migrations are not plain SQL files; this tool cannot apply them yet, so the schema is not read"
                    + " (pass database_url to read a live database read-only instead)");
        };
    }

    private static MigrationSet flyway(RepoIndex repo, MigrationFramework framework) {
        List<String> warnings = new ArrayList<>();
        List<String> locations = framework.locations().stream().filter(repo::dirExists).toList();
        List<String> java = repo.filesNamed(n -> JAVA_MIGRATION.matcher(n).matches()).toList();
        if (!java.isEmpty()) {
            warnings.add("Java migrations are not applied (they need compiling): " + String.join(", ", java)
                    + "; the schema read may miss their changes");
        }
        return new MigrationSet("flyway", locations, List.of(), null, warnings);
    }

    /** The master changelog is the first location (the detector puts it there); the folders of included files follow. */
    private static MigrationSet liquibase(RepoIndex repo, MigrationFramework framework) {
        String master = framework.locations().isEmpty() ? null : framework.locations().get(0);
        if (master == null || !repo.exists(master)) {
            return MigrationSet.unsupported("liquibase", "no master changelog found" + (master == null ? "" : " (" + master + " does not exist)")
                    + ": set spring.liquibase.change-log or changeLogFile in liquibase.properties");
        }
        LiquibaseSettings settings = LiquibaseSettings.of(repo, master);
        List<String> warnings = new ArrayList<>();
        if (settings.contexts() != null || settings.labels() != null) {
            warnings.add("Liquibase runs with" + (settings.contexts() == null ? "" : " contexts '" + settings.contexts() + "'")
                    + (settings.labels() == null ? "" : " label filter '" + settings.labels() + "'") + " (" + String.join(", ", settings.configuredBy()) + ")");
        }
        return MigrationSet.liquibase(settings, warnings);
    }

    private static MigrationSet scripts(MigrationFramework framework, List<MigrationSet.UpScript> scripts) {
        List<MigrationSet.UpScript> sorted = new ArrayList<>(scripts);
        sorted.sort(Comparator.comparing(s -> new BigInteger(s.version().replace(".", ""))));
        return new MigrationSet(framework.name(), List.of(), List.copyOf(sorted), null, List.of());
    }

    private enum Section { WHOLE, DBMATE, GOOSE }

    private static List<MigrationSet.UpScript> collect(RepoIndex repo, List<String> locations, Pattern name, Section section) {
        List<MigrationSet.UpScript> out = new ArrayList<>();
        for (String location : locations) {
            repo.filesIn(location).forEach(file -> {
                Matcher m = name.matcher(RepoIndex.fileName(file));
                if (m.matches() && !file.endsWith(".down.sql")) {
                    upPart(repo, file, section).ifPresent(part ->
                            out.add(new MigrationSet.UpScript(m.group(1), m.group(2), file, part.sql, part.firstLine)));
                }
            });
        }
        return out;
    }

    private static List<MigrationSet.UpScript> sqlx(RepoIndex repo, List<String> locations) {
        List<MigrationSet.UpScript> out = new ArrayList<>(collect(repo, locations, UP_FILE, Section.WHOLE));
        for (MigrationSet.UpScript simple : collect(repo, locations, PLAIN_SQL, Section.WHOLE)) {
            if (!simple.file().endsWith(".up.sql")) {
                out.add(simple);
            }
        }
        return out;
    }

    private static List<MigrationSet.UpScript> perDirectory(RepoIndex repo, List<String> locations, Pattern dirName, String fileName) {
        List<MigrationSet.UpScript> out = new ArrayList<>();
        for (String location : locations) {
            repo.filesUnder(location).filter(f -> RepoIndex.fileName(f).equals(fileName)).forEach(file -> {
                String dir = RepoIndex.fileName(RepoIndex.parent(file));
                Matcher m = dirName.matcher(dir);
                if (m.matches()) {
                    String version = m.group(1).replace("-", "");
                    text(repo, file).ifPresent(sql -> out.add(new MigrationSet.UpScript(version, m.group(2), file, sql, 1)));
                }
            });
        }
        return out;
    }

    private record Part(String sql, int firstLine) {
    }

    /**
     * The file's text; a file too large to read is kept with empty text, so {@link MigrationApplier} refuses it by its
     * size instead of the migration silently going missing.
     */
    private static java.util.Optional<String> text(RepoIndex repo, String file) {
        java.util.Optional<String> text = repo.read(file);
        if (text.isEmpty() && MigrationApplier.tooLarge(repo.resolve(file))) {
            return java.util.Optional.of("");
        }
        return text;
    }

    private static java.util.Optional<Part> upPart(RepoIndex repo, String file, Section section) {
        if (section == Section.WHOLE || MigrationApplier.tooLarge(repo.resolve(file))) {
            return text(repo, file).map(sql -> new Part(sql, 1));
        }
        List<String> lines = repo.lines(file);
        String upMarker = section == Section.DBMATE ? "-- migrate:up" : "-- +goose up";
        String downMarker = section == Section.DBMATE ? "-- migrate:down" : "-- +goose down";
        int start = -1;
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String normalized = lines.get(i).strip().toLowerCase(java.util.Locale.ROOT);
            if (start < 0) {
                if (normalized.startsWith(upMarker)) {
                    start = i + 2; // the statement lines start after the marker
                }
                continue;
            }
            if (normalized.startsWith(downMarker)) {
                break;
            }
            sql.append(lines.get(i)).append('\n');
        }
        return start < 0 ? java.util.Optional.empty() : java.util.Optional.of(new Part(sql.toString(), start));
    }
}
