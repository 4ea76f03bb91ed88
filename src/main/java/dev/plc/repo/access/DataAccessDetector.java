package dev.plc.repo.access;

import dev.plc.repo.DataAccessLayer;
import dev.plc.repo.Evidence;
import dev.plc.repo.RepoIndex;
import dev.plc.repo.TestPaths;
import dev.plc.repo.access.LayerSignature.Family;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.stream.Collectors;

/**
 * Finds the data-access layers the repository's production code uses (jOOQ, JPA, Spring Data, MyBatis, Spring
 * JDBC, JDBI, raw JDBC, Hibernate, and the common ones of Python, Ruby, JS/TS, Go, Rust and C#). Test code
 * is not counted: a layer only tests use is not reported.
 */
public final class DataAccessDetector {

    /** Larger files are generated or vendored: reading them costs time and adds nothing. */
    static final long MAX_FILE_BYTES = 1024 * 1024;
    private static final int MAX_LOCATIONS = 5;
    private static final int MAX_EVIDENCE = 5;

    /** What was found for one layer: the files using it, with their evidence line. */
    private record Usage(String name, String group, List<Evidence> hits) {
    }

    public List<DataAccessLayer> detect(RepoIndex repo) {
        Map<String, Usage> usages = new LinkedHashMap<>();
        for (String file : repo.files()) {
            if (!TestPaths.isTest(file)) {
                scan(repo, file, usages);
            }
        }
        return usages.values().stream()
                .map(u -> layer(repo, u))
                .sorted(Comparator.comparingInt(DataAccessLayer::fileCount).reversed().thenComparing(DataAccessLayer::name))
                .toList();
    }

    /** The signatures that apply to each extension: looked up per file instead of filtered per file. */
    private static final Map<String, List<LayerSignature>> BY_EXTENSION = LayerSignature.ALL.stream()
            .flatMap(s -> s.family().extensions.stream().map(e -> Map.entry(e, s)))
            .collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));

    private static void scan(RepoIndex repo, String file, Map<String, Usage> usages) {
        List<LayerSignature> candidates = BY_EXTENSION.getOrDefault(extension(file), List.of());
        if (candidates.isEmpty()) {
            return;
        }
        // the text is read once for all detectors (bounded by RepoIndex); its length in characters stands for the
        // size, which saves a stat per file: UTF-8 takes at least one byte per character, so a text over the limit
        // is a file over it (a mostly non-ASCII file a little over it is still scanned)
        String text = repo.read(file).orElse("");
        if (text.length() > MAX_FILE_BYTES) {
            return;
        }
        for (LayerSignature signature : candidates) {
            if (!text.contains(signature.literal())) {
                continue;
            }
            Matcher m = signature.pattern().matcher(text);
            if (m.find()) {
                String group = signature.family() == Family.MYBATIS_XML ? Family.JVM.name() : signature.family().name();
                usages.computeIfAbsent(signature.name() + "/" + group, k -> new Usage(signature.name(), group, new ArrayList<>()))
                        .hits().add(evidence(file, text, m.start()));
            }
        }
    }

    private static DataAccessLayer layer(RepoIndex repo, Usage usage) {
        List<String> locations = locations(usage.hits());
        if (usage.name().equals("jooq")) {
            Optional<String> generated = JooqGeneratedCode.folder(repo);
            if (generated.isPresent()) {
                locations.remove(generated.get());
                locations.add(0, generated.get());
            }
        }
        List<Evidence> evidence = usage.hits().stream().limit(MAX_EVIDENCE).toList();
        return new DataAccessLayer(usage.name(), language(usage.hits()),
                List.copyOf(locations.subList(0, Math.min(MAX_LOCATIONS, locations.size()))), usage.hits().size(), evidence);
    }

    /** Folders holding the files, most files first. */
    private static List<String> locations(List<Evidence> hits) {
        Map<String, Long> perFolder = hits.stream()
                .collect(Collectors.groupingBy(h -> RepoIndex.parent(h.file()), LinkedHashMap::new, Collectors.counting()));
        return perFolder.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(e -> e.getKey().isEmpty() ? "." : e.getKey())
                .collect(Collectors.toCollection(ArrayList::new));
    }

    /** The most common language among the files; mapper XML counts as Java. */
    private static String language(List<Evidence> hits) {
        return hits.stream()
                .map(h -> languageOf(extension(h.file())))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()))
                .entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).findFirst().orElse("unknown");
    }

    private static String languageOf(String extension) {
        return switch (extension) {
            case "java", "xml" -> "java";
            case "kt" -> "kotlin";
            case "py" -> "python";
            case "rb" -> "ruby";
            case "js", "mjs", "cjs", "jsx" -> "javascript";
            case "ts", "mts", "cts", "tsx" -> "typescript";
            case "rs" -> "rust";
            case "cs" -> "csharp";
            default -> extension;
        };
    }

    private static Evidence evidence(String file, String text, int matchStart) {
        int offset = matchStart;
        // patterns starting with ^\s* may begin on a blank line above the one that matters
        while (offset < text.length() - 1 && Character.isWhitespace(text.charAt(offset))) {
            offset++;
        }
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

    static String extension(String file) {
        String name = RepoIndex.fileName(file);
        if (name.endsWith(".d.ts")) {
            return "";
        }
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
