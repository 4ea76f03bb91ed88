package dev.plc.migration;

import dev.plc.core.PlcException;
import dev.plc.plan.ChangePlan;
import dev.plc.plan.ChangePlanner;
import dev.plc.repo.RepoIndex;
import dev.plc.repo.migrations.VersionScheme;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * write_migration for Liquibase. Liquibase has no versioned files: one new changelog file holds the release's steps
 * as consecutive changeSets, in the format and folder the repo uses, and the master changelog gets an include of it
 * unless an {@code includeAll} already picks it up. That include is the only edit of an existing file the product
 * makes; it is made after the new file exists, by replacing the master atomically, and never twice.
 */
final class LiquibaseWriter {

    /**
     * @param files       the changelog file and the master's include (changelog-include)
     * @param warnings    what the agent must know (include by hand, derived dates, ...)
     * @param unsupported why nothing was written, or null
     */
    record Outcome(List<WrittenMigrations.WrittenFile> files, List<String> warnings, String unsupported) {
    }

    private static final Pattern DATED = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2})([-_.])(.+)\\.[A-Za-z]+$");
    private static final Pattern NUMBERED = Pattern.compile("^(\\d+)([-_.])(.+)\\.[A-Za-z]+$");
    private static final Pattern XML_DECLARATION = Pattern.compile("^\\uFEFF?(<\\?xml[^>]*\\?>)");
    private static final Pattern XML_ROOT = Pattern.compile("<databaseChangeLog\\b[^>]*>");
    private static final Pattern XML_CHILD_INDENT = Pattern.compile("(?m)^([ \\t]+)<(?:changeSet|include|includeAll|property|preConditions)\\b");
    private static final Pattern YAML_LIST_INDENT = Pattern.compile("(?m)^([ \\t]*)-\\s+\\w");
    private static final Pattern SQL_MARKER = Pattern.compile("(?i)^--\\s*liquibase\\s+formatted\\s+sql\\b[^\\r\\n]*");
    private static final Pattern SQL_SPACED_DIRECTIVE = Pattern.compile("(?im)^--\\s+changeset\\b");
    private static final Clock DETERMINISTIC = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);

    private LiquibaseWriter() {
    }

    /**
     * @param master   the repo-relative master changelog
     * @param steps    the release's steps that have SQL
     * @param headers  the comment lines of each step
     * @param slug     the name part of the new file, as words separated by {@code _}
     * @param rollback whether changeSets get rollback blocks
     */
    static Outcome write(Path repoRoot, RepoIndex index, String master, ChangePlan plan, List<ChangePlan.Step> steps,
                         Function<ChangePlan.Step, List<String>> headers, String slug, boolean rollback) {
        if (steps.isEmpty()) {
            return new Outcome(List.of(), List.of(), null);
        }
        String masterText = index.read(master).orElseThrow(() -> new PlcException(PlcException.Code.FAILED_PRECONDITION,
                "no Liquibase master changelog at " + master + ": create it (or point spring.liquibase.change-log / changeLogFile at yours) "
                        + "and call write_migration again"));
        LiquibaseMaster m = LiquibaseMaster.read(index, master, masterText);
        List<String> included = m.includedFiles(index);
        Optional<String> lastIncluded = included.isEmpty() ? Optional.empty() : Optional.of(included.get(included.size() - 1));
        // the included files show how the team writes changelogs, even when the master is in another format
        LiquibaseMaster.Format format = m.format == LiquibaseMaster.Format.SQL ? LiquibaseMaster.Format.SQL
                : lastIncluded.flatMap(LiquibaseMaster.Format::of).filter(f -> f != LiquibaseMaster.Format.JSON).orElse(m.format);
        if (format == LiquibaseMaster.Format.JSON) {
            return new Outcome(List.of(), List.of(), "write_migration cannot write JSON Liquibase changelogs yet: add the SQL below as "
                    + "changeSets (id <plan id>-<step>, author " + LiquibaseLayout.AUTHOR + ") in a new changelog and include it from " + master);
        }
        String folder = m.format == LiquibaseMaster.Format.SQL ? RepoIndex.parent(master) : m.lastIncludeFolder().orElse(RepoIndex.parent(master));
        List<String> warnings = new ArrayList<>();

        String template = included.stream().filter(f -> LiquibaseMaster.Format.of(f).orElse(null) == format).reduce((a, b) -> b)
                .orElse(m.format == format ? master : null);
        String templateText = template == null ? "" : index.read(template).orElse("");
        String ext = switch (format) {
            case XML -> "xml";
            case SQL -> "sql";
            default -> template != null && template.endsWith(".yml") ? "yml" : "yaml";
        };
        List<LiquibaseLayout.ChangeSet> changeSets = new ArrayList<>();
        for (ChangePlan.Step step : steps) {
            ChangePlan.RollbackNote undo = plan.rollback().stream().filter(r -> r.step() == step.number()).findFirst().orElse(null);
            List<String> down = rollback ? (undo == null ? List.of() : undo.sql()) : null;
            String note = rollback && undo != null && undo.dataLoss() ? undo.note() : null;
            changeSets.add(new LiquibaseLayout.ChangeSet(plan.planId() + "-" + step.number(), step, headers.apply(step), down, note));
            if (format == LiquibaseMaster.Format.SQL && LiquibaseLayout.mixesCompound(step)) {
                warnings.add("step " + step.number() + " mixes a compound statement with others: formatted SQL runs its changeSet as one "
                        + "string (splitStatements:false); PostgreSQL accepts that, MySQL/MariaDB need allowMultiQueries=true");
            }
        }
        String content = LiquibaseLayout.render(format, style(format, templateText), changeSets);

        List<String> siblings = index.filesIn(folder).filter(f -> LiquibaseMaster.CHANGELOG_FILE.matcher(f).matches())
                .filter(f -> !f.equals(master)).toList();
        String path = previousFile(index, siblings, plan.planId(), steps.get(0).number())
                .orElseGet(() -> folderJoin(folder, newName(index, folder, siblings, slug, ext, warnings)));
        boolean same = SafeFiles.sameAsExisting(SafeFiles.inside(repoRoot, path), path, content);
        String ids = changeSets.stream().map(LiquibaseLayout.ChangeSet::id).collect(Collectors.joining(", "));
        List<Integer> numbers = steps.stream().map(ChangePlan.Step::number).toList();
        List<WrittenMigrations.WrittenFile> files = new ArrayList<>();
        files.add(new WrittenMigrations.WrittenFile(path, "changelog", ChangePlanner.sha256(content), same ? "unchanged" : "written", ids, numbers));

        SafeFiles.Replacement edit = null;
        if (m.covers(path)) {
            files.add(new WrittenMigrations.WrittenFile(master, "changelog-include", ChangePlanner.sha256(masterText), "unchanged", null, numbers));
            m.includeAllOver(path).ifPresent(all -> {
                String last = index.filesUnder(all.resolved()).filter(f -> LiquibaseMaster.CHANGELOG_FILE.matcher(f).matches())
                        .filter(f -> !f.equals(path)).max(Comparator.naturalOrder()).orElse(null);
                if (last != null && last.compareTo(path) > 0) {
                    warnings.add("includeAll in " + master + " runs changelogs in path order, and " + path + " sorts before " + last
                            + ": rename it so that it sorts last");
                }
            });
        } else {
            Optional<String> updated = m.withInclude(path);
            if (updated.isPresent()) {
                edit = new SafeFiles.Replacement(master, masterText, updated.get());
                files.add(new WrittenMigrations.WrittenFile(master, "changelog-include", ChangePlanner.sha256(updated.get()), "updated", null, numbers));
            } else {
                warnings.add(path + " is not included anywhere: " + (m.format == LiquibaseMaster.Format.SQL
                        ? "the master changelog " + master + " is formatted SQL, which cannot include other files"
                        : "write_migration does not edit " + master) + "; include it by hand (or make it part of your master changelog)");
            }
        }
        List<PlannedFile> create = same ? List.of() : List.of(new PlannedFile(path, "changelog", content, ids, numbers));
        SafeFiles.createAll(repoRoot, create, edit);
        return new Outcome(files, warnings, null);
    }

    /** The changelog an earlier call wrote for this release (its first changeSet is this plan's first step). */
    private static Optional<String> previousFile(RepoIndex index, List<String> siblings, String planId, int firstStep) {
        for (String file : siblings) {
            Matcher marker = MigrationWriter.MARKER.matcher(index.read(file).orElse(""));
            if (marker.find() && marker.group(1).equals(planId) && Integer.parseInt(marker.group(2)) == firstStep) {
                return Optional.of(file);
            }
        }
        return Optional.empty();
    }

    /**
     * A name in the folder's style: {@code <yyyy-MM-dd>-<slug>} after dated names (the last date + 1 day, so the same
     * plan gets the same name), {@code <n+1>-<slug>} with the same padding after numbered ones, else
     * {@code <NNN>-<slug>}. The slug separates words the way the existing names do.
     */
    private static String newName(RepoIndex index, String folder, List<String> siblings, String slug, String ext, List<String> warnings) {
        List<String> names = siblings.stream().map(RepoIndex::fileName).sorted().toList();
        List<Matcher> dated = names.stream().map(DATED::matcher).filter(Matcher::matches).toList();
        List<Matcher> numbered = names.stream().map(NUMBERED::matcher).filter(Matcher::matches).toList();
        String name;
        if (!dated.isEmpty() && dated.size() * 2 >= names.size()) {
            Matcher last = dated.get(dated.size() - 1);
            LocalDate date = dated.stream().map(d -> LocalDate.parse(d.group(1))).max(Comparator.naturalOrder()).orElseThrow().plusDays(1);
            String words = words(slug, last.group(3));
            name = date + last.group(2) + words + "." + ext;
            while (index.exists(folderJoin(folder, name))) {
                date = date.plusDays(1);
                name = date + last.group(2) + words + "." + ext;
            }
            warnings.add("the date in " + name + " was derived from the last changelog's date (+1 day), so the same plan writes the "
                    + "same name; rename it to today's date before merging if your team wants real dates");
        } else if (!numbered.isEmpty() && numbered.size() * 2 >= names.size()) {
            List<String> versions = numbered.stream().map(n -> n.group(1)).toList();
            Matcher last = numbered.stream().max(Comparator.comparing((Matcher n) -> n.group(1), VersionScheme.ORDER)).orElseThrow();
            String words = words(slug, last.group(3));
            String next = next(versions);
            name = next + last.group(2) + words + "." + ext;
            while (index.exists(folderJoin(folder, name))) {
                next = next(List.of(next));
                name = next + last.group(2) + words + "." + ext;
            }
        } else {
            int n = names.size() + 1;
            name = String.format(Locale.ROOT, "%03d-%s.%s", n, words(slug, "-"), ext);
            while (index.exists(folderJoin(folder, name))) {
                n++;
                name = String.format(Locale.ROOT, "%03d-%s.%s", n, words(slug, "-"), ext);
            }
        }
        return name;
    }

    /** The next of these numeric versions: a date (yyyyMMdd) + 1 day, a timestamp + 1 s, else + 1 with the same padding. */
    private static String next(List<String> versions) {
        String last = versions.stream().max(VersionScheme.ORDER).orElseThrow();
        if (last.length() == 8) {
            try {
                return LocalDate.parse(last, java.time.format.DateTimeFormatter.BASIC_ISO_DATE).plusDays(1)
                        .format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
            } catch (DateTimeParseException e) {
                // not a date: a plain number
            }
        }
        VersionScheme scheme = VersionScheme.of(versions, VersionScheme.INTEGER, DETERMINISTIC);
        if (scheme.style().equals(VersionScheme.TIMESTAMP) && scheme.next() != null) {
            return scheme.next();
        }
        boolean padded = versions.stream().anyMatch(v -> v.length() > 1 && v.startsWith("0"));
        String next = new java.math.BigInteger(last).add(java.math.BigInteger.ONE).toString();
        return padded && next.length() < last.length() ? "0".repeat(last.length() - next.length()) + next : next;
    }

    /** The slug's words joined with {@code _} when the existing name part uses underscores only, else {@code -}. */
    private static String words(String slug, String existing) {
        boolean underscores = existing.contains("_") && !existing.contains("-");
        return underscores ? slug.replace('-', '_') : slug.replace('_', '-');
    }

    private static String folderJoin(String folder, String name) {
        return folder.isEmpty() ? name : folder + "/" + name;
    }

    /** How the template changelog (the last included one of the format, or the master) is written. */
    static LiquibaseLayout.Style style(LiquibaseMaster.Format format, String template) {
        String prolog = LiquibaseLayout.DEFAULT_XML_PROLOG;
        String indent = format == LiquibaseMaster.Format.YAML ? "  " : "    ";
        if (format == LiquibaseMaster.Format.XML) {
            Matcher root = XML_ROOT.matcher(template);
            if (root.find()) {
                Matcher declaration = XML_DECLARATION.matcher(template);
                prolog = (declaration.find() ? declaration.group(1) + "\n" : "") + root.group().replace("\r\n", "\n");
            }
            Matcher child = XML_CHILD_INDENT.matcher(template);
            indent = child.find() ? child.group(1) : indent;
        } else if (format == LiquibaseMaster.Format.YAML) {
            Matcher item = YAML_LIST_INDENT.matcher(template);
            indent = item.find() ? item.group(1) : indent;
        }
        Matcher marker = SQL_MARKER.matcher(template);
        String sqlMarker = marker.find() ? marker.group() : "--liquibase formatted sql";
        String directive = SQL_SPACED_DIRECTIVE.matcher(template).find() ? "-- " : "--";
        return new LiquibaseLayout.Style(prolog, indent, sqlMarker, directive);
    }
}
