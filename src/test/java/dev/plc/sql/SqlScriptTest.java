package dev.plc.sql;

import dev.plc.db.Dialect;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SqlScriptTest {

    @Test
    void splitsOnSemicolonsAndGivesOneBasedStartAndEndLines() {
        List<SqlStatement> s = SqlScript.split("""
                CREATE TABLE a (id bigint);

                ALTER TABLE a
                  ADD COLUMN b text;
                DROP TABLE a""");
        assertThat(s).hasSize(3);
        assertThat(s.get(0).line()).isEqualTo(1);
        assertThat(s.get(1).line()).isEqualTo(3);
        assertThat(s.get(1).endLine()).isEqualTo(4);
        assertThat(s.get(1).text()).isEqualTo("ALTER TABLE a\n  ADD COLUMN b text");
        assertThat(s.get(2).line()).isEqualTo(5);
    }

    @Test
    void lineIsThatOfTheFirstTokenNotOfTheLeadingComment() {
        List<SqlStatement> s = SqlScript.split("-- adds an index\n/* multi\n line */\nCREATE INDEX i ON t (c);");
        assertThat(s).hasSize(1);
        assertThat(s.get(0).line()).isEqualTo(4);
        assertThat(s.get(0).comments()).extracting(SqlComment::line).containsExactly(1, 2);
    }

    @Test
    void keepsSemicolonsInsideStringsWithDoubledQuotes() {
        List<SqlStatement> s = SqlScript.split("INSERT INTO t VALUES ('a;b', 'it''s; fine');\nSELECT 1;");
        assertThat(s).hasSize(2);
        assertThat(s.get(0).text()).isEqualTo("INSERT INTO t VALUES ('a;b', 'it''s; fine')");
    }

    @Test
    void keepsSemicolonsInsideCommentsQuotedIdentifiersAndBackticks() {
        List<SqlStatement> s = SqlScript.split("""
                ALTER TABLE "weird;name" ADD COLUMN x int; -- trailing; comment
                /* a; block comment (MySQL does not nest them) */
                ALTER TABLE `odd;name` ADD COLUMN y int;""", Dialect.MYSQL);
        assertThat(s).hasSize(2);
        assertThat(s.get(0).tableName()).isEqualTo("weird;name");
        assertThat(s.get(1).tableName()).isEqualTo("odd;name");
        assertThat(s.get(1).line()).isEqualTo(3);
    }

    @Test
    void readsPostgresDollarQuotedBodiesAsOneStatement() {
        List<SqlStatement> s = SqlScript.split("""
                DO $$
                BEGIN
                  UPDATE t SET a = 1; UPDATE t SET b = 2;
                END
                $$;
                CREATE FUNCTION f() RETURNS trigger AS $body$
                BEGIN NEW.x := 'a;b'; RETURN NEW; END;
                $body$ LANGUAGE plpgsql;
                SELECT 1;""");
        assertThat(s).hasSize(3);
        assertThat(s.get(0).startsWith("DO")).isTrue();
        assertThat(s.get(0).endLine()).isEqualTo(5);
        assertThat(s.get(1).line()).isEqualTo(6);
        assertThat(s.get(1).endLine()).isEqualTo(8);
        assertThat(s.get(2).line()).isEqualTo(9);
    }

    @Test
    void doesNotTakePositionalParametersForDollarQuotes() {
        List<SqlStatement> s = SqlScript.split("PREPARE p AS SELECT $1; SELECT 2;");
        assertThat(s).hasSize(2);
    }

    @Test
    void followsMysqlDelimiterCommands() {
        List<SqlStatement> s = SqlScript.split("""
                DELIMITER //
                CREATE TRIGGER trg BEFORE INSERT ON t FOR EACH ROW
                BEGIN
                  SET NEW.a = 1;
                  SET NEW.b = 2;
                END//
                DELIMITER ;
                ALTER TABLE t ADD COLUMN c int;""", Dialect.MYSQL);
        assertThat(s).hasSize(2);
        assertThat(s.get(0).startsWith("CREATE", "TRIGGER")).isTrue();
        assertThat(s.get(1).line()).isEqualTo(8);
    }

    @Test
    void keepsBeginEndBodiesOfRoutinesTogetherWithoutDelimiter() {
        List<SqlStatement> s = SqlScript.split("""
                CREATE PROCEDURE p()
                BEGIN
                  IF 1 = 1 THEN SELECT 1; END IF;
                  SELECT CASE WHEN 1 = 1 THEN 'a' ELSE 'b' END;
                END;
                ALTER TABLE t ADD COLUMN c int;""", Dialect.MARIADB);
        assertThat(s).hasSize(2);
        assertThat(s.get(0).endLine()).isEqualTo(5);
        assertThat(s.get(1).startsWith("ALTER", "TABLE")).isTrue();
    }

    @Test
    void transactionBeginIsNotARoutineBody() {
        List<SqlStatement> s = SqlScript.split("BEGIN;\nCREATE INDEX CONCURRENTLY i ON t (c);\nCOMMIT;");
        assertThat(s).hasSize(3);
        assertThat(s.get(0).isTransactionStart()).isTrue();
        assertThat(s.get(2).isTransactionEnd()).isTrue();
    }

    @Test
    void tokensAreUpperCasedWithIdentifierQuotesStrippedAndStringsKept() {
        SqlStatement s = SqlScript.split("alter table \"Users\" add column note text default 'not valid'").get(0);
        assertThat(s.tokens()).containsExactly("ALTER", "TABLE", "USERS", "ADD", "COLUMN", "NOTE", "TEXT", "DEFAULT",
                "'not valid'");
        assertThat(s.startsWith("ALTER", "TABLE")).isTrue();
        assertThat(s.contains("NOT", "VALID")).as("a string never matches keywords").isFalse();
        assertThat(s.tableName()).isEqualTo("Users");
    }

    @Test
    void findsTheTableOfEachKindOfStatement() {
        assertThat(SqlScript.split("CREATE UNLOGGED TABLE IF NOT EXISTS s.t (a int)").get(0).tableName()).isEqualTo("s.t");
        assertThat(SqlScript.split("ALTER TABLE IF EXISTS ONLY t ADD x int").get(0).tableName()).isEqualTo("t");
        assertThat(SqlScript.split("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS i ON ONLY t USING btree (a)")
                .get(0).tableName()).isEqualTo("t");
        assertThat(SqlScript.split("DROP TABLE IF EXISTS t CASCADE").get(0).tableName()).isEqualTo("t");
        assertThat(SqlScript.split("DELETE FROM t WHERE a = 1").get(0).tableName()).isEqualTo("t");
        assertThat(SqlScript.split("SELECT 1").get(0).tableName()).isNull();
    }

    @Test
    void readsSetStatementsAsSettings() {
        assertThat(SqlScript.split("SET lock_timeout = '5s'").get(0).setting())
                .contains(new SqlStatement.Setting("lock_timeout", "5s", false));
        assertThat(SqlScript.split("SET LOCAL statement_timeout TO 0").get(0).setting())
                .contains(new SqlStatement.Setting("statement_timeout", "0", true));
        assertThat(SqlScript.split("SET @@session.lock_wait_timeout = 5", Dialect.MYSQL).get(0).setting())
                .contains(new SqlStatement.Setting("lock_wait_timeout", "5", false));
    }

    @Test
    void anUnterminatedStringStillYieldsTheStatement() {
        List<SqlStatement> s = SqlScript.split("ALTER TABLE t DROP COLUMN c;\nUPDATE t SET a = 'oops;\n");
        assertThat(s).hasSize(2);
        assertThat(s.get(1).startsWith("UPDATE")).isTrue();
    }

    @Test
    void aTrailingCommentOnTheStatementsLineBelongsToIt() {
        List<SqlStatement> s = SqlScript.split("DROP TABLE a; -- plc:ignore ban-drop-table empty\nDROP TABLE b;");
        assertThat(s.get(0).comments()).extracting(SqlComment::text).containsExactly("plc:ignore ban-drop-table empty");
        assertThat(s.get(1).comments()).isEmpty();
    }
}
