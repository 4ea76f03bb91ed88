package dev.plc.repo.profile;

import dev.plc.repo.Evidence;
import dev.plc.repo.RepoIndex;
import dev.plc.repo.TestPaths;
import dev.plc.repo.Validation;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import static dev.plc.repo.profile.ValidationsReader.DEFAULT_TIMEOUT_S;

/**
 * The validations a repository's root build files imply: Maven, Gradle, npm/yarn/pnpm scripts, Cargo, Go,
 * pytest, RSpec, dotnet and a Makefile {@code test} target.
 */
final class InferredValidations {

    static final String SOURCE = "inferred";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern RSPEC_GEM = Pattern.compile("^\\s*gem\\s+[\"']rspec(?:-rails)?[\"']");
    private static final Pattern MAKE_TEST = Pattern.compile("^test\\s*:(?!=)");
    /** npm init's placeholder: running it only fails. */
    private static final String NPM_PLACEHOLDER = "no test specified";

    private InferredValidations() {
    }

    static List<Validation> infer(RepoIndex repo, List<String> warnings) {
        List<Validation> found = new ArrayList<>();
        maven(repo, found);
        gradle(repo, found);
        node(repo, found, warnings);
        simple(repo, found, "Cargo.toml", "cargo test");
        simple(repo, found, "go.mod", "go test ./...");
        python(repo, found);
        rspec(repo, found);
        dotnet(repo, found);
        make(repo, found);
        return List.copyOf(found);
    }

    private static void maven(RepoIndex repo, List<Validation> found) {
        if (repo.exists("pom.xml")) {
            String mvn = repo.exists("mvnw") ? "./mvnw" : "mvn";
            found.add(test(mvn + " -B verify", Evidence.ofFile("pom.xml")));
        }
    }

    private static void gradle(RepoIndex repo, List<Validation> found) {
        firstExisting(repo, "build.gradle.kts", "build.gradle", "settings.gradle.kts", "settings.gradle").ifPresent(file ->
                found.add(test((repo.exists("gradlew") ? "./gradlew" : "gradle") + " test", Evidence.ofFile(file))));
    }

    private static void node(RepoIndex repo, List<Validation> found, List<String> warnings) {
        if (!repo.exists("package.json")) {
            return;
        }
        JsonNode scripts;
        try {
            scripts = JSON.readTree(repo.read("package.json").orElse("{}")).path("scripts");
        } catch (JacksonException e) {
            warnings.add("package.json: malformed JSON, its scripts are not used as validations");
            return;
        }
        String runner = repo.exists("pnpm-lock.yaml") ? "pnpm" : repo.exists("yarn.lock") ? "yarn" : "npm";
        List<String> lines = repo.lines("package.json");
        script(scripts, lines, "test", "test", runner + " test").ifPresent(found::add);
        script(scripts, lines, "lint", "lint", runner + " run lint").ifPresent(found::add);
        Optional<Validation> typecheck = script(scripts, lines, "typecheck", "typecheck", runner + " run typecheck");
        typecheck.or(() -> script(scripts, lines, "type-check", "typecheck", runner + " run type-check")).ifPresent(found::add);
    }

    private static Optional<Validation> script(JsonNode scripts, List<String> lines, String script, String name, String command) {
        JsonNode body = scripts.path(script);
        if (!body.isString() || body.asString().contains(NPM_PLACEHOLDER)) {
            return Optional.empty();
        }
        // the test script is the repo's obvious gate; lint and typecheck run when validations are asked for
        return Optional.of(new Validation(name, command, SOURCE, DEFAULT_TIMEOUT_S, scriptLine(lines, script), name.equals("test")));
    }

    /** The script's line inside "scripts" (a dependency may share its name). */
    private static Evidence scriptLine(List<String> lines, String script) {
        Pattern key = Pattern.compile("^\\s*\"" + Pattern.quote(script) + "\"\\s*:");
        boolean inScripts = false;
        for (int i = 0; i < lines.size(); i++) {
            inScripts |= lines.get(i).contains("\"scripts\"");
            if (inScripts && key.matcher(lines.get(i)).find()) {
                return new Evidence("package.json", i + 1, lines.get(i));
            }
        }
        return Evidence.ofFile("package.json");
    }

    private static void simple(RepoIndex repo, List<Validation> found, String file, String command) {
        if (repo.exists(file)) {
            found.add(test(command, Evidence.ofFile(file)));
        }
    }

    private static void python(RepoIndex repo, List<Validation> found) {
        Optional<String> file = firstExisting(repo, "pytest.ini", "pyproject.toml", "setup.cfg");
        if (file.isEmpty()) {
            return;
        }
        // run inside the project's environment when a lock file names the tool that manages it
        String prefix = repo.exists("uv.lock") ? "uv run " : repo.exists("poetry.lock") ? "poetry run " : "";
        Evidence evidence = repo.firstMatch(file.get(), Pattern.compile("^\\s*\\[(?:tool[.:]pytest|pytest)"))
                .orElse(Evidence.ofFile(file.get()));
        found.add(test(prefix + "pytest", evidence));
    }

    private static void rspec(RepoIndex repo, List<Validation> found) {
        if (repo.exists("Gemfile")) {
            repo.firstMatch("Gemfile", RSPEC_GEM).ifPresent(e -> found.add(test("bundle exec rspec", e)));
        }
    }

    private static void dotnet(RepoIndex repo, List<Validation> found) {
        Optional<String> root = repo.filesIn("").filter(f -> f.endsWith(".sln") || f.endsWith(".slnx") || f.endsWith(".csproj")).findFirst();
        if (root.isPresent()) {
            found.add(test("dotnet test", Evidence.ofFile(root.get())));
            return;
        }
        // no solution at the root: point dotnet at a test project, else at any project
        List<String> projects = repo.files(f -> f.endsWith(".sln") || f.endsWith(".csproj")).toList();
        projects.stream().filter(TestPaths::isTest).findFirst().or(() -> projects.stream().findFirst())
                .ifPresent(p -> found.add(test("dotnet test " + p, Evidence.ofFile(p))));
    }

    private static void make(RepoIndex repo, List<Validation> found) {
        firstExisting(repo, "GNUmakefile", "Makefile", "makefile")
                .flatMap(f -> repo.firstMatch(f, MAKE_TEST))
                .ifPresent(e -> found.add(test("make test", e)));
    }

    private static Optional<String> firstExisting(RepoIndex repo, String... files) {
        for (String file : files) {
            if (repo.exists(file)) {
                return Optional.of(file);
            }
        }
        return Optional.empty();
    }

    private static Validation test(String command, Evidence evidence) {
        return new Validation("test", command, SOURCE, DEFAULT_TIMEOUT_S, evidence, true);
    }
}
