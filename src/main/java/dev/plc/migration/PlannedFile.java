package dev.plc.migration;

import java.util.List;

/** A file a layout wants to write: its repo-relative path and exact content. */
record PlannedFile(String path, String kind, String content, String version, List<Integer> steps) {
}
