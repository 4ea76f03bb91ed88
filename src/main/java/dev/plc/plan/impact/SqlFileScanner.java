package dev.plc.plan.impact;

import java.util.List;

/** Statements of .sql files that are not migrations (views, reports, seed data, queries loaded at run time). */
final class SqlFileScanner {

    static final String KIND = "sql-file";

    private SqlFileScanner() {
    }

    static void scan(SourceFile file, List<Target> targets, Findings out) {
        String text = file.text;
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf(';', start);
            if (end < 0) {
                end = text.length();
            }
            String statement = text.substring(start, end);
            String lower = Identifiers.lower(statement);
            for (Target target : targets) {
                for (int offset : SqlMatcher.references(statement, lower, target)) {
                    out.addAt(file, start + offset, KIND, target, "uses " + target.reference.qualifiedName()
                            + (target.isColumn() ? "" : " (table)") + " in a SQL file that is not a migration");
                }
            }
            start = end + 1;
        }
    }
}
