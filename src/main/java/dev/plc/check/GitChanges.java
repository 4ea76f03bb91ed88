package dev.plc.check;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * What changed in a repository since its base: the merge-base of HEAD with the given ref, or with the default
 * branch (origin/HEAD, main, master). Committed branch changes, uncommitted edits and untracked files all count.
 */
final class GitChanges {

    /** A changed file: A(dded), M(odified), D(eleted), R(enamed: the old path). */
    record Change(String path, char status) {
    }

    private final Path repo;
    private final String base;
    private final Map<String, Character> changes;

    private GitChanges(Path repo, String base, Map<String, Character> changes) {
        this.repo = repo;
        this.base = base;
        this.changes = changes;
    }

    /** Empty when the folder is not a git work tree, or git is missing: the caller says why it skipped. */
    static Optional<GitChanges> since(Path repo, String baseRef) throws GitException {
        if (git(repo, "rev-parse", "--is-inside-work-tree").filter(s -> s.strip().equals("true")).isEmpty()) {
            return Optional.empty();
        }
        String ref = baseRef;
        if (ref == null || ref.isBlank()) {
            ref = defaultBranch(repo).orElse("HEAD");
        }
        String head = git(repo, "rev-parse", "--verify", "-q", "HEAD").map(String::strip).orElse(null);
        String mergeBase;
        if (head == null) {
            mergeBase = null; // no commit yet: everything is new
        } else {
            String resolved = git(repo, "rev-parse", "--verify", "-q", ref + "^{commit}").map(String::strip)
                    .orElseThrow(() -> new GitException("base '" + baseRef + "' is not a commit in this repository"));
            mergeBase = git(repo, "merge-base", head, resolved).map(String::strip).orElse(resolved);
        }
        Map<String, Character> changes = new TreeMap<>();
        if (mergeBase != null) {
            for (String line : git(repo, "diff", "--relative", "--name-status", "-M", mergeBase, "--").orElse("").split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                String[] parts = line.split("\t");
                char status = parts[0].charAt(0);
                if (status == 'R') {
                    changes.put(parts[1], 'R');
                    changes.put(parts[2], 'A');
                } else {
                    changes.put(parts[1], status);
                }
            }
        }
        // paths relative to the repo folder, also when it sits inside a larger work tree
        for (String line : git(repo, "ls-files", "--others", "--exclude-standard").orElse("").split("\n")) {
            if (!line.isBlank()) {
                changes.put(line.strip(), 'A');
            }
        }
        return Optional.of(new GitChanges(repo, mergeBase == null ? "(no commit)" : mergeBase.substring(0, 12) + " (" + ref + ")", changes));
    }

    private static Optional<String> defaultBranch(Path repo) {
        Optional<String> origin = git(repo, "symbolic-ref", "-q", "--short", "refs/remotes/origin/HEAD").map(String::strip);
        if (origin.isPresent() && !origin.get().isEmpty()) {
            return origin;
        }
        for (String candidate : List.of("main", "master")) {
            if (git(repo, "rev-parse", "--verify", "-q", candidate).isPresent()) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    String base() {
        return base;
    }

    Optional<Character> status(String path) {
        return Optional.ofNullable(changes.get(path));
    }

    List<Change> all() {
        List<Change> out = new ArrayList<>();
        changes.forEach((path, status) -> out.add(new Change(path, status)));
        return out;
    }

    /** The file as it was at the base, for a diff summary. */
    Optional<String> atBase(String path) {
        return base.startsWith("(") ? Optional.empty() : git(repo, "show", base.substring(0, 12) + ":./" + path);
    }

    static final class GitException extends Exception {
        GitException(String message) {
            super(message);
        }
    }

    private static Optional<String> git(Path repo, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString()));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            p.getErrorStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            return p.exitValue() == 0 ? Optional.of(new String(out, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
