package dev.plc.repo.access;

import dev.plc.repo.RepoIndex;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where jOOQ's generated classes live: the folder of a generated {@code Tables}/{@code Keys}/{@code DefaultCatalog}
 * class, or, when the code is generated into the build folder only, the jooq-codegen plugin's target directory.
 */
final class JooqGeneratedCode {

    private static final Set<String> MARKER_CLASSES = Set.of(
            "Tables.java", "Keys.java", "DefaultCatalog.java", "Tables.kt", "Keys.kt", "DefaultCatalog.kt");
    private static final Pattern POM_DIRECTORY = Pattern.compile("<directory>\\s*([^<\\s]+)\\s*</directory>");
    private static final Pattern GRADLE_DIRECTORY = Pattern.compile("\\bdirectory\\s*(?:=|\\(|\\s)\\s*[\"']([^\"']+)[\"']");

    private JooqGeneratedCode() {
    }

    static Optional<String> folder(RepoIndex repo) {
        Optional<String> marker = repo.filesNamed(MARKER_CLASSES::contains)
                .filter(f -> repo.read(f).map(JooqGeneratedCode::generatedByJooq).orElse(false))
                .map(RepoIndex::parent)
                .findFirst();
        return marker.isPresent() ? marker : codegenTarget(repo);
    }

    private static boolean generatedByJooq(String text) {
        return text.contains("org.jooq.impl") || text.contains("Generated(") && text.toLowerCase(Locale.ROOT).contains("jooq");
    }

    private static Optional<String> codegenTarget(RepoIndex repo) {
        return repo.filesNamed(n -> n.equals("pom.xml") || n.endsWith(".gradle") || n.endsWith(".gradle.kts"))
                .map(f -> targetIn(repo, f))
                .flatMap(Optional::stream)
                .findFirst();
    }

    /** The first target directory after the codegen plugin is named; relative to that build file's folder. */
    private static Optional<String> targetIn(RepoIndex repo, String buildFile) {
        String text = repo.read(buildFile).orElse("");
        int plugin = Math.max(text.indexOf("jooq-codegen"), text.indexOf("nu.studer.jooq"));
        if (plugin < 0) {
            plugin = text.indexOf("org.jooq.jooq-codegen-gradle");
        }
        if (plugin < 0) {
            return Optional.empty();
        }
        var m = (buildFile.endsWith("pom.xml") ? POM_DIRECTORY : GRADLE_DIRECTORY).matcher(text);
        if (!m.find(plugin)) {
            return Optional.empty();
        }
        String dir = m.group(1).replace("${project.basedir}/", "").replace("${basedir}/", "").replaceAll("/+$", "");
        String base = RepoIndex.parent(buildFile);
        return Optional.of(base.isEmpty() ? dir : base + "/" + dir);
    }
}
