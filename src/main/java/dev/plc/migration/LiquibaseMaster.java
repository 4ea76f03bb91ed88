package dev.plc.migration;

import dev.plc.repo.RepoIndex;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Liquibase master changelog as text: its format, the {@code include}/{@code includeAll} entries written in it
 * (with their exact place in the text), and the one edit write_migration ever makes to an existing file: one more
 * {@code include} after the last one, every other byte left as it was.
 */
final class LiquibaseMaster {

    /** The changelog formats, by file extension. */
    enum Format {
        XML, YAML, SQL, JSON;

        static Optional<Format> of(String path) {
            String name = path.toLowerCase(Locale.ROOT);
            if (name.endsWith(".xml")) {
                return Optional.of(XML);
            }
            if (name.endsWith(".yaml") || name.endsWith(".yml")) {
                return Optional.of(YAML);
            }
            if (name.endsWith(".sql")) {
                return Optional.of(SQL);
            }
            return name.endsWith(".json") ? Optional.of(JSON) : Optional.empty();
        }
    }

    /**
     * One include entry of the master.
     *
     * @param value    the path as written (file= or path=)
     * @param resolved the repo-relative file (include) or folder (includeAll) it names
     * @param all      includeAll
     * @param start    offset of the entry in the master's text (XML: the element; YAML: the list item's line)
     * @param end      offset just after the entry (XML: after the element; YAML: end of its last non-blank line)
     */
    record Include(String value, String resolved, boolean all, int start, int end) {
    }

    private static final Pattern XML_COMMENT = Pattern.compile("<!--.*?-->", Pattern.DOTALL);
    private static final Pattern XML_INCLUDE = Pattern.compile("<(includeAll|include)\\b([^>]*?)(/?)>");
    private static final Pattern XML_CLOSE = Pattern.compile("</databaseChangeLog\\s*>");
    private static final Pattern XML_FILE_ATTRIBUTE = Pattern.compile("(\\bfile\\s*=\\s*)([\"'])([^\"']*)([\"'])");
    private static final Pattern YAML_ITEM = Pattern.compile("^(\\s*)-\\s*(includeAll|include)\\s*:");
    private static final Pattern YAML_FILE_KEY = Pattern.compile("(\\b(?:file|path)\\s*:\\s*)([\"']?)([^\"'\\s,}#]+)([\"']?)");
    private static final Pattern RELATIVE = Pattern.compile("relativeToChangelogFile[\"']?\\s*[=:]\\s*[\"']?true", Pattern.CASE_INSENSITIVE);
    static final Pattern CHANGELOG_FILE = Pattern.compile(".*\\.(xml|ya?ml|json|sql)");

    final String path;
    final String text;
    final Format format;
    final List<Include> includes;
    private final String newline;

    private LiquibaseMaster(String path, String text, Format format, List<Include> includes) {
        this.path = path;
        this.text = text;
        this.format = format;
        this.includes = includes;
        this.newline = text.contains("\r\n") ? "\r\n" : "\n";
    }

    static LiquibaseMaster read(RepoIndex index, String path, String text) {
        Format format = Format.of(path).orElse(Format.YAML);
        List<Include> includes = switch (format) {
            case XML -> xmlIncludes(index, path, text);
            case YAML -> yamlIncludes(index, path, text);
            default -> List.of();
        };
        return new LiquibaseMaster(path, text, format, includes);
    }

    /** The changelog files the master includes, in include order ({@code includeAll}: the folder's files by path). */
    List<String> includedFiles(RepoIndex index) {
        Set<String> files = new LinkedHashSet<>();
        for (Include include : includes) {
            if (include.all()) {
                index.filesUnder(include.resolved()).filter(f -> CHANGELOG_FILE.matcher(f).matches()).sorted().forEach(files::add);
            } else if (index.exists(include.resolved())) {
                files.add(include.resolved());
            }
        }
        files.remove(path);
        return List.copyOf(files);
    }

    /** The folder of the last include entry (includeAll: its folder), or empty when the master includes nothing. */
    Optional<String> lastIncludeFolder() {
        if (includes.isEmpty()) {
            return Optional.empty();
        }
        Include last = includes.get(includes.size() - 1);
        return Optional.of(last.all() ? last.resolved() : RepoIndex.parent(last.resolved()));
    }

    /** Whether the master already includes this file, by an include of it or an includeAll over a folder it is in. */
    boolean covers(String file) {
        return includes.stream().anyMatch(i -> i.all() ? file.startsWith(i.resolved().isEmpty() ? "" : i.resolved() + "/") : i.resolved().equals(file));
    }

    /** Whether an includeAll picks the file up (then its name decides its order). */
    Optional<Include> includeAllOver(String file) {
        return includes.stream().filter(i -> i.all() && file.startsWith(i.resolved() + "/")).findFirst();
    }

    /**
     * The master's text with an include of {@code file} added after the last include (or, with none, at the end of the
     * changelog), written the way the last include is written; empty for formats that cannot include (formatted SQL,
     * JSON is not edited).
     */
    Optional<String> withInclude(String file) {
        Include last = includes.stream().filter(i -> !i.all()).reduce((a, b) -> b).orElse(null);
        if (last != null && last != includes.get(includes.size() - 1)) {
            last = null; // an includeAll comes last: a new include goes after it, in the default style
        }
        return switch (format) {
            case XML -> xmlWithInclude(file, last);
            case YAML -> yamlWithInclude(file, last);
            default -> Optional.empty();
        };
    }

    private Optional<String> xmlWithInclude(String file, Include last) {
        int at;
        String element;
        String indent;
        if (last != null) {
            String template = text.substring(last.start(), last.end());
            element = replaceValue(XML_FILE_ATTRIBUTE, template, valueFor(file, last, RELATIVE.matcher(template).find()));
            indent = indentBefore(last.start());
            at = lineEnd(last.end());
        } else {
            Include anchor = includes.isEmpty() ? null : includes.get(includes.size() - 1);
            indent = anchor != null ? indentBefore(anchor.start()) : childIndent();
            element = "<include file=\"" + relativeToMaster(file) + "\" relativeToChangelogFile=\"true\"/>";
            if (anchor != null) {
                at = lineEnd(anchor.end());
            } else {
                int close = lastOutsideComments(XML_CLOSE);
                if (close < 0) {
                    return Optional.empty();
                }
                // before the line of the closing tag: the include becomes the changelog's last entry
                int lineStart = text.lastIndexOf('\n', close - 1) + 1;
                boolean ownLine = text.substring(lineStart, close).isBlank();
                String insert = ownLine ? indent + element + newline : newline + indent + element + newline;
                int pos = ownLine ? lineStart : close;
                return Optional.of(text.substring(0, pos) + insert + text.substring(pos));
            }
        }
        return Optional.of(text.substring(0, at) + newline + indent + element + text.substring(at));
    }

    private Optional<String> yamlWithInclude(String file, Include last) {
        if (last != null) {
            int lineStart = text.lastIndexOf('\n', last.start() - 1) + 1;
            String block = text.substring(lineStart, last.end());
            String item = replaceValue(YAML_FILE_KEY, block, valueFor(file, last, RELATIVE.matcher(block).find()));
            return Optional.of(text.substring(0, last.end()) + newline + item + text.substring(last.end()));
        }
        if (Pattern.compile("(?m)^databaseChangeLog\\s*:\\s*\\[").matcher(text).find()) {
            return Optional.empty(); // a flow-style list: no safe place for a line
        }
        String dash = yamlListIndent();
        String item = dash + "- include:" + newline + dash + "    file: " + relativeToMaster(file) + newline + dash
                + "    relativeToChangelogFile: true";
        if (!includes.isEmpty()) {
            int at = includes.get(includes.size() - 1).end();
            return Optional.of(text.substring(0, at) + newline + item + text.substring(at));
        }
        String body = text.stripTrailing();
        return Optional.of(body + newline + item + newline + text.substring(body.length()).replaceFirst("^\\r?\\n", ""));
    }

    /**
     * The path for the new file written like the template include's value: the longest common trailing path of the
     * template's value and the file it names is swapped for the new file's (so {@code classpath:}, resource-root or
     * changelog-relative prefixes stay as the repo writes them).
     */
    private String valueFor(String file, Include template, boolean relativeToChangelog) {
        String[] written = template.value().split("/", -1);
        String[] resolved = template.resolved().split("/", -1);
        int common = 0;
        while (common < written.length && common < resolved.length
                && written[written.length - 1 - common].equals(resolved[resolved.length - 1 - common])) {
            common++;
        }
        if (common > 0) {
            String suffix = String.join("/", java.util.Arrays.copyOfRange(written, written.length - common, written.length));
            String writtenPrefix = template.value().substring(0, template.value().length() - suffix.length());
            String resolvedPrefix = template.resolved().substring(0, template.resolved().length() - suffix.length());
            if (file.startsWith(resolvedPrefix)) {
                return writtenPrefix + file.substring(resolvedPrefix.length());
            }
        }
        return relativeToChangelog ? relativeToMaster(file) : file;
    }

    private String relativeToMaster(String file) {
        String[] from = RepoIndex.parent(path).isEmpty() ? new String[0] : RepoIndex.parent(path).split("/");
        String[] to = file.split("/");
        int common = 0;
        while (common < from.length && common < to.length - 1 && from[common].equals(to[common])) {
            common++;
        }
        StringBuilder out = new StringBuilder();
        for (int i = common; i < from.length; i++) {
            out.append("../");
        }
        for (int i = common; i < to.length; i++) {
            out.append(to[i]).append(i < to.length - 1 ? "/" : "");
        }
        return out.toString();
    }

    private static String replaceValue(Pattern key, String template, String value) {
        Matcher m = key.matcher(template);
        if (!m.find()) {
            return template;
        }
        return template.substring(0, m.start(3)) + value + template.substring(m.end(3));
    }

    /** The whitespace from the start of the line to {@code offset}, or "" when something else precedes it. */
    private String indentBefore(int offset) {
        int lineStart = text.lastIndexOf('\n', offset - 1) + 1;
        String before = text.substring(lineStart, offset);
        return before.isBlank() ? before : "";
    }

    /** Offset of the end of the line holding {@code offset} (before its line break). */
    private int lineEnd(int offset) {
        int nl = text.indexOf('\n', offset);
        if (nl < 0) {
            return text.length();
        }
        return nl > 0 && text.charAt(nl - 1) == '\r' ? nl - 1 : nl;
    }

    private String childIndent() {
        Matcher m = Pattern.compile("(?m)^([ \\t]+)<(?!/)").matcher(text);
        return m.find() ? m.group(1) : "    ";
    }

    private String yamlListIndent() {
        Matcher m = Pattern.compile("(?m)^([ \\t]*)-\\s").matcher(text);
        return m.find() ? m.group(1) : "  ";
    }

    private int lastOutsideComments(Pattern pattern) {
        List<int[]> comments = comments(text);
        Matcher m = pattern.matcher(text);
        int found = -1;
        while (m.find()) {
            if (!inside(comments, m.start())) {
                found = m.start();
            }
        }
        return found;
    }

    private static List<Include> xmlIncludes(RepoIndex index, String master, String text) {
        List<int[]> comments = comments(text);
        List<Include> includes = new ArrayList<>();
        Matcher m = XML_INCLUDE.matcher(text);
        while (m.find()) {
            if (inside(comments, m.start())) {
                continue;
            }
            boolean all = m.group(1).equals("includeAll");
            String value = attribute(m.group(2), all ? "path" : "file");
            if (value == null) {
                continue;
            }
            int end = m.end();
            if (m.group(3).isEmpty()) {
                int close = text.indexOf("</" + m.group(1), m.end());
                int gt = close < 0 ? -1 : text.indexOf('>', close);
                end = gt < 0 ? end : gt + 1;
            }
            includes.add(new Include(value, resolve(index, master, value, RELATIVE.matcher(m.group(2)).find(), all), all, m.start(), end));
        }
        return includes;
    }

    private static List<Include> yamlIncludes(RepoIndex index, String master, String text) {
        List<int[]> lines = lines(text);
        List<Include> includes = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = text.substring(lines.get(i)[0], lines.get(i)[1]);
            Matcher m = YAML_ITEM.matcher(line);
            if (!m.find()) {
                continue;
            }
            int dash = m.group(1).length();
            int last = i;
            for (int j = i + 1; j < lines.size(); j++) {
                String next = text.substring(lines.get(j)[0], lines.get(j)[1]);
                if (next.isBlank()) {
                    continue;
                }
                if (indentOf(next) <= dash) {
                    break;
                }
                if (!next.strip().startsWith("#")) {
                    last = j;
                }
            }
            String block = text.substring(lines.get(i)[0], lines.get(last)[1]);
            Matcher value = YAML_FILE_KEY.matcher(block);
            if (value.find()) {
                boolean all = m.group(2).equals("includeAll");
                includes.add(new Include(value.group(3), resolve(index, master, value.group(3), RELATIVE.matcher(block).find(), all), all,
                        lines.get(i)[0] + m.start(1) + dash, lines.get(last)[1]));
            }
            i = last;
        }
        return includes;
    }

    /** [start, end) of each line, without its line break. */
    private static List<int[]> lines(String text) {
        List<int[]> lines = new ArrayList<>();
        int start = 0;
        while (start <= text.length()) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? text.length() : nl;
            int contentEnd = end > start && text.charAt(end - 1) == '\r' ? end - 1 : end;
            lines.add(new int[] {start, contentEnd});
            if (nl < 0) {
                break;
            }
            start = nl + 1;
        }
        return lines;
    }

    private static int indentOf(String line) {
        int i = 0;
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private static List<int[]> comments(String text) {
        List<int[]> ranges = new ArrayList<>();
        Matcher m = XML_COMMENT.matcher(text);
        while (m.find()) {
            ranges.add(new int[] {m.start(), m.end()});
        }
        return ranges;
    }

    private static boolean inside(List<int[]> ranges, int offset) {
        return ranges.stream().anyMatch(r -> offset >= r[0] && offset < r[1]);
    }

    private static String attribute(String attributes, String name) {
        Matcher m = Pattern.compile("\\b" + name + "\\s*=\\s*[\"']([^\"']*)[\"']").matcher(attributes);
        return m.find() ? m.group(1) : null;
    }

    /**
     * The repo path an include names: relative to the master when {@code relativeToChangelogFile}, otherwise a
     * classpath path (the master's resources root), else relative to the master's folder or the repo root; the
     * first that exists, else the most likely one.
     */
    static String resolve(RepoIndex index, String master, String value, boolean relative, boolean all) {
        String clean = value.replaceFirst("^classpath\\*?:", "").replaceFirst("^/+", "");
        String folder = RepoIndex.parent(master);
        if (relative) {
            return RepoIndex.join(folder, clean);
        }
        Set<String> candidates = new LinkedHashSet<>();
        int resources = master.indexOf("src/main/resources/");
        if (resources >= 0) {
            candidates.add(RepoIndex.join(master.substring(0, resources) + "src/main/resources", clean));
        }
        candidates.add(RepoIndex.join(folder, clean));
        candidates.add(RepoIndex.join("", clean));
        for (String candidate : candidates) {
            if (all ? index.dirExists(candidate) : index.exists(candidate)) {
                return candidate;
            }
        }
        return candidates.iterator().next();
    }

}
