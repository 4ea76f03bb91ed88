package dev.plc;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packages are one-way layers: a class may use classes of its own package and of packages in layers below its own,
 * never of its layer's other packages or of a layer above. That also rules out package cycles at any depth. Read from
 * the compiled main classes (every reference, fully qualified names and constants included), so an import that points
 * up cannot hide. README's Development section draws the same layers.
 */
class PackageLayersTest {

    /** Top to bottom. A package's sub-packages are named on their own: {@code plan.compat} sits below {@code plan}. */
    static final List<List<String>> LAYERS = List.of(
            List.of("app"),                                   // Main: wiring, the only class that knows both adapters
            List.of("cli", "mcp"),                            // thin adapters: stdout only in cli, the MCP SDK only in mcp
            List.of("bench"),                                 // the benchmarks behind `bench`
            List.of("check", "migration"),                    // run_checks (one class per check), write_migration
            List.of("plan"),                                  // the planners and the proof
            List.of("plan.compat", "plan.access"),            // the rollout-state proof of the repo's queries; access-path tests
            List.of("lint", "inspect"),                       // the rule catalogue and linter; inspect_repo
            List.of("lint.rules", "apply", "plan.impact"),    // one class per rule; applying migrations; code impact
            List.of("lint.rule", "repo.access", "repo.dialect", "repo.migrations", "repo.profile"),
            List.of("repo", "schema", "sql", "telemetry", "logging"),
            List.of("schema.catalog"),
            List.of("db", "json", "core"));

    private static JavaClasses classes;

    @BeforeAll
    static void read() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.plc");
    }

    private static String pkg(JavaClass c) {
        return c.getPackageName().equals("dev.plc") ? "" : c.getPackageName().substring("dev.plc.".length());
    }

    private static int layer(String pkg) {
        for (int i = 0; i < LAYERS.size(); i++) {
            if (LAYERS.get(i).contains(pkg)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void everyPackageHasALayer() {
        TreeSet<String> unplaced = new TreeSet<>();
        for (JavaClass c : classes) {
            if (layer(pkg(c)) < 0) {
                unplaced.add(pkg(c).isEmpty() ? "dev.plc (the root package)" : pkg(c));
            }
        }
        assertThat(unplaced).as("packages missing from PackageLayersTest.LAYERS: add each where it belongs").isEmpty();
    }

    @Test
    void noClassUsesAClassOfItsOwnLayersOtherPackagesOrOfALayerAbove() {
        Map<String, TreeSet<String>> violations = new TreeMap<>();
        for (JavaClass c : classes) {
            String from = pkg(c);
            int fromLayer = layer(from);
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                JavaClass target = d.getTargetClass();
                if (!target.getPackageName().startsWith("dev.plc")) {
                    continue;
                }
                String to = pkg(target);
                if (to.equals(from) || fromLayer < 0 || layer(to) < 0) {
                    continue;
                }
                if (layer(to) <= fromLayer) {
                    violations.computeIfAbsent(from + " -> " + to, k -> new TreeSet<>())
                            .add(c.getSimpleName() + " -> " + target.getSimpleName());
                }
            }
        }
        List<String> lines = new ArrayList<>();
        violations.forEach((edge, uses) -> lines.add(edge + " (" + String.join(", ", uses.stream().limit(5).toList())
                + (uses.size() > 5 ? ", ..." : "") + ")"));
        assertThat(lines).as("imports that point up the layers or across one").isEmpty();
    }
}
