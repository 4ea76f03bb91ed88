package dev.plc.sql;

import dev.plc.db.Dialect;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The approval a destructive plan step carries into the migration written from it, as a comment the linter reads:
 * {@code -- plc:approved <plan-id> <token> sha256:<digest>}. The digest covers the file's statements as written
 * (whitespace runs collapsed), so editing a statement after the approval makes the stamp stop holding. It is an audit
 * trail bound to the exact SQL the user approved, not a signature: whoever can edit the file can also re-stamp it.
 *
 * @param line   the 1-based line of the comment
 * @param planId the plan the approval was given for
 * @param token  the plan's approval token
 * @param digest the first 16 hex digits of the sha256 of the statements
 */
public record ApprovalStamp(int line, String planId, String token, String digest) {

    public static final String MARK = "plc:approved";
    private static final Pattern STAMP = Pattern.compile(Pattern.quote(MARK) + "\\s+(\\S+)\\s+(\\S+)\\s+sha256:([0-9a-f]{16})\\b");

    /** The comment text (without the comment marker) that approves {@code sql}, the statements of one migration. */
    public static String comment(String planId, String token, String sql, Dialect dialect) {
        return MARK + " " + planId + " " + token + " sha256:" + digest(SqlScript.split(sql, dialect));
    }

    /** The stamps in the comments of {@code statements} (a file's), in order. */
    public static List<ApprovalStamp> of(List<SqlStatement> statements) {
        List<ApprovalStamp> out = new ArrayList<>();
        for (SqlStatement s : statements) {
            for (SqlComment c : s.comments()) {
                Matcher m = STAMP.matcher(c.text());
                if (m.find()) {
                    out.add(new ApprovalStamp(c.line(), m.group(1), m.group(2), m.group(3)));
                }
            }
        }
        return out;
    }

    /** Whether the file's statements are still the ones approved. */
    public boolean holdsFor(List<SqlStatement> statements) {
        return digest.equals(digest(statements));
    }

    /** "plan-… approve-…": who approved, for a finding. */
    public String approval() {
        return planId + " " + token;
    }

    static String digest(List<SqlStatement> statements) {
        StringBuilder text = new StringBuilder();
        for (SqlStatement s : statements) {
            if (!s.isClientCommand()) {
                text.append(s.text().strip().replaceAll("\\s+", " ")).append('\n');
            }
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
