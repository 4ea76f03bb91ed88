package dev.plc.plan;

import dev.plc.plan.impact.CodeChange;
import dev.plc.plan.impact.CodeRewriter;
import dev.plc.plan.impact.ImpactedCode;
import dev.plc.repo.RepoIndex;
import dev.plc.schema.SchemaSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/** The plan's code_changes: each operation's renames and drops, with the release its code step ships in. */
final class CodeChanges {

    private CodeChanges() {
    }

    static List<CodeChange> of(RepoIndex index, SchemaSnapshot current, List<ImpactedCode> impacted, List<Operation> operations,
                               List<ChangePlan.Step> steps) {
        if (impacted.isEmpty()) {
            return List.of();
        }
        List<CodeRewriter.Rename> renames = new ArrayList<>();
        List<CodeRewriter.Other> others = new ArrayList<>();
        for (int i = 0; i < operations.size(); i++) {
            Operation op = operations.get(i);
            int index0 = i;
            List<ChangePlan.Step> own = steps.stream().filter(s -> s.operation() == index0).toList();
            if (own.isEmpty()) {
                continue;
            }
            OptionalInt switchRelease = own.stream().filter(s -> "switch".equals(s.phase())).mapToInt(ChangePlan.Step::release).min();
            int first = own.stream().mapToInt(ChangePlan.Step::release).min().orElse(1);
            switch (op.kind()) {
                case RENAME_COLUMN -> renames.add(new CodeRewriter.Rename(op.table(), op.column(), op.newName(),
                        switchRelease.orElse(first), switchRelease.isPresent()));
                case RENAME_TABLE -> renames.add(new CodeRewriter.Rename(op.table(), null, op.newName(), switchRelease.orElse(first),
                        switchRelease.isPresent()));
                case DROP_COLUMN, DROP_TABLE, ALTER_COLUMN_TYPE -> {
                    int destructive = own.stream().filter(ChangePlan.Step::destructive).mapToInt(ChangePlan.Step::release).min().orElse(first);
                    others.add(new CodeRewriter.Other(op.table(), op.kind() == OperationKind.DROP_TABLE ? null : op.column(),
                            "the release that " + (op.kind() == OperationKind.ALTER_COLUMN_TYPE ? "changes the type" : "drops it")
                                    + " is release " + destructive, switchRelease.orElse(destructive)));
                }
                default -> {
                }
            }
        }
        return CodeRewriter.changes(index, current, impacted, renames, others);
    }
}
