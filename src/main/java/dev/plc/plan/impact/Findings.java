package dev.plc.plan.impact;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects findings, one per file, line and reference: the first scanner to report a line wins. */
final class Findings {

    private final Map<String, ImpactedCode> byKey = new LinkedHashMap<>();
    private final Map<Target, Integer> ids = new LinkedHashMap<>();

    void add(SourceFile file, int line, String kind, Target target, String doing) {
        String key = file.path + ":" + line + ":" + ids.computeIfAbsent(target, t -> ids.size());
        byKey.computeIfAbsent(key, k -> new ImpactedCode(file.path, line, kind, target.reference.table(), target.reference.column(),
                Reasons.reason(kind, target, doing), file.lineText(line)));
    }

    void addAt(SourceFile file, int offset, String kind, Target target, String doing) {
        add(file, file.lineOf(offset), kind, target, doing);
    }

    List<ImpactedCode> sorted() {
        List<ImpactedCode> all = new ArrayList<>(byKey.values());
        all.sort(Comparator.comparing(ImpactedCode::file).thenComparingInt(ImpactedCode::line)
                .thenComparing(ImpactedCode::table).thenComparing(c -> c.column() == null ? "" : c.column()));
        return List.copyOf(all);
    }
}
