package dev.plc.db;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A database server's version as numbers: "15.20 (Debian 15.20-0+deb12u1)" is 15.20, "10.11.19-MariaDB-0+deb12u1" is
 * 10.11.19, "8.0.36" is 8.0.36, "13" is 13.0.
 */
public record ServerVersion(int major, int minor, int patch, String text) {

    private static final Pattern NUMBERS = Pattern.compile("(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?");

    public static Optional<ServerVersion> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = NUMBERS.matcher(text.strip());
        if (!m.lookingAt()) {
            return Optional.empty();
        }
        return Optional.of(new ServerVersion(Integer.parseInt(m.group(1)), m.group(2) == null ? 0 : Integer.parseInt(m.group(2)),
                m.group(3) == null ? 0 : Integer.parseInt(m.group(3)), text.strip()));
    }

    /** Whether this version is older than major.minor.patch. */
    public boolean before(int major, int minor, int patch) {
        if (this.major != major) {
            return this.major < major;
        }
        if (this.minor != minor) {
            return this.minor < minor;
        }
        return this.patch < patch;
    }

    public boolean before(int major) {
        return before(major, 0, 0);
    }

    @Override
    public String toString() {
        return text;
    }
}
