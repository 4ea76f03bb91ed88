package dev.plc.repo;

/**
 * How a migration mechanism names its files.
 *
 * @param pattern      the file name pattern, e.g. {@code V<version>__<description>.sql}
 * @param example      a real file name from the repo (or the framework's default when there is none)
 * @param versionStyle {@code integer}, {@code dotted}, {@code timestamp} (yyyyMMddHHmmss-like) or {@code none}
 * @param padWidth     zero-padding width of integer versions ({@code 0001} = 4), 0 when not padded
 */
public record Naming(String pattern, String example, String versionStyle, int padWidth) {
}
