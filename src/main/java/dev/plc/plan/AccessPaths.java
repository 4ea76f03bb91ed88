package dev.plc.plan;

import dev.plc.db.Dialect;
import dev.plc.plan.access.AccessPathTests;
import dev.plc.plan.access.TestStack;
import dev.plc.plan.impact.CodeChange;
import dev.plc.repo.MigrationFramework;
import dev.plc.repo.RepoIndex;
import dev.plc.schema.catalog.Catalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The plan's side of the access-path test: which paths a change opens, from which release, and the test's code change. */
final class AccessPaths {

    private AccessPaths() {
    }

    /**
     * The test of the change's new access paths, when the repo has a stack to run it in (see {@link TestStack}): the paths
     * are read from the catalogs before and after the change as written (new tables, new and retyped columns), else from
     * the operations. Null when there is no path; a stack the repo lacks gives a test that says why it is not written.
     */
    static AccessPathTests tests(RepoIndex index, MigrationFramework framework, Dialect dialect, List<Operation> operations,
                                                   List<ChangePlan.Step> steps, EffectProbe.Result asWritten) {
        List<AccessPathTests.Path> paths = new ArrayList<>();
        if (asWritten != null) {
            for (Catalog.Relation r : asWritten.after().relations()) {
                if (!r.isTable()) {
                    continue;
                }
                Optional<Catalog.Relation> before = asWritten.before().relation(r.name());
                if (before.isEmpty()) {
                    paths.add(new AccessPathTests.Path(r.name(), null, switchRelease(r.name(), operations, steps)));
                    continue;
                }
                for (Catalog.Column col : r.columns()) {
                    Optional<Catalog.Column> old = before.get().column(col.name());
                    if (col.generated() == null && (old.isEmpty() || !old.get().type().equalsIgnoreCase(col.type()))) {
                        paths.add(new AccessPathTests.Path(r.name(), col.name(), switchRelease(r.name(), operations, steps)));
                    }
                }
            }
        } else {
            for (Operation op : operations) {
                switch (op.kind()) {
                    case CREATE_TABLE -> paths.add(new AccessPathTests.Path(op.table(), null, switchRelease(op.table(), operations, steps)));
                    case RENAME_TABLE -> paths.add(new AccessPathTests.Path(op.newName(), null, switchRelease(op.table(), operations, steps)));
                    case ADD_COLUMN, ALTER_COLUMN_TYPE -> paths.add(new AccessPathTests.Path(op.table(), op.column(), switchRelease(op.table(), operations, steps)));
                    case RENAME_COLUMN -> paths.add(new AccessPathTests.Path(op.table(), op.newName(), switchRelease(op.table(), operations, steps)));
                    default -> {
                    }
                }
            }
        }
        if (paths.isEmpty()) {
            return null;
        }
        TestStack.Found found = TestStack.detect(index, framework, dialect, null);
        if (found instanceof TestStack.Missing missing) {
            return AccessPathTests.unwritable(missing.reason(), missing.file() != null ? missing.file()
                    : framework.locations().isEmpty() ? "." : framework.locations().get(0));
        }
        return new AccessPathTests(((TestStack.Stack) found).stack(), paths);
    }

    /** The first release whose code may use the table's new shape: the switch release of an operation on it, else 1. */
    private static int switchRelease(String table, List<Operation> operations, List<ChangePlan.Step> steps) {
        return steps.stream().filter(s -> s.phase().equals("switch") && s.operation() >= 0 && s.operation() < operations.size())
                .filter(s -> {
                    Operation op = operations.get(s.operation());
                    return table.equalsIgnoreCase(op.table()) || table.equalsIgnoreCase(op.newName());
                }).mapToInt(ChangePlan.Step::release).min().orElse(1);
    }

    static List<CodeChange> withTest(List<CodeChange> changes, AccessPathTests tests, RepoIndex index, String planId, String description) {
        if (tests == null) {
            return changes;
        }
        Optional<CodeChange> test = tests.change(index, planId, description);
        if (test.isEmpty()) {
            return changes;
        }
        List<CodeChange> out = new ArrayList<>(changes);
        out.add(test.get());
        return out;
    }
}
