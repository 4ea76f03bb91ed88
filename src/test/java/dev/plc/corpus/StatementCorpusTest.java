package dev.plc.corpus;

import dev.plc.corpus.Corpus.Case;
import dev.plc.db.Dialect;
import dev.plc.testing.RealServers;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The statement corpus on the real servers: every valid case applies, statement by statement with autocommit,
 * on its own fresh copy of its dialect's base.sql; every invalid case fails there with its {@code -- error:}
 * fragment. Proves "the database is the parser": the planner must accept whatever these files hold.
 *
 * <p>PostgreSQL runs first so that its slow drops (each waits on a checkpoint) finish while MariaDB runs.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StatementCorpusTest {

    private static final Map<Dialect, ScratchPool> POOLS = new EnumMap<>(Dialect.class);
    /** Why a dialect's base could not be set up: reported by every case instead of retried by every case. */
    private static final Map<Dialect, String> BROKEN = new EnumMap<>(Dialect.class);

    @AfterAll
    static void dropEveryScratchDatabase() {
        synchronized (POOLS) {
            POOLS.values().forEach(ScratchPool::close);
            POOLS.clear();
            BROKEN.clear();
        }
    }

    static Stream<Named<Case>> postgresqlCases() {
        return named("postgresql/cases.sql");
    }

    static Stream<Named<Case>> postgresqlInvalidCases() {
        return named("postgresql/invalid.sql");
    }

    static Stream<Named<Case>> mariadbCases() {
        return named("mariadb/cases.sql");
    }

    static Stream<Named<Case>> mariadbInvalidCases() {
        return named("mariadb/invalid.sql");
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("postgresqlCases")
    void postgresqlCaseAppliesOnAFreshBase(Case c) throws SQLException {
        assertApplies(Dialect.POSTGRESQL, c);
    }

    @Order(2)
    @ParameterizedTest(name = "{0}")
    @MethodSource("postgresqlInvalidCases")
    void postgresqlInvalidCaseFailsWithItsError(Case c) throws SQLException {
        assertFails(Dialect.POSTGRESQL, c);
    }

    @Order(3)
    @ParameterizedTest(name = "{0}")
    @MethodSource("mariadbCases")
    void mariadbCaseAppliesOnAFreshBase(Case c) throws SQLException {
        assertApplies(Dialect.MARIADB, c);
    }

    @Order(4)
    @ParameterizedTest(name = "{0}")
    @MethodSource("mariadbInvalidCases")
    void mariadbInvalidCaseFailsWithItsError(Case c) throws SQLException {
        assertFails(Dialect.MARIADB, c);
    }

    @Test
    void corpusCannotSilentlyShrink() {
        assertThat(read("postgresql/cases.sql")).hasSizeGreaterThanOrEqualTo(160);
        assertThat(read("mariadb/cases.sql")).hasSizeGreaterThanOrEqualTo(90);
        assertThat(read("postgresql/invalid.sql")).hasSizeGreaterThanOrEqualTo(25);
        assertThat(read("mariadb/invalid.sql")).hasSizeGreaterThanOrEqualTo(15);
    }

    @Test
    void validCasesCarryNoErrorAndInvalidCasesNameOne() {
        for (String dialect : List.of("postgresql", "mariadb")) {
            assertThat(read(dialect + "/cases.sql")).allSatisfy(c -> assertThat(c.error()).as(c.id()).isNull());
            assertThat(read(dialect + "/invalid.sql")).allSatisfy(c -> assertThat(c.error()).as(c.id()).isNotBlank());
        }
    }

    @Test
    void caseIdsAreUniqueAcrossADialectsFiles() {
        for (String dialect : List.of("postgresql", "mariadb")) {
            Stream<String> ids = Stream.concat(read(dialect + "/cases.sql").stream(), read(dialect + "/invalid.sql").stream())
                    .map(Case::id);
            assertThat(ids.toList()).doesNotHaveDuplicates();
        }
    }

    @Test
    void readerTakesHeadersAndLeavesSectionBannersOut(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path file = dir.resolve("cases.sql");
        Files.writeString(file, """
                -- preamble
                -- case: add-thing
                -- expect: staged
                -- note: first
                -- note: second

                ALTER TABLE t ADD COLUMN a int;
                ALTER TABLE t ADD COLUMN b int;

                -- ===== next section =====

                -- case: bad-thing
                -- error: does not exist
                SELECT nope;
                """);
        List<Case> cases = Corpus.read(file);
        assertThat(cases).extracting(Case::id).containsExactly("add-thing", "bad-thing");
        assertThat(cases.get(0).expect()).isEqualTo(Corpus.Expect.STAGED);
        assertThat(cases.get(0).note()).isEqualTo("first second");
        assertThat(cases.get(0).line()).isEqualTo(2);
        assertThat(cases.get(0).sql()).isEqualTo("ALTER TABLE t ADD COLUMN a int;\nALTER TABLE t ADD COLUMN b int;\n");
        assertThat(cases.get(1).error()).isEqualTo("does not exist");
        assertThat(cases.get(1).expect()).isNull();
    }

    private static void assertApplies(Dialect dialect, Case c) throws SQLException {
        Optional<ScratchPool.Failure> failure = run(dialect, c);
        if (failure.isPresent()) {
            fail(where(dialect, c) + " should apply on a fresh base, but " + failure.get().describe());
        }
    }

    private static void assertFails(Dialect dialect, Case c) throws SQLException {
        Optional<ScratchPool.Failure> failure = run(dialect, c);
        if (failure.isEmpty()) {
            fail(where(dialect, c) + " should fail with '" + c.error() + "', but every statement applied");
        }
        String message = String.valueOf(failure.get().error().getMessage());
        assertThat(message.toLowerCase(Locale.ROOT))
                .as(where(dialect, c) + ": " + failure.get().describe())
                .contains(c.error().toLowerCase(Locale.ROOT));
    }

    private static Optional<ScratchPool.Failure> run(Dialect dialect, Case c) throws SQLException {
        RealServers.require(dialect);
        ScratchPool pool = pool(dialect);
        String name = pool.take();
        try (Connection connection = pool.connect(name)) {
            return ScratchPool.apply(connection, c.sql(), dialect);
        } finally {
            pool.release(name);
        }
    }

    private static ScratchPool pool(Dialect dialect) throws SQLException {
        synchronized (POOLS) {
            ScratchPool pool = POOLS.get(dialect);
            if (pool == null) {
                if (BROKEN.containsKey(dialect)) {
                    throw new SQLException(BROKEN.get(dialect));
                }
                try {
                    pool = ScratchPool.open(ScratchPool.server(dialect), text(dialect.id() + "/base.sql"));
                } catch (SQLException e) {
                    BROKEN.put(dialect, dialect.id() + "/base.sql could not be set up: " + e.getMessage());
                    throw e;
                }
                POOLS.put(dialect, pool);
            }
            return pool;
        }
    }

    private static String where(Dialect dialect, Case c) {
        return "case " + c.id() + " (" + dialect.id() + ", line " + c.line() + ")";
    }

    private static Stream<Named<Case>> named(String resource) {
        return read(resource).stream().map(c -> Named.of(c.id(), c));
    }

    private static List<Case> read(String resource) {
        return Corpus.read(path(resource));
    }

    private static String text(String resource) {
        try {
            return Files.readString(path(resource), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Path path(String resource) {
        URL url = StatementCorpusTest.class.getResource("/corpus/" + resource);
        if (url == null) {
            throw new IllegalStateException("missing corpus file " + resource);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
