package dev.plc.repo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a walk sits in git: the work tree that encloses the root (the nearest folder above or at it with a
 * {@code .git}), the root's path inside that work tree ({@code prefix}, "" or ending in a slash), and the ignore
 * files that apply before the walk reads its own: {@code .git/info/exclude} and the {@code .gitignore} files of
 * the folders between the work tree's top and the root. Outside a work tree: no prefix and only the walk's own
 * {@code .gitignore} files.
 */
record GitContext(String prefix, GitIgnore.Chain chain) {

    /** Ignore files larger than this are not read (a real one is a few KB). */
    private static final long MAX_IGNORE_BYTES = 1024 * 1024;

    /** The root's folder relative to the work tree's top, without the trailing slash ("" at the top). */
    String base() {
        return prefix.isEmpty() ? "" : prefix.substring(0, prefix.length() - 1);
    }

    static GitContext of(Path realRoot) {
        Path top = null;
        for (Path p = realRoot; p != null; p = p.getParent()) {
            if (Files.exists(p.resolve(".git"), LinkOption.NOFOLLOW_LINKS)) {
                top = p;
                break;
            }
        }
        if (top == null) {
            return new GitContext("", GitIgnore.Chain.root(null));
        }
        GitIgnore exclude = gitDir(top).map(d -> d.resolve("info/exclude"))
                .map(f -> read(f, "", ".git/info/exclude")).orElse(null);
        GitIgnore.Chain chain = GitIgnore.Chain.root(exclude);
        String prefix = "";
        if (!top.equals(realRoot)) {
            // the .gitignore files of the folders above the root, top first; their patterns speak of paths from the top
            List<Path> between = new ArrayList<>();
            for (Path p = realRoot.getParent(); !p.equals(top); p = p.getParent()) {
                between.add(0, p);
            }
            between.add(0, top);
            for (Path dir : between) {
                String base = top.relativize(dir).toString().replace('\\', '/');
                chain = chain.with(ignoreFile(dir, base, (base.isEmpty() ? "" : base + "/") + ".gitignore (above the repo)"));
            }
            prefix = top.relativize(realRoot).toString().replace('\\', '/') + "/";
        }
        return new GitContext(prefix, chain);
    }

    /** The folder's own {@code .gitignore}, or null. Like git (2.32+), a symbolic link is not read. */
    static GitIgnore ignoreFile(Path dir, String base, String name) {
        return read(dir.resolve(".gitignore"), base, name);
    }

    private static GitIgnore read(Path file, String base, String name) {
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) > MAX_IGNORE_BYTES) {
                return null;
            }
            byte[] bytes = Files.readAllBytes(file);
            String text;
            try {
                text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                text = new String(bytes, StandardCharsets.ISO_8859_1);
            }
            return GitIgnore.parse(base, name, text);
        } catch (IOException e) {
            return null;
        }
    }

    /** {@code top/.git}, or where a {@code .git} file ({@code gitdir: ...}, a worktree or submodule) points, resolved to the common dir. */
    private static java.util.Optional<Path> gitDir(Path top) {
        Path dotGit = top.resolve(".git");
        if (Files.isDirectory(dotGit)) {
            return java.util.Optional.of(dotGit);
        }
        try {
            String line = Files.readString(dotGit).strip();
            if (!line.startsWith("gitdir:")) {
                return java.util.Optional.empty();
            }
            Path dir = top.resolve(line.substring("gitdir:".length()).strip()).normalize();
            Path commondir = dir.resolve("commondir");
            if (Files.isRegularFile(commondir)) {
                dir = dir.resolve(Files.readString(commondir).strip()).normalize();
            }
            return java.util.Optional.of(dir);
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }
}
