package dev.plc.repo.migrations;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class VersionSchemeTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-06-01T12:34:56.789Z"), ZoneOffset.UTC);

    @Test
    void integerVersionsCompareNumericallyNotAsText() {
        VersionScheme scheme = VersionScheme.of(List.of("1", "2", "10", "9"), VersionScheme.INTEGER, CLOCK);

        assertThat(scheme).isEqualTo(new VersionScheme("integer", 0, "10", "11"));
    }

    @Test
    void nextVersionKeepsZeroPadding() {
        VersionScheme scheme = VersionScheme.of(List.of("0001", "0002", "0009"), VersionScheme.INTEGER, CLOCK);

        assertThat(scheme.padWidth()).isEqualTo(4);
        assertThat(scheme.last()).isEqualTo("0009");
        assertThat(scheme.next()).isEqualTo("0010");
    }

    @Test
    void paddingIsKeptWhenTheNumberOutgrowsIt() {
        VersionScheme scheme = VersionScheme.of(List.of("098", "099"), VersionScheme.INTEGER, CLOCK);

        assertThat(scheme.next()).isEqualTo("100");
        assertThat(scheme.padWidth()).isEqualTo(3);
    }

    @Test
    void dottedVersionsCompareComponentWise() {
        VersionScheme scheme = VersionScheme.of(List.of("1.2", "1.10", "1.9", "1"), VersionScheme.INTEGER, CLOCK);

        assertThat(scheme.style()).isEqualTo("dotted");
        assertThat(scheme.last()).isEqualTo("1.10");
        assertThat(scheme.next()).isEqualTo("1.11");
    }

    @Test
    void underscoreVersionsAreDottedAndKeepTheirSeparator() {
        VersionScheme scheme = VersionScheme.of(List.of("1_1", "1_2", "2_0_9"), VersionScheme.INTEGER, CLOCK);

        assertThat(scheme.style()).isEqualTo("dotted");
        assertThat(scheme.last()).isEqualTo("2_0_9");
        assertThat(scheme.next()).isEqualTo("2_0_10");
    }

    @Test
    void timestampNextIsTheClockInTheSameFormat() {
        VersionScheme scheme = VersionScheme.of(List.of("20240115103000", "20240301090000"), VersionScheme.INTEGER, CLOCK);

        assertThat(scheme.style()).isEqualTo("timestamp");
        assertThat(scheme.padWidth()).isZero();
        assertThat(scheme.last()).isEqualTo("20240301090000");
        assertThat(scheme.next()).isEqualTo("20240601123456");
    }

    @Test
    void twelveDigitTimestampsKeepTheirLength() {
        VersionScheme scheme = VersionScheme.of(List.of("202401151030"), VersionScheme.INTEGER, CLOCK);

        assertThat(scheme.next()).isEqualTo("202406011234");
    }

    @Test
    void timestampNextIsAfterALastVersionFromTheFuture() {
        VersionScheme scheme = VersionScheme.of(List.of("20301231235959"), VersionScheme.INTEGER, CLOCK);

        assertThat(scheme.next()).isEqualTo("20310101000000");
    }

    @Test
    void dieselStyleTimestampKeepsItsDashes() {
        VersionScheme scheme = VersionScheme.of(List.of("2024-01-15-103000", "2023-12-01-000000"), VersionScheme.INTEGER, CLOCK);

        assertThat(scheme.style()).isEqualTo("timestamp");
        assertThat(scheme.last()).isEqualTo("2024-01-15-103000");
        assertThat(scheme.next()).isEqualTo("2024-06-01-123456");
    }

    @Test
    void epochMillisecondTimestampsStayEpochMilliseconds() {
        VersionScheme scheme = VersionScheme.of(List.of("1700000000000"), VersionScheme.INTEGER, CLOCK);

        assertThat(scheme.style()).isEqualTo("timestamp");
        assertThat(scheme.next()).isEqualTo(Long.toString(CLOCK.millis()));
    }

    @Test
    void epochSecondVersionsAreTimestampsInEpochSeconds() {
        VersionScheme scheme = VersionScheme.of(List.of("1700000000", "1710000000"), VersionScheme.INTEGER, CLOCK);

        assertThat(scheme.style()).isEqualTo("timestamp");
        assertThat(scheme.next()).isEqualTo(Long.toString(CLOCK.instant().getEpochSecond()));
    }

    @Test
    void tenDigitCounterIsStillAnInteger() {
        VersionScheme scheme = VersionScheme.of(List.of("0000000001", "0000000002"), VersionScheme.INTEGER, CLOCK);

        assertThat(scheme).isEqualTo(new VersionScheme("integer", 10, "0000000002", "0000000003"));
    }

    @Test
    void hashesHaveNoOrderAndNoNextVersion() {
        VersionScheme scheme = VersionScheme.of(List.of("ae1027a6acf", "27c6a30d7c24"), VersionScheme.INTEGER, CLOCK);

        assertThat(scheme.style()).isEqualTo("none");
        assertThat(scheme.next()).isNull();
    }

    @Test
    void noVersionsStartsAtOneOrAtTheClock() {
        assertThat(VersionScheme.of(List.of(), VersionScheme.INTEGER, CLOCK).next()).isEqualTo("1");
        assertThat(VersionScheme.of(List.of(), VersionScheme.TIMESTAMP, CLOCK).next()).isEqualTo("20240601123456");
        assertThat(VersionScheme.of(List.of(), VersionScheme.INTEGER, CLOCK).last()).isNull();
    }
}
