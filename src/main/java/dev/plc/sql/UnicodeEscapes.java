package dev.plc.sql;

/** PostgreSQL's Unicode escapes in {@code U&"..."} identifiers and {@code U&'...'} strings. */
final class UnicodeEscapes {

    private UnicodeEscapes() {
    }

    /** PostgreSQL's {@code \XXXX} and {@code \+XXXXXX} escapes of a U&amp; identifier; bad escapes stay as written. */
    static String decode(String s, char escape) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != escape) {
                out.append(c);
            } else if (i + 1 < s.length() && s.charAt(i + 1) == escape) {
                out.append(escape);
                i++;
            } else {
                int digits = i + 1 < s.length() && s.charAt(i + 1) == '+' ? 6 : 4;
                int from = i + 1 + (digits == 6 ? 1 : 0);
                String hex = from + digits <= s.length() ? s.substring(from, from + digits) : "";
                if (hex.length() == digits && hex.chars().allMatch(h -> Character.digit(h, 16) >= 0)
                        && Character.isValidCodePoint(Integer.parseInt(hex, 16))) {
                    out.appendCodePoint(Integer.parseInt(hex, 16));
                    i = from + digits - 1;
                } else {
                    out.append(c);
                }
            }
        }
        return out.toString();
    }
}
