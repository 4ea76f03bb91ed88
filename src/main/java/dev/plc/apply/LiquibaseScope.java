package dev.plc.apply;

import java.util.HashMap;
import java.util.Map;
import java.util.logging.Level;
import liquibase.Scope;
import liquibase.logging.LogService;
import liquibase.logging.Logger;
import liquibase.logging.core.AbstractLogService;
import liquibase.logging.core.AbstractLogger;
import liquibase.resource.ResourceAccessor;
import liquibase.ui.LoggerUIService;
import org.slf4j.LoggerFactory;

/**
 * The Liquibase scope every call of this tool runs in. Liquibase's default UI service prints to System.out, which
 * is the MCP protocol channel: here its UI messages go to its log, and its log goes to SLF4J (stderr). Its
 * anonymous usage analytics (on by default since 4.30) are off: this tool never sends anything over a network.
 */
final class LiquibaseScope {

    private static final LogService LOGS = new Slf4jLogService();

    private LiquibaseScope() {
    }

    static <T> T run(ResourceAccessor accessor, Scope.ScopedRunnerWithReturn<T> body) throws Exception {
        Map<String, Object> values = new HashMap<>();
        LoggerUIService ui = new LoggerUIService();
        ui.setStandardLogLevel(Level.FINE);
        values.put(Scope.Attr.ui.name(), ui);
        values.put(Scope.Attr.logService.name(), LOGS);
        values.put(Scope.Attr.resourceAccessor.name(), accessor);
        values.put("liquibase.analytics.enabled", Boolean.FALSE);
        values.put("liquibase.showBanner", Boolean.FALSE);
        return Scope.child(values, body);
    }

    /** Liquibase's log on SLF4J; its INFO lines (one per changeSet) are debug here. */
    private static final class Slf4jLogService extends AbstractLogService {

        @Override
        public int getPriority() {
            return PRIORITY_SPECIALIZED;
        }

        @Override
        public Logger getLog(@SuppressWarnings("rawtypes") Class clazz) {
            return new Slf4jLogger(LoggerFactory.getLogger(clazz == null ? "liquibase" : clazz.getName()));
        }
    }

    private static final class Slf4jLogger extends AbstractLogger {

        private final org.slf4j.Logger log;

        Slf4jLogger(org.slf4j.Logger log) {
            this.log = log;
        }

        @Override
        public void log(Level level, String message, Throwable e) {
            int value = level == null ? Level.INFO.intValue() : level.intValue();
            if (message != null && message.startsWith("User has disabled analytics")) {
                value = Level.FINE.intValue(); // we turned them off: not worth a warning on every run
            }
            if (value >= Level.WARNING.intValue()) {
                // the caller reports a failure itself: the log gets one line (a changelog includeAll skips, say), the
                // stack trace only at debug
                log.warn(e == null || e.getMessage() == null || (message != null && message.contains(e.getMessage())) ? message
                        : message + ": " + e.getMessage());
                if (e != null) {
                    log.debug("(detail of the warning above)", e);
                }
            } else if (value >= Level.FINE.intValue()) {
                log.debug(message, e);
            } else {
                log.trace(message, e);
            }
        }
    }
}
