package dev.plc.plan.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plc.plan.ChangePlan;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which code runs on which state, read off the order of a plan's steps. */
class RolloutTest {

    private static ChangePlan.Step sql(int number, int release) {
        return new ChangePlan.Step(number, "expand", release, "sql " + number, List.of("SELECT 1;"), true, "note", false, 0);
    }

    private static ChangePlan.Step code(int number, int release) {
        return new ChangePlan.Step(number, "switch", release, "code " + number, List.of(), true, "change the code", false, 0);
    }

    @Test
    void withoutCodeStepsTheCodeShipsWithReleaseOneAfterItsMigrations() {
        Rollout r = ChangePlan.rollout(List.of(sql(1, 1)));
        assertThat(r.currentLive()).containsExactlyInAnyOrder(0, 1);
        assertThat(r.changedLive()).containsExactly(1);
        assertThat(r.codeFirst()).isFalse();
    }

    @Test
    void codeBeforeTheMigrationsOfItsReleaseRunsOnThePreviousState() {
        Rollout r = ChangePlan.rollout(List.of(code(1, 1), sql(2, 1)));
        assertThat(r.currentLive()).containsExactly(0);
        assertThat(r.changedLive()).containsExactlyInAnyOrder(0, 1);
        assertThat(r.codeFirst()).isTrue();
        assertThat(r.describe(0)).contains("ships release 1's code first");
        assertThat(r.describe(1)).isEqualTo("after release 1's migrations");
    }

    @Test
    void theStagedRenameRunsEachCodeVersionUntilTheNextOneShips() {
        // add column, dual-write (1); backfill, read new (2); stop writing old (3); drop old (4)
        Rollout r = ChangePlan.rollout(List.of(sql(1, 1), code(2, 1), sql(3, 2), code(4, 2), code(5, 3), sql(6, 4)));
        assertThat(r.currentLive()).containsExactlyInAnyOrder(0, 1);
        assertThat(r.codeRelease()).isEqualTo(1);
        // release 2 migrates before its code ships: release 1's code still serves on state 2
        assertThat(r.changedLive()).containsExactlyInAnyOrder(1, 2);
    }

    @Test
    void aCodeOnlyReleaseBeforeTheDropKeepsTheOldCodeOffTheDroppedState() {
        // stop using the column (1), drop it (2)
        Rollout r = ChangePlan.rollout(List.of(code(1, 1), sql(2, 2)));
        assertThat(r.currentLive()).containsExactly(0);
        assertThat(r.changedLive()).containsExactlyInAnyOrder(0, 1, 2);
    }

    @Test
    void stepsAreTakenInReleaseAndNumberOrderWhateverOrderTheyArrive() {
        Rollout shuffled = ChangePlan.rollout(List.of(sql(2, 1), code(1, 1)));
        assertThat(shuffled.codeFirst()).isTrue();
    }
}
