package dev.plc.plan.impact;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads JPA entity classes (Java, Kotlin): the table they map and the column of each persistent field, with
 * Spring Boot's default physical naming (camelCase to snake_case, applied to explicit names too).
 */
final class JpaEntities {

    record Entity(SourceFile file, String className, String table, int tableOffset, List<Field> fields) {

        boolean maps(Target target) {
            return target.isTable(table) || target.table.equals(Identifiers.snake(table));
        }
    }

    /**
     * A persistent field; {@code offset} is where its column is named (the @Column line) or, when implicit, the declaration.
     * {@code insertable} is false for generated ids and {@code insertable = false} columns: an INSERT does not name them.
     */
    record Field(String name, String column, int offset, boolean explicit, boolean insertable) {

        boolean maps(Target target) {
            return target.isColumn(column) || target.column != null && target.column.equals(Identifiers.snake(Identifiers.unquote(column)));
        }
    }

    private static final Pattern ENTITY = Pattern.compile("@(?:jakarta\\.persistence\\.|javax\\.persistence\\.)?Entity\\b(\\s*\\(([^)]*)\\))?");
    private static final Pattern CLASS = Pattern.compile("\\bclass\\s+(\\w+)");
    private static final Pattern TABLE = Pattern.compile("@(?:[\\w.]*\\.)?Table\\s*\\(([^)]*)\\)");
    private static final Pattern NAME_ARG = Pattern.compile("\\bname\\s*=\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern ONLY_STRING_ARG = Pattern.compile("^\\s*\"([^\"]+)\"\\s*$");
    private static final Pattern COLUMN_ANNOTATION = Pattern.compile("@(?:\\w+:)?(?:[\\w.]*\\.)?(Column|JoinColumn)\\s*\\(([^)]*)\\)");
    private static final Pattern LEADING_ANNOTATIONS = Pattern.compile("^(?:@[\\w.:]+(?:\\s*\\((?:[^()]|\\([^()]*\\))*\\))?\\s*)+");
    private static final Pattern JAVA_FIELD = Pattern.compile(
            "^(?:(?:private|protected|public|final|transient|volatile)\\s+)*(?!return\\b|throw\\b|import\\b|package\\b)"
                    + "[\\w.]+(?:\\s*<[^;=()]*>)?(?:\\[\\])*\\s+(\\w+)\\s*(?:=[^;]*)?;");
    private static final Pattern NOT_INSERTABLE = Pattern.compile("\\binsertable\\s*=\\s*false\\b");
    private static final Pattern KOTLIN_PROPERTY = Pattern.compile("\\bva[lr]\\s+(\\w+)\\s*:");

    private JpaEntities() {
    }

    static Optional<Entity> read(SourceFile file) {
        String text = file.text;
        if (!text.contains("@Entity") && !text.contains("persistence.Entity")) {
            return Optional.empty();
        }
        Matcher entity = ENTITY.matcher(text);
        if (!entity.find()) {
            return Optional.empty();
        }
        Matcher cls = CLASS.matcher(text);
        if (!cls.find(entity.end())) {
            return Optional.empty();
        }
        String className = cls.group(1);
        String table = Identifiers.snake(className);
        int tableOffset = cls.start();
        Matcher t = TABLE.matcher(text);
        Optional<String> tableName = t.find() && t.start() < cls.start() ? name(t.group(1)) : Optional.empty();
        if (tableName.isPresent()) {
            table = Identifiers.unquote(tableName.get());
            tableOffset = t.start();
        } else if (entity.group(2) != null) {
            // no @Table: the entity name is the table name, through the naming strategy
            Optional<String> entityName = name(entity.group(2));
            if (entityName.isPresent()) {
                table = Identifiers.snake(entityName.get());
            }
        }
        int bodyStart = text.indexOf('{', cls.end());
        if (bodyStart < 0) {
            bodyStart = cls.end();
        }
        List<Field> fields = file.extension.equals("java") ? javaFields(file, bodyStart) : kotlinFields(file, cls.end());
        return Optional.of(new Entity(file, className, table, tableOffset, fields));
    }

    private static Optional<String> name(String args) {
        Matcher named = NAME_ARG.matcher(args);
        if (named.find()) {
            return Optional.of(named.group(1));
        }
        Matcher only = ONLY_STRING_ARG.matcher(args);
        return only.find() ? Optional.of(only.group(1)) : Optional.empty();
    }

    /** Fields declared directly in the class body (brace depth 1), with the annotations on the lines above them. */
    private static List<Field> javaFields(SourceFile file, int bodyStart) {
        List<Field> fields = new ArrayList<>();
        int depth = 1;
        StringBuilder annotations = new StringBuilder();
        int annotationsStart = -1;
        int parens = 0;
        int line = file.lineOf(bodyStart);
        String first = file.text.substring(bodyStart + 1, Math.min(file.text.length(), file.lineStart(line) + file.lineText(line).length()));
        depth += braces(first);
        for (line = line + 1; line <= file.lineCount(); line++) {
            String raw = file.lineText(line);
            String code = stripLineComment(raw).strip();
            int lineStart = file.lineStart(line);
            if (depth == 1 && !code.isEmpty()) {
                if (code.startsWith("@") || parens > 0) {
                    if (annotationsStart < 0) {
                        annotationsStart = lineStart;
                    }
                    annotations.append(code).append('\n');
                    parens += count(code, '(') - count(code, ')');
                    Matcher lead = LEADING_ANNOTATIONS.matcher(code);
                    String rest = parens == 0 && lead.lookingAt() ? code.substring(lead.end()).strip() : "";
                    Matcher field = JAVA_FIELD.matcher(rest);
                    if (!rest.isEmpty() && field.lookingAt()) {
                        add(fields, field.group(1), annotations.toString(), annotationsStart, lineStart, file);
                        annotations.setLength(0);
                        annotationsStart = -1;
                    }
                } else {
                    Matcher field = JAVA_FIELD.matcher(code);
                    if (field.lookingAt()) {
                        add(fields, field.group(1), annotations.toString(), annotationsStart, lineStart, file);
                    }
                    annotations.setLength(0);
                    annotationsStart = -1;
                }
            }
            depth += braces(code);
            if (depth <= 0) {
                break;
            }
        }
        return fields;
    }

    /** Kotlin properties (constructor or body); the annotations are the text since the previous property. */
    private static List<Field> kotlinFields(SourceFile file, int from) {
        List<Field> fields = new ArrayList<>();
        Matcher m = KOTLIN_PROPERTY.matcher(file.text);
        int previous = from;
        while (m.find(previous)) {
            String before = file.text.substring(previous, m.start());
            int lastBlank = Math.max(before.lastIndexOf('}'), before.lastIndexOf(';'));
            int start = lastBlank < 0 ? previous : previous + lastBlank + 1;
            add(fields, m.group(1), file.text.substring(start, m.start()), start, m.start(), file);
            previous = m.end();
        }
        return fields;
    }

    private static void add(List<Field> fields, String name, String annotations, int annotationsStart, int declaration, SourceFile file) {
        if (annotations.contains("@Transient") || annotations.contains("OneToMany") || annotations.contains("ManyToMany")) {
            return;
        }
        boolean insertable = !annotations.contains("@GeneratedValue") && !NOT_INSERTABLE.matcher(annotations).find();
        Matcher column = COLUMN_ANNOTATION.matcher(annotations);
        if (column.find()) {
            Optional<String> explicit = name(column.group(2));
            if (explicit.isPresent()) {
                int offset = annotationsStart >= 0 ? file.text.indexOf(column.group(), annotationsStart) : -1;
                fields.add(new Field(name, Identifiers.unquote(explicit.get()), offset >= 0 ? offset : declaration, true, insertable));
                return;
            }
        }
        boolean association = annotations.contains("ManyToOne") || annotations.contains("OneToOne");
        fields.add(new Field(name, Identifiers.snake(name) + (association ? "_id" : ""), declaration, false, insertable));
    }

    private static String stripLineComment(String line) {
        int i = line.indexOf("//");
        return i < 0 || line.lastIndexOf('"', i) >= 0 ? line : line.substring(0, i);
    }

    private static int braces(String code) {
        return count(code, '{') - count(code, '}');
    }

    private static int count(String s, char c) {
        int n = 0;
        boolean inString = false;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '"' && (i == 0 || s.charAt(i - 1) != '\\')) {
                inString = !inString;
            } else if (ch == c && !inString) {
                n++;
            }
        }
        return n;
    }
}
