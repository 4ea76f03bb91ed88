package dev.plc.lint;

import dev.plc.db.Dialect;
import dev.plc.lint.rule.Finding;
import dev.plc.lint.rule.LintOptions;
import dev.plc.sql.SqlScript;
import dev.plc.sql.SqlStatement;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** The linter reads anything: half statements, unbalanced quotes and parentheses never make it throw. */
class LinterRobustnessTest {

    private static final String[] PIECES = {
        "ALTER", "TABLE", "users", "ADD", "COLUMN", "DROP", "CREATE", "INDEX", "UNIQUE", "CONCURRENTLY", "ON",
        "CONSTRAINT", "CHECK", "FOREIGN", "KEY", "PRIMARY", "REFERENCES", "NOT", "NULL", "VALID", "VALIDATE",
        "DEFAULT", "now()", "random()", "TYPE", "USING", "SET", "RENAME", "TO", "COLUMN", "MODIFY", "CHANGE",
        "ALGORITHM=INSTANT", "LOCK=NONE", "BEGIN", "COMMIT", "END", "DO", "$$", "$tag$", "IF", "EXISTS", "AS",
        "GENERATED", "ALWAYS", "STORED", "IDENTITY", "serial", "int", "varchar(10)", "timestamp", "json",
        "(", ")", ",", ";", ";", ";", "'", "''", "\"", "`", "--", "/*", "*/", "\n", "\n", ".", "=", "UPDATE",
        "DELETE", "FROM", "WHERE", "TRUNCATE", "CASCADE", "DOMAIN", "PROCEDURE", "TRIGGER", "CASE", "DELIMITER",
        "//", "plc:ignore", "ban-drop-column", "reason", "#", "E'\\''", "@@session", "STATEMENT", "FOR"};

    @Test
    void neverThrowsOnRandomFragmentsInAnyDialect() {
        Random random = new Random(20240611L);
        LintOptions[] options = {
            LintOptions.of(Dialect.POSTGRESQL), LintOptions.of(Dialect.MYSQL), LintOptions.of(Dialect.MARIADB),
            LintOptions.of(Dialect.H2), LintOptions.of(Dialect.SQLITE),
            new LintOptions(Dialect.POSTGRESQL, false, 10, Set.of("users"), Map.of("users", 5_000_000L))};
        for (int n = 0; n < 3000; n++) {
            StringBuilder sql = new StringBuilder();
            int length = 1 + random.nextInt(40);
            for (int i = 0; i < length; i++) {
                sql.append(PIECES[random.nextInt(PIECES.length)]).append(random.nextInt(4) == 0 ? "" : " ");
            }
            String script = sql.toString();
            LintOptions o = options[n % options.length];
            assertThatCode(() -> Linter.lint("fuzz.sql", script, o)).as(script).doesNotThrowAnyException();
        }
    }

    @Test
    void everyStatementOfAFileIsReadEvenAfterGarbage() {
        List<SqlStatement> statements = SqlScript.split("""
                ALTER TABLE ((( users ADD;
                CREATE INDEX CONCURRENTLY i ON t (a) WHERE (b;
                ALTER TABLE orders DROP COLUMN legacy;""");
        assertThat(statements).hasSize(3);
        assertThat(Linter.lint("V1.sql", "ALTER TABLE ((( users ADD;\nALTER TABLE orders DROP COLUMN legacy;",
                LintOptions.of(Dialect.POSTGRESQL)))
                .extracting(Finding::rule).contains("ban-drop-column");
    }
}
