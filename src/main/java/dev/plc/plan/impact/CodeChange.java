package dev.plc.plan.impact;

import java.util.List;

/**
 * The edit one file needs for one release of a plan: a unified diff against the file as it is now (its sha256 says
 * which content the diff was made for), or, where the edit cannot be made safely from the text, the reason.
 *
 * @param file    repo-relative path, forward slashes
 * @param sha256  the hex sha256 of the file's current content: write the edit only while the file still has it; null for
 *                {@code create} (the file must not exist)
 * @param release the release whose code step ships this edit
 * @param status  {@code edit} (the diff applies), {@code manual} (listed, never guessed: {@code why} says what to do),
 *                {@code none} (the place needs no edit; {@code why} says why), {@code create} (a new file, such as the test of the
 *                new access path: the diff is against {@code /dev/null}; a file that exists is never overwritten)
 * @param diff    the unified diff ({@code a/} and {@code b/} paths, 3 lines of context); null unless {@code edit} or {@code create}
 * @param lines   the 1-based lines of the impacted places this entry answers
 * @param why     what the edit does and why it belongs to that release
 */
public record CodeChange(String file, String sha256, int release, String status, String diff, List<Integer> lines, String why) {

    public static final String EDIT = "edit";
    public static final String MANUAL = "manual";
    public static final String NONE = "none";
    public static final String CREATE = "create";

    public CodeChange {
        lines = List.copyOf(lines);
    }
}
