package dev.plc.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import org.junit.jupiter.api.Test;

/** What a passing build and a user's failing migration print: no Flyway ERROR line that repeats the result's finding. */
class StderrLoggingTest {

    @Test
    void flywaysFailedMigrationErrorIsOffUnlessFlywayLoggingIsAskedFor() {
        LoggerContext context = new LoggerContext();
        new StderrLogging().configure(context);
        assertThat(context.getLogger("org.flywaydb.core.internal.command.DbMigrate").isErrorEnabled()).isFalse();
        assertThat(context.getLogger("org.flywaydb.core.internal.database.postgresql.PostgreSQLAdvisoryLockTemplate").isErrorEnabled()).isFalse();
        assertThat(context.getLogger("org.flywaydb.core.FlywayExecutor").isWarnEnabled()).as("other Flyway warnings stay").isTrue();
        assertThat(context.getLogger("dev.plc.check.CheckRunner").isInfoEnabled()).isTrue();

        System.setProperty("PLC_FLYWAY_LOG_LEVEL", "INFO");
        try {
            LoggerContext asked = new LoggerContext();
            new StderrLogging().configure(asked);
            assertThat(asked.getLogger("org.flywaydb.core.internal.command.DbMigrate").isErrorEnabled()).isTrue();
            assertThat(asked.getLogger("org.flywaydb.core.internal.command.DbMigrate").isInfoEnabled()).isTrue();
        } finally {
            System.clearProperty("PLC_FLYWAY_LOG_LEVEL");
        }
    }

    @Test
    void liquibasesFailedChangeSetWarningIsOffUnlessLiquibaseLoggingIsAskedFor() {
        LoggerContext context = new LoggerContext();
        new StderrLogging().configure(context);
        assertThat(context.getLogger("liquibase.changelog.ChangeSet").isWarnEnabled()).isFalse();
        assertThat(context.getLogger("liquibase.changelog.ChangeSet").isErrorEnabled()).isTrue();
        assertThat(context.getLogger("liquibase.database").isWarnEnabled()).as("other Liquibase warnings stay").isTrue();
        assertThat(context.getLogger("liquibase.database").isInfoEnabled()).isFalse();

        System.setProperty("PLC_LIQUIBASE_LOG_LEVEL", "INFO");
        try {
            LoggerContext asked = new LoggerContext();
            new StderrLogging().configure(asked);
            assertThat(asked.getLogger("liquibase.changelog.ChangeSet").isInfoEnabled()).isTrue();
        } finally {
            System.clearProperty("PLC_LIQUIBASE_LOG_LEVEL");
        }
    }
}
