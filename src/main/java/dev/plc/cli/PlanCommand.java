package dev.plc.cli;

import dev.plc.core.PlcException;
import dev.plc.db.ScratchDatabases;
import dev.plc.json.Json;
import dev.plc.plan.ChangePlan;
import dev.plc.plan.ChangePlanner;
import dev.plc.plan.Operation;
import dev.plc.plan.PlanReport;
import dev.plc.plan.PlanStore;
import dev.plc.repo.RepoPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;

@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Plan a schema change for a zero-downtime rollout (the plan_change tool). Exit code 1 when the plan is destructive.")
final class PlanCommand implements Callable<Integer> {

    @Mixin
    RepoOptions repoOptions;

    @ArgGroup(exclusive = true, multiplicity = "1")
    ChangeSource change;

    static final class ChangeSource {
        @Option(names = "--sql", paramLabel = "DDL", description = "The change as DDL in the repo's dialect.")
        String sql;

        @Option(names = "--change-file", paramLabel = "FILE",
                description = "A JSON file: {\"operations\": [...]} or {\"sql\": \"...\"} (or a bare list of operations).")
        Path file;
    }

    @Option(names = "--description", description = "What the change is for.")
    String description;

    @Option(names = "--allow-downtime", description = "Running code need not keep working at every step (single-step renames and type changes).")
    boolean allowDowntime;

    @Option(names = "--table-size", paramLabel = "TABLE=ROWS", description = "Row count of a table (repeatable); unknown tables count as large.")
    Map<String, Long> tableSizes;

    @Option(names = "--database-url", paramLabel = "URL", description = "Read table sizes from this live database, read-only.")
    String databaseUrl;

    @Option(names = "--server-version", paramLabel = "VERSION",
            description = "The production server's version (e.g. 11, 16.4, 10.6, 8.0.29); default: the throwaway server's.")
    String serverVersion;

    @Option(names = "--accept-difference", paramLabel = "NAME",
            description = "A difference the proof on seeded rows found that is intended (repeatable; names as the report prints them).")
    List<String> acceptDifferences;

    @Option(names = "--save", paramLabel = "FILE",
            description = "Also write the plan as JSON to FILE (what --json prints), for write --plan-file, while the report goes to stdout.")
    Path save;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120", description = "Bound for building the schema (default ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    public Integer call() {
        Path repo = RepoPaths.resolve(repoOptions.repo, Path.of("").toAbsolutePath());
        List<Operation> operations = null;
        String sql = change.sql;
        if (change.file != null) {
            ChangeFile parsed = readChangeFile(change.file);
            operations = parsed.operations();
            sql = parsed.sql();
        }
        ChangePlanner planner = new ChangePlanner(ScratchDatabases.fromEnvironment(), new PlanStore());
        ChangePlan plan = planner.plan(new ChangePlanner.Request(repo, operations, sql, description, !allowDowntime, tableSizes,
                databaseUrl, Duration.ofSeconds(timeoutSeconds), serverVersion, acceptDifferences), repoOptions.progress());
        String json = save != null || repoOptions.json ? Json.pretty(plan) : null;
        if (save != null) {
            try {
                Path target = save.toAbsolutePath();
                if (target.getParent() != null) {
                    Files.createDirectories(target.getParent());
                }
                Files.writeString(target, json + System.lineSeparator());
            } catch (IOException e) {
                throw new PlcException(PlcException.Code.INVALID_ARGUMENT, "--save " + save + ": the plan could not be written ("
                        + e.getMessage() + ")");
            }
        }
        System.out.println(repoOptions.json ? json : PlanReport.full(plan));
        return plan.requiresApproval() ? ExitCode.FINDINGS : ExitCode.OK;
    }

    record ChangeFile(String sql, List<Operation> operations) {
    }

    private static ChangeFile readChangeFile(Path file) {
        try {
            String text = Files.readString(file);
            if (text.strip().startsWith("[")) {
                return new ChangeFile(null, Json.MAPPER.readValue(text, new TypeReference<List<Operation>>() { }));
            }
            return Json.MAPPER.readValue(text, ChangeFile.class);
        } catch (IOException e) {
            throw PlcException.invalid("cannot read --change-file " + file + ": " + e.getMessage());
        } catch (JacksonException e) {
            throw PlcException.invalid("--change-file " + file + " is not a valid change: " + e.getOriginalMessage()
                    + " (expected {\"operations\": [...]} or {\"sql\": \"...\"})");
        }
    }
}
