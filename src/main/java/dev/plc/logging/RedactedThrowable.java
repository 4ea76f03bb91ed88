package dev.plc.logging;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.plc.db.Secrets;

/** Logback {@code %rex}: the stack trace with passwords and tokens removed from its messages. */
public final class RedactedThrowable extends ThrowableProxyConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return Secrets.redact(super.convert(event));
    }
}
