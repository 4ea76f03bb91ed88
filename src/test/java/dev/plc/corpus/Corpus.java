package dev.plc.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a statement corpus file: cases headed by {@code -- case: <kebab-id>}, then optional header lines
 * {@code -- expect: additive|staged|destructive}, {@code -- note: ...} (repeatable) and {@code -- error: ...}
 * (invalid cases: a fragment of the server's message), then the case's SQL up to the next {@code -- case:}.
 * Text before the first case is the file's preamble. Comment-only lines after a case's last statement (section
 * banners) are not part of the case.
 */
public final class Corpus {

    /** How a change rolls out without downtime; see the corpus files' preamble. */
    public enum Expect {
        /** Nothing running breaks and no stored data is lost. */
        ADDITIVE,
        /** Breaks code still running or needs several releases (rename, type change, NOT NULL, ...). */
        STAGED,
        /** Loses stored data (drop, delete, truncate, narrowing, overwriting update). */
        DESTRUCTIVE
    }

    /**
     * One case.
     *
     * @param expect null when the case has no {@code -- expect:} line
     * @param note the {@code -- note:} lines joined by a space, or null
     * @param sql the statements, as a client would send the script
     * @param line 1-based line of the {@code -- case:} header
     * @param error for an invalid case, the fragment its failure message must contain; otherwise null
     */
    public record Case(String id, Expect expect, String note, String sql, int line, String error) {
    }

    private static final Pattern CASE = Pattern.compile("^-- case:\\s*(\\S+)\\s*$");
    private static final Pattern HEADER = Pattern.compile("^-- (expect|note|error):\\s*(.*?)\\s*$");
    private static final Pattern KEBAB = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private Corpus() {
    }

    public static List<Case> read(Path path) {
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read corpus " + path, e);
        }
        List<Case> cases = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        int i = 0;
        while (i < lines.size() && !CASE.matcher(lines.get(i)).matches()) {
            i++;
        }
        while (i < lines.size()) {
            int headerLine = i + 1;
            Matcher m = CASE.matcher(lines.get(i));
            if (!m.matches()) {
                throw new IllegalStateException("expected a case header");
            }
            String id = m.group(1);
            if (!KEBAB.matcher(id).matches()) {
                throw bad(path, headerLine, "case id '" + id + "' is not kebab-case");
            }
            if (!ids.add(id)) {
                throw bad(path, headerLine, "duplicate case id '" + id + "'");
            }
            i++;
            Expect expect = null;
            StringBuilder note = null;
            String error = null;
            for (; i < lines.size(); i++) {
                Matcher h = HEADER.matcher(lines.get(i));
                if (!h.matches()) {
                    break;
                }
                String value = h.group(2);
                switch (h.group(1)) {
                    case "expect" -> expect = expect(path, i + 1, value);
                    case "note" -> note = note == null ? new StringBuilder(value) : note.append(' ').append(value);
                    default -> error = value;
                }
            }
            int end = i;
            while (end < lines.size() && !CASE.matcher(lines.get(end)).matches()) {
                end++;
            }
            int last = end;
            while (last > i && (lines.get(last - 1).isBlank() || lines.get(last - 1).startsWith("--"))) {
                last--;
            }
            int first = i;
            while (first < last && lines.get(first).isBlank()) {
                first++;
            }
            if (first == last) {
                throw bad(path, headerLine, "case '" + id + "' has no SQL");
            }
            String sql = String.join("\n", lines.subList(first, last)) + "\n";
            cases.add(new Case(id, expect, note == null ? null : note.toString(), sql, headerLine, error));
            i = end;
        }
        return List.copyOf(cases);
    }

    private static Expect expect(Path path, int line, String value) {
        try {
            return Expect.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw bad(path, line, "unknown expect '" + value + "' (additive, staged or destructive)");
        }
    }

    private static IllegalArgumentException bad(Path path, int line, String message) {
        return new IllegalArgumentException(path + ":" + line + ": " + message);
    }
}
