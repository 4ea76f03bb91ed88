package dev.plc.db;

import java.util.regex.Pattern;

/** Removes passwords and tokens from text that may reach a result, a log line or the telemetry file. */
public final class Secrets {

    // user:password@ in URLs (postgres://u:p@h, jdbc:mysql://u:p@h)
    private static final Pattern USERINFO = Pattern.compile("(?<=://)([^/:@\\s]+):([^@\\s/]+)@");
    // Oracle thin style: jdbc:oracle:thin:user/password@host
    private static final Pattern SLASH_USERINFO = Pattern.compile("(?i)(jdbc:oracle:\\w+:)([^/@\\s:]*)/([^@\\s]+)@");
    // password=..., pwd=..., token=..., secret=... as URL/query/property parameters
    private static final Pattern PARAM = Pattern.compile(
            "(?i)\\b([\\w.-]*?(?:password|passwd|pwd|pass|secret|token|api[_-]?key|access[_-]?key))(\\s*[=:]\\s*)([^&;\\s,'\"]+)");

    private Secrets() {
    }

    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = USERINFO.matcher(text).replaceAll("$1:***@");
        out = SLASH_USERINFO.matcher(out).replaceAll("$1$2/***@");
        return PARAM.matcher(out).replaceAll("$1$2***");
    }
}
