package dev.plc.plan.impact;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SQLAlchemy declarative models (and Flask-SQLAlchemy's {@code db.Model}): a class with {@code __tablename__} maps
 * that table; each {@code Column(...)} / {@code mapped_column(...)} attribute maps the column its first string
 * argument names, else the column of the attribute's own name.
 */
final class SqlAlchemyScanner {

    static final String KIND = "sqlalchemy-model";

    private static final Pattern CLASS = Pattern.compile("^([ \\t]*)class\\s+(\\w+)\\s*(?:\\([^)]*\\))?\\s*:", Pattern.MULTILINE);
    private static final Pattern TABLENAME = Pattern.compile("^[ \\t]+__tablename__\\s*=\\s*['\"]([^'\"]+)['\"]", Pattern.MULTILINE);
    static final Pattern COLUMN = Pattern.compile(
            "^[ \\t]+(\\w+)\\s*(?::\\s*Mapped\\[[^\\n=]*\\])?\\s*=\\s*(?:\\w+\\.)?(Column|mapped_column)\\s*\\(\\s*(?:(['\"])([^'\"]+)\\3)?",
            Pattern.MULTILINE);

    private SqlAlchemyScanner() {
    }

    static void scan(SourceFile file, List<Target> targets, Findings out) {
        if (!file.text.contains("__tablename__")) {
            return;
        }
        Matcher cls = CLASS.matcher(file.text);
        while (cls.find()) {
            int end = OrmModelScanner.blockEnd(file.text, cls.end(), cls.group(1).length());
            Matcher table = TABLENAME.matcher(file.text).region(cls.end(), end);
            if (!table.find()) {
                continue;
            }
            String name = cls.group(2);
            for (Target target : targets) {
                if (!target.isTable(table.group(1))) {
                    continue;
                }
                if (!target.isColumn()) {
                    out.addAt(file, table.start(1), KIND, target, "SQLAlchemy model " + name + " maps table " + target.table + " (__tablename__)");
                    continue;
                }
                Matcher column = COLUMN.matcher(file.text).region(cls.end(), end);
                while (column.find()) {
                    String mapped = column.group(4) != null ? column.group(4) : column.group(1);
                    if (target.isColumn(mapped)) {
                        out.addAt(file, column.start(1), KIND, target, "SQLAlchemy model " + name + " attribute " + column.group(1) + " maps "
                                + target.reference.qualifiedName() + (column.group(4) != null ? " (named in " + column.group(2) + ")" : " (by its name)"));
                    }
                }
            }
        }
    }

}
