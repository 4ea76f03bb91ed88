package dev.plc.repo.profile;

import dev.plc.repo.Evidence;
import dev.plc.repo.FixtureRepo;
import dev.plc.repo.Validation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

class ValidationsReaderTest {

    @TempDir
    Path dir;

    private final ValidationsReader reader = new ValidationsReader();

    private ValidationsReader.Result read(FixtureRepo repo) {
        return reader.read(repo.index());
    }

    @Test
    void profileListShapeWithTimeouts() {
        ValidationsReader.Result result = read(FixtureRepo.in(dir).file("REPO_PROFILE.json", """
                {
                  "validations": [
                    {"name": "test", "command": "mvn -B verify", "timeout_s": 900},
                    {"name": "lint", "command": "mvn -B spotless:check"}
                  ]
                }
                """).file("pom.xml", "<project/>\n"));

        assertThat(result.warnings()).isEmpty();
        assertThat(result.validations()).containsExactly(
                new Validation("test", "mvn -B verify", "REPO_PROFILE.json", 900,
                        new Evidence("REPO_PROFILE.json", 3, "{\"name\": \"test\", \"command\": \"mvn -B verify\", \"timeout_s\": 900},"), true),
                new Validation("lint", "mvn -B spotless:check", "REPO_PROFILE.json", 600,
                        new Evidence("REPO_PROFILE.json", 4, "{\"name\": \"lint\", \"command\": \"mvn -B spotless:check\"}"), true));
    }

    @Test
    void profileObjectShapeWithStringsAndObjects() {
        ValidationsReader.Result result = read(FixtureRepo.in(dir).file("REPO_PROFILE.json", """
                {"validations": {
                  "typecheck": "npm run typecheck",
                  "test": {"command": "npm test -- --grep \\"db\\"", "timeout_s": 300}
                }}
                """));

        assertThat(result.warnings()).isEmpty();
        assertThat(result.validations())
                .extracting(Validation::name, Validation::command, Validation::timeoutS, Validation::source, v -> v.evidence().toString())
                .containsExactly(
                        tuple("typecheck", "npm run typecheck", 600, "REPO_PROFILE.json", "REPO_PROFILE.json:2"),
                        tuple("test", "npm test -- --grep \"db\"", 300, "REPO_PROFILE.json", "REPO_PROFILE.json:3"));
    }

    @Test
    void malformedProfileIsAWarningWithLineAndColumn() {
        ValidationsReader.Result result = read(FixtureRepo.in(dir)
                .file("REPO_PROFILE.json", "{\n  \"validations\": [\n    {\"name\": \"test\", \"command\": \"mvn verify\",}\n  ]\n}\n")
                .file("pom.xml", "<project/>\n"));

        assertThat(result.warnings()).singleElement().asString()
                .startsWith("REPO_PROFILE.json:3:")
                .contains("malformed JSON (Unexpected character")
                .endsWith("fix the file; the validations below are inferred from the build files instead");
        assertThat(result.warnings().get(0)).matches("REPO_PROFILE\\.json:3:\\d+: .*");
        assertThat(result.validations()).extracting(Validation::command, Validation::source)
                .containsExactly(tuple("mvn -B verify", "inferred"));
    }

    @Test
    void profileWithWrongShapeFallsBackToInference() {
        ValidationsReader.Result result = read(FixtureRepo.in(dir)
                .file("REPO_PROFILE.json", "{\"validations\": \"npm test\"}")
                .file("go.mod", "module x\n"));

        assertThat(result.warnings()).singleElement().asString().contains("\"validations\" must be a list or an object, not string");
        assertThat(result.validations()).extracting(Validation::command).containsExactly("go test ./...");
    }

    @Test
    void profileWithoutValidationsFallsBackToInference() {
        ValidationsReader.Result result = read(FixtureRepo.in(dir)
                .file("REPO_PROFILE.json", "[1, 2]")
                .file("Cargo.toml", "[package]\nname = \"x\"\n"));

        assertThat(result.warnings()).singleElement().asString().contains("no \"validations\" found");
        assertThat(result.validations()).extracting(Validation::command).containsExactly("cargo test");
    }

    @Test
    void entryWithoutCommandIsSkippedWithAWarning() {
        ValidationsReader.Result result = read(FixtureRepo.in(dir).file("REPO_PROFILE.json",
                "{\"validations\": [{\"name\": \"lint\"}, {\"name\": \"test\", \"command\": \"make test\", \"timeout_s\": \"soon\"}]}"));

        assertThat(result.validations()).extracting(Validation::name, Validation::timeoutS).containsExactly(tuple("test", 600));
        assertThat(result.warnings()).hasSize(2);
        assertThat(result.warnings().get(0)).contains("'lint' has no \"command\"");
        assertThat(result.warnings().get(1)).contains("timeout_s \"soon\"");
    }

    @Test
    void aProfileEntryIsRequiredUnlessItSaysOtherwise() {
        ValidationsReader.Result result = read(FixtureRepo.in(dir).file("REPO_PROFILE.json", """
                {"validations": [
                  {"name": "test", "command": "make test"},
                  {"name": "e2e", "command": "make e2e", "required": false},
                  {"name": "lint", "command": "make lint", "required": "yes"}
                ]}
                """));

        assertThat(result.validations()).extracting(Validation::name, Validation::required)
                .containsExactly(tuple("test", true), tuple("e2e", false), tuple("lint", true));
        assertThat(result.warnings()).singleElement().satisfies(w -> assertThat(w).contains("'lint' has required \"yes\"", "treated as required"));
    }

    @Test
    void emptyValidationListIsRespected() {
        ValidationsReader.Result result = read(FixtureRepo.in(dir)
                .file("REPO_PROFILE.json", "{\"validations\": []}")
                .file("pom.xml", "<project/>\n"));

        assertThat(result.validations()).isEmpty();
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void infersMavenAndPrefersTheWrapper() {
        assertThat(read(FixtureRepo.in(dir.resolve("a")).file("pom.xml", "<project/>\n")).validations())
                .containsExactly(new Validation("test", "mvn -B verify", "inferred", 600, Evidence.ofFile("pom.xml"), true));
        assertThat(read(FixtureRepo.in(dir.resolve("b")).file("pom.xml", "<project/>\n").file("mvnw", "#!/bin/sh\n")).validations())
                .extracting(Validation::command).containsExactly("./mvnw -B verify");
    }

    @Test
    void infersGradleWithAndWithoutWrapper() {
        assertThat(read(FixtureRepo.in(dir.resolve("a")).file("build.gradle.kts", "plugins {}\n").file("gradlew", "#!/bin/sh\n"))
                .validations()).extracting(Validation::command, v -> v.evidence().file())
                .containsExactly(tuple("./gradlew test", "build.gradle.kts"));
        assertThat(read(FixtureRepo.in(dir.resolve("b")).file("build.gradle", "plugins {}\n")).validations())
                .extracting(Validation::command).containsExactly("gradle test");
    }

    @Test
    void infersNpmScriptsWithTheirLines() {
        ValidationsReader.Result result = read(FixtureRepo.in(dir).file("package.json", """
                {
                  "name": "shop",
                  "dependencies": { "lint": "1.0.0" },
                  "scripts": {
                    "build": "tsc",
                    "lint": "eslint .",
                    "test": "vitest run",
                    "typecheck": "tsc --noEmit"
                  }
                }
                """));

        assertThat(result.validations()).extracting(Validation::name, Validation::command, v -> v.evidence().toString())
                .containsExactly(
                        tuple("test", "npm test", "package.json:7"),
                        tuple("lint", "npm run lint", "package.json:6"),
                        tuple("typecheck", "npm run typecheck", "package.json:8"));
        // the test script is the obvious gate and runs by default; lint and typecheck only when validations are asked for
        assertThat(result.validations()).extracting(Validation::name, Validation::required)
                .containsExactly(tuple("test", true), tuple("lint", false), tuple("typecheck", false));
    }

    @Test
    void usesPnpmOrYarnWhenTheirLockfileExists() {
        String pkg = "{\"scripts\": {\"test\": \"jest\", \"type-check\": \"tsc\"}}";
        assertThat(read(FixtureRepo.in(dir.resolve("a")).file("package.json", pkg).file("pnpm-lock.yaml", "")).validations())
                .extracting(Validation::command).containsExactly("pnpm test", "pnpm run type-check");
        assertThat(read(FixtureRepo.in(dir.resolve("b")).file("package.json", pkg).file("yarn.lock", "")).validations())
                .extracting(Validation::command).containsExactly("yarn test", "yarn run type-check");
    }

    @Test
    void npmInitPlaceholderTestIsNotAValidation() {
        ValidationsReader.Result result = read(FixtureRepo.in(dir).file("package.json",
                "{\"scripts\": {\"test\": \"echo \\\"Error: no test specified\\\" && exit 1\"}}"));

        assertThat(result.validations()).isEmpty();
    }

    @Test
    void infersCargoGoPytestRspecDotnetAndMake() {
        assertThat(commands(FixtureRepo.in(dir.resolve("rust")).file("Cargo.toml", "[package]\n"))).containsExactly("cargo test");
        assertThat(commands(FixtureRepo.in(dir.resolve("go")).file("go.mod", "module x\n"))).containsExactly("go test ./...");
        assertThat(commands(FixtureRepo.in(dir.resolve("py")).file("pyproject.toml", "[project]\nname='x'\n"))).containsExactly("pytest");
        assertThat(commands(FixtureRepo.in(dir.resolve("ruby")).file("Gemfile", "gem 'rails'\ngem 'rspec-rails'\n")))
                .containsExactly("bundle exec rspec");
        assertThat(commands(FixtureRepo.in(dir.resolve("ruby-minitest")).file("Gemfile", "gem 'rails'\n"))).isEmpty();
        assertThat(commands(FixtureRepo.in(dir.resolve("cs")).file("Shop.sln", "").file("Shop/Shop.csproj", "<Project/>")))
                .containsExactly("dotnet test");
        assertThat(commands(FixtureRepo.in(dir.resolve("make")).file("Makefile", "build:\n\tgo build\n\ntest: build\n\tgo test ./...\n")))
                .containsExactly("make test");
    }

    @Test
    void evidencePointsAtTheLineThatImpliesTheCommand() {
        assertThat(read(FixtureRepo.in(dir.resolve("py")).file("pyproject.toml", "[project]\nname='x'\n\n[tool.pytest.ini_options]\n"))
                .validations()).extracting(v -> v.evidence().toString()).containsExactly("pyproject.toml:4");
        assertThat(read(FixtureRepo.in(dir.resolve("rb")).file("Gemfile", "gem 'rails'\ngem 'rspec-rails'\n"))
                .validations()).extracting(v -> v.evidence().toString()).containsExactly("Gemfile:2");
        assertThat(read(FixtureRepo.in(dir.resolve("mk")).file("Makefile", "build:\n\tgo build\n\ntest: build\n"))
                .validations()).extracting(v -> v.evidence().toString()).containsExactly("Makefile:4");
    }

    @Test
    void dotnetWithoutRootSolutionTargetsTheTestProject() {
        assertThat(commands(FixtureRepo.in(dir).file("src/Shop/Shop.csproj", "<Project/>").file("tests/Shop.Tests/Shop.Tests.csproj", "<Project/>")))
                .containsExactly("dotnet test tests/Shop.Tests/Shop.Tests.csproj");
    }

    @Test
    void nothingToInferGivesNoValidationsAndNoWarnings() {
        ValidationsReader.Result result = read(FixtureRepo.in(dir).file("README.md", "hello\n"));

        assertThat(result.validations()).isEmpty();
        assertThat(result.warnings()).isEmpty();
    }

    private java.util.List<String> commands(FixtureRepo repo) {
        return read(repo).validations().stream().map(Validation::command).toList();
    }
}
