package dev.plc.repo.access;

import dev.plc.repo.DataAccessLayer;
import dev.plc.repo.RepoIndex;
import java.util.List;

/** STUB until the stack branch lands. */
public final class DataAccessDetector {
    public List<DataAccessLayer> detect(RepoIndex repo) {
        return List.of();
    }
}
