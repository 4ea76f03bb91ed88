package dev.plc.plan.impact;

import java.util.List;

/** SQL in string literals of Java, Kotlin, Go, Python, JS/TS, Ruby, C# and Rust sources; concatenated literals count as one statement. */
final class SqlStringScanner {

    static final String KIND = "sql-string";

    private SqlStringScanner() {
    }

    static void scan(SourceFile file, Language language, List<Target> targets, Findings out) {
        String lower = file.lower();
        // a statement must name the table (and the column, for a column): most files name neither, and are not lexed
        List<Target> present = targets.stream().filter(t -> Target.indexOfWord(lower, t.table, 0) >= 0
                && (!t.isColumn() || Target.indexOfWord(lower, t.column, 0) >= 0)).toList();
        if (present.isEmpty()) {
            return;
        }
        for (StringLiterals.Group group : StringLiterals.groups(file.text, language)) {
            String groupLower = Identifiers.lower(group.text());
            for (Target target : present) {
                for (int offset : SqlMatcher.references(group.text(), groupLower, target)) {
                    out.addAt(file, group.fileOffset(offset), KIND, target, "uses " + target.reference.qualifiedName()
                            + (target.isColumn() ? "" : " (table)") + " in a SQL string");
                }
            }
        }
    }
}
