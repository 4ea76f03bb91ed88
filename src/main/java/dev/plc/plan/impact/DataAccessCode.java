package dev.plc.plan.impact;

import dev.plc.repo.RepoIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a repo's code that talk to the database, read with the same lexing and the same file selection as
 * {@link ImpactFinder}: string literals of source files (concatenated literals joined, with the code right around
 * them), JPA entities, jOOQ generated tables, MyBatis mapper statements and {@code .sql} files outside the migrations.
 * It does not decide what is SQL: that is its caller's business (the compatibility check).
 */
public final class DataAccessCode {

    /**
     * One group of concatenated string literals.
     *
     * @param text   the literals' contents joined with a space
     * @param before up to 200 characters of code before the first literal (the call it is passed to, {@code @Query(...})
     * @param after  up to 80 characters of code after the last literal (a {@code + variable} makes it dynamic)
     * @param quote  the opening quote of the first literal ({@code "}, {@code '}, {@code `}, or a triple quote)
     */
    public record Literal(String file, int line, String language, String text, String before, String after, String quote) {
    }

    /** A mapped column; {@code line} is where it is named (the @Column or the field). */
    public record Column(String name, int line, boolean insertable) {
    }

    /** A JPA entity: the table it maps and its persistent columns. */
    public record Entity(String file, int line, String className, String table, List<Column> columns) {
    }

    /** A jOOQ generated table class: its table and the fields it declares. */
    public record JooqTable(String file, int line, String className, String table, List<Column> columns) {
    }

    /** A MyBatis mapper statement ({@code select}, {@code insert}, {@code update}, {@code delete}) with its raw XML body. */
    public record MapperStatement(String file, int line, String element, String id, String body) {
    }

    /** A {@code .sql} file that is not a migration (named queries, reports, seed scripts). */
    public record SqlFile(String file, String text) {
    }

    public record Code(List<Literal> literals, List<Entity> entities, List<JooqTable> jooqTables, List<MapperStatement> mapperStatements,
                       List<SqlFile> sqlFiles) {
    }

    private static final Pattern CREATE_FIELD = Pattern.compile("createField\\s*\\(\\s*DSL\\.name\\s*\\(\\s*\"([^\"]+)\"\\s*\\)");
    private static final Pattern ID_ATTRIBUTE = Pattern.compile("\\bid\\s*=\\s*\"([^\"]*)\"");

    private DataAccessCode() {
    }

    public static Code read(RepoIndex repo, ImpactFinder.Options options) {
        List<Literal> literals = new ArrayList<>();
        List<Entity> entities = new ArrayList<>();
        List<JooqTable> jooq = new ArrayList<>();
        List<MapperStatement> mappers = new ArrayList<>();
        List<SqlFile> sqlFiles = new ArrayList<>();
        for (String path : repo.files()) {
            if (!ImpactFinder.wanted(path, options)) {
                continue;
            }
            SourceFile file = ImpactFinder.load(repo, path).orElse(null);
            if (file == null) {
                continue;
            }
            switch (file.extension) {
                case "sql" -> sqlFiles.add(new SqlFile(file.path, file.text));
                case "xml" -> {
                    if (MyBatisScanner.isMapper(file)) {
                        mapperStatements(file, mappers);
                    }
                }
                default -> Language.of(file.extension).ifPresent(language -> {
                    if (ImpactFinder.isJvm(file) && JooqScanner.isGenerated(file)) {
                        jooqTable(file).ifPresent(jooq::add);
                        return;
                    }
                    if (ImpactFinder.isJvm(file)) {
                        JpaEntities.read(file).ifPresent(e -> entities.add(entity(e)));
                    }
                    literals(file, language, literals);
                });
            }
        }
        return new Code(List.copyOf(literals), List.copyOf(entities), List.copyOf(jooq), List.copyOf(mappers), List.copyOf(sqlFiles));
    }

    private static void literals(SourceFile file, Language language, List<Literal> out) {
        for (StringLiterals.Group group : StringLiterals.groups(file.text, language)) {
            StringLiterals.Literal first = group.literals().get(0);
            StringLiterals.Literal last = group.literals().get(group.literals().size() - 1);
            String quote = file.text.substring(first.openStart(), first.start());
            String before = file.text.substring(Math.max(0, first.openStart() - 200), first.openStart());
            String after = file.text.substring(last.closeEnd(), Math.min(file.text.length(), last.closeEnd() + 80));
            out.add(new Literal(file.path, file.lineOf(first.start()), language.name().toLowerCase(java.util.Locale.ROOT), group.text(),
                    before, after, quote));
        }
    }

    private static Entity entity(JpaEntities.Entity e) {
        SourceFile file = e.file();
        List<Column> columns = e.fields().stream().map(f -> new Column(Identifiers.unquote(f.column()), file.lineOf(f.offset()), f.insertable()))
                .toList();
        return new Entity(file.path, file.lineOf(e.tableOffset()), e.className(), e.table(), columns);
    }

    private static java.util.Optional<JooqTable> jooqTable(SourceFile file) {
        Matcher cls = JooqScanner.TABLE_CLASS.matcher(file.text);
        Matcher name = JooqScanner.TABLE_NAME.matcher(file.text);
        if (!cls.find() || !name.find()) {
            return java.util.Optional.empty();
        }
        List<Column> columns = new ArrayList<>();
        Matcher field = CREATE_FIELD.matcher(file.text);
        while (field.find()) {
            columns.add(new Column(field.group(1), file.lineOf(field.start()), true));
        }
        return columns.isEmpty() ? java.util.Optional.empty()
                : java.util.Optional.of(new JooqTable(file.path, file.lineOf(cls.start()), cls.group(1), name.group(1), List.copyOf(columns)));
    }

    private static void mapperStatements(SourceFile file, List<MapperStatement> out) {
        Matcher m = MyBatisScanner.STATEMENT.matcher(file.text);
        while (m.find()) {
            String element = m.group(1).toLowerCase(java.util.Locale.ROOT);
            if (element.equals("sql")) {
                continue; // fragments are included into statements; a statement that includes one is dynamic
            }
            String open = file.text.substring(m.start(), m.start(2));
            Matcher id = ID_ATTRIBUTE.matcher(open);
            out.add(new MapperStatement(file.path, file.lineOf(m.start()), element, id.find() ? id.group(1) : null, m.group(2)));
        }
    }
}
