package dev.plc.plan.impact;

import java.util.Arrays;
import java.util.Locale;

/** A file's text with a line index, so that offsets become 1-based line numbers by binary search. */
final class SourceFile {

    final String path;
    final String text;
    final String extension;
    private int[] lineStarts;
    private String lower;

    SourceFile(String path, String text) {
        this.path = path;
        this.text = text;
        this.extension = extensionOf(path);
    }

    /** The text in lower case (char by char: offsets stay valid). */
    String lower() {
        if (lower == null) {
            lower = Identifiers.lower(text);
        }
        return lower;
    }

    int lineOf(int offset) {
        int[] starts = lineStarts();
        int i = Arrays.binarySearch(starts, offset);
        return i >= 0 ? i + 1 : -i - 1;
    }

    String lineText(int line) {
        int[] starts = lineStarts();
        int start = starts[line - 1];
        int end = line < starts.length ? starts[line] - 1 : text.length();
        return text.substring(start, Math.max(start, end));
    }

    int lineCount() {
        return lineStarts().length;
    }

    /** Offset of the first character of a 1-based line. */
    int lineStart(int line) {
        return lineStarts()[line - 1];
    }

    private int[] lineStarts() {
        if (lineStarts == null) {
            int count = 1;
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    count++;
                }
            }
            int[] starts = new int[count];
            int n = 1;
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    starts[n++] = i + 1;
                }
            }
            lineStarts = starts;
        }
        return lineStarts;
    }

    static String extensionOf(String path) {
        int slash = path.lastIndexOf('/');
        String name = path.substring(slash + 1);
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
