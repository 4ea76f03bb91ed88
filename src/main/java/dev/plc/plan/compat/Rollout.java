package dev.plc.plan.compat;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which code runs against which schema state while a plan rolls out, read off the order of its steps.
 *
 * <p>State 0 is the schema before the change; state r the schema after release r's migrations. A release deploys
 * its migrations and its code; a code-only step (no SQL, only {@code app_code}) says when the code changes. Within a
 * release, the plan says which goes first: when its first code step comes before its first SQL step, the code ships
 * first and the new code runs on the previous state until the migrations follow (that is also the state it meets if
 * those migrations are rolled back); otherwise the migrations go first and the previous code keeps serving on the new
 * state until the deploy finishes (and after a rollback of the deploy).
 *
 * <p>Two code versions are known: the current code (the repo at its base) and the changed code (the repo's working
 * tree, when its data-access code differs from the base), which is taken to be the code of the first release that
 * changes code: the release the agent implements now. A plan without code steps ships any code change with release 1,
 * after its migrations.
 *
 * @param lastState    the highest state (the last release), 0 when the plan has no releases
 * @param codeRelease  the release whose code the changed code is
 * @param currentLive  states the current code runs against
 * @param changedLive  states the changed code runs against
 * @param codeFirst    whether {@code codeRelease} ships its code before its migrations
 */
public record Rollout(int lastState, int codeRelease, Set<Integer> currentLive, Set<Integer> changedLive, boolean codeFirst) {

    /** The code of the repo at its base, as reports name it. */
    public static final String CURRENT = "current";
    /** The code of the repo's working tree, as reports name it. */
    public static final String CHANGED = "changed";

    /**
     * What the rollout needs to know of a plan's step: where it is, and whether it runs SQL or only changes code.
     *
     * @param codeOnly the step has no SQL, only application code
     */
    public record Step(int release, int number, boolean hasSql, boolean codeOnly) {
    }

    /** Derives the windows from the plan's steps, in their rollout order. */
    public static Rollout of(List<Step> planSteps) {
        List<Step> steps = planSteps.stream()
                .sorted(Comparator.comparingInt(Step::release).thenComparingInt(Step::number)).toList();
        int last = steps.stream().mapToInt(Step::release).max().orElse(0);
        List<Integer> codeReleases = steps.stream().filter(Step::codeOnly).map(Step::release).distinct().sorted().toList();
        int first = codeReleases.isEmpty() ? 1 : codeReleases.get(0);
        Integer next = codeReleases.size() > 1 ? codeReleases.get(1) : null;
        boolean firstCodeFirst = !codeReleases.isEmpty() && codeFirst(steps, first);
        Set<Integer> current = new TreeSet<>();
        for (int s = 0; s < first; s++) {
            current.add(s);
        }
        if (!firstCodeFirst) {
            current.add(first);
        }
        Set<Integer> changed = new TreeSet<>();
        int until = next == null ? last : next - 1;
        for (int s = first; s <= until; s++) {
            changed.add(s);
        }
        if (next != null && !codeFirst(steps, next)) {
            changed.add(next);
        }
        if (firstCodeFirst) {
            changed.add(first - 1);
        }
        current.removeIf(s -> s > last);
        changed.removeIf(s -> s > last);
        if (last == 0) {
            changed.add(0);
        }
        return new Rollout(last, first, Set.copyOf(current), Set.copyOf(changed), firstCodeFirst);
    }

    /** The window of the code before any change: the repo's code at plan time. */
    public boolean currentLive(int state) {
        return currentLive.contains(state);
    }

    public boolean changedLive(int state) {
        return changedLive.contains(state);
    }

    /** Whether {@code code} ({@link #CURRENT} or {@link #CHANGED}) runs against {@code state}. */
    public boolean live(String code, int state) {
        return switch (code) {
            case CURRENT -> currentLive(state);
            case CHANGED -> changedLive(state);
            default -> throw new IllegalArgumentException("no such code version: " + code);
        };
    }

    /** What the schema is at {@code state}, and who runs on it. */
    public String describe(int state) {
        String schema = state == 0 ? "before the change" : "after release " + state + "'s migrations";
        if (state == codeRelease - 1 && codeFirst) {
            return schema + " (the plan ships release " + codeRelease + "'s code first: it runs here until its migrations follow, "
                    + "and again if they are rolled back)";
        }
        return schema;
    }

    /** Whether release {@code release}'s first code-only step comes before its first SQL step (or it has no SQL). */
    private static boolean codeFirst(List<Step> steps, int release) {
        for (Step step : steps) {
            if (step.release() != release) {
                continue;
            }
            if (step.codeOnly()) {
                return true;
            }
            if (step.hasSql()) {
                return false;
            }
        }
        return false;
    }
}
