package dev.plc.lint.rule;

import dev.plc.sql.SqlComment;
import dev.plc.sql.SqlStatement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An inline {@code -- plc:ignore <rule-id>[,<rule-id>...] <reason>} comment on the line(s) directly
 * above a statement, inside it, or at the end of its line. Without a reason it suppresses nothing
 * (rule suppression-needs-reason reports it).
 */
public record Suppression(int line, Set<String> rules, String reason) {

    private static final Pattern DIRECTIVE = Pattern.compile("plc:ignore(?:\\s+([A-Za-z0-9_,-]+))?(?:\\s+(.*))?",
            Pattern.DOTALL);

    public boolean hasReason() {
        return reason != null && !reason.isBlank();
    }

    /** The suppressions that apply to {@code s}. */
    public static List<Suppression> of(SqlStatement s) {
        Set<Integer> commentLines = new HashSet<>();
        s.comments().forEach(c -> commentLines.add(c.line()));
        int above = s.line() - 1;
        while (commentLines.contains(above)) {
            above--;
        }
        List<Suppression> out = new ArrayList<>();
        for (SqlComment c : s.comments()) {
            if (c.line() <= above) {
                continue; // separated from the statement by a blank or code line
            }
            int at = c.text().indexOf("plc:ignore");
            if (at < 0) {
                continue;
            }
            Matcher m = DIRECTIVE.matcher(c.text().substring(at).strip());
            if (!m.matches()) {
                continue;
            }
            Set<String> rules = new HashSet<>();
            if (m.group(1) != null) {
                for (String id : m.group(1).split(",")) {
                    if (!id.isBlank()) {
                        rules.add(id.strip());
                    }
                }
            }
            String reason = m.group(2) == null ? null : m.group(2).strip();
            out.add(new Suppression(c.line(), Set.copyOf(rules), reason));
        }
        return out;
    }
}
