package dev.plc.plan.impact;

import dev.plc.repo.RepoIndex;
import java.util.List;
import java.util.Set;

/** STUB until the impact branch lands. */
public final class ImpactFinder {
    public List<ImpactedCode> find(RepoIndex repo, List<SchemaReference> references, Set<String> migrationLocations) {
        return List.of();
    }
}
