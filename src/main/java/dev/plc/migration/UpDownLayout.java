package dev.plc.migration;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * golang-migrate (and sqlx reversible migrations): {@code <version>_<slug>.up.sql} and {@code .down.sql}. Each
 * file runs as it is, without an implicit transaction, so a non-transactional step is simply a file of its own.
 */
final class UpDownLayout implements Layout {

    private static final Pattern UP = Pattern.compile("^(\\d+)_.+\\.up\\.sql$");

    @Override
    public Optional<String> versionOf(String fileName) {
        Matcher m = UP.matcher(fileName);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    @Override
    public List<PlannedFile> files(StepFile f) {
        List<PlannedFile> files = new ArrayList<>();
        List<Integer> steps = List.of(f.step().number());
        String base = f.location() + "/" + f.version() + "_" + f.slug();
        List<String> header = new ArrayList<>(f.header());
        if (!f.step().transactional()) {
            header.add("cannot run inside a transaction: keep it in a file of its own");
        }
        files.add(new PlannedFile(base + ".up.sql", "up", Layout.comment(header) + "\n" + Layout.statements(f.step().sql()), f.version(), steps));
        if (f.down() != null) {
            files.add(new PlannedFile(base + ".down.sql", "down", Layout.downBody(f), f.version(), steps));
        }
        return files;
    }
}
