package dev.plc.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.plc.db.Secrets;

/** Logback {@code %rmsg}: the message with passwords and tokens removed (a URL can reach a log line from any library). */
public final class RedactedMessage extends MessageConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return Secrets.redact(super.convert(event));
    }
}
