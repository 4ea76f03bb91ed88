package dev.plc.plan.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plc.db.Dialect;
import dev.plc.repo.RepoIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the extractor makes of small data-access fixtures: concrete queries with converted placeholders, or unchecked with a reason. */
class QueryExtractorTest {

    @TempDir
    Path repo;

    private void write(String path, String content) throws IOException {
        Files.createDirectories(repo.resolve(path).getParent());
        Files.writeString(repo.resolve(path), content);
    }

    private QueryExtractor.Extraction extract(Dialect dialect) throws IOException {
        return new QueryExtractor().extract(RepoIndex.scan(repo), List.of("src/main/resources/db/migration"), dialect);
    }

    private static QueryExtractor.Query query(QueryExtractor.Extraction e, String file) {
        return e.queries().stream().filter(q -> q.file().endsWith(file)).findFirst().orElseThrow(() -> new AssertionError(file + " in " + e));
    }

    @Test
    void jdbcTemplateQueryWithQuestionMarksBecomesNumberedParametersOnPostgres() throws IOException {
        write("src/main/java/a/Totals.java", """
                class Totals {
                    long total(long id) {
                        return jdbc.queryForObject(
                                "SELECT sum(total_cents) FROM orders "
                                + "WHERE customer_id = ? AND status = ?", Long.class, id, "new");
                    }
                }
                """);
        QueryExtractor.Extraction pg = extract(Dialect.POSTGRESQL);
        assertThat(pg.queries()).singleElement().satisfies(q -> {
            assertThat(q.line()).isEqualTo(4);
            assertThat(q.kind()).isEqualTo("sql-string");
            assertThat(q.sql()).isEqualTo("SELECT sum(total_cents) FROM orders  WHERE customer_id = $1 AND status = $2");
            assertThat(q.parameters()).containsExactly("?1", "?2");
        });
        assertThat(query(extract(Dialect.MARIADB), "Totals.java").sql()).endsWith("customer_id = ? AND status = ?");
    }

    @Test
    void namedParametersAreOneParameterPerNameAndCastsAreLeftAlone() throws IOException {
        write("src/main/java/a/Named.java", """
                class Named {
                    void run() {
                        named.query("SELECT id FROM orders WHERE customer_id = :customerId OR parent_id = :customerId AND placed_at > :since::date AND note <> ':x'", params, mapper);
                    }
                }
                """);
        QueryExtractor.Query q = query(extract(Dialect.POSTGRESQL), "Named.java");
        assertThat(q.sql()).isEqualTo("SELECT id FROM orders WHERE customer_id = $1 OR parent_id = $1 AND placed_at > $2::date AND note <> ':x'");
        assertThat(q.parameters()).containsExactly("customerId", "since");
    }

    @Test
    void nativeQueriesAreCheckedAndJpqlIsListedAsUnchecked() throws IOException {
        write("src/main/java/a/Repo.java", """
                interface Repo {
                    @Query(value = "SELECT * FROM customers WHERE email = :email", nativeQuery = true)
                    Customer byEmail(String email);

                    @Query("SELECT c FROM Customer c WHERE c.email = :email")
                    Customer jpql(String email);
                }
                """);
        QueryExtractor.Extraction e = extract(Dialect.POSTGRESQL);
        assertThat(e.queries()).singleElement().satisfies(q -> {
            assertThat(q.kind()).isEqualTo("native-query");
            assertThat(q.line()).isEqualTo(2);
            assertThat(q.sql()).isEqualTo("SELECT * FROM customers WHERE email = $1");
        });
        assertThat(e.unchecked()).singleElement().satisfies(u -> {
            assertThat(u.line()).isEqualTo(5);
            assertThat(u.reason()).contains("JPQL");
        });
        assertThat(e.found()).isEqualTo(2);
    }

    @Test
    void myBatisStatementsUseHashParametersAndDynamicOnesAreUnchecked() throws IOException {
        write("src/main/resources/mappers/OrderMapper.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE mapper PUBLIC "-//mybatis.org//DTD Mapper 3.0//EN" "http://mybatis.org/dtd/mybatis-3-mapper.dtd">
                <mapper namespace="a.OrderMapper">
                  <select id="byId" resultType="map">
                    SELECT id, status FROM orders WHERE id = #{id,jdbcType=BIGINT} AND total_cents &gt; 0
                  </select>
                  <select id="search" resultType="map">
                    SELECT id FROM orders
                    <where><if test="status != null">status = #{status}</if></where>
                  </select>
                  <select id="sorted" resultType="map">SELECT id FROM orders ORDER BY ${column}</select>
                </mapper>
                """);
        QueryExtractor.Extraction e = extract(Dialect.POSTGRESQL);
        assertThat(e.queries()).singleElement().satisfies(q -> {
            assertThat(q.kind()).isEqualTo("mybatis-xml");
            assertThat(q.line()).isEqualTo(4);
            assertThat(q.sql()).isEqualTo("SELECT id, status FROM orders WHERE id = $1 AND total_cents > 0");
            assertThat(q.parameters()).containsExactly("id");
        });
        assertThat(e.unchecked()).extracting(QueryExtractor.Unchecked::line, u -> u.reason().contains("<where>") || u.reason().contains("${column}"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(7, true), org.assertj.core.groups.Tuple.tuple(11, true));
    }

    @Test
    void myBatisAnnotationsAreSqlWithHashParameters() throws IOException {
        write("src/main/java/a/OrderMapper.java", """
                @Mapper
                interface OrderMapper {
                    @Select("SELECT id, status FROM orders WHERE customer_id = #{customerId}")
                    List<Order> byCustomer(long customerId);
                }
                """);
        assertThat(extract(Dialect.MARIADB).queries()).singleElement().satisfies(q -> {
            assertThat(q.line()).isEqualTo(3);
            assertThat(q.sql()).isEqualTo("SELECT id, status FROM orders WHERE customer_id = ?");
            assertThat(q.parameters()).containsExactly("customerId");
        });
    }

    @Test
    void concatenationWithCodeIsUncheckedWithTheReason() throws IOException {
        write("src/main/java/a/Dynamic.java", """
                class Dynamic {
                    void run(String column) {
                        jdbc.query("SELECT id FROM orders ORDER BY " + column, mapper);
                        jdbc.update(String.format("DELETE FROM %s WHERE id = ?", table), 1);
                    }
                }
                """);
        write("app/store.py", """
                def load(cur, table, id):
                    cur.execute(f"SELECT id FROM {table} WHERE id = %s", (id,))
                    cur.execute("SELECT id, title FROM posts WHERE author_id = %(author)s", {"author": id})
                """);
        QueryExtractor.Extraction e = extract(Dialect.MARIADB);
        assertThat(e.unchecked()).extracting(u -> u.file() + ":" + u.line()).containsExactlyInAnyOrder(
                "src/main/java/a/Dynamic.java:3", "src/main/java/a/Dynamic.java:4", "app/store.py:2");
        assertThat(e.unchecked()).allSatisfy(u -> assertThat(u.reason()).containsAnyOf("concatenated", "format", "interpolated"));
        assertThat(e.queries()).singleElement().satisfies(q -> {
            assertThat(q.file()).isEqualTo("app/store.py");
            assertThat(q.sql()).isEqualTo("SELECT id, title FROM posts WHERE author_id = ?");
        });
    }

    @Test
    void entitiesBecomeSelectAndInsertOfTheirColumnsAndMigrationsAreNotQueries() throws IOException {
        write("src/main/java/a/LineItem.java", """
                @Entity
                public class LineItem {
                    @Id
                    @GeneratedValue
                    private Long id;

                    private String productCode;

                    @Column(name = "qty")
                    private int quantity;

                    @Transient
                    private String label;

                    @OneToMany(mappedBy = "item")
                    private List<Note> notes;
                }
                """);
        write("src/main/resources/db/migration/V1__init.sql", "INSERT INTO line_item (product_code, qty) VALUES ('a', 1);\n");
        write("src/main/resources/queries/report.sql", "-- monthly report\nSELECT count(*) FROM line_item WHERE qty > :min;\n");
        QueryExtractor.Extraction e = extract(Dialect.POSTGRESQL);
        assertThat(e.queries()).extracting(QueryExtractor.Query::kind, QueryExtractor.Query::sql).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("jpa-entity", "SELECT id, product_code, qty FROM line_item"),
                org.assertj.core.groups.Tuple.tuple("jpa-entity", "INSERT INTO line_item (product_code, qty) VALUES ($1, $2)"),
                org.assertj.core.groups.Tuple.tuple("sql-file", "SELECT count(*) FROM line_item WHERE qty > $1"));
        assertThat(query(e, "report.sql").line()).isEqualTo(2);
        assertThat(query(e, "LineItem.java").line()).isEqualTo(2);
    }

    @Test
    void proseIsNotSql() throws IOException {
        write("src/main/java/a/Messages.java", """
                class Messages {
                    String a = "Select a customer from the list";
                    String b = "Update your profile";
                    String c = "delete";
                }
                """);
        assertThat(extract(Dialect.POSTGRESQL).found()).isEqualTo(1); // the first reads like SQL: it is checked, and fails in state 0 as a warning
    }
}
