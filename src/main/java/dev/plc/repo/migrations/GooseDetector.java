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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** goose: {@code <version>_<name>.sql} annotated {@code -- +goose Up}, or Go files registering {@code goose.AddMigration}. */
public final class GooseDetector implements MigrationDetector {

    private static final Pattern FILE = Pattern.compile("(\\d+)_(.+)\\.(sql|go)");
    private static final Pattern UP = Pattern.compile("(?i)^\\s*--\\s*\\+goose\\s+up\\b");
    private static final Pattern DOWN = Pattern.compile("(?i)^\\s*--\\s*\\+goose\\s+down\\b");
    private static final Pattern GO_REGISTER = Pattern.compile("goose\\.AddMigration\\w*\\(");
    // goose.AddMigrationContext(upX, downX): a nil second argument means no down
    private static final Pattern GO_DOWN = Pattern.compile("goose\\.AddMigration\\w*\\(\\s*[\\w.]+\\s*,\\s*([\\w.]+)");
    private static final Pattern NO_TX = Pattern.compile("(?i)^\\s*--\\s*\\+goose\\s+NO\\s+TRANSACTION");

    private final Clock clock;

    public GooseDetector() {
        this(Clock.systemUTC());
    }

    public GooseDetector(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return "goose";
    }

    @Override
    public Optional<MigrationFramework> detect(RepoIndex repo) {
        List<String> files = repo.filesNamed(n -> FILE.matcher(n).matches())
                .filter(f -> !MigrationFiles.isTestOrSample(f))
                .filter(f -> isGooseMigration(repo, f))
                .toList();
        List<Versioned> migrations = MigrationFiles.versioned(files, FILE);
        if (migrations.isEmpty()) {
            return Optional.empty();
        }
        List<Evidence> evidence = new ArrayList<>();
        Versioned first = migrations.get(0);
        repo.firstMatch(first.file(), first.file().endsWith(".go") ? GO_REGISTER : UP).ifPresent(evidence::add);
        evidence.addAll(MigrationFiles.firstAndLast(migrations));
        List<String> notes = new ArrayList<>();
        long goFiles = migrations.stream().filter(v -> v.file().endsWith(".go")).count();
        if (goFiles > 0) {
            notes.add(goFiles + " Go migration(s) registered with goose.AddMigration");
        }
        if (migrations.stream().anyMatch(v -> repo.firstMatch(v.file(), NO_TX).isPresent())) {
            notes.add("some migrations use -- +goose NO TRANSACTION (the marker for statements such as CREATE INDEX CONCURRENTLY)");
        }
        boolean hasDown = migrations.stream().anyMatch(v -> hasDown(repo, v.file()));
        VersionScheme scheme = VersionScheme.of(MigrationFiles.versions(migrations), VersionScheme.TIMESTAMP, clock);
        return Optional.of(MigrationFiles.framework(name(), MigrationFiles.parents(migrations),
                "<version>_<name>.sql (-- +goose Up / -- +goose Down)", MigrationFiles.lastFileName(migrations, null),
                migrations.size(), scheme, hasDown, evidence, notes));
    }

    private static boolean isGooseMigration(RepoIndex repo, String file) {
        String text = repo.read(file).orElse("");
        return file.endsWith(".go") ? GO_REGISTER.matcher(text).find() : text.lines().anyMatch(l -> UP.matcher(l).find());
    }

    private static boolean hasDown(RepoIndex repo, String file) {
        String text = repo.read(file).orElse("");
        if (file.endsWith(".go")) {
            Matcher m = GO_DOWN.matcher(text);
            return m.find() && !m.group(1).equals("nil");
        }
        return MigrationFiles.hasStatementsAfter(text, DOWN, UP);
    }
}
