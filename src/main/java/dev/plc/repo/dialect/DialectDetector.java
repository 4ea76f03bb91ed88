package dev.plc.repo.dialect;

import dev.plc.repo.DialectFinding;
import dev.plc.repo.RepoIndex;

/** STUB until the stack branch lands. */
public final class DialectDetector {
    public DialectFinding detect(RepoIndex repo) {
        return DialectFinding.unknown();
    }
}
