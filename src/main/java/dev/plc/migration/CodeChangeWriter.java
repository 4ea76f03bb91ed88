package dev.plc.migration;

import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;
import com.github.difflib.patch.PatchFailedException;
import com.github.difflib.patch.VerifyChunk;
import dev.plc.core.PlcException;
import dev.plc.plan.ChangePlan;
import dev.plc.plan.ChangePlanner;
import dev.plc.plan.access.AccessPathTests;
import dev.plc.plan.impact.CodeChange;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies one release's {@code code_changes} of a plan to the repo's files: an edit is made only where the file still
 * has the content the plan's diff was made for (its sha256), each file is replaced atomically (a complete temp file
 * renamed over it), and all files or none: when one file no longer matches, nothing is written and the call says which
 * file and why. A file that already holds the edit's result is {@code unchanged}, so writing twice is safe.
 */
final class CodeChangeWriter {

    static final String UPDATED = "updated";
    static final String UNCHANGED = "unchanged";

    private CodeChangeWriter() {
    }

    /** A file edit ready to publish: the text it must still have, and the text it gets. */
    private record Pending(CodeChange change, String before, String after) {
    }

    /** The release's edits, checked against the files and not yet written. */
    record Prepared(Path repoRoot, List<WrittenMigrations.WrittenCode> settled, List<Pending> pending) {

        /**
         * Writes the edits, or none of them.
         *
         * @return one entry per code change of the release: edits as {@code updated} / {@code unchanged}, the places it does
         *         not edit as {@code manual} / {@code none} with their reasons
         */
        List<WrittenMigrations.WrittenCode> write() {
            publish(repoRoot, pending);
            List<WrittenMigrations.WrittenCode> out = new ArrayList<>(settled);
            for (Pending p : pending) {
                out.add(new WrittenMigrations.WrittenCode(p.change().file(), UPDATED, ChangePlanner.sha256(p.after()), p.change().lines(),
                        p.change().why()));
            }
            out.sort(Comparator.comparing(WrittenMigrations.WrittenCode::file));
            return out;
        }
    }

    /**
     * Checks every edit of the release against the file it is for, so that nothing is written (code or migrations) when
     * one of them no longer applies.
     *
     * @throws PlcException FAILED_PRECONDITION naming each file that changed since the plan was made
     */
    static Prepared prepare(Path repoRoot, ChangePlan plan, int release) {
        List<CodeChange> ofRelease = plan.codeChanges().stream().filter(c -> c.release() == release).toList();
        List<WrittenMigrations.WrittenCode> out = new ArrayList<>();
        List<Pending> pending = new ArrayList<>();
        Map<String, String> conflicts = new LinkedHashMap<>();
        for (CodeChange change : ofRelease) {
            if (CodeChange.CREATE.equals(change.status())) {
                if (change.diff() == null) {
                    throw PlcException.invalid("code change of " + change.file() + " has status create but no diff: the plan was edited; call plan_change again");
                }
                String content = AccessPathTests.newFileContent(change.diff());
                String existing = read(SafeFiles.inside(repoRoot, change.file()), change.file());
                if (existing == null) {
                    pending.add(new Pending(change, null, content));
                } else if (existing.equals(content)) {
                    out.add(new WrittenMigrations.WrittenCode(change.file(), UNCHANGED, ChangePlanner.sha256(existing), change.lines(), change.why()));
                } else {
                    conflicts.put(change.file(), "the file the plan creates already exists with other content (it is never overwritten)");
                }
                continue;
            }
            if (!CodeChange.EDIT.equals(change.status())) {
                out.add(new WrittenMigrations.WrittenCode(change.file(), change.status(), change.sha256(), change.lines(), change.why()));
                continue;
            }
            String current = read(SafeFiles.inside(repoRoot, change.file()), change.file());
            if (current == null) {
                conflicts.put(change.file(), "the file is gone");
                continue;
            }
            String currentSha = ChangePlanner.sha256(current);
            Patch<String> patch = parse(change);
            if (currentSha.equals(change.sha256())) {
                try {
                    String after = String.join("\n", patch.applyTo(lines(current)));
                    pending.add(new Pending(change, current, after));
                } catch (PatchFailedException e) {
                    conflicts.put(change.file(), "the plan's diff does not apply to the file it was made for (" + e.getMessage() + ")");
                }
                continue;
            }
            if (holdsEdit(patch, lines(current), change.sha256())) {
                out.add(new WrittenMigrations.WrittenCode(change.file(), UNCHANGED, currentSha, change.lines(), change.why()));
            } else {
                conflicts.put(change.file(), "the file changed since the plan was made (sha256 " + currentSha + ", the plan's diff is for "
                        + change.sha256() + ")");
            }
        }
        if (!conflicts.isEmpty()) {
            StringBuilder message = new StringBuilder("nothing was written: the code changes of release " + release
                    + " are made against the files as they were when the plan was made, and ");
            message.append(conflicts.size() == 1 ? "this file no longer is:" : "these files no longer are:");
            conflicts.forEach((file, why) -> message.append("\n  conflict ").append(file).append(": ").append(why));
            message.append("\nplan again (the new plan's code_changes are made against the files as they are now), "
                    + "or call write_migration with include_code=false and edit the code by hand");
            throw new PlcException(PlcException.Code.FAILED_PRECONDITION, message.toString());
        }
        return new Prepared(repoRoot, out, pending);
    }

    /**
     * Whether the file already holds the edit: every hunk's new lines are where the diff puts them, and undoing the diff
     * gives back exactly the content the plan was made for. A file cut shorter than a hunk does not hold it.
     */
    private static boolean holdsEdit(Patch<String> patch, List<String> current, String planSha) {
        try {
            for (AbstractDelta<String> delta : patch.getDeltas()) {
                if (delta.getTarget().verifyChunk(current) != VerifyChunk.OK) {
                    return false;
                }
            }
        } catch (PatchFailedException e) {
            return false;
        }
        return ChangePlanner.sha256(String.join("\n", patch.restore(current))).equals(planSha);
    }

    private static Patch<String> parse(CodeChange change) {
        if (change.diff() == null) {
            throw PlcException.invalid("code change of " + change.file() + " has status edit but no diff: the plan was edited; call plan_change again");
        }
        Patch<String> patch = UnifiedDiffUtils.parseUnifiedDiff(List.of(change.diff().split("\n")));
        if (patch.getDeltas().isEmpty()) {
            throw PlcException.invalid("code change of " + change.file() + " has a diff without hunks: the plan was edited; call plan_change again");
        }
        return patch;
    }

    /** Lines as the plan's diffs count them: split on LF only (a CR stays part of its line), the text after the last LF is a line. */
    private static List<String> lines(String text) {
        return List.of(text.split("\n", -1));
    }

    /** The file's text, null when it does not exist; an error when it is not a regular UTF-8 file. */
    private static String read(Path file, String relative) {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new PlcException(PlcException.Code.FAILED_PRECONDITION, relative + " is not a regular file: nothing was written");
        }
        try {
            return SafeFiles.strictUtf8(file);
        } catch (CharacterCodingException e) {
            throw new PlcException(PlcException.Code.FAILED_PRECONDITION, relative + " is not UTF-8, so it is not edited: nothing was written");
        } catch (IOException e) {
            throw new PlcException(PlcException.Code.FAILED_PRECONDITION, "cannot read " + relative + ": " + e.getMessage());
        }
    }

    /** Replaces each file; when one fails, the files already replaced get their old text back. */
    private static void publish(Path repoRoot, List<Pending> pending) {
        List<Pending> done = new ArrayList<>();
        try {
            for (Pending p : pending) {
                if (p.before() == null) {
                    SafeFiles.createAll(repoRoot, List.of(new PlannedFile(p.change().file(), "test", p.after(), null, List.of())));
                } else {
                    SafeFiles.replaceFile(repoRoot, new SafeFiles.Replacement(p.change().file(), p.before(), p.after()));
                }
                done.add(p);
            }
        } catch (IOException | RuntimeException e) {
            for (Pending p : done) {
                try {
                    if (p.before() == null) {
                        Files.deleteIfExists(SafeFiles.inside(repoRoot, p.change().file()));
                        continue;
                    }
                    SafeFiles.replaceFile(repoRoot, new SafeFiles.Replacement(p.change().file(), p.after(), p.before()));
                } catch (IOException | RuntimeException ignored) {
                    // best effort: the message below names the failure
                }
            }
            if (e instanceof PlcException plc) {
                throw plc;
            }
            throw new PlcException(PlcException.Code.FAILED_PRECONDITION, "could not write the code changes (" + e.getMessage()
                    + "): no code file was changed");
        }
    }
}
