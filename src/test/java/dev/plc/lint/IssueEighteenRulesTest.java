package dev.plc.lint;

import dev.plc.db.Dialect;
import dev.plc.lint.rule.Finding;
import dev.plc.lint.rule.LintOptions;
import dev.plc.sql.ApprovalStamp;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The edges of the rules added for issue 18 (item 4) that their fixtures do not reach. */
class IssueEighteenRulesTest {

    private static List<Finding> lint(String sql, String rule) {
        return lint(sql, rule, LintOptions.of(Dialect.POSTGRESQL));
    }

    private static List<Finding> lint(String sql, String rule, LintOptions options) {
        return Linter.lint("V2__change.sql", sql, options).stream().filter(f -> f.rule().equals(rule)).toList();
    }

    private static LintOptions postgres(int version) {
        return new LintOptions(Dialect.POSTGRESQL, true, version, Set.of());
    }

    @Test
    void flagsPlainDetachPartitionOnlyFromPostgres14WhereConcurrentlyExists() {
        String sql = "ALTER TABLE events DETACH PARTITION events_2023;";
        assertThat(lint(sql, "require-concurrent-detach-partition", postgres(14))).hasSize(1);
        assertThat(lint(sql, "require-concurrent-detach-partition", postgres(13))).isEmpty();
        assertThat(lint("ALTER TABLE events DETACH PARTITION events_2023 FINALIZE;", "require-concurrent-detach-partition"))
                .isEmpty();
    }

    @Test
    void allowsChangesToATableCreatedInAnEarlierFileOfTheSameChange() {
        LintOptions change = new LintOptions(Dialect.POSTGRESQL, true, null, Set.of("bookings", "events"));
        assertThat(lint("ALTER TABLE bookings ADD CONSTRAINT b_no_overlap EXCLUDE USING gist (during WITH &&);",
                "adding-exclusion-constraint", change)).isEmpty();
        assertThat(lint("ALTER TABLE events SET UNLOGGED;", "changing-table-persistence", change)).isEmpty();
        assertThat(lint("TRUNCATE events;", "ban-truncate-table", change)).isEmpty();
        assertThat(lint("CREATE TRIGGER t BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION f();", "adding-trigger",
                change)).isEmpty();
    }

    @Test
    void setUnloggedSaysTheTableIsNoLongerCrashSafe() {
        assertThat(lint("ALTER TABLE events SET UNLOGGED;", "changing-table-persistence")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("emptied by a crash"));
    }

    @Test
    void allowsMovingAnIndexCreatedEarlierInTheFile() {
        assertThat(lint("""
                CREATE INDEX orders_note_idx ON orders (note);
                ALTER INDEX orders_note_idx SET TABLESPACE fast_ssd;""", "changing-tablespace")).isEmpty();
    }

    @Test
    void allowsRefreshingAViewCreatedEarlierInTheFile() {
        assertThat(lint("""
                CREATE MATERIALIZED VIEW daily AS SELECT 1 AS n WITH NO DATA;
                REFRESH MATERIALIZED VIEW daily;""", "require-concurrent-refresh")).isEmpty();
    }

    @Test
    void lockTableNamesTheModeItTakes() {
        assertThat(lint("LOCK TABLE orders IN SHARE ROW EXCLUSIVE MODE;", "ban-lock-table")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("SHARE ROW EXCLUSIVE", "every write of orders"));
        assertThat(lint("LOCK TABLE orders, order_items;", "ban-lock-table")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("ACCESS EXCLUSIVE", "orders, order_items"));
    }

    @Test
    void truncateCascadeIsLeftToBanTruncateCascadeAndAnApprovedTruncateDoesNotFail() {
        assertThat(lint("TRUNCATE sessions CASCADE;", "ban-truncate-table")).isEmpty();
        String statements = "TRUNCATE TABLE sessions;";
        String stamped = "-- " + ApprovalStamp.comment("plan-5f2c9e1a7b3d4c60", "approve-3a9f1c2e7d4b8a61", statements,
                Dialect.POSTGRESQL) + "\n" + statements;
        assertThat(lint(stamped, "ban-truncate-table")).singleElement().satisfies(f -> assertThat(f.approved()).isTrue());
    }

    @Test
    void renamingAnEnumValueOrSchemaCreatedEarlierInTheFileIsAllowed() {
        assertThat(lint("""
                CREATE TYPE mood AS ENUM ('sad', 'ok');
                ALTER TYPE mood RENAME VALUE 'ok' TO 'fine';""", "renaming-enum-value")).isEmpty();
        assertThat(lint("CREATE SCHEMA staging;\nALTER SCHEMA staging RENAME TO imports;", "renaming-schema")).isEmpty();
        assertThat(lint("ALTER SCHEMA billing OWNER TO app;", "renaming-schema")).isEmpty();
    }

    @Test
    void identifierLimitIsBytesOnPostgresAndCharactersOnMysql() {
        String sixtyFourAscii = "a".repeat(64);
        String thirtyTwoTwoByteChars = "é".repeat(32); // 64 bytes in UTF-8, 32 characters
        assertThat(lint("CREATE TABLE " + sixtyFourAscii + " (id bigint);", "identifier-too-long")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("a".repeat(63) + ","));
        assertThat(lint("CREATE TABLE \"" + thirtyTwoTwoByteChars + "\" (id bigint);", "identifier-too-long")).hasSize(1);
        LintOptions mysql = LintOptions.of(Dialect.MYSQL);
        assertThat(lint("CREATE TABLE " + sixtyFourAscii + " (id bigint);", "identifier-too-long", mysql)).isEmpty();
        assertThat(lint("CREATE TABLE `" + thirtyTwoTwoByteChars + "` (id bigint);", "identifier-too-long", mysql)).isEmpty();
        assertThat(lint("CREATE TABLE " + "a".repeat(65) + " (id bigint);", "identifier-too-long", mysql)).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("65 characters", "fails on deploy"));
        assertThat(lint("CREATE TABLE \"" + thirtyTwoTwoByteChars + "x\" (id bigint);", "identifier-too-long"))
                .singleElement().satisfies(f -> assertThat(f.message()).contains("truncates it to " + "é".repeat(31) + ","));
    }

    @Test
    void smallintPrimaryKeyIsFlaggedButASmallintColumnIsNot() {
        assertThat(lint("CREATE TABLE kinds (id smallserial PRIMARY KEY);", "prefer-bigint-over-smallint")).hasSize(1);
        assertThat(lint("CREATE TABLE kinds (id smallint, name text, PRIMARY KEY (id));", "prefer-bigint-over-smallint"))
                .hasSize(1);
        assertThat(lint("CREATE TABLE t (id tinyint AUTO_INCREMENT PRIMARY KEY);", "prefer-bigint-over-smallint",
                LintOptions.of(Dialect.MARIADB))).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("127 (255 unsigned)"));
        assertThat(lint("ALTER TABLE orders ADD COLUMN priority smallint;", "prefer-bigint-over-smallint")).isEmpty();
    }

    @Test
    void transactionClosedByRollbackOrLeftToTheToolIsNotUnclosed() {
        LintOptions own = new LintOptions(Dialect.POSTGRESQL, false, null, Set.of());
        assertThat(lint("BEGIN;\nSELECT 1;\nROLLBACK;", "unclosed-transaction", own)).isEmpty();
        assertThat(lint("BEGIN;\nSELECT 1;\nBEGIN;\nSELECT 2;\nCOMMIT;", "unclosed-transaction", own)).singleElement()
                .extracting(Finding::line).isEqualTo(1);
        assertThat(lint("START TRANSACTION;\nUPDATE t SET a = 1 WHERE id = 1;", "unclosed-transaction",
                new LintOptions(Dialect.MYSQL, false, null, Set.of()))).hasSize(1);
        assertThat(lint("BEGIN;\nSELECT 1;", "unclosed-transaction")).as("transactional file: transaction-nesting's case")
                .isEmpty();
    }

    @Test
    void mysqlRulesSkipNewTablesAndReadLockTablesSaysWrites() {
        LintOptions maria = LintOptions.of(Dialect.MARIADB);
        assertThat(lint("CREATE TABLE r (id BIGINT PRIMARY KEY, a INT);\nALTER TABLE r ADD CHECK (a > 0);",
                "mysql-add-check-constraint", maria)).isEmpty();
        assertThat(lint("ALTER TABLE orders ADD CHECK (amount > 0);", "mysql-add-check-constraint", maria)).hasSize(1);
        assertThat(lint("ALTER TABLE orders CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;",
                "mysql-column-type-change-copies-table", maria)).singleElement()
                .satisfies(f -> assertThat(f.help()).contains("ALTER TABLE orders DEFAULT CHARACTER SET utf8mb4 COLLATE "
                        + "utf8mb4_unicode_ci, ALGORITHM=INSTANT;", "gh-ost --alter=\"CONVERT TO CHARACTER SET utf8mb4"));
        assertThat(lint("ALTER TABLE orders DEFAULT CHARSET = utf8mb4;", "mysql-column-type-change-copies-table", maria))
                .isEmpty();
        assertThat(lint("LOCK TABLES orders READ;", "mysql-lock-tables", maria)).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("from writing orders"));
        assertThat(lint("OPTIMIZE NO_WRITE_TO_BINLOG TABLE orders, items;", "mysql-optimize-table", maria)).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("orders, items").doesNotContain("replica"));
    }

    @Test
    void movingEveryTableOfATablespaceIsFlagged() {
        assertThat(lint("ALTER TABLE ALL IN TABLESPACE pg_default SET TABLESPACE fast_ssd;", "changing-tablespace"))
                .singleElement().satisfies(f -> assertThat(f.message()).contains("every relation stored in pg_default"));
    }

    @Test
    void refreshWithNoDataSaysTheViewIsLeftUnreadable() {
        assertThat(lint("REFRESH MATERIALIZED VIEW daily_sales WITH NO DATA;", "require-concurrent-refresh"))
                .singleElement().satisfies(f -> assertThat(f.message()).contains("has not been populated"));
    }

    @Test
    void truncateOnMysqlSaysItCommitsImplicitly() {
        assertThat(lint("TRUNCATE TABLE audit_log;", "ban-truncate-table", LintOptions.of(Dialect.MARIADB))).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("commits implicitly").doesNotContain("ACCESS EXCLUSIVE"));
        assertThat(lint("CREATE TABLE staging (id INT);\nTRUNCATE staging;", "ban-truncate-table",
                LintOptions.of(Dialect.MYSQL))).isEmpty();
    }
}
