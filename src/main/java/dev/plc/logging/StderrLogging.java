package dev.plc.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.NopStatusListener;

/**
 * The logging configuration, in code (found by Logback through META-INF/services): what a logback.xml would say,
 * without parsing XML with the JDK's SAX parser and Joran on every start (about a tenth of the server's cold
 * start). {@code -Dlogback.configurationFile=...} still wins: then this steps aside and Logback reads that file.
 *
 * <ul>
 * <li>stdout is the MCP protocol channel: every log line goes to stderr;</li>
 * <li>passwords in JDBC URLs never reach a log line, whichever library logs them ({@code %rmsg}, {@code %rex});</li>
 * <li>levels: root {@code PLC_LOG_LEVEL} (INFO), {@code org.flywaydb} {@code PLC_FLYWAY_LOG_LEVEL} (WARN; Flyway's
 * "Migration ... failed" ERROR, and its advisory-lock release ERROR after a timed-out apply, are off unless that
 * variable is set: the result reports the failure), {@code liquibase} {@code PLC_LIQUIBASE_LOG_LEVEL} (WARN; its
 * "ChangeSet ... encountered an exception" WARN with a stack trace is off unless that variable is set),
 * {@code io.modelcontextprotocol} {@code PLC_MCP_LOG_LEVEL} (WARN); jOOQ, zonky and Reactor WARN.</li>
 * </ul>
 */
public final class StderrLogging extends ContextAwareBase implements Configurator {

    static final String PATTERN = "%time %-5level %logger{24} - %rmsg%n%rex";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        // Logback prints its own warnings to stdout unless a status listener is registered: never on the protocol channel
        NopStatusListener quiet = new NopStatusListener();
        context.getStatusManager().add(quiet);
        PatternLayout layout = new PatternLayout();
        layout.setContext(context);
        layout.setPattern(PATTERN);
        // %d{HH:mm:ss.SSS}, without java.time's formatter (see LocalTime)
        layout.getInstanceConverterMap().put("time", LocalTime::new);
        layout.getInstanceConverterMap().put("rmsg", RedactedMessage::new);
        layout.getInstanceConverterMap().put("rex", RedactedThrowable::new);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();

        level(context, "org.flywaydb", setting("PLC_FLYWAY_LOG_LEVEL", "WARN"));
        if (setting("PLC_FLYWAY_LOG_LEVEL", null) == null) {
            // a migration that fails is the result's finding (file, line, the database's error); Flyway's own ERROR
            // line about it only repeats that, and reads as a failure of this tool (PLC_FLYWAY_LOG_LEVEL brings it back)
            level(context, "org.flywaydb.core.internal.command.DbMigrate", "OFF");
            // an apply that times out is interrupted and its scratch database dropped: Flyway then cannot release its
            // advisory lock on the closed connection, which the session's end released already (the result says it timed out)
            level(context, "org.flywaydb.core.internal.database.postgresql.PostgreSQLAdvisoryLockTemplate", "OFF");
        }
        level(context, "liquibase", setting("PLC_LIQUIBASE_LOG_LEVEL", "WARN"));
        if (setting("PLC_LIQUIBASE_LOG_LEVEL", null) == null) {
            // "ChangeSet ... encountered an exception" with the whole stack: the result's finding already names the
            // changeSet, file and the database's error (PLC_LIQUIBASE_LOG_LEVEL brings it back)
            level(context, "liquibase.changelog.ChangeSet", "ERROR");
        }
        level(context, "org.jooq", "WARN");
        level(context, "org.jooq.Constants", "OFF");
        level(context, "io.zonky", "WARN");
        // MariaDB Connector/J logs every server error as a WARN; the results already carry them (the compatibility
        // check prepares queries that are expected to fail, one WARN each)
        level(context, "org.mariadb.jdbc.message.server.ErrorPacket", "ERROR");
        level(context, "io.modelcontextprotocol", setting("PLC_MCP_LOG_LEVEL", "WARN"));
        level(context, "reactor", "WARN");
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(setting("PLC_LOG_LEVEL", "INFO"), Level.INFO));
        root.addAppender(stderr);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** A system property, else the environment variable, else the default: how Logback resolves ${NAME:-default}. */
    static String setting(String name, String fallback) {
        String property = System.getProperty(name);
        if (property != null && !property.isBlank()) {
            return property.strip();
        }
        String env = System.getenv(name);
        return env != null && !env.isBlank() ? env.strip() : fallback;
    }

    private static void level(LoggerContext context, String logger, String level) {
        context.getLogger(logger).setLevel(Level.toLevel(level, Level.WARN));
    }
}
