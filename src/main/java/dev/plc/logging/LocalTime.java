package dev.plc.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.TimeZone;

/**
 * Logback {@code %time}: the event's local time as {@code HH:mm:ss.SSS}, what {@code %d{HH:mm:ss.SSS}} writes,
 * without java.time's formatter, whose first use loads the locale data (CLDR) and costs the server's start
 * some 20-40 ms for twelve characters.
 */
public final class LocalTime extends ClassicConverter {

    private static final long DAY = 86_400_000L;

    @Override
    public String convert(ILoggingEvent event) {
        long millis = event.getTimeStamp();
        // TimeZone.getDefault() is cached by the JDK after its first call; its offset follows daylight saving
        long local = Math.floorMod(millis + TimeZone.getDefault().getOffset(millis), DAY);
        char[] text = new char[12];
        two(text, 0, (int) (local / 3_600_000L));
        text[2] = ':';
        two(text, 3, (int) (local / 60_000L % 60));
        text[5] = ':';
        two(text, 6, (int) (local / 1000L % 60));
        text[8] = '.';
        int ms = (int) (local % 1000L);
        text[9] = (char) ('0' + ms / 100);
        text[10] = (char) ('0' + ms / 10 % 10);
        text[11] = (char) ('0' + ms % 10);
        return new String(text);
    }

    private static void two(char[] text, int at, int value) {
        text[at] = (char) ('0' + value / 10);
        text[at + 1] = (char) ('0' + value % 10);
    }
}
