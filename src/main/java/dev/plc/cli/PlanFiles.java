package dev.plc.cli;

import dev.plc.core.PlcException;
import dev.plc.json.Json;
import dev.plc.plan.ChangePlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.core.JacksonException;

/** Reads the plan that {@code plan --json} printed, for the commands that take {@code --plan-file}. */
final class PlanFiles {

    private PlanFiles() {
    }

    static ChangePlan read(Path file) {
        try {
            return Json.MAPPER.readValue(Files.readString(file), ChangePlan.class);
        } catch (IOException e) {
            throw PlcException.invalid("cannot read --plan-file " + file + ": " + e.getMessage());
        } catch (JacksonException e) {
            throw PlcException.invalid("--plan-file " + file + " is not a plan (the output of 'plan --json'): " + e.getOriginalMessage());
        }
    }
}
