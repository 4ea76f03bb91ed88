package dev.plc.sql;

import dev.plc.db.Dialect;
import java.util.List;
import org.junit.jupiter.api.Test;

import static dev.plc.db.Dialect.MARIADB;
import static dev.plc.db.Dialect.MYSQL;
import static dev.plc.db.Dialect.POSTGRESQL;
import static org.assertj.core.api.Assertions.assertThat;

/** Each lexer feature splits a script where psql or the mysql client would: the count and first lines. */
class SqlSplittingTest {

    private static List<SqlStatement> read(String sql, Dialect dialect) {
        return SqlReader.read(sql, dialect);
    }

    private static void assertLines(List<SqlStatement> statements, Integer... lines) {
        assertThat(statements).extracting(SqlStatement::line).containsExactly(lines);
    }

    @Test
    void unicodeStringsAndIdentifiersWithUescapeAreOneToken() {
        List<SqlStatement> s = read("""
                SELECT U&'d\\0061t\\+000061;' AS a;
                SELECT U&'d!0061t!+000061;' UESCAPE '!';
                CREATE TABLE U&"semi;\\0063olon" (a int);""", POSTGRESQL);
        assertLines(s, 1, 2, 3);
        assertThat(s.get(1).text()).isEqualTo("SELECT U&'d!0061t!+000061;' UESCAPE '!'");
        assertThat(s.get(2).kind().target()).isEqualTo(QualifiedName.of("semi;colon"));
    }

    @Test
    void escapeStringsHonourBackslashesOnlyWithTheEPrefix() {
        List<SqlStatement> s = read("""
                SELECT E'it\\'s; fine';
                SELECT 'C:\\';
                SELECT e'\\\\';""", POSTGRESQL);
        assertLines(s, 1, 2, 3);
        assertThat(s.get(1).text()).isEqualTo("SELECT 'C:\\'");
    }

    @Test
    void dollarQuotesWithTagsOfDigitsAndUnderscores() {
        List<SqlStatement> s = read("""
                CREATE FUNCTION f() RETURNS text AS $body_2$
                  SELECT $$;$$ || $x$;$x$;
                $body_2$ LANGUAGE sql;
                SELECT $1;""", POSTGRESQL);
        assertLines(s, 1, 4);
        assertThat(s.get(0).endLine()).isEqualTo(3);
    }

    @Test
    void nestedBlockCommentsOnPostgresOnly() {
        assertLines(read("/* outer /* inner; */ still comment; */ SELECT 1;\nSELECT 2;", POSTGRESQL), 1, 2);
        // MySQL ends the comment at the first */: "still comment; */ SELECT 1" is text of a statement
        List<SqlStatement> my = read("/* outer /* inner; */ still comment; */ SELECT 1;\nSELECT 2;", MYSQL);
        assertThat(my).hasSize(3);
        assertThat(my.get(0).text()).isEqualTo("still comment");
    }

    @Test
    void mysqlHashCommentsAndDashDashNeedingASpace() {
        List<SqlStatement> s = read("""
                # a hash comment; with a semicolon
                SELECT 1--1;
                -- a comment; too
                SELECT 2;
                --\tafter a tab;
                SELECT 3;""", MARIADB);
        assertLines(s, 2, 4, 6);
        assertThat(s.get(0).text()).isEqualTo("SELECT 1--1");
        assertThat(read("SELECT 1 --1;\nSELECT 2;", POSTGRESQL)).as("PostgreSQL: -- always comments")
                .hasSize(1);
    }

    @Test
    void mysqlExecutableCommentsArePartOfTheStatement() {
        List<SqlStatement> s = read("""
                /*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
                CREATE TABLE t (a INT) /*!50100 PARTITION BY HASH (a) */;
                /*M!100100 SET STATEMENT max_statement_time=1 FOR SELECT 1 */;
                /* a plain comment; */ SELECT 2;""", MARIADB);
        assertLines(s, 1, 2, 3, 4);
        assertThat(s.get(0).text()).isEqualTo("/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */");
        assertThat(s.get(0).kind().verb()).isEqualTo(Verb.SET);
        assertThat(s.get(1).text()).isEqualTo("CREATE TABLE t (a INT) /*!50100 PARTITION BY HASH (a) */");
        assertThat(s.get(1).contains("PARTITION", "BY")).isTrue();
        assertThat(s.get(2).kind().verb()).isEqualTo(Verb.SELECT);
        assertThat(s.get(3).text()).isEqualTo("SELECT 2");
        assertThat(read("/*!40101 SET x=1 */; SELECT 1;", POSTGRESQL)).as("PostgreSQL: just a comment")
                .hasSize(1);
    }

    @Test
    void backticksWithDoubledBackticksAndMysqlDoubleQuotesWithBackslashes() {
        List<SqlStatement> s = read("""
                ALTER TABLE `we``ird;name` ADD COLUMN x INT;
                INSERT INTO t VALUES ("a\\";b");
                SELECT 1;""", MYSQL);
        assertLines(s, 1, 2, 3);
        assertThat(s.get(0).kind().target()).isEqualTo(QualifiedName.of("we`ird;name"));
    }

    @Test
    void delimiterCommandsWithDollarsAndSlashes() {
        List<SqlStatement> s = read("""
                DELIMITER $$
                CREATE PROCEDURE p()
                BEGIN
                  SELECT 1;
                END$$
                DELIMITER //
                CREATE FUNCTION f() RETURNS INT DETERMINISTIC
                BEGIN
                  RETURN 1;
                END //
                DELIMITER ;
                SELECT 2;""", MYSQL);
        assertLines(s, 1, 2, 6, 7, 11, 12);
        assertThat(s.get(1).text()).endsWith("END");
        assertThat(s.get(3).text()).endsWith("END");
    }

    @Test
    void routineBodiesWithBeginEndWithoutDelimiter() {
        List<SqlStatement> s = read("""
                CREATE TRIGGER trg BEFORE UPDATE ON t FOR EACH ROW
                BEGIN
                  IF NEW.a < 0 THEN SET NEW.a = 0; END IF;
                  CASE NEW.b WHEN 1 THEN SET NEW.c = 1; ELSE SET NEW.c = 2; END CASE;
                  lbl: LOOP LEAVE lbl; END LOOP lbl;
                END;
                CREATE TABLE event (begin INT, end INT);
                CREATE DEFINER=`a`@`%` EVENT e ON SCHEDULE EVERY 1 DAY DO BEGIN DELETE FROM t; END;
                SELECT 3;""", MARIADB);
        assertLines(s, 1, 7, 8, 9);
    }

    @Test
    void postgresBeginAtomicBodies() {
        List<SqlStatement> s = read("""
                CREATE FUNCTION total(o int) RETURNS numeric LANGUAGE sql
                BEGIN ATOMIC
                  SELECT CASE WHEN o > 0 THEN 1 ELSE 0 END;
                  SELECT 2;
                END;
                CREATE PROCEDURE clean() LANGUAGE sql BEGIN ATOMIC DELETE FROM t; END;
                SELECT 4;""", POSTGRESQL);
        assertLines(s, 1, 6, 7);
    }

    @Test
    void doBlocksAreOneStatement() {
        List<SqlStatement> s = read("""
                DO $$
                BEGIN
                  ALTER TABLE t ADD COLUMN a int;
                END
                $$;
                DO LANGUAGE plpgsql $do$ BEGIN PERFORM 1; END $do$;""", POSTGRESQL);
        assertLines(s, 1, 6);
        assertThat(s).extracting(x -> x.kind().verb()).containsOnly(Verb.DO);
    }

    @Test
    void createRuleWithSeveralActionsInParentheses() {
        List<SqlStatement> s = read("""
                CREATE RULE log_update AS ON UPDATE TO t DO ALSO (
                  INSERT INTO log VALUES (1);
                  INSERT INTO log VALUES (2)
                );
                SELECT 1;""", POSTGRESQL);
        assertLines(s, 1, 5);
    }

    @Test
    void anythingUnreadableStillBecomesAStatement() {
        List<SqlStatement> s = read("ALTER TABLE ((( t ADD;\nSELECT 'unterminated;\n", POSTGRESQL);
        assertLines(s, 1, 2);
        assertThat(read("/*!50100 never closed; SELECT 1", MYSQL)).hasSize(2);
        assertThat(read("SELECT $$ never closed; SELECT 1", POSTGRESQL)).hasSize(1);
        assertThat(read("", POSTGRESQL)).isEmpty();
        assertThat(read(null, MYSQL)).isEmpty();
    }
}
