package dev.plc.plan.impact;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Go structs mapped to tables and columns: {@code db:"col"} tags (sqlx, scany, sqlc's output and others) and GORM
 * models ({@code gorm:"column:col"} tags, or GORM's naming: the struct name in snake case and plural, a field name in
 * snake case, a {@code TableName()} method).
 *
 * <p>A {@code db} tag says nothing of its table: a struct counts for a table when its name is the table's in GORM's
 * naming, or when a SQL string of the same file names the table. Otherwise it is left out rather than guessed.
 */
final class GoStructScanner {

    static final String KIND = "go-struct-tag";

    private static final Pattern STRUCT = Pattern.compile("(?m)^type\\s+(\\w+)\\s+struct\\s*\\{");
    private static final Pattern FIELD = Pattern.compile("(?m)^[ \\t]*(\\w+)(?:[ \\t]*,[ \\t]*\\w+)*[ \\t]+[^`\\n/]*?(`[^`\\n]*`)?[ \\t]*(?://[^\\n]*)?$");
    private static final Pattern DB_TAG = Pattern.compile("\\bdb:\"([^\",]*)");
    private static final Pattern GORM_TAG = Pattern.compile("\\bgorm:\"([^\"]*)\"");
    private static final Pattern GORM_COLUMN = Pattern.compile("(?:^|;)\\s*column:([^;]+)");
    private static final Pattern TABLE_NAME = Pattern.compile(
            "func\\s*\\(\\s*(?:\\w+\\s+)?\\*?\\s*(\\w+)\\s*\\)\\s*TableName\\s*\\(\\s*\\)\\s*string\\s*\\{\\s*return\\s*\"([^\"]+)\"");

    private GoStructScanner() {
    }

    static void scan(SourceFile file, List<Target> targets, Findings out) {
        String text = file.text;
        boolean gormFile = text.contains("gorm.io/gorm") || text.contains("github.com/jinzhu/gorm");
        if (!text.contains("db:\"") && !gormFile) {
            return;
        }
        Matcher struct = STRUCT.matcher(text);
        while (struct.find()) {
            String name = struct.group(1);
            int end = closingBrace(text, struct.end());
            String body = text.substring(struct.end(), end);
            boolean gorm = gormFile && (body.contains("gorm:\"") || body.contains("gorm.Model"));
            Matcher explicit = TABLE_NAME.matcher(text);
            String tableName = null;
            int tableNameAt = -1;
            while (explicit.find()) {
                if (explicit.group(1).equals(name)) {
                    tableName = explicit.group(2);
                    tableNameAt = explicit.start(2);
                }
            }
            String gormTable = tableName != null ? tableName : plural(Identifiers.snake(name));
            for (Target target : targets) {
                boolean maps = gorm ? target.isTable(gormTable) : target.isTable(gormTable) || namedInSql(file, target);
                if (!maps) {
                    continue;
                }
                if (!target.isColumn()) {
                    if (gorm) {
                        out.addAt(file, tableNameAt >= 0 ? tableNameAt : struct.start(), KIND, target, "GORM model " + name + " maps table "
                                + target.table + (tableNameAt >= 0 ? " in its TableName()" : " by GORM's naming (" + gormTable + ")"));
                    }
                    continue;
                }
                Matcher field = FIELD.matcher(text).region(struct.end(), end);
                while (field.find()) {
                    String tag = field.group(2) == null ? "" : field.group(2);
                    Matcher db = DB_TAG.matcher(tag);
                    Matcher gormTag = GORM_TAG.matcher(tag);
                    String column = null;
                    String how = null;
                    int at = field.start(1);
                    if (db.find()) {
                        column = db.group(1);
                        how = "its db tag";
                        at = field.start(2) + db.start(1);
                    } else if (gorm && gormTag.find()) {
                        Matcher c = GORM_COLUMN.matcher(gormTag.group(1));
                        if (c.find()) {
                            column = c.group(1).strip();
                            how = "its gorm column tag";
                            at = field.start(2) + gormTag.start(1) + c.start(1);
                        } else if (!gormTag.group(1).contains("-")) {
                            column = Identifiers.snake(field.group(1));
                            how = "GORM's naming (snake_case of " + field.group(1) + ")";
                        }
                    } else if (gorm && !tag.contains("gorm:\"-") && Character.isUpperCase(field.group(1).charAt(0))) {
                        column = Identifiers.snake(field.group(1));
                        how = "GORM's naming (snake_case of " + field.group(1) + ")";
                    }
                    if (column != null && target.isColumn(column)) {
                        out.addAt(file, at, KIND, target, "Go struct " + name + " field " + field.group(1) + " maps " + target.reference.qualifiedName()
                                + " through " + how);
                    }
                }
            }
        }
    }

    /** Whether a string literal of the file names the table as a word (the struct's query is in the same file). */
    private static boolean namedInSql(SourceFile file, Target target) {
        Matcher literal = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"|`([^`]*)`").matcher(file.text);
        Pattern word = Pattern.compile("(?i)(?<![\\w$])" + Pattern.quote(target.table) + "(?![\\w$])");
        while (literal.find()) {
            String s = literal.group(1) != null ? literal.group(1) : literal.group(2);
            String lower = s.toLowerCase(Locale.ROOT);
            if ((lower.contains("select") || lower.contains("insert") || lower.contains("update") || lower.contains("delete") || lower.contains("from"))
                    && word.matcher(s).find()) {
                return true;
            }
        }
        return false;
    }

    /** GORM's default table name: the snake_case name made plural (the common English rules its inflection applies). */
    static String plural(String snake) {
        if (snake.endsWith("y") && snake.length() > 1 && "aeiou".indexOf(snake.charAt(snake.length() - 2)) < 0) {
            return snake.substring(0, snake.length() - 1) + "ies";
        }
        if (snake.endsWith("s") || snake.endsWith("x") || snake.endsWith("ch") || snake.endsWith("sh") || snake.endsWith("z")) {
            return snake + "es";
        }
        return snake + "s";
    }

    private static int closingBrace(String text, int from) {
        int depth = 1;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '`') {
                int j = text.indexOf('`', i + 1);
                i = j < 0 ? text.length() : j;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return text.length();
    }
}
