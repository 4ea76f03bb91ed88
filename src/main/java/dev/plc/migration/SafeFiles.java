package dev.plc.migration;

import dev.plc.core.PlcException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes new files into a repository and nothing else: never outside the repo (no {@code ..}, no absolute
 * paths, no symlinked folder leading out), never over an existing file, each file written complete to a temp file, then
 * published under its name with a hard link, and all or nothing: when one file fails, the files this call already created are removed again.
 * The one exception to "new files only" is a {@link Replacement}: Liquibase's master changelog gets an include of the new
 * changelog, after the new files exist, by an atomic replace of the master alone.
 */
final class SafeFiles {

    private SafeFiles() {
    }

    /** The file inside the repo, or an error when the path would leave it. */
    static Path inside(Path repoRoot, String relative) {
        if (relative.isBlank() || relative.startsWith("/") || relative.startsWith("\\") || relative.matches("^[A-Za-z]:.*")) {
            throw PlcException.invalid("refusing to write '" + relative + "': paths must be relative to the repo");
        }
        Path target = repoRoot.resolve(relative).normalize();
        if (!target.startsWith(repoRoot)) {
            throw PlcException.invalid("refusing to write '" + relative + "': it is outside the repo");
        }
        // the deepest existing folder must really be inside the repo (a symlinked folder could lead out)
        Path existing = target.getParent();
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        try {
            if (existing == null || !existing.toRealPath().startsWith(repoRoot.toRealPath())) {
                throw PlcException.invalid("refusing to write '" + relative + "': a folder on its path leads outside the repo");
            }
            if (Files.isSymbolicLink(target)) {
                throw PlcException.invalid("refusing to write '" + relative + "': it is a symbolic link");
            }
        } catch (IOException e) {
            throw PlcException.invalid("refusing to write '" + relative + "': " + e.getMessage());
        }
        return target;
    }

    /** Whether the file exists with exactly these bytes (true), does not exist (false), or differs (error). */
    static boolean sameAsExisting(Path file, String relative, String content) {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try {
            if (Files.readString(file, StandardCharsets.UTF_8).equals(content)) {
                return true;
            }
        } catch (IOException e) {
            throw new PlcException(PlcException.Code.FAILED_PRECONDITION, "cannot read existing " + relative + ": " + e.getMessage());
        }
        throw new PlcException(PlcException.Code.FAILED_PRECONDITION, relative + " already exists with other content: "
                + "existing migrations are never edited or overwritten; plan again (the next version will be used) or remove the file yourself");
    }

    /**
     * The one edit of an existing file: the master changelog goes from exactly {@code before} to {@code after}.
     *
     * @param path repo-relative
     */
    record Replacement(String path, String before, String after) {
    }

    /** Creates every file, or none. */
    static void createAll(Path repoRoot, List<PlannedFile> files) {
        createAll(repoRoot, files, null);
    }

    /** Creates every file and then makes the edit (if any), or does none of it. */
    static void createAll(Path repoRoot, List<PlannedFile> files, Replacement edit) {
        List<Path> created = new ArrayList<>();
        List<Path> createdDirs = new ArrayList<>();
        try {
            for (PlannedFile f : files) {
                Path target = inside(repoRoot, f.path());
                Path dir = target.getParent();
                for (Path d = dir; d != null && !Files.exists(d); d = d.getParent()) {
                    createdDirs.add(0, d);
                }
                Files.createDirectories(dir);
                Path temp = Files.createTempFile(dir, ".plc-", ".tmp");
                try {
                    Files.writeString(temp, f.content(), StandardCharsets.UTF_8);
                    move(temp, target);
                    created.add(target);
                } finally {
                    Files.deleteIfExists(temp);
                }
            }
            if (edit != null) {
                replaceFile(repoRoot, edit);
            }
        } catch (FileAlreadyExistsException e) {
            rollback(created, createdDirs);
            throw new PlcException(PlcException.Code.FAILED_PRECONDITION, e.getFile() + " appeared while writing (another process?): "
                    + "nothing was written; plan again");
        } catch (IOException | RuntimeException e) {
            rollback(created, createdDirs);
            if (e instanceof PlcException plc) {
                throw plc;
            }
            throw new PlcException(PlcException.Code.FAILED_PRECONDITION, "could not write the migrations (" + e.getMessage()
                    + "): nothing was written");
        }
    }

    /**
     * Publishes the complete temp file under its name without ever replacing one: a hard link fails atomically when
     * the name exists (a rename, even ATOMIC_MOVE, silently replaces on POSIX). Where links are not supported, the
     * file is created with CREATE_NEW, which also refuses an existing name.
     */
    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.createLink(target, temp);
            return;
        } catch (UnsupportedOperationException | java.nio.file.FileSystemException e) {
            if (e instanceof FileAlreadyExistsException exists) {
                throw exists;
            }
        }
        Files.write(target, Files.readAllBytes(temp), java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE);
    }

    /**
     * Replaces the file's content when it still is {@code before}: the new text goes to a temp file in the same folder
     * (with the original's permissions), which is then renamed over the file, so readers see the old or the new file
     * and never a partial one.
     */
    static void replaceFile(Path repoRoot, Replacement edit) throws IOException {
        Path target = inside(repoRoot, edit.path());
        if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new PlcException(PlcException.Code.FAILED_PRECONDITION, edit.path() + " is not a regular file: nothing was written");
        }
        String current;
        try {
            current = strictUtf8(target);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new PlcException(PlcException.Code.FAILED_PRECONDITION, edit.path() + " is not UTF-8, so it is not edited: nothing was "
                    + "written; add the include by hand");
        }
        if (!current.equals(edit.before())) {
            throw new PlcException(PlcException.Code.FAILED_PRECONDITION, edit.path() + " changed while writing (another process?): "
                    + "nothing was written; call write_migration again");
        }
        Path temp = Files.createTempFile(target.getParent(), ".plc-", ".tmp");
        try {
            Files.writeString(temp, edit.after(), StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(target));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the temp file keeps the default permissions
            }
            try {
                Files.move(temp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                Files.move(temp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The file's text; a {@link java.nio.charset.CharacterCodingException} when its bytes are not UTF-8 (never decoded with replacements). */
    static String strictUtf8(Path file) throws IOException {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
    }

    private static void rollback(List<Path> created, List<Path> createdDirs) {
        for (Path p : created) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // best effort: the file was created by this call
            }
        }
        for (int i = createdDirs.size() - 1; i >= 0; i--) {
            try {
                Files.deleteIfExists(createdDirs.get(i));
            } catch (IOException ignored) {
                // not empty or gone: leave it
            }
        }
    }
}
