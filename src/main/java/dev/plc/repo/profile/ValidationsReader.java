package dev.plc.repo.profile;

import dev.plc.repo.RepoIndex;
import dev.plc.repo.Validation;
import java.util.List;

/** STUB until the stack branch lands. */
public final class ValidationsReader {
    public record Result(List<Validation> validations, List<String> warnings) {
    }

    public Result read(RepoIndex repo) {
        return new Result(List.of(), List.of());
    }
}
