package dev.plc.repo.dialect;

import dev.plc.repo.Evidence;

/** One place in the repo that names a dialect. */
record DialectHint(String dialect, Strength strength, boolean test, Evidence evidence) {

    /** Declared strongest first: the order is the ranking. */
    enum Strength {
        /** A JDBC URL, a configured driver class, an ORM provider: what the application connects to. */
        CONFIGURED,
        /** A container image the repo runs next to the application. */
        IMAGE,
        /** A driver or client library: present, but maybe unused. */
        DEPENDENCY,
        /** Syntax only one dialect accepts, in the repo's own .sql files (a migration-only repository says no more). */
        SQL
    }
}
