package dev.plc.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class DatabaseErrorsTest {

    @Test
    void describesTheInnermostDatabaseErrorWithItsSqlstateAndNoClassNames() {
        SQLException db = new SQLException("ERROR: relation \"orders\" does not exist", "42P01");
        RuntimeException wrapped = new RuntimeException(new SQLException(new IllegalStateException("x", db)));
        assertThat(DatabaseErrors.describe(wrapped)).isEqualTo("ERROR: relation \"orders\" does not exist (SQLSTATE 42P01)");
    }

    @Test
    void removesJavaClassNamesAndFlywaysDetailBox() {
        String flyway = "org.flywaydb.core.api.FlywayException: Unable to obtain connection: java.sql.SQLException: FATAL: no such database\n"
                + "-------------\nSQL State  : 3D000\nError Code : 0\nMessage    : FATAL: no such database";
        assertThat(DatabaseErrors.clean(flyway)).isEqualTo("Unable to obtain connection: FATAL: no such database");
        assertThat(DatabaseErrors.hasClassName(flyway)).isTrue();
        assertThat(DatabaseErrors.hasClassName("ERROR: column \"a.b\" does not exist")).isFalse();
    }
}
