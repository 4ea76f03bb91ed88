package dev.plc.plan.impact;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ORM model declarations outside the JVM: Django {@code models.Model} classes, Prisma {@code model} blocks and
 * TypeORM {@code @Entity} classes, each with its framework's default table and column naming.
 */
final class OrmModelScanner {

    static final String KIND = "orm-model";

    private OrmModelScanner() {
    }

    // ---- Django: table = Meta.db_table or <app_label>_<model name lower>; column = db_column, field name, or <name>_id for keys

    private static final Pattern DJANGO_CLASS = Pattern.compile("^([ \\t]*)class\\s+(\\w+)\\s*\\(([^)]*)\\)\\s*:", Pattern.MULTILINE);
    private static final Pattern DJANGO_FIELD = Pattern.compile("^([ \\t]+)(\\w+)\\s*=\\s*(?:models\\.)?(\\w*Field|ForeignKey|OneToOneField)\\s*\\(",
            Pattern.MULTILINE);
    private static final Pattern DB_TABLE = Pattern.compile("\\bdb_table\\s*=\\s*['\"]([^'\"]+)['\"]");
    private static final Pattern DB_COLUMN = Pattern.compile("\\bdb_column\\s*=\\s*['\"]([^'\"]+)['\"]");

    static void scanDjango(SourceFile file, List<Target> targets, Findings out) {
        if (!file.text.contains("models.Model") && !file.text.contains("django.db")) {
            return;
        }
        String app = djangoAppLabel(file.path);
        Matcher cls = DJANGO_CLASS.matcher(file.text);
        List<int[]> classes = new ArrayList<>();
        while (cls.find()) {
            if (cls.group(3).contains("Model")) {
                classes.add(new int[] {cls.start(), cls.group(1).length(), cls.start(2), cls.end(2)});
            }
        }
        for (int[] c : classes) {
            String name = file.text.substring(c[2], c[3]);
            int end = blockEnd(file.text, c[0], c[1]);
            String body = file.text.substring(c[0], end);
            Matcher dbTable = DB_TABLE.matcher(body);
            String table = dbTable.find() ? dbTable.group(1) : (app == null ? "" : app + "_") + name.toLowerCase(java.util.Locale.ROOT);
            int tableOffset = dbTable.find(0) ? c[0] + dbTable.start() : c[0];
            for (Target target : targets) {
                if (!target.isTable(table)) {
                    continue;
                }
                if (!target.isColumn()) {
                    out.addAt(file, c[0], KIND, target, "Django model " + name + " maps table " + target.table);
                    if (tableOffset != c[0]) {
                        out.addAt(file, tableOffset, KIND, target, "Django model " + name + " names table " + target.table + " in Meta.db_table");
                    }
                    continue;
                }
                Matcher field = DJANGO_FIELD.matcher(file.text).region(c[0], end);
                while (field.find()) {
                    if (field.group(1).length() <= c[1]) {
                        continue;
                    }
                    int next = nextFieldOrEnd(file.text, field.end(), end);
                    Matcher dbColumn = DB_COLUMN.matcher(file.text).region(field.start(), next);
                    boolean key = field.group(3).equals("ForeignKey") || field.group(3).equals("OneToOneField");
                    String column = dbColumn.find() ? dbColumn.group(1) : field.group(2) + (key ? "_id" : "");
                    if (target.isColumn(column)) {
                        out.addAt(file, field.start(2), KIND, target, "Django model " + name + " field " + field.group(2) + " maps "
                                + target.reference.qualifiedName() + "; update the model and generate the migration with makemigrations");
                    }
                }
            }
        }
    }

    /** Django's app label of a models file: its folder (or the folder above a models/ package). */
    static String djangoAppLabel(String path) {
        String[] segments = path.split("/");
        if (segments.length < 2) {
            return null;
        }
        String parent = segments[segments.length - 2];
        return parent.equals("models") ? segments.length >= 3 ? segments[segments.length - 3] : null : parent;
    }

    /** The end of a Python block that starts at {@code start} with the given indentation. */
    static int blockEnd(String text, int start, int indent) {
        int lineEnd = text.indexOf('\n', start);
        while (lineEnd >= 0 && lineEnd + 1 < text.length()) {
            int lineStart = lineEnd + 1;
            int i = lineStart;
            while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
                i++;
            }
            boolean blank = i >= text.length() || text.charAt(i) == '\n' || text.charAt(i) == '\r' || text.charAt(i) == '#';
            if (!blank && i - lineStart <= indent) {
                return lineStart;
            }
            lineEnd = text.indexOf('\n', lineStart);
        }
        return text.length();
    }

    private static int nextFieldOrEnd(String text, int from, int end) {
        Matcher next = DJANGO_FIELD.matcher(text).region(from, end);
        return next.find() ? next.start() : end;
    }

    // ---- Prisma: table = @@map or the model name; column = @map or the field name; relation fields have no column

    private static final Pattern PRISMA_MODEL = Pattern.compile("^\\s*model\\s+(\\w+)\\s*\\{", Pattern.MULTILINE);
    private static final Pattern PRISMA_TABLE_MAP = Pattern.compile("@@map\\s*\\(\\s*(?:name\\s*:\\s*)?\"([^\"]+)\"");
    private static final Pattern PRISMA_FIELD = Pattern.compile("^[ \\t]*(\\w+)\\s+(\\w+)(\\[\\])?\\??([^\\n]*)$", Pattern.MULTILINE);
    private static final Pattern PRISMA_MAP = Pattern.compile("(?<!@)@map\\s*\\(\\s*(?:name\\s*:\\s*)?\"([^\"]+)\"");

    static void scanPrisma(SourceFile file, List<Target> targets, Findings out) {
        Set<String> models = new HashSet<>();
        Matcher model = PRISMA_MODEL.matcher(file.text);
        while (model.find()) {
            models.add(model.group(1));
        }
        model.reset();
        while (model.find()) {
            int end = file.text.indexOf('}', model.end());
            end = end < 0 ? file.text.length() : end;
            Matcher map = PRISMA_TABLE_MAP.matcher(file.text).region(model.end(), end);
            boolean mapped = map.find();
            String table = mapped ? map.group(1) : model.group(1);
            for (Target target : targets) {
                if (!target.isTable(table)) {
                    continue;
                }
                if (!target.isColumn()) {
                    out.addAt(file, model.start(1), KIND, target, "Prisma model " + model.group(1) + " maps table " + target.table);
                    if (mapped) {
                        out.addAt(file, map.start(), KIND, target, "Prisma model " + model.group(1) + " names table " + target.table + " in @@map");
                    }
                    continue;
                }
                Matcher field = PRISMA_FIELD.matcher(file.text).region(model.end(), end);
                while (field.find()) {
                    String attributes = field.group(4);
                    if (field.group(1).startsWith("@") || models.contains(field.group(2)) || field.group(3) != null
                            || attributes.contains("@relation")) {
                        continue;
                    }
                    Matcher columnMap = PRISMA_MAP.matcher(attributes);
                    String column = columnMap.find() ? columnMap.group(1) : field.group(1);
                    if (target.isColumn(column)) {
                        out.addAt(file, field.start(1), KIND, target, "Prisma model " + model.group(1) + " field " + field.group(1)
                                + " maps " + target.reference.qualifiedName() + "; update schema.prisma and regenerate the client");
                    }
                }
            }
        }
    }

    // ---- TypeORM: table = @Entity("name") / {name} or snake_case(class); column = {name} or the property name as written

    private static final Pattern TYPEORM_ENTITY = Pattern.compile("@Entity\\s*\\(([^)]*)\\)\\s*(?:export\\s+)?(?:default\\s+)?(?:abstract\\s+)?class\\s+(\\w+)");
    private static final Pattern TYPEORM_COLUMN = Pattern.compile(
            "@(Column|PrimaryColumn|PrimaryGeneratedColumn|CreateDateColumn|UpdateDateColumn|DeleteDateColumn|VersionColumn|JoinColumn"
                    + "|ManyToOne|OneToOne)\\s*\\(((?:[^()]|\\([^()]*\\))*)\\)((?:\\s*@\\w+\\s*\\((?:[^()]|\\([^()]*\\))*\\))*)\\s*"
                    + "(?:(?:public|private|protected|readonly|declare)\\s+)*(\\w+)[!?]?\\s*:");
    private static final Pattern TS_NAME = Pattern.compile("\\bname\\s*:\\s*['\"`]([^'\"`]+)['\"`]");
    private static final Pattern TS_ONLY_STRING = Pattern.compile("^\\s*['\"`]([^'\"`]+)['\"`]\\s*$");

    static void scanTypeOrm(SourceFile file, List<Target> targets, Findings out) {
        if (!file.text.contains("typeorm") || !file.text.contains("@Entity")) {
            return;
        }
        Matcher entity = TYPEORM_ENTITY.matcher(file.text);
        while (entity.find()) {
            String args = entity.group(1);
            Matcher only = TS_ONLY_STRING.matcher(args);
            Matcher named = TS_NAME.matcher(args);
            String table = only.find() ? only.group(1) : named.find() ? named.group(1) : Identifiers.snake(entity.group(2));
            int bodyEnd = nextEntity(file.text, entity.end());
            for (Target target : targets) {
                if (!target.isTable(table)) {
                    continue;
                }
                if (!target.isColumn()) {
                    out.addAt(file, entity.start(), KIND, target, "TypeORM entity " + entity.group(2) + " maps table " + target.table);
                    continue;
                }
                Matcher column = TYPEORM_COLUMN.matcher(file.text).region(entity.end(), bodyEnd);
                while (column.find()) {
                    String decorator = column.group(1);
                    Matcher name = TS_NAME.matcher(column.group(2) + column.group(3));
                    boolean relation = decorator.equals("ManyToOne") || decorator.equals("OneToOne") || column.group(3).contains("JoinColumn");
                    String property = column.group(4);
                    String mapped = name.find() ? name.group(1) : relation ? property + "Id" : property;
                    if (target.isColumn(mapped)) {
                        out.addAt(file, column.start(), KIND, target, "TypeORM entity " + entity.group(2) + " property " + property
                                + " maps " + target.reference.qualifiedName());
                    }
                }
            }
        }
    }

    private static int nextEntity(String text, int from) {
        int next = text.indexOf("@Entity", from);
        return next < 0 ? text.length() : next;
    }
}
