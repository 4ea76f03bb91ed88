package dev.plc.repo.migrations;

import dev.plc.repo.Evidence;
import dev.plc.repo.MigrationFramework;
import dev.plc.repo.Naming;
import dev.plc.repo.RepoIndex;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the detectors share: versioned migration files, their evidence, and assembling the result. */
final class MigrationFiles {

    /** One migration: its version as written in the file name, and the file. */
    record Versioned(String version, String file) {
    }

    private MigrationFiles() {
    }

    /** Files whose name matches {@code namePattern} (group 1 = version), ordered by version then path. */
    static List<Versioned> versioned(List<String> files, Pattern namePattern) {
        List<Versioned> found = new ArrayList<>();
        for (String file : files) {
            Matcher m = namePattern.matcher(RepoIndex.fileName(file));
            if (m.matches()) {
                found.add(new Versioned(m.group(1), file));
            }
        }
        return sorted(found);
    }

    static List<Versioned> sorted(List<Versioned> migrations) {
        List<Versioned> copy = new ArrayList<>(migrations);
        copy.sort(Comparator.comparing(Versioned::version, VersionScheme.ORDER).thenComparing(Versioned::file));
        return copy;
    }

    static List<String> versions(List<Versioned> migrations) {
        return migrations.stream().map(Versioned::version).toList();
    }

    /** The first and the last migration file, the minimum evidence a detection carries. */
    static List<Evidence> firstAndLast(List<Versioned> migrations) {
        if (migrations.isEmpty()) {
            return List.of();
        }
        String first = migrations.get(0).file();
        String last = migrations.get(migrations.size() - 1).file();
        return first.equals(last) ? List.of(Evidence.ofFile(first)) : List.of(Evidence.ofFile(first), Evidence.ofFile(last));
    }

    static List<String> parents(List<Versioned> migrations) {
        return List.copyOf(new LinkedHashSet<>(migrations.stream().map(v -> RepoIndex.parent(v.file())).sorted().toList()));
    }

    static String lastFileName(List<Versioned> migrations, String fallback) {
        return migrations.isEmpty() ? fallback : RepoIndex.fileName(migrations.get(migrations.size() - 1).file());
    }

    private static final Pattern TEST_OR_SAMPLE_DIR = Pattern.compile("(?:.*/)?(?:test|tests|testdata|__tests__|spec|fixtures|examples?|samples?)/.*");

    /** Test fixtures and examples are not the application's migrations. */
    static boolean isTestOrSample(String file) {
        return file.contains("/src/test/") || file.startsWith("src/test/") || TEST_OR_SAMPLE_DIR.matcher(file).matches();
    }

    /** 1-based line of a character offset. */
    static int lineAt(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    static Evidence evidenceAt(String file, String text, int offset) {
        int line = lineAt(text, offset);
        List<String> lines = text.lines().toList();
        return new Evidence(file, line, line <= lines.size() ? lines.get(line - 1) : "");
    }

    /**
     * Whether a marker line (e.g. {@code -- +goose Down}) is followed by at least one statement before the
     * next {@code stopMarker}: an empty down section is no down migration.
     */
    static boolean hasStatementsAfter(String text, Pattern marker, Pattern stopMarker) {
        boolean inSection = false;
        for (String line : text.lines().toList()) {
            if (marker.matcher(line).find()) {
                inSection = true;
            } else if (inSection && stopMarker.matcher(line).find()) {
                inSection = false;
            } else if (inSection && isStatement(line)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isStatement(String line) {
        String s = line.strip();
        return !s.isEmpty() && !s.startsWith("--") && !s.startsWith("/*") && !s.startsWith("*");
    }

    static Optional<Evidence> dependencyLine(RepoIndex repo, String buildFileName, Pattern pattern) {
        return repo.filesNamed(buildFileName::equals)
                .map(f -> repo.firstMatch(f, pattern))
                .flatMap(Optional::stream)
                .findFirst();
    }

    /** Assembles a result; {@code example} is a real file name when there is one. */
    static MigrationFramework framework(String name, List<String> locations, String pattern, String example, int count,
                                        VersionScheme scheme, boolean hasDown, List<Evidence> evidence, List<String> notes) {
        Naming naming = new Naming(pattern, example, scheme.style(), scheme.padWidth());
        return new MigrationFramework(name, List.copyOf(new LinkedHashSet<>(locations)), naming, count, scheme.last(), scheme.next(),
                hasDown, List.copyOf(new LinkedHashSet<>(evidence)), List.copyOf(notes));
    }
}
