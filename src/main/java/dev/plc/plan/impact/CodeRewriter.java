package dev.plc.plan.impact;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import dev.plc.repo.RepoIndex;
import dev.plc.schema.SchemaSnapshot;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the impacted places of a plan into the edits each release ships ({@link CodeChange}): where a table or column
 * is renamed, the SQL in string literals, SQL files and MyBatis mappers and the name in JPA's {@code @Column} /
 * {@code @Table} take the new name, in the release whose code step switches to it. What the text alone cannot rewrite
 * safely (generated jOOQ classes, a column name that two tables of the statement share, a field mapped by a naming
 * strategy, a drop) is listed as {@code manual} with the reason, never guessed.
 */
public final class CodeRewriter {

    /**
     * A rename the plan makes, and when the code follows it.
     *
     * @param column  null for a table rename
     * @param release the release whose code step reads and writes the new name
     * @param window  true when both names work from the release before (staged with a sync), false when the code must ship
     *                with the migration itself
     */
    public record Rename(String table, String column, String newName, int release, boolean window) {
    }

    /**
     * What a place must do that is not a rename (a drop, a type change): listed with the release before which it must be done.
     */
    public record Other(String table, String column, String change, int release) {
    }

    private static final Pattern JPA_NAME = Pattern.compile("(\\bname\\s*=\\s*\")([^\"]*)(\")");

    private CodeRewriter() {
    }

    public static List<CodeChange> changes(RepoIndex index, SchemaSnapshot current, List<ImpactedCode> impacted, List<Rename> renames,
                                           List<Other> others) {
        // file -> release -> line -> replacement text (edits), and the manual / none answers
        Map<String, Map<Integer, Map<Integer, String>>> edits = new LinkedHashMap<>();
        Map<String, Map<Integer, List<String>>> whys = new LinkedHashMap<>();
        List<CodeChange> out = new ArrayList<>();
        Map<String, Source> sources = new LinkedHashMap<>();
        for (ImpactedCode place : impacted) {
            Source source = sources.computeIfAbsent(place.file(), f -> Source.read(index, f));
            Optional<Rename> rename = renames.stream().filter(r -> applies(r, place)).findFirst();
            if (rename.isEmpty()) {
                Optional<Other> other = others.stream().filter(o -> o.table().equalsIgnoreCase(place.table())
                        && (o.column() == null || o.column().equalsIgnoreCase(place.column()))).findFirst();
                int release = other.map(Other::release).orElse(1);
                out.add(new CodeChange(place.file(), source.sha256(), release, CodeChange.MANUAL, null, List.of(place.line()),
                        place.reason() + other.map(o -> " Do it in release " + o.release() + " or before: " + o.change() + ".").orElse("")));
                continue;
            }
            Rename r = rename.get();
            if (place.line() < 1 || place.line() > source.lines().size()) {
                out.add(new CodeChange(place.file(), source.sha256(), r.release(), CodeChange.MANUAL, null, List.of(place.line()),
                        "the file changed since it was read: " + place.reason()));
                continue;
            }
            Map<Integer, String> fileEdits = edits.computeIfAbsent(place.file(), f -> new TreeMap<>()).computeIfAbsent(r.release(), k -> new TreeMap<>());
            String line = fileEdits.getOrDefault(place.line(), source.lines().get(place.line() - 1));
            Result result = rewrite(place, r, line, current, source.withLine(place.line(), line), place.line());
            if (result.manual() != null) {
                out.add(new CodeChange(place.file(), source.sha256(), r.release(), result.none() ? CodeChange.NONE : CodeChange.MANUAL,
                        null, List.of(place.line()), result.manual()));
                continue;
            }
            fileEdits.put(place.line(), result.line());
            whys.computeIfAbsent(place.file(), f -> new TreeMap<>()).computeIfAbsent(r.release(), k -> new ArrayList<>()).add(result.why());
        }
        edits.forEach((file, byRelease) -> byRelease.forEach((release, lineEdits) -> {
            if (lineEdits.isEmpty()) {
                return;
            }
            List<String> original = sources.get(file).lines();
            List<String> revised = new ArrayList<>(original);
            lineEdits.forEach((n, text) -> revised.set(n - 1, text));
            Patch<String> patch = DiffUtils.diff(original, revised);
            String diff = String.join("\n", UnifiedDiffUtils.generateUnifiedDiff("a/" + file, "b/" + file, original, patch, 3)) + "\n";
            List<String> reasons = whys.get(file).get(release).stream().distinct().toList();
            out.add(new CodeChange(file, sources.get(file).sha256(), release, CodeChange.EDIT, diff, List.copyOf(lineEdits.keySet()),
                    String.join("; ", reasons)));
        }));
        out.sort(java.util.Comparator.comparing(CodeChange::release).thenComparing(CodeChange::file).thenComparing(c -> c.lines().get(0)));
        return out;
    }

    /** A file as read once: its text, its lines, the sha256 of its bytes on disk. */
    private record Source(String text, List<String> lines, String sha256) {
        static Source read(RepoIndex index, String file) {
            String text = index.read(file).orElse("");
            return new Source(text, List.of(text.split("\n", -1)), CodeRewriter.sha256(index.root().resolve(file)));
        }

        /** The text with line {@code n} as an earlier edit of the same release left it, so literals are found where they now are. */
        String withLine(int n, String line) {
            if (line.equals(lines.get(n - 1))) {
                return text;
            }
            List<String> changed = new ArrayList<>(lines);
            changed.set(n - 1, line);
            return String.join("\n", changed);
        }
    }

    private record Result(String line, String why, String manual, boolean none) {
        static Result edit(String line, String why) {
            return new Result(line, why, null, false);
        }

        static Result manual(String why) {
            return new Result(null, null, why, false);
        }

        static Result none(String why) {
            return new Result(null, null, why, true);
        }
    }

    private static boolean applies(Rename r, ImpactedCode place) {
        if (!r.table().equalsIgnoreCase(place.table())) {
            return false;
        }
        return r.column() == null ? place.column() == null : r.column().equalsIgnoreCase(place.column());
    }

    private static Result rewrite(ImpactedCode place, Rename r, String line, SchemaSnapshot current, String text, int lineNumber) {
        String old = r.column() != null ? r.column() : r.table();
        String what = (r.column() != null ? "column " + r.table() + "." + r.column() : "table " + r.table()) + " is renamed to " + r.newName();
        String when = r.window() ? " from release " + r.release() + " on (both names work from the release before)"
                : " in the same deploy as the migration (there is no window in which both names work)";
        switch (place.kind()) {
            case "sql-string", "sql-file", "mybatis-xml" -> {
                if (r.column() != null) {
                    Optional<String> other = sharedColumn(line, r, current);
                    if (other.isPresent()) {
                        return Result.manual("the statement also names table " + other.get() + ", which has a column " + r.column()
                                + " too: which one this " + r.column() + " means cannot be told from the text; rename the " + r.table()
                                + " one" + when);
                    }
                }
                String rewritten = "sql-string".equals(place.kind()) ? inLiterals(place.file(), text, lineNumber, line, old, r.newName())
                        : replaceWord(line, old, r.newName());
                if (rewritten == null || rewritten.equals(line)) {
                    return Result.manual("the name is not written out on this line (concatenated or built SQL): " + place.reason());
                }
                return Result.edit(rewritten, "the SQL names " + r.newName() + when + " (" + what + ")");
            }
            case "jpa-entity" -> {
                Matcher m = JPA_NAME.matcher(line);
                if ((line.contains("@Column") || line.contains("@Table") || line.contains("@JoinColumn")) && m.find()
                        && stripQuotes(m.group(2)).equalsIgnoreCase(old)) {
                    String quoted = m.group(2).startsWith("\\\"") ? "\\\"" + r.newName() + "\\\"" : r.newName();
                    return Result.edit(line.substring(0, m.start(2)) + quoted + line.substring(m.end(2)),
                            "the entity maps to " + r.newName() + when + "; the Java name stays, so JPQL and derived queries keep working");
                }
                return Result.manual("the entity's field is mapped by the naming strategy, not by an annotation on this line: add "
                        + (r.column() != null ? "@Column(name = \"" + r.newName() + "\")" : "@Table(name = \"" + r.newName() + "\")") + when);
            }
            case GoStructScanner.KIND -> {
                Matcher tag = (r.column() == null ? Pattern.compile("(return\\s*\")(" + Pattern.quote(old) + ")(\")")
                        : Pattern.compile("(\\bdb:\"|\\bgorm:\"(?:[^\"]*;)?\\s*column:)(" + Pattern.quote(old) + ")([\",;])")).matcher(line);
                if (tag.find()) {
                    return Result.edit(line.substring(0, tag.start(2)) + r.newName() + line.substring(tag.end(2)),
                            "the struct maps to " + r.newName() + when + " (" + what + ")");
                }
                return Result.manual("the struct is mapped by GORM's naming, not by a name on this line: add "
                        + (r.column() != null ? "the tag gorm:\"column:" + r.newName() + "\" to the field" : "a TableName() method returning \""
                        + r.newName() + "\"") + when);
            }
            case SqlAlchemyScanner.KIND -> {
                if (r.column() == null) {
                    Matcher table = Pattern.compile("(__tablename__\\s*=\\s*['\"])(" + Pattern.quote(old) + ")(['\"])").matcher(line);
                    return table.find() ? Result.edit(line.substring(0, table.start(2)) + r.newName() + line.substring(table.end(2)),
                            "the model maps " + r.newName() + when + " (" + what + ")") : Result.manual(place.reason());
                }
                Matcher column = SqlAlchemyScanner.COLUMN.matcher(line);
                if (!column.find()) {
                    return Result.manual(place.reason());
                }
                if (column.group(4) != null) {
                    return Result.edit(line.substring(0, column.start(4)) + r.newName() + line.substring(column.end(4)),
                            "the model's column is named " + r.newName() + when + " (" + what + ")");
                }
                // the attribute keeps its name (the Python code that uses it stays as it is); the column is named in the call
                boolean empty = line.substring(column.end()).stripLeading().startsWith(")");
                return Result.edit(line.substring(0, column.end()) + "\"" + r.newName() + "\"" + (empty ? "" : ", ") + line.substring(column.end()),
                        "the model's attribute " + column.group(1) + " keeps its name and maps column " + r.newName() + when + " (" + what + ")");
            }
            case "spring-data" -> {
                return Result.none("derived queries and JPQL name the entity's fields, which keep their names: only the mapping changes");
            }
            case "jooq-generated", "jooq-dsl" -> {
                if (r.column() != null) {
                    String rewritten = jooqColumn(line, r);
                    if (rewritten != null) {
                        return Result.edit(rewritten, (place.kind().equals("jooq-dsl") ? "the DSL code uses the generated field "
                                : "the generated field is ") + Identifiers.jooq(r.newName()) + when + ", named as jOOQ's default generator strategy "
                                + "names " + r.newName() + " (" + what + "); regenerating with the repo's jOOQ code generator against that release's "
                                + "schema gives the same field");
                    }
                }
                return Result.manual("regenerate the jOOQ classes with the repo's jOOQ code generator against the schema of release "
                        + r.release() + " (" + what + "), then follow the renamed field in DSL code" + when);
            }
            default -> {
                return Result.manual(place.reason());
            }
        }
    }

    /**
     * The line with the renamed column's jOOQ field renamed as the default generator strategy names fields (upper case):
     * a generated {@code OLD = createField(DSL.name("old"), ...)} declaration, or a {@code TABLE.OLD} use; null when the
     * line holds neither in that form (a custom generator strategy, a record's accessor, an alias).
     */
    static String jooqColumn(String line, Rename r) {
        String oldField = Identifiers.jooq(r.column());
        String newField = Identifiers.jooq(r.newName());
        Matcher declaration = Pattern.compile("(?<![\\w$])" + Pattern.quote(oldField) + "(\\s*=\\s*createField\\s*\\(\\s*DSL\\.name\\s*\\(\\s*\")"
                + Pattern.quote(r.column()) + "(\")").matcher(line);
        if (declaration.find()) {
            return line.substring(0, declaration.start()) + newField + declaration.group(1) + r.newName() + declaration.group(2)
                    + line.substring(declaration.end());
        }
        Matcher use = Pattern.compile("((?<![\\w$])" + Pattern.quote(Identifiers.jooq(r.table())) + "\\s*\\.\\s*)" + Pattern.quote(oldField) + "(?![\\w$])")
                .matcher(line);
        if (!use.find()) {
            return null;
        }
        return use.replaceAll(m -> Matcher.quoteReplacement(m.group(1) + newField));
    }

    /** Another table named on the line that also has a column of the renamed column's name. */
    private static Optional<String> sharedColumn(String line, Rename r, SchemaSnapshot current) {
        for (SchemaSnapshot.Table t : current.tables()) {
            if (t.name().equalsIgnoreCase(r.table()) || t.column(r.column()).isEmpty()) {
                continue;
            }
            if (wordPattern(t.name()).matcher(line).find()) {
                return Optional.of(t.name());
            }
        }
        return Optional.empty();
    }

    /** The line with {@code old} replaced inside the string literals that cover it (code outside literals is left alone). */
    private static String inLiterals(String file, String text, int lineNumber, String line, String old, String replacement) {
        String extension = file.substring(file.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        int lineStart = offsetOfLine(text, lineNumber);
        int lineEnd = lineStart + line.length();
        StringBuilder out = new StringBuilder();
        int at = 0;
        boolean any = false;
        for (StringLiterals.Literal l : StringLiterals.literals(text, Language.of(extension).orElse(Language.JAVA))) {
            int start = Math.max(l.start(), lineStart);
            int end = Math.min(l.end(), lineEnd);
            if (start >= end) {
                continue;
            }
            out.append(line, at, start - lineStart);
            String inside = line.substring(start - lineStart, end - lineStart);
            String replaced = replaceWord(inside, old, replacement);
            any |= !replaced.equals(inside);
            out.append(replaced);
            at = end - lineStart;
        }
        out.append(line.substring(at));
        return any ? out.toString() : null;
    }

    private static int offsetOfLine(String text, int lineNumber) {
        int offset = 0;
        for (int i = 1; i < lineNumber; i++) {
            offset = text.indexOf('\n', offset) + 1;
        }
        return offset;
    }

    /** Whole-word, case-insensitive replacement; a quoted name ("x", `x`) keeps its quotes. */
    static String replaceWord(String s, String old, String replacement) {
        return wordPattern(old).matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + replacement + m.group(3)));
    }

    private static Pattern wordPattern(String name) {
        return Pattern.compile("(?i)(?<![\\w$:@])([\"`\\[]?)(" + Pattern.quote(name) + ")([\"`\\]]?)(?![\\w$])");
    }

    private static String stripQuotes(String s) {
        return s.replace("\\\"", "").replace("`", "");
    }

    /** The hex sha256 of the file's bytes as they are on disk now. */
    public static String sha256(java.nio.file.Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(java.nio.file.Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
