package dev.plc.plan.impact;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Spring Data repositories of an entity that maps the table: derived query methods whose property path names the
 * column's field ({@code findByEmail}, {@code findByFullNameIgnoreCase}) and JPQL {@code @Query} strings that use
 * the field. Native queries are SQL and are found as SQL strings.
 */
final class SpringDataScanner {

    static final String KIND = "spring-data";

    private static final Pattern REPOSITORY = Pattern.compile(
            "\\binterface\\s+(\\w+)\\s*(?:<[^>]*>)?\\s*(?:extends|:)\\s*[^{]*?\\b([\\w.]*Repository)\\s*<\\s*([\\w.]+)\\s*,");
    private static final Pattern DERIVED = Pattern.compile(
            "\\b(?:find|read|get|query|search|stream|count|exists|delete|remove)\\w*?By([A-Z]\\w*)\\s*\\(");
    private static final Pattern QUERY_BEFORE = Pattern.compile("@(?:[\\w.]*\\.)?Query\\s*\\(\\s*(?:value\\s*=\\s*)?$");
    private static final Pattern NATIVE = Pattern.compile("^[^)]*nativeQuery\\s*=\\s*true");

    private SpringDataScanner() {
    }

    static void scan(SourceFile file, Language language, List<JpaEntities.Entity> entities, List<Target> targets, Findings out) {
        if (!file.text.contains("Repository")) {
            return;
        }
        Matcher repository = REPOSITORY.matcher(file.text);
        if (!repository.find()) {
            return;
        }
        String entityName = repository.group(3).substring(repository.group(3).lastIndexOf('.') + 1);
        for (JpaEntities.Entity entity : entities) {
            if (!entity.className().equals(entityName)) {
                continue;
            }
            for (Target target : targets) {
                if (!entity.maps(target)) {
                    continue;
                }
                if (!target.isColumn()) {
                    out.addAt(file, repository.start(), KIND, target, "Spring Data repository " + repository.group(1)
                            + " serves entity " + entityName + " of table " + target.table);
                    continue;
                }
                List<String> properties = entity.fields().stream().filter(f -> f.maps(target)).map(JpaEntities.Field::name).toList();
                if (properties.isEmpty()) {
                    continue;
                }
                derivedQueries(file, entity, properties, target, out);
                jpqlQueries(file, language, entityName, properties, target, out);
            }
        }
    }

    private static void derivedQueries(SourceFile file, JpaEntities.Entity entity, List<String> properties, Target target, Findings out) {
        List<String> all = entity.fields().stream().map(f -> Identifiers.capitalize(f.name()))
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
        Matcher method = DERIVED.matcher(file.text);
        while (method.find()) {
            for (String property : propertyPath(method.group(1), all)) {
                if (properties.stream().anyMatch(p -> Identifiers.capitalize(p).equals(property))) {
                    out.addAt(file, method.start(), KIND, target, "derived query method " + method.group().replaceAll("\\s*\\($", "")
                            + " reads " + target.reference.qualifiedName() + " through property " + Identifiers.decapitalize(property));
                    break;
                }
            }
        }
    }

    /** The entity properties a derived query's predicate names, longest property first so that EmailAddress beats Email. */
    static List<String> propertyPath(String predicate, List<String> capitalizedProperties) {
        List<String> found = new ArrayList<>();
        int i = 0;
        while (i < predicate.length()) {
            boolean matched = false;
            for (String property : capitalizedProperties) {
                int end = i + property.length();
                if (predicate.startsWith(property, i) && (end == predicate.length() || !Character.isLowerCase(predicate.charAt(end)))) {
                    found.add(property);
                    i = end;
                    matched = true;
                    break;
                }
            }
            if (!matched) {
                i++;
                while (i < predicate.length() && !Character.isUpperCase(predicate.charAt(i))) {
                    i++;
                }
            }
        }
        return found;
    }

    private static void jpqlQueries(SourceFile file, Language language, String entityName, List<String> properties, Target target, Findings out) {
        Pattern entityWord = Target.word(entityName, false);
        List<Pattern> propertyWords = properties.stream().map(p -> Target.word(p, false)).toList();
        for (StringLiterals.Group group : StringLiterals.groups(file.text, language)) {
            StringLiterals.Literal first = group.literals().get(0);
            String before = file.text.substring(Math.max(0, first.openStart() - 200), first.openStart());
            if (!QUERY_BEFORE.matcher(before).find() || !entityWord.matcher(group.text()).find()) {
                continue;
            }
            StringLiterals.Literal last = group.literals().get(group.literals().size() - 1);
            if (NATIVE.matcher(file.text.substring(last.closeEnd(), Math.min(file.text.length(), last.closeEnd() + 200))).find()) {
                continue;
            }
            for (int p = 0; p < properties.size(); p++) {
                String property = properties.get(p);
                Matcher use = propertyWords.get(p).matcher(group.text());
                while (use.find()) {
                    out.addAt(file, group.fileOffset(use.start()), KIND, target, "JPQL @Query reads " + target.reference.qualifiedName()
                            + " through " + entityName + "." + property);
                }
            }
        }
    }
}
