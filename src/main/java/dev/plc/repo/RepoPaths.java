package dev.plc.repo;

import dev.plc.core.PlcException;
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
            throw PlcException.invalid("repo '" + abbreviate(repo) + "' is not a valid path: " + e.getReason());
        }
        return real(path, "repo '" + abbreviate(repo) + "'");
    }

    /** An argument as it may be quoted in a message: arguments can be megabytes long. */
    static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "... (" + text.length() + " characters)";
    }

    private static Path real(Path path, String what) {
        if (!Files.exists(path)) {
            throw PlcException.invalid(what + " does not exist (" + abbreviate(path.toAbsolutePath().normalize().toString())
                    + "): pass the absolute path of the repository folder");
        }
        if (!Files.isDirectory(path)) {
            throw PlcException.invalid(what + " is a file, not a folder (" + abbreviate(path.toAbsolutePath().normalize().toString())
                    + "): pass the repository's root folder");
        }
        if (!Files.isReadable(path)) {
            throw PlcException.invalid(what + " is not readable by this server (" + abbreviate(path.toAbsolutePath().normalize().toString()) + ")");
        }
        Path real;
        try {
            real = path.toRealPath();
        } catch (IOException e) {
            throw PlcException.invalid(what + " cannot be resolved: " + e.getMessage());
        }
        if (real.getParent() == null) {
            // walking a whole file system is not inspecting a repository, and never ends in reasonable time
            throw PlcException.invalid(what + " is the file system root (" + real + "): pass the repository's root folder");
        }
        return real;
    }
}
