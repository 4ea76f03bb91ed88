package dev.plc.repo;

import dev.plc.PlcException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** Turns a {@code repo} argument into the real path of an existing folder, or says what is wrong with it. */
public final class RepoPaths {

    private RepoPaths() {
    }

    /** @param repo the argument as given; null or blank means {@code workingDirectory} */
    public static Path resolve(String repo, Path workingDirectory) {
        if (repo == null || repo.isBlank()) {
            return real(workingDirectory, "the server's working directory");
        }
        if (repo.indexOf('\0') >= 0) {
            throw PlcException.invalid("repo contains a NUL character: pass the path of the repository folder");
        }
        Path path;
        try {
            path = workingDirectory.resolve(repo.strip());
        } catch (InvalidPathException e) {
            throw PlcException.invalid("repo '" + repo + "' is not a valid path: " + e.getReason());
        }
        return real(path, "repo '" + repo + "'");
    }

    private static Path real(Path path, String what) {
        if (!Files.exists(path)) {
            throw PlcException.invalid(what + " does not exist (" + path.toAbsolutePath().normalize()
                    + "): pass the absolute path of the repository folder");
        }
        if (!Files.isDirectory(path)) {
            throw PlcException.invalid(what + " is a file, not a folder (" + path.toAbsolutePath().normalize()
                    + "): pass the repository's root folder");
        }
        if (!Files.isReadable(path)) {
            throw PlcException.invalid(what + " is not readable by this server (" + path.toAbsolutePath().normalize() + ")");
        }
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw PlcException.invalid(what + " cannot be resolved: " + e.getMessage());
        }
    }
}
