package dev.plc.repo.dialect;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the server version out of a database image reference: {@code postgres:15.4-alpine},
 * {@code bitnami/postgresql:14.9.0}, {@code postgis/postgis:15-3.4}, {@code timescale/timescaledb:2.13.0-pg15}.
 * A tag without a version ({@code latest}, {@code alpine}, {@code lts}) gives none: we never guess.
 */
final class ImageTags {

    /** A dialect and the version text as the tag spells it. */
    record Declared(String dialect, String version) {
    }

    /**
     * An image reference: {@code [registry[:port]/][namespace/]name:tag[@digest]}. The tag may be a variable
     * ({@code ${PG_VERSION:-15}}, {@code $PG_VERSION}); {@link #versionOf} is given it resolved.
     */
    static final String REF = "((?:[\\w.\\-]+(?::\\d+)?/)*[\\w.\\-]+):([\\w.\\-]+|(?:\\$\\{\\w+(?::?-[\\w.\\-]*)?\\}|\\$\\w+)[\\w.\\-]*)(?:@sha256:[0-9a-fA-F]+)?";

    private static final Set<String> POSTGRES = Set.of("postgres", "postgresql", "postgis", "postgresql-repmgr", "postgres-alpine");
    // images that put their own version first and the PostgreSQL major after "pg": 2.13.0-pg15, pg16.2-ts2.14.2, 0.7.4-pg16
    private static final Set<String> POSTGRES_PG_TAG = Set.of("timescaledb", "timescaledb-ha", "timescaledb-postgis", "pgvector");
    private static final Set<String> MYSQL = Set.of("mysql", "mysql-server", "percona", "percona-server");
    private static final Set<String> MARIADB = Set.of("mariadb", "mariadb-galera");

    private static final Pattern LEADING = Pattern.compile("^(\\d+(?:\\.\\d+)*)(?=$|[-_+])");
    private static final Pattern PG_TAG = Pattern.compile("(?:^|[-_])pg(\\d+(?:\\.\\d+)?)(?=$|[-_+])");

    private ImageTags() {
    }

    /** The dialect an image name runs, or empty when it is no database server ({@code postgres-exporter}, {@code adminer}). */
    static Optional<String> dialectOf(String imageName) {
        String name = imageName.toLowerCase(Locale.ROOT);
        String last = name.substring(name.lastIndexOf('/') + 1);
        if (POSTGRES.contains(last) || POSTGRES_PG_TAG.contains(last)) {
            return Optional.of("postgresql");
        }
        if (MARIADB.contains(last)) {
            return Optional.of("mariadb");
        }
        // container-registry.oracle.com/mysql/community-server:8.0
        if (MYSQL.contains(last) || last.equals("community-server") && name.contains("mysql/")) {
            return Optional.of("mysql");
        }
        return Optional.empty();
    }

    /** The declared server version of {@code imageName:tag}, the tag already free of variables. */
    static Optional<Declared> versionOf(String imageName, String tag) {
        Optional<String> dialect = dialectOf(imageName);
        if (dialect.isEmpty()) {
            return Optional.empty();
        }
        String name = imageName.toLowerCase(Locale.ROOT);
        String last = name.substring(name.lastIndexOf('/') + 1);
        String t = tag.toLowerCase(Locale.ROOT);
        Matcher m = (POSTGRES_PG_TAG.contains(last) ? PG_TAG : LEADING).matcher(t);
        return m.find() ? Optional.of(new Declared(dialect.get(), m.group(1))) : Optional.empty();
    }
}
