package dev.plc.migration;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** dbmate and goose: one {@code <version>_<slug>.sql} file with up and down sections marked by comments. */
final class AnnotatedLayout implements Layout {

    private static final Pattern FILE = Pattern.compile("^(\\d+)_.+\\.sql$");

    private final boolean goose;

    private AnnotatedLayout(boolean goose) {
        this.goose = goose;
    }

    static AnnotatedLayout dbmate() {
        return new AnnotatedLayout(false);
    }

    static AnnotatedLayout goose() {
        return new AnnotatedLayout(true);
    }

    @Override
    public Optional<String> versionOf(String fileName) {
        Matcher m = FILE.matcher(fileName);
        return m.matches() && !fileName.endsWith(".down.sql") ? Optional.of(m.group(1)) : Optional.empty();
    }

    @Override
    public List<PlannedFile> files(StepFile f) {
        StringBuilder out = new StringBuilder();
        boolean transactional = f.step().transactional();
        if (goose && !transactional) {
            out.append("-- +goose NO TRANSACTION\n");
        }
        out.append(Layout.comment(f.header())).append('\n');
        out.append(goose ? "-- +goose Up\n" : "-- migrate:up" + (transactional ? "" : " transaction:false") + "\n");
        out.append(body(f.step().sql()));
        if (f.down() != null) {
            out.append('\n').append(goose ? "-- +goose Down\n" : "-- migrate:down\n");
            if (goose) {
                out.append(Layout.downHeader(f)).append(f.down().isEmpty() ? "SELECT 1;\n" : body(f.down()));
            } else {
                out.append(Layout.downBody(f));
            }
        }
        return List.of(new PlannedFile(f.location() + "/" + f.version() + "_" + f.slug() + ".sql", "up", out.toString(), f.version(),
                List.of(f.step().number())));
    }

    // goose splits on semicolons unless a statement is wrapped in StatementBegin/End (DO blocks, procedures)
    private String body(List<String> sql) {
        if (!goose) {
            return Layout.statements(sql);
        }
        List<String> wrapped = new ArrayList<>();
        for (String statement : sql) {
            boolean compound = statement.contains("$$") || statement.toUpperCase(java.util.Locale.ROOT).contains("BEGIN");
            wrapped.add(compound ? "-- +goose StatementBegin\n" + statement + "\n-- +goose StatementEnd" : statement);
        }
        return Layout.statements(wrapped);
    }
}
