package dev.plc.plan.impact;

import dev.plc.repo.RepoIndex;
import dev.plc.repo.TestPaths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Static N+1 hints: an ORM relation of a table the change touches (declared on it, or pointing at it) that the code
 * reads inside a loop over the owning rows, so each row costs one more query unless the rows were fetched with it.
 * JPA ({@code @OneToMany}, {@code @ManyToMany}, {@code @ManyToOne}, {@code @OneToOne}, Java and Kotlin), Django
 * ({@code ForeignKey}, {@code OneToOneField}, {@code ManyToManyField}) and SQLAlchemy ({@code relationship}).
 *
 * <p>These are hints read from the text, not measurements: a loop variable's type is known only in a Java
 * {@code for} over a named type; elsewhere the file must name the owning class. A relation fetched in batches
 * ({@code @BatchSize}, {@code @Fetch(SUBSELECT)}, SQLAlchemy {@code lazy="selectin"/"joined"/"subquery"}) is no
 * hint; a loop whose header fetches it ({@code select_related}, {@code prefetch_related}, {@code joinedload},
 * {@code selectinload}) is none either; a fetch plan elsewhere (a JPQL {@code JOIN FETCH}, an {@code @EntityGraph})
 * is named in the hint, since the loop's rows may or may not come from it.
 */
public final class NPlusOne {

    /**
     * One access of a relation inside a loop.
     *
     * @param file     where the loop is, repo-relative
     * @param line     the line of the access
     * @param kind     {@code jpa-relation}, {@code django-relation} or {@code sqlalchemy-relation}
     * @param table    the table the change touches that the relation involves
     * @param relation {@code Owner.field}
     * @param declared where the relation is declared, {@code file:line}
     * @param message  what happens, in words
     * @param fix      how to fetch the relation with the rows
     */
    public record Hint(String file, int line, String kind, String table, String relation, String declared, String message, String fix) {
    }

    /** A relation as declared: owner class and table, field, target class, whether it is a collection, and how it is fetched. */
    private record Relation(String kind, String owner, String ownerTable, String field, String target, boolean collection, String annotation,
                            boolean eager, boolean batched, SourceFile file, int offset) {
    }

    private static final Pattern JPA_RELATION = Pattern.compile(
            "@(?:jakarta\\.persistence\\.|javax\\.persistence\\.)?(OneToMany|ManyToOne|ManyToMany|OneToOne)\\b(\\s*\\((?:[^()]|\\([^()]*\\))*\\))?");
    private static final Pattern JAVA_DECLARATION = Pattern.compile(
            "\\s*(?:@[\\w.]+(?:\\s*\\((?:[^()]|\\([^()]*\\))*\\))?\\s*)*(?:(?:private|protected|public|final)\\s+)*([\\w.]+)(?:\\s*<\\s*(?:[\\w.]+\\s*,\\s*)?([\\w.]+)\\s*>)?\\s+(\\w+)\\s*(?:=[^;]*)?;");
    private static final Pattern KOTLIN_DECLARATION = Pattern.compile(
            "\\s*(?:@[\\w.:]+(?:\\s*\\((?:[^()]|\\([^()]*\\))*\\))?\\s*)*(?:(?:private|protected|public|open|lateinit|override)\\s+)*va[lr]\\s+(\\w+)\\s*:\\s*([\\w.]+)(?:\\s*<\\s*([\\w.]+)\\??\\s*>)?");
    private static final Pattern EAGER = Pattern.compile("FetchType\\.EAGER");
    private static final Pattern LAZY = Pattern.compile("FetchType\\.LAZY");
    private static final Pattern BATCHED = Pattern.compile("@(?:[\\w.]*\\.)?BatchSize\\b|@(?:[\\w.]*\\.)?Fetch\\s*\\(\\s*(?:value\\s*=\\s*)?(?:FetchMode\\.)?(?:SUBSELECT|JOIN)");

    private static final Pattern PY_CLASS = Pattern.compile("^([ \\t]*)class\\s+(\\w+)\\s*\\(([^)]*)\\)\\s*:", Pattern.MULTILINE);
    private static final Pattern DJANGO_RELATION = Pattern.compile(
            "^[ \\t]+(\\w+)\\s*=\\s*(?:models\\.)?(ForeignKey|OneToOneField|ManyToManyField)\\s*\\(\\s*(?:to\\s*=\\s*)?['\"]?([\\w.]+)['\"]?", Pattern.MULTILINE);
    private static final Pattern DB_TABLE = Pattern.compile("\\bdb_table\\s*=\\s*['\"]([^'\"]+)['\"]");
    private static final Pattern TABLENAME = Pattern.compile("__tablename__\\s*=\\s*['\"]([^'\"]+)['\"]");
    private static final Pattern SQLALCHEMY_RELATION = Pattern.compile(
            "^[ \\t]+(\\w+)\\s*(?::\\s*Mapped\\[([^\\n=]*)\\])?\\s*=\\s*(?:orm\\.)?relationship\\s*\\(\\s*(?:['\"](\\w+)['\"]|(\\w++)(?!\\s*=))?([^\\n]*)", Pattern.MULTILINE);
    private static final Pattern SQLALCHEMY_BATCHED = Pattern.compile("\\blazy\\s*=\\s*['\"](selectin|joined|subquery|immediate|raise|raise_on_sql|noload|dynamic|write_only)['\"]");

    private static final Pattern JAVA_FOR = Pattern.compile("\\bfor\\s*\\(\\s*(?:final\\s+)?([\\w.]+)(?:\\s*<[^>]*>)?\\s+(\\w+)\\s*:");
    private static final Pattern KOTLIN_FOR = Pattern.compile("\\bfor\\s*\\(\\s*(\\w+)(?:\\s*:\\s*[\\w.]+\\??)?\\s+in\\b");
    private static final Pattern JAVA_LAMBDA = Pattern.compile(
            "\\.(forEach|map|flatMap|filter|peek|mapToInt|mapToLong|mapToDouble|anyMatch|allMatch|noneMatch|collect|forEachOrdered)\\s*\\(\\s*\\(?\\s*(?:[\\w.]+\\s+)?(\\w+)\\s*\\)?\\s*->");
    private static final Pattern KOTLIN_LAMBDA = Pattern.compile(
            "\\.(forEach|map|flatMap|filter|onEach|sumOf|mapNotNull|associate\\w*|groupBy|any|all|none|count)\\s*\\{\\s*(?:(\\w+)\\s*->)?");
    private static final Pattern PY_FOR = Pattern.compile("^([ \\t]*)(?:async\\s+)?for\\s+(\\w+)\\s+in\\s+([^\\n]+?):[ \\t]*(?:#[^\\n]*)?$", Pattern.MULTILINE);
    private static final Pattern PY_EAGER = Pattern.compile("\\b(select_related|prefetch_related|joinedload|selectinload|subqueryload|contains_eager)\\s*\\(([^)]*)\\)");

    private NPlusOne() {
    }

    /** The hints for relations that involve one of {@code tables} (names as the database has them, any case). */
    public static List<Hint> find(RepoIndex repo, Set<String> tables) {
        if (tables.isEmpty()) {
            return List.of();
        }
        Set<String> touched = new LinkedHashSet<>();
        tables.forEach(t -> touched.add(Identifiers.unquote(t.contains(".") ? t.substring(t.lastIndexOf('.') + 1) : t).toLowerCase(Locale.ROOT)));
        List<SourceFile> files = new ArrayList<>();
        for (String path : repo.files()) {
            String ext = SourceFile.extensionOf(path);
            if ((ext.equals("java") || ext.equals("kt") || ext.equals("py")) && !TestPaths.isTest(path)) {
                ImpactFinder.load(repo, path).ifPresent(files::add);
            }
        }
        Map<String, String> tableOf = new TreeMap<>();
        List<Relation> relations = new ArrayList<>();
        for (SourceFile file : files) {
            if (ImpactFinder.isJvm(file)) {
                if (JooqScanner.isGenerated(file)) {
                    continue;
                }
                JpaEntities.read(file).ifPresent(entity -> {
                    tableOf.put(entity.className(), entity.table());
                    jpaRelations(file, entity, relations);
                });
            } else {
                pythonModels(file, tableOf, relations);
            }
        }
        List<Relation> wanted = relations.stream().filter(r -> !r.batched() && (involves(r.ownerTable(), touched)
                || involves(tableOf.get(r.target()), touched))).toList();
        if (wanted.isEmpty()) {
            return List.of();
        }
        List<Hint> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (SourceFile file : files) {
            for (Relation r : wanted) {
                boolean jvm = ImpactFinder.isJvm(file);
                if (jvm != r.kind().equals("jpa-relation")) {
                    continue;
                }
                List<Integer> accesses = jvm ? (file.extension.equals("java") ? javaLoops(file, r) : kotlinLoops(file, r)) : pythonLoops(file, r);
                for (int offset : accesses) {
                    int line = file.lineOf(offset);
                    if (seen.add(file.path + ":" + line + ":" + r.owner() + "." + r.field())) {
                        out.add(hint(file, line, r, involves(r.ownerTable(), touched) ? r.ownerTable() : tableOf.get(r.target()), tableOf, files));
                    }
                }
            }
        }
        return out;
    }

    private static boolean involves(String table, Set<String> touched) {
        return table != null && touched.contains(Identifiers.unquote(table).toLowerCase(Locale.ROOT));
    }

    // ---- declarations

    private static void jpaRelations(SourceFile file, JpaEntities.Entity entity, List<Relation> out) {
        String text = file.text;
        Matcher m = JPA_RELATION.matcher(text);
        while (m.find()) {
            String args = m.group(2) == null ? "" : m.group(2);
            Matcher decl = (file.extension.equals("java") ? JAVA_DECLARATION : KOTLIN_DECLARATION).matcher(text);
            decl.region(m.end(), text.length());
            if (!decl.lookingAt()) {
                continue;
            }
            String field;
            String target;
            if (file.extension.equals("java")) {
                field = decl.group(3);
                target = decl.group(2) != null ? decl.group(2) : decl.group(1);
            } else {
                field = decl.group(1);
                target = decl.group(3) != null ? decl.group(3) : decl.group(2);
            }
            target = target.substring(target.lastIndexOf('.') + 1);
            // the annotations of this field: from the end of the previous declaration to the end of this one
            int from = Math.max(Math.max(text.lastIndexOf(';', m.start()), text.lastIndexOf('{', m.start())), text.lastIndexOf('}', m.start())) + 1;
            String annotations = text.substring(from, decl.end());
            boolean collection = m.group(1).endsWith("ToMany");
            boolean eager = EAGER.matcher(args).find() || !collection && !LAZY.matcher(args).find();
            out.add(new Relation("jpa-relation", entity.className(), entity.table(), field, target, collection, "@" + m.group(1), eager,
                    BATCHED.matcher(annotations).find(), file, m.start()));
        }
    }

    private static void pythonModels(SourceFile file, Map<String, String> tableOf, List<Relation> out) {
        boolean django = file.text.contains("models.Model") || file.text.contains("django.db");
        boolean sqlalchemy = file.text.contains("relationship(") || file.text.contains("__tablename__");
        if (!django && !sqlalchemy) {
            return;
        }
        Matcher cls = PY_CLASS.matcher(file.text);
        while (cls.find()) {
            int indent = cls.group(1).length();
            int end = OrmModelScanner.blockEnd(file.text, cls.start(), indent);
            String body = file.text.substring(cls.start(), end);
            String name = cls.group(2);
            Matcher tablename = TABLENAME.matcher(body);
            if (tablename.find()) {
                tableOf.put(name, tablename.group(1));
                Matcher rel = SQLALCHEMY_RELATION.matcher(file.text).region(cls.start(), end);
                while (rel.find()) {
                    String mapped = rel.group(2);
                    String target = rel.group(3) != null ? rel.group(3) : rel.group(4) != null ? rel.group(4) : mapped == null ? ""
                            : mapped.replaceAll("(?i)^\\s*(?:list|set|optional)\\[|[\\]'\"]|\\s*\\|\\s*None", "").strip();
                    boolean collection = mapped != null && mapped.matches("(?i)\\s*(list|set)\\[.*") || rel.group(5).contains("uselist=True");
                    out.add(new Relation("sqlalchemy-relation", name, tablename.group(1), rel.group(1), target, collection, "relationship()", false,
                            SQLALCHEMY_BATCHED.matcher(rel.group(5)).find(), file, rel.start(1)));
                }
            } else if (django && cls.group(3).contains("Model")) {
                Matcher dbTable = DB_TABLE.matcher(body);
                String app = OrmModelScanner.djangoAppLabel(file.path);
                String table = dbTable.find() ? dbTable.group(1) : (app == null ? "" : app + "_") + name.toLowerCase(Locale.ROOT);
                tableOf.put(name, table);
                Matcher rel = DJANGO_RELATION.matcher(file.text).region(cls.start(), end);
                while (rel.find()) {
                    String target = rel.group(3).substring(rel.group(3).lastIndexOf('.') + 1);
                    out.add(new Relation("django-relation", name, table, rel.group(1), target, rel.group(2).equals("ManyToManyField"),
                            rel.group(2), false, false, file, rel.start(1)));
                }
            }
        }
    }

    // ---- loops

    /** Offsets of {@code v.getField()} inside a for-each over the owner (or {@code var}), or a stream lambda or method reference. */
    private static List<Integer> javaLoops(SourceFile file, Relation r) {
        String getter = "get" + Identifiers.capitalize(r.field());
        if (!file.text.contains(getter)) {
            return List.of();
        }
        boolean namesOwner = Pattern.compile("\\b" + r.owner() + "\\b").matcher(file.text).find();
        List<Integer> out = new ArrayList<>();
        Matcher loop = JAVA_FOR.matcher(file.text);
        while (loop.find()) {
            String type = loop.group(1);
            if (!type.equals(r.owner()) && !type.endsWith("." + r.owner()) && !(type.equals("var") && namesOwner)) {
                continue;
            }
            int[] body = javaBody(file.text, loop.end());
            accesses(file.text, body, Pattern.compile("\\b" + loop.group(2) + "\\s*\\.\\s*" + getter + "\\s*\\(\\s*\\)"), out);
        }
        if (namesOwner) {
            Matcher lambda = JAVA_LAMBDA.matcher(file.text);
            while (lambda.find()) {
                int end = closing(file.text, lambda.end(), '(', ')');
                accesses(file.text, new int[] {lambda.end(), end}, Pattern.compile("\\b" + lambda.group(2) + "\\s*\\.\\s*" + getter + "\\s*\\(\\s*\\)"), out);
            }
            Matcher ref = Pattern.compile("\\.(?:map|flatMap|forEach|peek|mapToInt|mapToLong|collect)\\s*\\(\\s*(?:[\\w.]*\\.)?" + r.owner() + "::" + getter + "\\b")
                    .matcher(file.text);
            while (ref.find()) {
                out.add(ref.start());
            }
        }
        return out;
    }

    private static List<Integer> kotlinLoops(SourceFile file, Relation r) {
        if (!Pattern.compile("\\.\\s*" + r.field() + "\\b").matcher(file.text).find()
                || !Pattern.compile("\\b" + r.owner() + "\\b").matcher(file.text).find()) {
            return List.of();
        }
        List<Integer> out = new ArrayList<>();
        Matcher loop = KOTLIN_FOR.matcher(file.text);
        while (loop.find()) {
            int[] body = javaBody(file.text, closing(file.text, loop.end(), '(', ')') + 1);
            accesses(file.text, body, Pattern.compile("\\b" + loop.group(1) + "\\??\\.\\s*" + r.field() + "\\b(?!\\s*\\()"), out);
        }
        Matcher lambda = KOTLIN_LAMBDA.matcher(file.text);
        while (lambda.find()) {
            String v = lambda.group(2) == null ? "it" : lambda.group(2);
            int end = closing(file.text, lambda.end(), '{', '}');
            accesses(file.text, new int[] {lambda.end(), end}, Pattern.compile("\\b" + v + "\\??\\.\\s*" + r.field() + "\\b(?!\\s*\\()"), out);
        }
        return out;
    }

    /** {@code for v in ...:} blocks and comprehensions reading {@code v.field}, in a file that names the owner. */
    private static List<Integer> pythonLoops(SourceFile file, Relation r) {
        if (!file.text.contains("." + r.field()) || !Pattern.compile("\\b" + r.owner() + "\\b").matcher(file.text).find()) {
            return List.of();
        }
        List<Integer> out = new ArrayList<>();
        Matcher loop = PY_FOR.matcher(file.text);
        while (loop.find()) {
            if (fetchesWith(loop.group(3), r.field())) {
                continue;
            }
            int end = OrmModelScanner.blockEnd(file.text, loop.start(), loop.group(1).length());
            accesses(file.text, new int[] {loop.end(), end}, Pattern.compile("\\b" + loop.group(2) + "\\." + r.field() + "\\b(?!_id)"), out);
        }
        Matcher comprehension = Pattern.compile("\\b(\\w+)\\." + r.field() + "\\b(?!_id)[^\\n\\]\\)]*?\\bfor\\s+\\1\\s+in\\b([^\\n]*)").matcher(file.text);
        while (comprehension.find()) {
            if (!fetchesWith(comprehension.group(2), r.field())) {
                out.add(comprehension.start());
            }
        }
        return out;
    }

    private static boolean fetchesWith(String header, String field) {
        Matcher eager = PY_EAGER.matcher(header);
        while (eager.find()) {
            if (eager.group(2).isBlank() || Pattern.compile("\\b" + field + "\\b").matcher(eager.group(2)).find()) {
                return true;
            }
        }
        return false;
    }

    private static void accesses(String text, int[] span, Pattern access, List<Integer> out) {
        Matcher a = access.matcher(text).region(span[0], Math.max(span[0], Math.min(span[1], text.length())));
        while (a.find()) {
            out.add(a.start());
        }
    }

    /** The body of a loop whose header ends at {@code from}'s closing parenthesis or later: a braced block, or one statement. */
    private static int[] javaBody(String text, int from) {
        int close = text.charAt(Math.max(0, from - 1)) == ')' ? from - 1 : closing(text, from, '(', ')');
        int i = close + 1;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        if (i < text.length() && text.charAt(i) == '{') {
            return new int[] {i, closing(text, i + 1, '{', '}')};
        }
        int semicolon = text.indexOf(';', i);
        return new int[] {i, semicolon < 0 ? text.length() : semicolon};
    }

    /** The offset of the bracket that closes the one open before {@code from} (strings and chars skipped), or the text's end. */
    private static int closing(String text, int from, char open, char close) {
        int depth = 1;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < text.length() && text.charAt(j) != c && text.charAt(j) != '\n') {
                    j += text.charAt(j) == '\\' ? 2 : 1;
                }
                i = j;
            } else if (c == open) {
                depth++;
            } else if (c == close && --depth == 0) {
                return i;
            }
        }
        return text.length();
    }

    // ---- the hint

    private static Hint hint(SourceFile file, int line, Relation r, String table, Map<String, String> tables, List<SourceFile> files) {
        String relation = r.owner() + "." + r.field();
        String declared = r.file().path + ":" + r.file().lineOf(r.offset());
        String targetTable = tables.get(r.target());
        String how = switch (r.kind()) {
            case "jpa-relation" -> r.eager() ? r.annotation() + ", EAGER: a query that lists " + r.owner() + " rows without JOIN FETCH loads it"
                    + " with one more query per row" : r.annotation() + ", lazy: loaded on first access";
            case "django-relation" -> r.annotation() + ": loaded on first access";
            default -> "relationship(), lazy=\"select\": loaded on first access";
        };
        String plans = fetchPlans(r, files);
        String message = "this loop reads " + relation + " for each " + r.owner() + " (" + how + "): one more query per " + r.owner() + " row"
                + (targetTable == null ? "" : ", on " + targetTable) + ", after the one that listed them (N+1); the change touches " + table
                + " (" + relation + " is declared at " + declared + ")"
                + (plans.isEmpty() ? "" : "; a fetch plan for it exists at " + plans + ": check that this loop's rows come from it");
        String fix = switch (r.kind()) {
            case "jpa-relation" -> "fetch it with the rows: JOIN FETCH " + Identifiers.decapitalize(r.owner()).charAt(0) + "." + r.field()
                    + " in the query that lists them, @EntityGraph(attributePaths = \"" + r.field() + "\") on the repository method, or @BatchSize on "
                    + relation;
            case "django-relation" -> (r.collection() ? "prefetch_related(\"" : "select_related(\"") + r.field() + "\") on the queryset the loop iterates";
            default -> "options(" + (r.collection() ? "selectinload(" : "joinedload(") + r.owner() + "." + r.field() + ")) on the query the loop iterates";
        };
        return new Hint(file.path, line, r.kind(), table, relation, declared, message, fix);
    }

    /** Where the repo fetches the relation eagerly for some query: JPQL JOIN FETCH or an entity graph naming the field. */
    private static String fetchPlans(Relation r, List<SourceFile> files) {
        if (!r.kind().equals("jpa-relation")) {
            return "";
        }
        Pattern plan = Pattern.compile("(?i)join\\s+fetch\\s+\\w+\\." + r.field() + "\\b|@EntityGraph\\s*\\([^)]*\"" + r.field() + "\"");
        List<String> at = new ArrayList<>();
        for (SourceFile f : files) {
            if (ImpactFinder.isJvm(f)) {
                Matcher m = plan.matcher(f.text);
                if (m.find()) {
                    at.add(f.path + ":" + f.lineOf(m.start()));
                }
            }
        }
        return String.join(", ", at);
    }

    /** For tests: the relation declarations found, as {@code Owner.field -> Target (table)}. */
    static List<String> relations(RepoIndex repo) {
        List<Relation> relations = new ArrayList<>();
        Map<String, String> tableOf = new TreeMap<>();
        for (String path : repo.files()) {
            Optional<SourceFile> file = ImpactFinder.load(repo, path);
            if (file.isEmpty()) {
                continue;
            }
            if (ImpactFinder.isJvm(file.get())) {
                JpaEntities.read(file.get()).ifPresent(e -> jpaRelations(file.get(), e, relations));
            } else if (file.get().extension.equals("py")) {
                pythonModels(file.get(), tableOf, relations);
            }
        }
        return relations.stream().map(r -> r.owner() + "." + r.field() + " -> " + r.target() + (r.batched() ? " (batched)" : "")).toList();
    }
}
