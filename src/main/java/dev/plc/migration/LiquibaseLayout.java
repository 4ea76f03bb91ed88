package dev.plc.migration;

import dev.plc.sql.ApprovalStamp;

import dev.plc.plan.ChangePlan;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Liquibase: the steps of a release as consecutive changeSets of one changelog file, in XML, YAML or formatted SQL.
 * Each changeSet runs the step's statements as raw SQL ({@code sql}), is marked {@code runInTransaction false} when
 * the step cannot run in a transaction, and carries a rollback with the plan's undo statements.
 */
final class LiquibaseLayout {

    static final String AUTHOR = "persistence-layer-change";

    static final String DEFAULT_XML_PROLOG = """
            <?xml version="1.0" encoding="UTF-8"?>
            <databaseChangeLog
                    xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog
                        http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd">""";

    // DO blocks, functions, procedures and triggers hold semicolons of their own: Liquibase must not split them
    private static final Pattern COMPOUND = Pattern.compile("\\$\\$|\\bBEGIN\\b|^\\s*CREATE\\s+(?:OR\\s+REPLACE\\s+)?(?:FUNCTION|PROCEDURE|TRIGGER)\\b",
            Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);
    private static final Pattern WHITESPACE_SENSITIVE = Pattern.compile("\\bLANGUAGE\\s+['\"]?pl(?:python|perl)", Pattern.CASE_INSENSITIVE);

    /**
     * One step as a changeSet.
     *
     * @param id       the changeSet id
     * @param step     the plan step
     * @param header   comment lines that say which plan step this is
     * @param rollback the statements that undo the step (empty: nothing to undo), null for no rollback block
     * @param note     what the rollback cannot restore, or null
     */
    record ChangeSet(String id, ChangePlan.Step step, List<String> header, List<String> rollback, String note) {
    }

    /**
     * How the repo writes its changelogs.
     *
     * @param xmlProlog   XML: the declaration and the {@code <databaseChangeLog ...>} start tag
     * @param indent      one level of indentation (XML), the list indentation under {@code databaseChangeLog:} (YAML)
     * @param sqlMarker   formatted SQL: the first line ({@code --liquibase formatted sql})
     * @param sqlDirective formatted SQL: how directives start ({@code --} or {@code -- })
     */
    record Style(String xmlProlog, String indent, String sqlMarker, String sqlDirective) {
    }

    private LiquibaseLayout() {
    }

    static String render(LiquibaseMaster.Format format, Style style, List<ChangeSet> changeSets) {
        return switch (format) {
            case XML -> xml(style, changeSets);
            case YAML -> yaml(style, changeSets);
            case SQL -> sql(style, changeSets);
            case JSON -> throw new IllegalArgumentException("JSON changelogs are not written");
        };
    }

    static boolean compound(String statement) {
        return COMPOUND.matcher(statement).find();
    }

    /** Consecutive simple statements share one sql change; each compound statement gets one with splitting off. */
    private static List<List<String>> groups(List<String> statements) {
        List<List<String>> groups = new ArrayList<>();
        List<String> simple = new ArrayList<>();
        for (String statement : statements) {
            String s = statement.strip();
            if (compound(s)) {
                if (!simple.isEmpty()) {
                    groups.add(simple);
                    simple = new ArrayList<>();
                }
                groups.add(List.of(s));
            } else {
                simple.add(s);
            }
        }
        if (!simple.isEmpty()) {
            groups.add(simple);
        }
        return groups;
    }

    private static boolean splitOff(List<String> group) {
        return group.size() == 1 && compound(group.get(0));
    }

    /** Whether a header line is the approval stamp ({@link ApprovalStamp}), which must travel inside the SQL the linter reads. */
    private static boolean stamp(String header) {
        return header.startsWith(ApprovalStamp.MARK);
    }

    /**
     * The statement groups with the changeSet's approval stamp as a SQL comment before the first statement: an XML or
     * YAML comment is not part of the SQL Liquibase hands the linter, so the approval would not reach the gate.
     */
    private static List<List<String>> stamped(ChangeSet c, List<List<String>> groups) {
        java.util.Optional<String> stamp = c.header().stream().filter(LiquibaseLayout::stamp).findFirst();
        if (stamp.isEmpty() || groups.isEmpty()) {
            return groups;
        }
        List<List<String>> out = new java.util.ArrayList<>(groups);
        List<String> first = new java.util.ArrayList<>(out.get(0));
        first.set(0, "-- " + stamp.get() + "\n" + first.get(0));
        out.set(0, first);
        return out;
    }

    // ---- XML

    private static String xml(Style style, List<ChangeSet> changeSets) {
        String i1 = style.indent();
        String i2 = i1.repeat(2);
        String i3 = i1.repeat(3);
        StringBuilder out = new StringBuilder(style.xmlProlog()).append("\n");
        for (ChangeSet c : changeSets) {
            out.append('\n');
            for (String line : c.header()) {
                if (!stamp(line)) {
                    out.append(i1).append("<!-- ").append(xmlComment(line)).append(" -->\n");
                }
            }
            out.append(i1).append("<changeSet id=\"").append(c.id()).append("\" author=\"").append(AUTHOR).append('"')
                    .append(c.step().transactional() ? "" : " runInTransaction=\"false\"").append(">\n");
            for (List<String> group : stamped(c, groups(c.step().sql()))) {
                out.append(xmlSql(group, i2, splitOff(group)));
            }
            if (c.rollback() != null) {
                out.append(i2).append("<rollback>\n");
                if (c.note() != null) {
                    out.append(i3).append("<!-- NOTE: ").append(xmlComment(c.note())).append(" -->\n");
                }
                if (c.rollback().isEmpty()) {
                    out.append(i3).append("<!-- nothing to undo for this step -->\n");
                    out.append(i3).append("<sql>SELECT 1;</sql>\n");
                } else {
                    for (List<String> group : groups(c.rollback())) {
                        out.append(xmlSql(group, i3, splitOff(group)));
                    }
                }
                out.append(i2).append("</rollback>\n");
            }
            out.append(i1).append("</changeSet>\n");
        }
        return out.append("\n</databaseChangeLog>\n").toString();
    }

    private static String xmlSql(List<String> statements, String indent, boolean noSplit) {
        String body = String.join("\n\n", statements);
        boolean cdata = body.contains("<") || body.contains("&");
        String text = cdata ? "<![CDATA[" + body.replace("]]>", "]]]]><![CDATA[>") + "]]>" : body;
        // indentation is only layout where no string literal spans lines and no whitespace-sensitive language is embedded
        boolean indentLines = !cdata && !literalSpansLines(body) && !WHITESPACE_SENSITIVE.matcher(body).find();
        StringBuilder out = new StringBuilder(indent).append("<sql").append(noSplit ? " splitStatements=\"false\"" : "").append(">");
        if (indentLines) {
            out.append('\n');
            for (String line : text.split("\n", -1)) {
                out.append(line.isEmpty() ? "" : indent + "    " + line).append('\n');
            }
            out.append(indent);
        } else {
            out.append(text);
        }
        return out.append("</sql>\n").toString();
    }

    /** XML comments may not hold {@code --} nor end with {@code -}. */
    private static String xmlComment(String line) {
        String s = line.replace("\n", " ");
        while (s.contains("--")) {
            s = s.replace("--", "- -");
        }
        return s.endsWith("-") ? s + " " : s;
    }

    private static boolean literalSpansLines(String sql) {
        boolean inQuote = false;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '\'') {
                inQuote = !inQuote;
            } else if (c == '\n' && inQuote) {
                return true;
            }
        }
        return false;
    }

    // ---- YAML

    private static String yaml(Style style, List<ChangeSet> changeSets) {
        String d = style.indent();
        StringBuilder out = new StringBuilder("databaseChangeLog:\n");
        for (ChangeSet c : changeSets) {
            for (String line : c.header()) {
                if (!stamp(line)) {
                    out.append(d).append("# ").append(line.replace("\n", " ")).append('\n');
                }
            }
            out.append(d).append("- changeSet:\n");
            out.append(d).append("    id: ").append(c.id()).append('\n');
            out.append(d).append("    author: ").append(AUTHOR).append('\n');
            if (!c.step().transactional()) {
                out.append(d).append("    runInTransaction: false\n");
            }
            out.append(d).append("    changes:\n");
            for (List<String> group : stamped(c, groups(c.step().sql()))) {
                out.append(yamlSql(group, d + "      ", splitOff(group)));
            }
            if (c.rollback() != null) {
                out.append(d).append("    rollback:\n");
                if (c.note() != null) {
                    out.append(d).append("      # NOTE: ").append(c.note().replace("\n", " ")).append('\n');
                }
                if (c.rollback().isEmpty()) {
                    out.append(d).append("      # nothing to undo for this step\n");
                    out.append(yamlSql(List.of("SELECT 1;"), d + "      ", false));
                } else {
                    for (List<String> group : groups(c.rollback())) {
                        out.append(yamlSql(group, d + "      ", splitOff(group)));
                    }
                }
            }
        }
        return out.toString();
    }

    private static String yamlSql(List<String> statements, String dash, boolean noSplit) {
        StringBuilder out = new StringBuilder(dash).append("- sql:\n");
        if (noSplit) {
            out.append(dash).append("    splitStatements: false\n");
        }
        out.append(dash).append("    sql: |-\n");
        // a literal block keeps every character of the statements; YAML removes only the indentation
        for (String line : String.join("\n\n", statements).split("\n", -1)) {
            out.append(line.isBlank() ? "" : dash + "      " + stripTrailing(line)).append('\n');
        }
        return out.toString();
    }

    private static String stripTrailing(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    // ---- formatted SQL

    private static String sql(Style style, List<ChangeSet> changeSets) {
        String d = style.sqlDirective();
        StringBuilder out = new StringBuilder(style.sqlMarker()).append('\n');
        for (ChangeSet c : changeSets) {
            List<String> statements = c.step().sql().stream().map(String::strip).toList();
            boolean anyCompound = statements.stream().anyMatch(LiquibaseLayout::compound);
            out.append('\n').append(d).append("changeset ").append(AUTHOR).append(':').append(c.id())
                    .append(c.step().transactional() ? "" : " runInTransaction:false")
                    .append(anyCompound ? " splitStatements:false" : "").append('\n');
            // comments after the changeset line belong to this changeSet (before it they would end the previous one)
            out.append(Layout.comment(c.header()));
            out.append(String.join("\n\n", statements)).append('\n');
            if (c.rollback() != null) {
                if (c.note() != null) {
                    out.append(Layout.comment(List.of("NOTE: " + c.note())));
                }
                List<String> undo = c.rollback().isEmpty() ? List.of("SELECT 1;") : c.rollback();
                if (c.rollback().isEmpty()) {
                    out.append("-- nothing to undo for this step\n");
                }
                for (String line : String.join("\n", undo).split("\n")) {
                    out.append(d).append("rollback").append(line.isBlank() ? "" : " " + line).append('\n');
                }
            }
        }
        return out.toString();
    }

    /** Formatted SQL sends a changeSet with a compound statement as one string when it has other statements too. */
    static boolean mixesCompound(ChangePlan.Step step) {
        return step.sql().size() > 1 && step.sql().stream().anyMatch(LiquibaseLayout::compound);
    }
}
