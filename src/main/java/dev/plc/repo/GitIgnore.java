package dev.plc.repo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The patterns of one ignore file ({@code .gitignore}, {@code .git/info/exclude}), matched the way git matches
 * them (gitignore(5); git's {@code dir.c} and {@code wildmatch.c}, whose matcher this ports):
 * <ul>
 *   <li>blank lines and {@code #} comments match nothing; trailing spaces are dropped unless escaped ({@code \ });
 *       {@code \#} and {@code \!} start a pattern with a literal character; a trailing CR is dropped;</li>
 *   <li>{@code !} negates: a matching negated pattern re-includes the path;</li>
 *   <li>a trailing {@code /} matches directories only;</li>
 *   <li>a pattern without a {@code /} (other than a trailing one) matches the last path segment at any depth
 *       below the file's folder; one with a {@code /} (a leading one anchors) matches the path relative to the
 *       file's folder;</li>
 *   <li>{@code *} and {@code ?} never match {@code /}; {@code [a-z]}, {@code [!a-z]}, {@code [^a-z]} and
 *       {@code [[:alpha:]]} are classes; {@code **} between slashes (or at either end) matches any number of
 *       folders; elsewhere it is a {@code *};</li>
 *   <li>the last matching pattern of a file decides.</li>
 * </ul>
 * Which file wins between folders (the deepest), and that nothing inside an ignored folder can be re-included,
 * is {@link Chain}'s part, and the repository walk's ({@link RepoIndex}): the walk never enters an ignored folder.
 */
public final class GitIgnore {

    /** What one file's patterns say about a path. */
    public enum Verdict {
        /** the last matching pattern ignores the path */
        IGNORED,
        /** the last matching pattern is a negation: the path is not ignored, whatever parent folders' files say */
        INCLUDED,
        /** no pattern matches: the parent folders' files decide */
        UNDECIDED
    }

    /** One parsed pattern line. */
    private record Rule(String pattern, boolean negated, boolean directoryOnly, boolean basenameOnly, boolean literal,
                        String source) {
    }

    private final String base;
    private final List<Rule> rules;

    private GitIgnore(String base, List<Rule> rules) {
        this.base = base;
        this.rules = rules;
    }

    /**
     * Parses an ignore file.
     *
     * @param base the folder the file applies to, relative to the top of the walk ("" for the top), no trailing slash
     * @param name how the file is named in messages, e.g. {@code src/.gitignore}
     * @param text the file's content
     */
    public static GitIgnore parse(String base, String name, String text) {
        List<Rule> rules = new ArrayList<>();
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text; // git skips a UTF-8 byte order mark
        String[] lines = body.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (line.isEmpty() || line.charAt(0) == '#') {
                continue;
            }
            line = trimTrailingSpaces(line);
            boolean negated = false;
            if (line.startsWith("!")) {
                negated = true;
                line = line.substring(1);
            }
            boolean directoryOnly = false;
            if (line.endsWith("/")) {
                directoryOnly = true;
                line = line.substring(0, line.length() - 1);
            }
            if (line.isEmpty()) {
                continue;
            }
            boolean basenameOnly = line.indexOf('/') < 0;
            if (line.startsWith("/")) {
                line = line.substring(1); // anchored: the pattern is relative to the file's folder
            }
            boolean literal = line.chars().noneMatch(c -> c == '*' || c == '?' || c == '[' || c == '\\');
            rules.add(new Rule(line, negated, directoryOnly, basenameOnly, literal, name + ":" + (i + 1)));
        }
        return new GitIgnore(base, List.copyOf(rules));
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** What this file's patterns say about {@code path} (relative to the top of the walk, no trailing slash). */
    public Verdict match(String path, boolean directory) {
        return lastMatch(path, directory).map(r -> r.negated() ? Verdict.INCLUDED : Verdict.IGNORED).orElse(Verdict.UNDECIDED);
    }

    /** The file and line of the pattern that decides {@code path}, with the pattern, e.g. {@code .gitignore:3 (generated/)}. */
    public Optional<String> source(String path, boolean directory) {
        return lastMatch(path, directory).map(r -> r.source() + " (" + (r.negated() ? "!" : "") + r.pattern() + (r.directoryOnly() ? "/" : "") + ")");
    }

    private Optional<Rule> lastMatch(String path, boolean directory) {
        if (!base.isEmpty() && !(path.startsWith(base) && path.length() > base.length() && path.charAt(base.length()) == '/')) {
            return Optional.empty(); // a .gitignore only speaks about its own folder
        }
        String relative = base.isEmpty() ? path : path.substring(base.length() + 1);
        String name = relative.substring(relative.lastIndexOf('/') + 1);
        for (int i = rules.size() - 1; i >= 0; i--) {
            Rule rule = rules.get(i);
            if (rule.directoryOnly() && !directory) {
                continue;
            }
            String subject = rule.basenameOnly() ? name : relative;
            boolean matches = rule.literal() ? rule.pattern().equals(subject) : wildmatch(rule.pattern(), 0, subject, 0) == MATCH;
            if (matches) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }

    // git's trim_trailing_spaces: spaces only (not tabs), and a backslash keeps the space after it
    private static String trimTrailingSpaces(String line) {
        int lastSpace = -1;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == ' ') {
                if (lastSpace < 0) {
                    lastSpace = i;
                }
            } else if (c == '\\') {
                i++;
                if (i >= line.length()) {
                    return line;
                }
                lastSpace = -1;
            } else {
                lastSpace = -1;
            }
        }
        return lastSpace < 0 ? line : line.substring(0, lastSpace);
    }

    private static final int MATCH = 0;
    private static final int NO_MATCH = 1;
    private static final int ABORT_ALL = -1;
    private static final int ABORT_TO_STARSTAR = -2;

    /** git's {@code dowild} with {@code WM_PATHNAME}, case-sensitive: {@code *}, {@code ?} and classes never match a slash. */
    static int wildmatch(String p, int pi, String text, int ti) {
        int plen = p.length();
        int tlen = text.length();
        for (; pi < plen; ti++, pi++) {
            char pc = p.charAt(pi);
            if (ti >= tlen && pc != '*') {
                return ABORT_ALL;
            }
            char tc = ti < tlen ? text.charAt(ti) : 0;
            switch (pc) {
                case '\\' -> {
                    // a literal: the next pattern character; a trailing backslash matches nothing
                    pi++;
                    if (pi >= plen || tc != p.charAt(pi)) {
                        return NO_MATCH;
                    }
                }
                case '?' -> {
                    if (tc == '/') {
                        return NO_MATCH;
                    }
                }
                case '*' -> {
                    boolean matchSlash;
                    pi++;
                    if (pi < plen && p.charAt(pi) == '*') {
                        int prev = pi - 2;
                        while (pi < plen && p.charAt(pi) == '*') {
                            pi++;
                        }
                        if ((prev < 0 || p.charAt(prev) == '/')
                                && (pi >= plen || p.charAt(pi) == '/' || (p.charAt(pi) == '\\' && pi + 1 < plen && p.charAt(pi + 1) == '/'))) {
                            // "**/" may match no folder at all: foo/**/bar matches foo/bar
                            if (pi < plen && p.charAt(pi) == '/' && wildmatch(p, pi + 1, text, ti) == MATCH) {
                                return MATCH;
                            }
                            matchSlash = true;
                        } else {
                            matchSlash = false; // "**" not between slashes is a "*"
                        }
                    } else {
                        matchSlash = false;
                    }
                    if (pi >= plen) {
                        // a trailing "**" matches everything, a trailing "*" the rest of one segment
                        return !matchSlash && text.indexOf('/', ti) >= 0 ? NO_MATCH : MATCH;
                    }
                    if (!matchSlash && p.charAt(pi) == '/') {
                        // "*/": the rest of this segment
                        int slash = text.indexOf('/', ti);
                        if (slash < 0) {
                            return NO_MATCH;
                        }
                        ti = slash; // the loop's ti++ and pi++ consume the slash on both sides
                        continue;
                    }
                    while (true) {
                        if (ti >= tlen) {
                            break;
                        }
                        char next = p.charAt(pi);
                        if (next != '*' && next != '?' && next != '[' && next != '\\') {
                            // a literal follows: skip to its next occurrence (not past a slash unless "**")
                            while (ti < tlen && (matchSlash || text.charAt(ti) != '/') && text.charAt(ti) != next) {
                                ti++;
                            }
                            if (ti >= tlen || text.charAt(ti) != next) {
                                return matchSlash ? ABORT_ALL : ABORT_TO_STARSTAR;
                            }
                        }
                        int matched = wildmatch(p, pi, text, ti);
                        if (matched != NO_MATCH) {
                            if (!matchSlash || matched != ABORT_TO_STARSTAR) {
                                return matched;
                            }
                        } else if (!matchSlash && text.charAt(ti) == '/') {
                            return ABORT_TO_STARSTAR;
                        }
                        ti++;
                    }
                    return ABORT_ALL;
                }
                case '[' -> {
                    pi++;
                    if (pi >= plen) {
                        return ABORT_ALL;
                    }
                    char c = p.charAt(pi);
                    boolean negated = c == '!' || c == '^';
                    if (negated) {
                        pi++;
                        if (pi >= plen) {
                            return ABORT_ALL;
                        }
                        c = p.charAt(pi);
                    }
                    char prev = 0;
                    boolean matched = false;
                    do {
                        if (c == '\\') {
                            pi++;
                            if (pi >= plen) {
                                return ABORT_ALL;
                            }
                            c = p.charAt(pi);
                            if (tc == c) {
                                matched = true;
                            }
                        } else if (c == '-' && prev != 0 && pi + 1 < plen && p.charAt(pi + 1) != ']') {
                            pi++;
                            c = p.charAt(pi);
                            if (c == '\\') {
                                pi++;
                                if (pi >= plen) {
                                    return ABORT_ALL;
                                }
                                c = p.charAt(pi);
                            }
                            if (tc <= c && tc >= prev) {
                                matched = true;
                            }
                            c = 0; // a range is not the start of the next one
                        } else if (c == '[' && pi + 1 < plen && p.charAt(pi + 1) == ':') {
                            int start = pi + 2;
                            int end = start;
                            while (end < plen && p.charAt(end) != ']') {
                                end++;
                            }
                            if (end >= plen) {
                                return ABORT_ALL;
                            }
                            if (end - start < 1 || p.charAt(end - 1) != ':') {
                                // no ":]": an ordinary '['
                                c = '[';
                                if (tc == c) {
                                    matched = true;
                                }
                            } else {
                                Boolean inClass = posixClass(p.substring(start, end - 1), tc);
                                if (inClass == null) {
                                    return ABORT_ALL; // malformed [:class:]
                                }
                                matched |= inClass;
                                pi = end;
                                c = 0;
                            }
                        } else if (tc == c) {
                            matched = true;
                        }
                        prev = c;
                        pi++;
                        if (pi >= plen) {
                            return ABORT_ALL;
                        }
                        c = p.charAt(pi);
                    } while (c != ']');
                    if (matched == negated || tc == '/') {
                        return NO_MATCH;
                    }
                }
                default -> {
                    if (tc != pc) {
                        return NO_MATCH;
                    }
                }
            }
        }
        return ti < tlen ? NO_MATCH : MATCH;
    }

    private static Boolean posixClass(String name, char c) {
        return switch (name) {
            case "alnum" -> c < 128 && Character.isLetterOrDigit(c);
            case "alpha" -> c < 128 && Character.isLetter(c);
            case "blank" -> c == ' ' || c == '\t';
            case "cntrl" -> c < 32 || c == 127;
            case "digit" -> c >= '0' && c <= '9';
            case "graph" -> c > 32 && c < 127;
            case "lower" -> c >= 'a' && c <= 'z';
            case "print" -> c >= 32 && c < 127;
            case "punct" -> c > 32 && c < 127 && !Character.isLetterOrDigit(c);
            case "space" -> c == ' ' || (c >= '\t' && c <= '\r');
            case "upper" -> c >= 'A' && c <= 'Z';
            case "xdigit" -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
            default -> null;
        };
    }

    /**
     * The ignore files that apply in one folder: its own {@code .gitignore}, then its parents', deepest first, then
     * {@code .git/info/exclude}. Immutable, so a walk can share the parent's chain with every child folder.
     */
    public static final class Chain {

        private final GitIgnore file;
        private final Chain parent;
        private final GitIgnore exclude;

        private Chain(GitIgnore file, Chain parent, GitIgnore exclude) {
            this.file = file;
            this.parent = parent;
            this.exclude = exclude;
        }

        /** The chain at the top of a walk, with {@code .git/info/exclude}'s patterns (or none). */
        public static Chain root(GitIgnore exclude) {
            return new Chain(null, null, exclude);
        }

        /** The chain for a subfolder that has its own ignore file. */
        public Chain with(GitIgnore deeper) {
            return deeper == null || deeper.isEmpty() ? this : new Chain(deeper, this, exclude);
        }

        public boolean isIgnored(String path, boolean directory) {
            return decide(path, directory) == Verdict.IGNORED;
        }

        /** The deciding pattern, e.g. {@code .gitignore:3 (generated/)}, when {@code path} is ignored. */
        public Optional<String> reason(String path, boolean directory) {
            for (Chain c = this; c != null && c.file != null; c = c.parent) {
                Verdict v = c.file.match(path, directory);
                if (v != Verdict.UNDECIDED) {
                    return v == Verdict.IGNORED ? c.file.source(path, directory) : Optional.empty();
                }
            }
            return exclude != null && exclude.match(path, directory) == Verdict.IGNORED ? exclude.source(path, directory) : Optional.empty();
        }

        private Verdict decide(String path, boolean directory) {
            for (Chain c = this; c != null && c.file != null; c = c.parent) {
                Verdict v = c.file.match(path, directory);
                if (v != Verdict.UNDECIDED) {
                    return v;
                }
            }
            return exclude == null ? Verdict.UNDECIDED : exclude.match(path, directory);
        }
    }
}
