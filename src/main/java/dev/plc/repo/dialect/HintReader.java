package dev.plc.repo.dialect;

import dev.plc.repo.Evidence;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Collects one file's server version hints for {@link ServerVersions}, one per line and version. */
final class HintReader {
    final String file;
    final List<String> lines;
    final boolean test;
    private final Set<ServerVersionHint> hints = new LinkedHashSet<>();

    HintReader(String file, List<String> lines, boolean test) {
        this.file = file;
        this.lines = lines;
        this.test = test;
    }

    /** A whole line that is an image reference, as the pattern frames it (group 1 the name, group 2 the tag). */
    void image(int i, Pattern pattern, String line, Function<String, Optional<ServerVersions.Value>> vars, boolean test) {
        Matcher m = pattern.matcher(line);
        if (m.find()) {
            image(i, m.group(1), m.group(2), vars, test);
        }
    }

    /** An image reference token such as {@code postgres:15} or {@code postgres:${PG_VERSION:-15}}. */
    void image(int i, String ref, Function<String, Optional<ServerVersions.Value>> vars, boolean test) {
        Matcher m = ServerVersions.REF_ONLY.matcher(ref.replaceAll("^[\"']|[\"']$", ""));
        if (m.matches()) {
            image(i, m.group(1), m.group(2), vars, test);
        }
    }

    void image(int i, String imageName, String tag, boolean test) {
        image(i, imageName, tag, name -> Optional.empty(), test);
    }

    void image(int i, String imageName, String tag, Function<String, Optional<ServerVersions.Value>> vars, boolean test) {
        if (ImageTags.dialectOf(imageName).isEmpty()) {
            return;
        }
        Evidence here = new Evidence(file, i + 1, lines.get(i));
        resolve(tag, here, vars).ifPresent(value -> ImageTags.versionOf(imageName, value.text())
                .flatMap(d -> ServerVersionHint.parse(d.dialect(), d.version(), test, value.evidence()))
                .ifPresent(hints::add));
    }

    /** A line whose group 1 names the server and group 2 is its version. */
    void named(int i, Pattern pattern, String line, boolean test, Function<String, String> dialectOfKey) {
        Matcher m = pattern.matcher(line);
        if (m.find()) {
            Dialects.of(dialectOfKey.apply(m.group(1).toLowerCase(Locale.ROOT))).ifPresent(d -> add(i, d, m.group(2), test));
        }
    }

    void add(int i, String dialect, String version, boolean test) {
        ServerVersionHint.parse(dialect, version, test, new Evidence(file, i + 1, lines.get(i))).ifPresent(hints::add);
    }

    List<ServerVersionHint> hints() {
        return hints.stream()
                .sorted(Comparator.comparing((ServerVersionHint h) -> h.evidence().file()).thenComparingInt(h -> h.evidence().line()))
                .toList();
    }

    /**
     * A tag as written, or a variable's value: compose's {@code ${VAR:-default}} takes the .env value when there is
     * one, else the default; a Dockerfile's {@code $VAR} its {@code ARG} default.
     */
    private static final Pattern VARIABLE_TAG = Pattern.compile("^(?:\\$\\{(\\w+)(?::?-([\\w.\\-]*))?\\}|\\$(\\w+))([\\w.\\-]*)$");

    private static Optional<ServerVersions.Value> resolve(String tag, Evidence here, Function<String, Optional<ServerVersions.Value>> vars) {
        if (!tag.startsWith("$")) {
            return Optional.of(new ServerVersions.Value(tag, here));
        }
        Matcher m = VARIABLE_TAG.matcher(tag);
        if (!m.matches()) {
            return Optional.empty();
        }
        String name = m.group(1) != null ? m.group(1) : m.group(3);
        String suffix = m.group(4); // postgres:${PG_VERSION}-alpine
        Optional<ServerVersions.Value> set = vars.apply(name).map(v -> new ServerVersions.Value(v.text() + suffix, v.evidence()));
        if (set.isPresent()) {
            return set;
        }
        return m.group(2) == null || m.group(2).isEmpty() ? Optional.empty() : Optional.of(new ServerVersions.Value(m.group(2) + suffix, here));
    }
}
