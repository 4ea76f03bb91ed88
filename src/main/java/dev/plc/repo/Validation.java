package dev.plc.repo;

/**
 * A command the repository uses to validate a change.
 *
 * @param name     typecheck, lint, test, build, ...
 * @param command  the shell command, run from the repo root
 * @param source   REPO_PROFILE.json, or "inferred" from a build file
 * @param timeoutS timeout in seconds
 * @param evidence where it comes from
 * @param required run_checks runs it by default: every validation the profile declares (unless it says
 *                 {@code "required": false}), and an inferred {@code test} command; the others run when
 *                 {@code validations} is named in checks
 */
public record Validation(String name, String command, String source, int timeoutS, Evidence evidence, boolean required) {
}
