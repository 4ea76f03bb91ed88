package dev.plc.check;

import java.util.List;
import java.util.Optional;

/** The checks of {@code run_checks}, in the order the documentation lists them, and the order they run by default. */
final class Checks {

    static final List<Check> ALL = List.of(new ApplyCheck(), new ValidateCheck(), new ImmutabilityCheck(), new LintCheck(), new RoundtripCheck(),
            new ExpectationCheck(), new DataSafetyCheck(), new ValidationsCheck(), new ImpactCheck(), new CompatibilityCheck());

    /** Every check; validations last: the repo's own commands are the slowest, and run on what the others proved. */
    static final List<String> DEFAULT = List.of("apply", "validate", "immutability", "lint", "roundtrip", "expectation", "data_safety",
            "impact", "compatibility", "validations");

    private Checks() {
    }

    static List<String> names() {
        return ALL.stream().map(Check::name).toList();
    }

    static Optional<Check> named(String name) {
        return ALL.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
