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

    // tokens that carry no "password=" hint: GitHub, OpenAI-style, Slack, AWS access key ids, bearer headers
    private static final Pattern TOKEN = Pattern.compile(
            "\\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|sk-[A-Za-z0-9_-]{16,}|xox[abprs]-[A-Za-z0-9-]{10,}|AKIA[0-9A-Z]{16})");
    private static final Pattern BEARER = Pattern.compile("(?i)\\b(Bearer|Basic)\\s+[A-Za-z0-9._~+/=-]{8,}");

    private Secrets() {
    }

    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = USERINFO.matcher(text).replaceAll("$1:***@");
        out = SLASH_USERINFO.matcher(out).replaceAll("$1$2/***@");
        out = PARAM.matcher(out).replaceAll("$1$2***");
        out = BEARER.matcher(out).replaceAll("$1 ***");
        return TOKEN.matcher(out).replaceAll("***");
    }
}
