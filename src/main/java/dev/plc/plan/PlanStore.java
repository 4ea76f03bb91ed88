package dev.plc.plan;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Plans made by this process, by id, so write_migration can take a plan_id. Bounded: the oldest plans are forgotten. */
public final class PlanStore {

    private static final int CAPACITY = 200;

    private final Map<String, ChangePlan> plans = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ChangePlan> eldest) {
            return size() > CAPACITY;
        }
    };

    public synchronized void put(ChangePlan plan) {
        plans.put(plan.planId(), plan);
    }

    public synchronized Optional<ChangePlan> get(String planId) {
        return Optional.ofNullable(plans.get(planId));
    }
}
