package dev.plc.plan.impact;

import java.util.List;

/** SQL in string literals of Java, Kotlin, Go, Python, JS/TS, Ruby, C# and Rust sources; concatenated literals count as one statement. */
final class SqlStringScanner {

    static final String KIND = "sql-string";

    private SqlStringScanner() {
    }

    static void scan(SourceFile file, Language language, List<Target> targets, Findings out) {
        List<Target> present = targets.stream().filter(t -> t.tableWord.matcher(file.text).find()).toList();
        if (present.isEmpty()) {
            return;
        }
        for (StringLiterals.Group group : StringLiterals.groups(file.text, language)) {
            if (!SqlMatcher.looksLikeSql(group.text())) {
                continue;
            }
            for (Target target : present) {
                for (int offset : SqlMatcher.references(group.text(), target)) {
                    out.addAt(file, group.fileOffset(offset), KIND, target, "uses " + target.reference.qualifiedName()
                            + (target.isColumn() ? "" : " (table)") + " in a SQL string");
                }
            }
        }
    }
}
