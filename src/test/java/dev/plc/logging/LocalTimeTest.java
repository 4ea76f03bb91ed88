package dev.plc.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.LoggingEvent;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

class LocalTimeTest {

    @Test
    void writesWhatTheDatePatternWouldInTheDefaultZone() {
        TimeZone saved = TimeZone.getDefault();
        try {
            for (String zone : new String[] {"UTC", "Europe/Berlin", "America/St_Johns", "Asia/Kolkata", "Pacific/Chatham"}) {
                TimeZone.setDefault(TimeZone.getTimeZone(zone));
                for (long millis : new long[] {0L, 1_700_000_000_123L, 1_711_846_799_999L, 1_711_846_800_000L, 4_102_444_799_999L}) {
                    LoggingEvent event = new LoggingEvent();
                    event.setTimeStamp(millis);
                    String expected = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.of(zone)).format(Instant.ofEpochMilli(millis));
                    assertThat(new LocalTime().convert(event)).as("%s at %d", zone, millis).isEqualTo(expected);
                }
            }
        } finally {
            TimeZone.setDefault(saved);
        }
    }
}
