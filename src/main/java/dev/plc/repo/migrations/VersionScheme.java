package dev.plc.repo.migrations;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The versioning style of a set of migrations, their last version and the version the next one should use.
 *
 * @param style    {@code integer}, {@code dotted}, {@code timestamp} or {@code none}
 * @param padWidth zero-padding width of integer versions ({@code 0001} = 4), 0 when not padded
 * @param last     the highest version as written in the repo, null when there is none
 * @param next     the next version in the same style, null when the style has no order (hashes, names)
 */
public record VersionScheme(String style, int padWidth, String last, String next) {

    public static final String INTEGER = "integer";
    public static final String DOTTED = "dotted";
    public static final String TIMESTAMP = "timestamp";
    public static final String NONE = "none";

    /** Shortest all-digit version read as a timestamp: yyyyMMddHHmm. */
    static final int MIN_TIMESTAMP_DIGITS = 12;

    private static final Pattern DIGITS = Pattern.compile("\\d+");
    private static final Pattern DOTTED_VERSION = Pattern.compile("\\d+(?:[._]\\d+)+");
    // Diesel writes 2024-01-15-103000; other tools use similar separated dates
    private static final Pattern SEPARATED_TIMESTAMP = Pattern.compile("\\d{4}[-_.]\\d{2}[-_.]\\d{2}[-_.T]?\\d{4,6}");
    private static final Pattern NUMBER_RUN = Pattern.compile("\\d+");
    private static final DateTimeFormatter MILLIS_STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS").withZone(ZoneOffset.UTC);

    /** Orders versions numerically, dotted ones component by component; non-numeric versions sort first, by text. */
    public static final Comparator<String> ORDER = VersionScheme::compare;

    /** The scheme of {@code versions}; {@code emptyStyle} decides the first version when there are none. */
    public static VersionScheme of(Collection<String> versions, String emptyStyle, Clock clock) {
        if (versions.isEmpty()) {
            return first(emptyStyle, clock);
        }
        String last = versions.stream().max(ORDER).orElseThrow();
        String style = styleOf(versions);
        return switch (style) {
            case INTEGER -> integer(versions, last);
            case DOTTED -> new VersionScheme(DOTTED, 0, last, incrementLastComponent(last));
            case TIMESTAMP -> new VersionScheme(TIMESTAMP, 0, last, nextTimestamp(last, last, clock));
            default -> new VersionScheme(NONE, 0, last, null);
        };
    }

    /** The scheme of a repo with no migrations yet. */
    public static VersionScheme first(String style, Clock clock) {
        return switch (style) {
            case INTEGER -> new VersionScheme(INTEGER, 0, null, "1");
            case DOTTED -> new VersionScheme(DOTTED, 0, null, "1.0");
            case TIMESTAMP -> new VersionScheme(TIMESTAMP, 0, null, nextTimestamp("00000000000000", null, clock));
            default -> new VersionScheme(NONE, 0, null, null);
        };
    }

    static String styleOf(Collection<String> versions) {
        if (versions.stream().allMatch(v -> DIGITS.matcher(v).matches())) {
            boolean stamps = versions.stream().anyMatch(v -> v.length() >= MIN_TIMESTAMP_DIGITS)
                    || versions.stream().allMatch(v -> isEpoch(v, 10));
            return stamps ? TIMESTAMP : INTEGER;
        }
        if (versions.stream().allMatch(v -> SEPARATED_TIMESTAMP.matcher(v).matches() || isZeros(v))) {
            return TIMESTAMP;
        }
        if (versions.stream().allMatch(v -> DIGITS.matcher(v).matches() || DOTTED_VERSION.matcher(v).matches())) {
            return DOTTED;
        }
        return NONE;
    }

    private static boolean isZeros(String v) {
        return v.chars().allMatch(c -> c == '0');
    }

    private static VersionScheme integer(Collection<String> versions, String last) {
        int pad = versions.stream()
                .filter(v -> v.length() > 1 && v.startsWith("0"))
                .mapToInt(String::length).max().orElse(0);
        String next = new BigInteger(last).add(BigInteger.ONE).toString();
        return new VersionScheme(INTEGER, pad, last, pad > next.length() ? "0".repeat(pad - next.length()) + next : next);
    }

    /** 1.2 -> 1.3, 1_9 -> 1_10, 2 -> 3: the separator and the other components are kept. */
    static String incrementLastComponent(String version) {
        Matcher m = Pattern.compile("(\\d+)$").matcher(version);
        if (!m.find()) {
            return null;
        }
        String digits = m.group(1);
        String bumped = new BigInteger(digits).add(BigInteger.ONE).toString();
        if (bumped.length() < digits.length()) {
            bumped = "0".repeat(digits.length() - bumped.length()) + bumped;
        }
        return version.substring(0, m.start(1)) + bumped;
    }

    /**
     * The current UTC time written like {@code template} (same digit count and separators), strictly greater
     * than {@code last} so a clock behind the newest migration still yields a later version.
     */
    public static String nextTimestamp(String template, String last, Clock clock) {
        String templateDigits = template.replaceAll("\\D", "");
        int width = templateDigits.length();
        BigInteger now = new BigInteger(nowDigits(templateDigits, clock.instant()));
        if (last != null) {
            BigInteger lastValue = new BigInteger(last.replaceAll("\\D", ""));
            if (now.compareTo(lastValue) <= 0) {
                now = new BigInteger(successor(lastValue.toString(), width));
            }
        }
        String digits = now.toString();
        digits = digits.length() < width ? "0".repeat(width - digits.length()) + digits : digits;
        return withSeparatorsOf(template, digits);
    }

    /** The next instant after a calendar timestamp (20301231235959 -> 20310101000000); plain +1 otherwise. */
    private static String successor(String digits, int width) {
        String padded = digits.length() < width ? "0".repeat(width - digits.length()) + digits : digits;
        Map<Integer, ChronoUnit> units = Map.of(12, ChronoUnit.MINUTES, 14, ChronoUnit.SECONDS, 17, ChronoUnit.MILLIS);
        ChronoUnit unit = units.get(width);
        if (unit != null) {
            try {
                DateTimeFormatter format = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS".substring(0, width));
                return LocalDateTime.parse(padded, format).plus(1, unit).format(format);
            } catch (DateTimeParseException e) {
                // not a calendar date after all
            }
        }
        return new BigInteger(digits).add(BigInteger.ONE).toString();
    }

    private static String nowDigits(String templateDigits, Instant now) {
        int width = templateDigits.length();
        if (isEpoch(templateDigits, 13)) {
            return Long.toString(now.toEpochMilli());
        }
        if (isEpoch(templateDigits, 10)) {
            return Long.toString(now.getEpochSecond());
        }
        String full = MILLIS_STAMP.format(now);
        return width <= full.length() ? full.substring(0, width) : full + "0".repeat(width - full.length());
    }

    /**
     * Epoch seconds (10 digits, golang-migrate's {@code -format unix}) or milliseconds (13, TypeORM's
     * {@code Date.now()}) rather than a calendar stamp: the first four digits are no plausible year.
     */
    private static boolean isEpoch(String digits, int width) {
        if (digits.length() != width || digits.startsWith("0")) {
            return false;
        }
        int year = Integer.parseInt(digits.substring(0, 4));
        return year < 1900 || year > 2199;
    }

    private static String withSeparatorsOf(String template, String digits) {
        StringBuilder out = new StringBuilder();
        int d = 0;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            out.append(Character.isDigit(c) && d < digits.length() ? digits.charAt(d++) : c);
        }
        return out.append(digits.substring(d)).toString();
    }

    static int compare(String a, String b) {
        List<BigInteger> left = numbers(a);
        List<BigInteger> right = numbers(b);
        if (left.isEmpty() || right.isEmpty()) {
            return left.isEmpty() && right.isEmpty() ? a.compareTo(b) : left.isEmpty() ? -1 : 1;
        }
        for (int i = 0; i < Math.min(left.size(), right.size()); i++) {
            int c = left.get(i).compareTo(right.get(i));
            if (c != 0) {
                return c;
            }
        }
        int c = Integer.compare(left.size(), right.size());
        return c != 0 ? c : a.compareTo(b);
    }

    private static List<BigInteger> numbers(String version) {
        if (!version.matches("[\\d._\\-T]+")) {
            return List.of();
        }
        return NUMBER_RUN.matcher(version).results().map(r -> new BigInteger(r.group())).toList();
    }
}
