package dev.plc.repo;

/** Where a finding comes from: a repo-relative path (forward slashes), a 1-based line (0 = whole file) and the line's text. */
public record Evidence(String file, int line, String text) {

    private static final int MAX_TEXT = 200;

    public Evidence {
        if (text != null) {
            text = dev.plc.db.Secrets.redact(text.strip()); // evidence lines quote config files: application.yml holds JDBC passwords
            if (text.length() > MAX_TEXT) {
                text = text.substring(0, MAX_TEXT) + "...";
            }
        }
    }

    public static Evidence ofFile(String file) {
        return new Evidence(file, 0, null);
    }

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line : file;
    }
}
