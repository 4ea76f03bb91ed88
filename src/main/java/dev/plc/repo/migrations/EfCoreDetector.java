package dev.plc.repo.migrations;

import dev.plc.repo.Evidence;
import dev.plc.repo.MigrationDetector;
import dev.plc.repo.MigrationFramework;
import dev.plc.repo.RepoIndex;
import dev.plc.repo.migrations.MigrationFiles.Versioned;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * EF Core: {@code Migrations/<timestamp>_<Name>.cs} classes deriving from {@code Migration} with
 * {@code Up(MigrationBuilder)} and {@code Down(MigrationBuilder)}; designer and model snapshot files are not migrations.
 */
public final class EfCoreDetector implements MigrationDetector {

    private static final Pattern FILE = Pattern.compile("(\\d{14})_(\\w+)\\.cs");
    private static final Pattern CLASS = Pattern.compile("class\\s+\\w+\\s*:\\s*Migration\\b");
    private static final Pattern UP = Pattern.compile("\\bUp\\s*\\(\\s*MigrationBuilder");
    private static final Pattern DOWN_BODY = Pattern.compile("(?s)\\bDown\\s*\\(\\s*MigrationBuilder\\s+\\w+\\s*\\)\\s*\\{(.*?)\\n\\s*}");

    private final Clock clock;

    public EfCoreDetector() {
        this(Clock.systemUTC());
    }

    public EfCoreDetector(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return "ef-core";
    }

    @Override
    public Optional<MigrationFramework> detect(RepoIndex repo) {
        List<String> files = repo.filesNamed(n -> FILE.matcher(n).matches() && !n.endsWith(".Designer.cs"))
                .filter(f -> !MigrationFiles.isTestOrSample(f))
                .filter(f -> repo.firstMatch(f, CLASS).isPresent() && repo.firstMatch(f, UP).isPresent())
                .toList();
        List<Versioned> migrations = MigrationFiles.versioned(files, FILE);
        if (migrations.isEmpty()) {
            return Optional.empty();
        }
        List<Evidence> evidence = new ArrayList<>();
        repo.firstMatch(migrations.get(migrations.size() - 1).file(), CLASS).ifPresent(evidence::add);
        evidence.addAll(MigrationFiles.firstAndLast(migrations));
        List<String> notes = new ArrayList<>();
        repo.filesNamed(n -> n.endsWith("ModelSnapshot.cs")).findFirst()
                .ifPresent(s -> notes.add("model snapshot " + s + " must be updated with each migration (dotnet ef migrations add does it)"));
        boolean hasDown = migrations.stream().anyMatch(v -> hasDown(repo.read(v.file()).orElse("")));
        VersionScheme scheme = VersionScheme.of(MigrationFiles.versions(migrations), VersionScheme.TIMESTAMP, clock);
        return Optional.of(MigrationFiles.framework(name(), MigrationFiles.parents(migrations), "<timestamp>_<Name>.cs (+ <timestamp>_<Name>.Designer.cs)",
                MigrationFiles.lastFileName(migrations, null), migrations.size(), scheme, hasDown, evidence, notes));
    }

    static boolean hasDown(String text) {
        var m = DOWN_BODY.matcher(text);
        return m.find() && !m.group(1).replaceAll("//[^\\n]*", "").isBlank();
    }
}
