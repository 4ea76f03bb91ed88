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
import java.nio.file.StandardOpenOption;
import java.nio.channels.FileChannel;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
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
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The files of a repository, walked once: relative paths with forward slashes, sorted. Build output,
 * dependency and VCS folders are skipped, and so is what git ignores ({@code .gitignore} files at every level,
 * the enclosing work tree's ones above the root, {@code .git/info/exclude}; see {@link GitIgnore}); symbolic
 * links are not followed. Text is read lazily, at most
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

    private final List<Ignored> ignored;
    private final Map<Derived<?>, Object> derivedValues = new ConcurrentHashMap<>();
    private volatile String[] names;

    private RepoIndex(Path root, List<String> files, List<Ignored> ignored) {
        this.root = root;
        this.files = files;
        this.ignored = ignored;
    }

    /** A file or folder the walk left out because git ignores it, and the pattern that says so ({@code .gitignore:3 (generated/)}). */
    public record Ignored(String path, boolean directory, String reason) {
    }

    /** Walks {@code root} (an existing directory). */
    public static RepoIndex scan(Path root) throws IOException {
        Path realRoot = root.toRealPath();
        GitContext git = GitContext.of(realRoot);
        List<String> found = new ArrayList<>();
        List<Ignored> ignored = new ArrayList<>();
        Deque<GitIgnore.Chain> chains = new ArrayDeque<>();
        Files.walkFileTree(realRoot, EnumSet.noneOf(FileVisitOption.class), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                GitIgnore.Chain chain = chains.isEmpty() ? git.chain() : chains.peek();
                String relative = "";
                if (!dir.equals(realRoot)) {
                    if (SKIPPED_DIRS.contains(dir.getFileName().toString())) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    relative = relativize(realRoot, dir);
                    String path = git.prefix() + relative;
                    if (chain.isIgnored(path, true)) {
                        // git never looks inside an ignored folder: nothing in it can be re-included
                        ignored.add(new Ignored(relative, true, chain.reason(path, true).orElse(".gitignore")));
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                }
                String base = relative.isEmpty() ? git.base() : git.prefix() + relative;
                chains.push(chain.with(GitContext.ignoreFile(dir, base, relative.isEmpty() ? ".gitignore" : relative + "/.gitignore")));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    String relative = relativize(realRoot, file);
                    String path = git.prefix() + relative;
                    GitIgnore.Chain chain = chains.peek();
                    if (chain != null && chain.isIgnored(path, false)) {
                        ignored.add(new Ignored(relative, false, chain.reason(path, false).orElse(".gitignore")));
                    } else {
                        found.add(relative);
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                return FileVisitResult.CONTINUE; // unreadable entries are simply not indexed
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) {
                chains.pop();
                return FileVisitResult.CONTINUE; // a folder that could not be listed completely: keep what was read
            }
        });
        Collections.sort(found);
        ignored.sort(Comparator.comparing(Ignored::path));
        return new RepoIndex(realRoot, List.copyOf(found), List.copyOf(ignored));
    }

    /** An index over an explicit list of relative paths (tests, and sub-views). */
    public static RepoIndex of(Path root, List<String> relativeFiles) {
        List<String> sorted = new ArrayList<>(relativeFiles);
        Collections.sort(sorted);
        return new RepoIndex(root, List.copyOf(sorted), List.of());
    }

    /**
     * The same repository with some files replaced: a path mapped to text is present with that text (added or
     * overridden), a path mapped to empty is absent. Used to see the repo as it was at a git base. Texts this index
     * has already read are shared, so the view reads no unchanged file again; with nothing replaced it is this index.
     */
    public RepoIndex withFiles(Map<String, Optional<String>> replaced) {
        if (replaced.isEmpty()) {
            return this;
        }
        List<String> paths = new ArrayList<>(files);
        paths.removeAll(replaced.keySet());
        replaced.forEach((path, text) -> text.ifPresent(t -> paths.add(path)));
        Collections.sort(paths);
        RepoIndex view = new RepoIndex(root, List.copyOf(paths), ignored);
        view.texts.putAll(texts);
        replaced.forEach(view.texts::put);
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
        String[] names = names();
        return IntStream.range(0, names.length).filter(i -> nameFilter.test(names[i])).mapToObj(files::get);
    }

    /** The last path segment of every file, in {@link #files()} order: computed once, asked for by most detectors. */
    private String[] names() {
        String[] n = names;
        if (n == null) {
            n = new String[files.size()];
            for (int i = 0; i < n.length; i++) {
                n[i] = fileName(files.get(i));
            }
            names = n;
        }
        return n;
    }

    /**
     * A value computed from the files once per index and shared by the detectors that need it (for example the
     * modules of a multi-module build); keys compare by identity, so declare each as a constant.
     */
    public static final class Derived<T> {
        private final java.util.function.Function<RepoIndex, T> compute;

        public Derived(java.util.function.Function<RepoIndex, T> compute) {
            this.compute = compute;
        }
    }

    @SuppressWarnings("unchecked")
    public <T> T derived(Derived<T> key) {
        Object value = derivedValues.get(key);
        if (value == null) {
            // not computeIfAbsent: a value may be derived from another one
            value = key.compute.apply(this);
            Object earlier = derivedValues.putIfAbsent(key, value);
            value = earlier == null ? value : earlier;
        }
        return (T) value;
    }

    /** Files directly inside {@code dir} (relative, no trailing slash; "" = root). */
    public Stream<String> filesIn(String dir) {
        String prefix = dir.isEmpty() ? "" : dir + "/";
        return under(prefix).stream().filter(f -> f.indexOf('/', prefix.length()) < 0);
    }

    /** Files anywhere below {@code dir}. */
    public Stream<String> filesUnder(String dir) {
        return under(dir.isEmpty() ? "" : dir + "/").stream();
    }

    /** The files that start with {@code prefix}: one range of the sorted list, found by binary search. */
    private List<String> under(String prefix) {
        if (prefix.isEmpty()) {
            return files;
        }
        int from = firstAtOrAfter(prefix);
        int to = from;
        while (to < files.size() && files.get(to).startsWith(prefix)) {
            to++;
        }
        return files.subList(from, to);
    }

    private int firstAtOrAfter(String key) {
        int i = Collections.binarySearch(files, key);
        return i >= 0 ? i : -i - 1;
    }

    public boolean exists(String relativeFile) {
        return Collections.binarySearch(files, relativeFile) >= 0;
    }

    public boolean dirExists(String relativeDir) {
        String prefix = relativeDir + "/";
        int i = firstAtOrAfter(prefix);
        return i < files.size() && files.get(i).startsWith(prefix);
    }

    /** What the walk left out because git ignores it (not the always-skipped folders such as node_modules), sorted. */
    public List<Ignored> ignored() {
        return ignored;
    }

    /**
     * Why {@code relativeDir} has no indexed files although it is there: it, or a folder above it, is ignored by git,
     * or every file in it is. Empty when it has indexed files or git ignores nothing of it.
     */
    public Optional<String> ignoredBecause(String relativeDir) {
        if (relativeDir.isEmpty() || dirExists(relativeDir)) {
            return Optional.empty();
        }
        for (String dir = relativeDir; !dir.isEmpty(); dir = parent(dir)) {
            String candidate = dir;
            int i = Collections.binarySearch(ignored, new Ignored(candidate, true, ""), Comparator.comparing(Ignored::path));
            if (i >= 0 && ignored.get(i).directory()) {
                return Optional.of(ignored.get(i).path() + (candidate.equals(relativeDir) ? "" : " (a folder above it)") + " is ignored by "
                        + ignored.get(i).reason());
            }
        }
        String prefix = relativeDir + "/";
        int i = Collections.binarySearch(ignored, new Ignored(prefix, true, ""), Comparator.comparing(Ignored::path));
        i = i >= 0 ? i : -i - 1;
        if (i < ignored.size() && ignored.get(i).path().startsWith(prefix)) {
            return Optional.of("its files are ignored, e.g. " + ignored.get(i).path() + " by " + ignored.get(i).reason());
        }
        return Optional.empty();
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
        // an indexed file was a regular file when walked; anything else is checked first, because opening a
        // named pipe blocks until something writes to it
        if (!exists(relativeFile) && !Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        // one open (never through a symbolic link), its size from the open file, one read: a scan reads thousands
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            long size = channel.size();
            if (size > MAX_TEXT_BYTES) {
                return Optional.empty();
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) size);
            while (buffer.hasRemaining() && channel.read(buffer) > 0) {
                // a file that shrank while read is taken as far as it goes
            }
            byte[] bytes = buffer.array();
            int length = buffer.position();
            for (int i = 0; i < Math.min(length, 8000); i++) {
                if (bytes[i] == 0) {
                    return Optional.empty(); // binary
                }
            }
            return Optional.of(decode(bytes, length));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // missing, a folder, a link, unreadable
        }
    }

    /** UTF-8, or ISO-8859-1 when the bytes are not UTF-8. */
    static String decode(byte[] bytes, int length) {
        String text = new String(bytes, 0, length, StandardCharsets.UTF_8); // the JDK's fast path
        if (text.indexOf('\uFFFD') < 0) {
            return text;
        }
        try {
            // a replacement character: malformed input, or a real U+FFFD in the file
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 0, length)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
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
