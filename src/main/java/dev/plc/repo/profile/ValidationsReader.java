package dev.plc.repo.profile;

import dev.plc.repo.RepoIndex;
import dev.plc.repo.Validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The commands that validate a change in this repository: those {@code REPO_PROFILE.json} declares, or,
 * when it is missing or unusable, those the build files imply. A broken profile is a warning, never an error:
 * the agent still gets validations, and is told how to fix the file.
 */
public final class ValidationsReader {

    public static final String PROFILE = "REPO_PROFILE.json";
    public static final int DEFAULT_TIMEOUT_S = 600;

    /** The validations, and what was wrong with the profile (empty when nothing was). */
    public record Result(List<Validation> validations, List<String> warnings) {
    }

    public Result read(RepoIndex repo) {
        List<String> warnings = new ArrayList<>();
        if (repo.exists(PROFILE)) {
            Optional<List<Validation>> declared = ProfileValidations.read(repo, warnings);
            if (declared.isPresent()) {
                return new Result(declared.get(), List.copyOf(warnings));
            }
        }
        return new Result(InferredValidations.infer(repo, warnings), List.copyOf(warnings));
    }
}
