package dev.plc.migration;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flyway: {@code V<version>__<slug>.sql}; a {@code .sql.conf} with {@code executeInTransaction=false} for a step
 * that cannot run in a transaction; undo as {@code U<version>__<slug>.sql} next to the V files where the repo keeps
 * U files, otherwise in the sibling folder {@code <location>-down}, where Flyway Community (which treats U files
 * as a paid feature) does not load them.
 */
final class FlywayLayout implements Layout {

    private static final Pattern VERSIONED = Pattern.compile("^V(\\d[\\d._]*)__.+\\.sql$");

    @Override
    public Optional<String> versionOf(String fileName) {
        Matcher m = VERSIONED.matcher(fileName);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    static String downFolder(String location) {
        return location + "-down";
    }

    @Override
    public List<PlannedFile> files(StepFile f) {
        List<PlannedFile> files = new ArrayList<>();
        List<Integer> steps = List.of(f.step().number());
        String name = "V" + f.version() + "__" + f.slug() + ".sql";
        String up = Layout.comment(f.header()) + "\n" + Layout.statements(f.step().sql());
        files.add(new PlannedFile(f.location() + "/" + name, "up", up, f.version(), steps));
        if (!f.step().transactional()) {
            files.add(new PlannedFile(f.location() + "/" + name + ".conf", "conf",
                    "# " + f.step().title() + ": cannot run inside a transaction\nexecuteInTransaction=false\n", f.version(), steps));
        }
        if (f.down() != null) {
            String folder = f.repoHasUndo() ? f.location() : downFolder(f.location());
            files.add(new PlannedFile(folder + "/U" + f.version() + "__" + f.slug() + ".sql", "undo", Layout.downBody(f), f.version(), steps));
        }
        return files;
    }
}
