package dev.plc.repo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a small repository into a temporary folder: {@code FixtureRepo.in(dir).file("pom.xml", "...").index()}. */
public final class FixtureRepo {

    private final Path root;

    private FixtureRepo(Path root) {
        this.root = root;
    }

    public static FixtureRepo in(Path root) {
        return new FixtureRepo(root);
    }

    public FixtureRepo file(String relativePath, String content) {
        try {
            Path path = root.resolve(relativePath);
            Files.createDirectories(path.getParent());
            Files.writeString(path, content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public RepoIndex index() {
        try {
            return RepoIndex.scan(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
