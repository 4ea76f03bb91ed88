package dev.plc.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plc.db.Dialect;
import dev.plc.db.ScratchDatabase;
import dev.plc.db.ScratchDatabases;
import dev.plc.lint.rule.Finding;
import dev.plc.lint.rule.LintOptions;
import dev.plc.lint.rules.MysqlVolatileDefaultCopiesTable;
import dev.plc.testing.RealServers;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rule's list of per-row defaults is what the real MariaDB does: every listed function makes ALGORITHM=INSTANT
 * refuse the ADD COLUMN, the unlisted ones (NOW(), RAND(), constants) are instant, and the rule agrees on each.
 */
class MysqlVolatileDefaultsTest {

    private static final List<String> PER_ROW = new ArrayList<>(MysqlVolatileDefaultCopiesTable.COPYING.stream().map(f -> switch (f) {
        case "NEXTVAL", "LASTVAL" -> f + "(s1)";
        case "RANDOM_BYTES" -> f + "(4)";
        default -> f + "()";
    }).toList());
    private static final List<String> SHARED = List.of("NOW()", "CURRENT_TIMESTAMP", "CURDATE()", "UTC_DATE()", "RAND()", "'x'",
            "CONCAT('a', 'b')", "CONNECTION_ID()", "DATABASE()");

    static {
        PER_ROW.addAll(List.of("NEXT VALUE FOR s1", "CONCAT(UUID(), '-x')"));
    }

    @Test
    void theListIsWhatMariadbRefusesToAddInstantly() throws Exception {
        RealServers.require(Dialect.MARIADB);
        List<String> refused = new ArrayList<>();
        List<String> instant = new ArrayList<>();
        try (ScratchDatabase db = ScratchDatabases.fromEnvironment().create(Dialect.MARIADB, null);
             Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE SEQUENCE s1");
            s.execute("CREATE TABLE vt (id INT PRIMARY KEY)");
            s.execute("INSERT INTO vt VALUES (1), (2)");
            int n = 0;
            for (String def : concat(PER_ROW, SHARED)) {
                String column = "c" + n++;
                try {
                    s.execute("ALTER TABLE vt ADD COLUMN " + column + " VARCHAR(64) DEFAULT (" + def + "), ALGORITHM=INSTANT");
                    instant.add(def);
                } catch (SQLException e) {
                    assertThat(e.getErrorCode()).as(def + ": " + e.getMessage()).isEqualTo(1845); // ALGORITHM=INSTANT is not supported
                    refused.add(def);
                }
            }
        }
        assertThat(refused).as("per-row defaults on the real server").containsExactlyInAnyOrderElementsOf(PER_ROW);
        assertThat(instant).containsExactlyInAnyOrderElementsOf(SHARED);
        for (String def : PER_ROW) {
            assertThat(rules("ALTER TABLE vt ADD COLUMN x VARCHAR(64) DEFAULT (" + def + "), ALGORITHM=INSTANT"))
                    .as(def).contains("mysql-volatile-default-copies-table");
        }
        for (String def : SHARED) {
            assertThat(rules("ALTER TABLE vt ADD COLUMN x VARCHAR(64) DEFAULT (" + def + "), ALGORITHM=INSTANT"))
                    .as(def).doesNotContain("mysql-volatile-default-copies-table");
        }
    }

    @Test
    void theMessageSaysTheStatementFailsWhenInstantIsWrittenOut() {
        List<Finding> f = Linter.lint("V2.sql", "SET SESSION lock_wait_timeout = 5;\n"
                + "ALTER TABLE users ADD COLUMN token CHAR(36) DEFAULT (UUID()), ALGORITHM=INSTANT;", LintOptions.of(Dialect.MARIADB));
        assertThat(f).filteredOn(x -> x.rule().equals("mysql-volatile-default-copies-table")).singleElement()
                .satisfies(x -> assertThat(x.message()).contains("MariaDB refuses ALGORITHM=INSTANT and the migration fails"));
    }

    private static List<String> rules(String sql) {
        return Linter.lint("V2.sql", "SET SESSION lock_wait_timeout = 5;\n" + sql + ";", LintOptions.of(Dialect.MARIADB)).stream()
                .map(Finding::rule).toList();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
