package dev.plc.repo.dialect;

import dev.plc.repo.Evidence;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One place in the repo that declares which server version it runs: a container image tag, a Testcontainers image,
 * a versioned Hibernate dialect, a tool pin.
 *
 * @param dialect {@code postgresql}, {@code mariadb} or {@code mysql}
 * @param version the version as declared, without image suffixes: {@code 15}, {@code 15.4}, {@code 10.11}, {@code 8.0.36}
 * @param minor   empty when only the major version is declared ({@code postgres:15}, {@code mysql:8})
 * @param test    declared only in test code or test/CI configuration
 */
public record ServerVersionHint(String dialect, String version, int major, Integer minor, boolean test, Evidence evidence) {

    private static final Pattern NUMERIC = Pattern.compile("^(\\d+)(?:\\.(\\d+))?(?:\\.\\d+)*");

    public ServerVersionHint {
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(evidence, "evidence");
    }

    /**
     * A hint from a version text such as {@code 15.4} or {@code 8.0.36}; empty when the text does not start with a
     * number or the number cannot be a release of that server (a port such as {@code postgres:5432} is not a version).
     */
    static Optional<ServerVersionHint> parse(String dialect, String versionText, boolean test, Evidence evidence) {
        Matcher m = NUMERIC.matcher(versionText);
        if (!m.find()) {
            return Optional.empty();
        }
        int major;
        try {
            major = Integer.parseInt(m.group(1));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (major < lowestMajor(dialect) || major > 99) {
            return Optional.empty();
        }
        Integer minor = m.group(2) == null ? null : Integer.valueOf(m.group(2));
        return Optional.of(new ServerVersionHint(dialect, m.group(), major, minor, test, evidence));
    }

    // the oldest releases anyone still names: PostgreSQL 7, MySQL 3.23, MariaDB 5.1
    private static int lowestMajor(String dialect) {
        return switch (dialect) {
            case "postgresql" -> 7;
            case "mariadb" -> 5;
            default -> 3;
        };
    }

    /** {@code postgresql 15.4 (docker-compose.yml:4)}. */
    @Override
    public String toString() {
        return dialect + " " + version + " (" + evidence + (test ? ", test" : "") + ")";
    }
}
