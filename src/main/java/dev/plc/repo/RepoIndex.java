package dev.plc.repo;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The files of a repository, walked once: relative paths with forward slashes, sorted. Build output,
 * dependency and VCS folders are skipped; symbolic links are not followed. Text is read lazily, at most
 * {@link #MAX_TEXT_BYTES} per file, and cached.
 */
public final class RepoIndex {

    /** Files larger than this are listed but never read as text. */
    public static final long MAX_TEXT_BYTES = 4L * 1024 * 1024;

    /** Folders that never hold the repo's own sources or migrations. */
    static final Set<String> SKIPPED_DIRS = Set.of(
            ".git", ".hg", ".svn", ".idea", ".vscode", ".gradle", ".mvn", "target", "build", "out", "dist",
            "node_modules", "vendor", "bower_components", "__pycache__", ".venv", "venv", ".tox", ".mypy_cache",
            ".pytest_cache", ".next", ".nuxt", "bin", "obj", ".terraform", "coverage", ".cache");

    private final Path root;
    private final List<String> files;
    private final Map<String, Optional<String>> texts = new ConcurrentHashMap<>();

    private RepoIndex(Path root, List<String> files) {
        this.root = root;
        this.files = files;
    }

    /** Walks {@code root} (an existing directory). */
    public static RepoIndex scan(Path root) throws IOException {
        Path realRoot = root.toRealPath();
        List<String> found = new ArrayList<>();
        Files.walkFileTree(realRoot, EnumSet.noneOf(FileVisitOption.class), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (!dir.equals(realRoot) && SKIPPED_DIRS.contains(dir.getFileName().toString())) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    found.add(relativize(realRoot, file));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                return FileVisitResult.CONTINUE; // unreadable entries are simply not indexed
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) {
                return FileVisitResult.CONTINUE; // a folder that could not be listed completely: keep what was read
            }
        });
        Collections.sort(found);
        return new RepoIndex(realRoot, List.copyOf(found));
    }

    /** An index over an explicit list of relative paths (tests, and sub-views). */
    public static RepoIndex of(Path root, List<String> relativeFiles) {
        List<String> sorted = new ArrayList<>(relativeFiles);
        Collections.sort(sorted);
        return new RepoIndex(root, List.copyOf(sorted));
    }

    /**
     * The same repository with some files replaced: a path mapped to text is present with that text (added or
     * overridden), a path mapped to empty is absent. Used to see the repo as it was at a git base.
     */
    public RepoIndex withFiles(Map<String, Optional<String>> replaced) {
        List<String> paths = new ArrayList<>(files);
        paths.removeAll(replaced.keySet());
        replaced.forEach((path, text) -> text.ifPresent(t -> paths.add(path)));
        Collections.sort(paths);
        RepoIndex view = new RepoIndex(root, List.copyOf(paths));
        replaced.forEach((path, text) -> text.ifPresent(t -> view.texts.put(path, text)));
        return view;
    }

    private static String relativize(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    public Path root() {
        return root;
    }

    /** All indexed files, relative to the root, sorted. */
    public List<String> files() {
        return files;
    }

    public Stream<String> files(Predicate<String> filter) {
        return files.stream().filter(filter);
    }

    /** Files whose name (last path segment) matches. */
    public Stream<String> filesNamed(Predicate<String> nameFilter) {
        return files.stream().filter(f -> nameFilter.test(fileName(f)));
    }

    /** Files directly inside {@code dir} (relative, no trailing slash; "" = root). */
    public Stream<String> filesIn(String dir) {
        String prefix = dir.isEmpty() ? "" : dir + "/";
        return files.stream().filter(f -> f.startsWith(prefix) && f.indexOf('/', prefix.length()) < 0);
    }

    /** Files anywhere below {@code dir}. */
    public Stream<String> filesUnder(String dir) {
        String prefix = dir.isEmpty() ? "" : dir + "/";
        return files.stream().filter(f -> f.startsWith(prefix));
    }

    public boolean exists(String relativeFile) {
        return Collections.binarySearch(files, relativeFile) >= 0;
    }

    public boolean dirExists(String relativeDir) {
        String prefix = relativeDir + "/";
        return files.stream().anyMatch(f -> f.startsWith(prefix));
    }

    public Path resolve(String relativeFile) {
        return root.resolve(relativeFile);
    }

    /** The file's text (UTF-8, falling back to ISO-8859-1), or empty when it is missing, too large or binary. */
    public Optional<String> read(String relativeFile) {
        return texts.computeIfAbsent(relativeFile, this::load);
    }

    private Optional<String> load(String relativeFile) {
        Path path = root.resolve(relativeFile);
        try {
            if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) || Files.size(path) > MAX_TEXT_BYTES) {
                return Optional.empty();
            }
            byte[] bytes = Files.readAllBytes(path);
            for (int i = 0; i < Math.min(bytes.length, 8000); i++) {
                if (bytes[i] == 0) {
                    return Optional.empty(); // binary
                }
            }
            try {
                return Optional.of(StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes)).toString());
            } catch (CharacterCodingException e) {
                return Optional.of(new String(bytes, StandardCharsets.ISO_8859_1));
            }
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The file's lines, empty when it cannot be read. */
    public List<String> lines(String relativeFile) {
        return read(relativeFile).map(t -> t.lines().toList()).orElse(List.of());
    }

    /** The first line of the file that the pattern finds, as evidence. */
    public Optional<Evidence> firstMatch(String relativeFile, Pattern pattern) {
        List<Evidence> found = matches(relativeFile, pattern, 1);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** Up to {@code max} lines of the file that the pattern finds, as evidence. */
    public List<Evidence> matches(String relativeFile, Pattern pattern, int max) {
        List<Evidence> found = new ArrayList<>();
        List<String> lines = lines(relativeFile);
        for (int i = 0; i < lines.size() && found.size() < max; i++) {
            if (pattern.matcher(lines.get(i)).find()) {
                found.add(new Evidence(relativeFile, i + 1, lines.get(i)));
            }
        }
        return found;
    }

    /** The first capture group of the first match of the pattern in the file, with its line. */
    public Optional<Match> find(String relativeFile, Pattern pattern) {
        List<String> lines = lines(relativeFile);
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = pattern.matcher(lines.get(i));
            if (m.find()) {
                return Optional.of(new Match(m.groupCount() > 0 ? m.group(1) : m.group(), new Evidence(relativeFile, i + 1, lines.get(i))));
            }
        }
        return Optional.empty();
    }

    /** A captured value and where it was found. */
    public record Match(String value, Evidence evidence) {
    }

    public static String fileName(String relativeFile) {
        int slash = relativeFile.lastIndexOf('/');
        return slash < 0 ? relativeFile : relativeFile.substring(slash + 1);
    }

    /** {@code dir/path} as a repo-relative path, with {@code .} and {@code ..} segments resolved (a crate's {@code ../migrations}). */
    public static String join(String dir, String path) {
        String joined = dir.isEmpty() ? path : dir + "/" + path;
        List<String> segments = new ArrayList<>();
        for (String segment : joined.split("/+")) {
            if (segment.equals("..") && !segments.isEmpty() && !segments.get(segments.size() - 1).equals("..")) {
                segments.remove(segments.size() - 1);
            } else if (!segment.isEmpty() && !segment.equals(".")) {
                segments.add(segment);
            }
        }
        return String.join("/", segments);
    }

    public static String parent(String relativeFile) {
        int slash = relativeFile.lastIndexOf('/');
        return slash < 0 ? "" : relativeFile.substring(0, slash);
    }
}
