package dev.plc.plan.access;

import java.util.List;

/** The Java source of a JUnit 5 test of new access paths, in the repo's stack (Flyway or Liquibase, JDBC). */
final class JUnitSource {

    /**
     * One test method: the writes, the read and the value it must give.
     *
     * @param exact false: only that the value is there is asserted (a time whose text depends on the session's zone)
     */
    record Method(String label, List<String> writes, String read, String expected, boolean exact) {
    }

    private JUnitSource() {
    }

    static String render(TestStack stack, String className, String planId, String description, int release, List<Method> methods) {
        StringBuilder out = new StringBuilder();
        if (!stack.pkg().isEmpty()) {
            out.append("package ").append(stack.pkg()).append(";\n\n");
        }
        out.append("import static org.junit.jupiter.api.Assertions.assertEquals;\n");
        out.append("import static org.junit.jupiter.api.Assertions.assertNotNull;\n");
        out.append("import static org.junit.jupiter.api.Assertions.assertTrue;\n\n");
        out.append("import java.sql.Connection;\n");
        out.append("import java.sql.DriverManager;\n");
        out.append("import java.sql.ResultSet;\n");
        out.append("import java.sql.Statement;\n");
        boolean flyway = stack.runner().equals("flyway");
        boolean postgres = stack.dialect() == dev.plc.db.Dialect.POSTGRESQL;
        if (flyway && postgres) {
            out.append("import java.util.Map;\n");
        }
        if (flyway) {
            out.append("import org.flywaydb.core.Flyway;\n");
        } else {
            out.append("import liquibase.command.CommandScope;\n");
        }
        boolean h2 = stack.dialect() == dev.plc.db.Dialect.H2;
        if (!h2) {
            out.append("import org.junit.jupiter.api.Assumptions;\n");
        }
        out.append("import org.junit.jupiter.api.BeforeAll;\n");
        out.append("import org.junit.jupiter.api.Test;\n\n");
        out.append("/**\n");
        out.append(" * The new access path").append(methods.size() == 1 ? " " : "s ")
                .append(String.join(", ", methods.stream().map(Method::label).toList())).append(" of the change \"")
                .append(javadoc(description)).append("\"\n");
        out.append(" * (plan ").append(planId).append(", release ").append(release).append("), written by persistence-layer-change.\n");
        out.append(" * It migrates the database named by ").append(TestStack.URL_VARIABLE)
                .append(h2 ? " (default: an in-memory H2 database)" : "")
                .append(" with ").append(flyway ? "Flyway" : "Liquibase").append(",\n");
        out.append(" * then writes a row through each path and reads it back, in a transaction it rolls back. The statements were\n");
        out.append(" * run on the plan's throwaway database in every release's state from release ").append(release).append(" on.\n");
        out.append(" * run_checks sets ").append(TestStack.URL_VARIABLE).append(" (and ").append(TestStack.USER_VARIABLE).append(", ")
                .append(TestStack.PASSWORD_VARIABLE).append(") to a new empty database\n");
        out.append(" * when it runs the repo's validations").append(h2 ? "." : "; without them the test is skipped, with this reason.").append("\n");
        out.append(" */\n");
        out.append("class ").append(className).append(" {\n\n");
        String fallback = h2 ? "\"jdbc:h2:mem:" + className.toLowerCase(java.util.Locale.ROOT) + ";DB_CLOSE_DELAY=-1\"" : "null";
        out.append("    private static final String URL = env(\"").append(TestStack.URL_VARIABLE).append("\", ").append(fallback).append(");\n");
        out.append("    private static final String USER = env(\"").append(TestStack.USER_VARIABLE).append("\", ").append(h2 ? "\"sa\"" : "null").append(");\n");
        out.append("    private static final String PASSWORD = env(\"").append(TestStack.PASSWORD_VARIABLE).append("\", ").append(h2 ? "\"\"" : "null")
                .append(");\n\n");
        out.append("    @BeforeAll\n");
        out.append("    static void migrate() throws Exception {\n");
        if (!h2) {
            out.append("        Assumptions.assumeTrue(URL != null, \"set ").append(TestStack.URL_VARIABLE).append(" to an empty ")
                    .append(stack.dialect().id()).append(" database this test may migrate (run_checks does)\");\n");
        }
        if (flyway) {
            out.append("        Flyway.configure().dataSource(URL, USER, PASSWORD).locations(").append(java(stack.location())).append(")\n");
            if (postgres) {
                out.append("                // CREATE INDEX CONCURRENTLY waits forever on Flyway's own transactional lock\n");
                out.append("                .configuration(Map.of(\"flyway.postgresql.transactional.lock\", \"false\"))\n");
            }
            out.append("                .load().migrate();\n");
        } else {
            out.append("        CommandScope update = new CommandScope(\"update\");\n");
            out.append("        update.addArgumentValue(\"changelogFile\", ").append(java(stack.location())).append(");\n");
            out.append("        update.addArgumentValue(\"url\", URL);\n");
            out.append("        if (USER != null) {\n");
            out.append("            update.addArgumentValue(\"username\", USER);\n");
            out.append("        }\n");
            out.append("        if (PASSWORD != null) {\n");
            out.append("            update.addArgumentValue(\"password\", PASSWORD);\n");
            out.append("        }\n");
            out.append("        update.execute();\n");
        }
        out.append("    }\n");
        for (Method m : methods) {
            out.append("\n    @Test\n");
            out.append("    void writesAndReads").append(AccessPathTests.camel(m.label())).append("() throws Exception {\n");
            out.append("        try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD)) {\n");
            out.append("            c.setAutoCommit(false);\n");
            out.append("            try (Statement s = c.createStatement()) {\n");
            for (String w : m.writes()) {
                out.append("                s.executeUpdate(").append(java(w)).append(");\n");
            }
            out.append("                try (ResultSet rs = s.executeQuery(").append(java(m.read())).append(")) {\n");
            out.append("                    assertTrue(rs.next(), \"the row written through ").append(escape(m.label())).append(" is read back\");\n");
            if (m.exact()) {
                out.append("                    assertEquals(").append(java(m.expected())).append(", rs.getString(1));\n");
            } else {
                out.append("                    assertNotNull(rs.getString(1));\n");
            }
            out.append("                }\n");
            out.append("            } finally {\n");
            out.append("                c.rollback();\n");
            out.append("            }\n");
            out.append("        }\n");
            out.append("    }\n");
        }
        out.append("\n    private static String env(String name, String otherwise) {\n");
        out.append("        String value = System.getenv(name);\n");
        out.append("        return value == null || value.isBlank() ? otherwise : value;\n");
        out.append("    }\n");
        out.append("}\n");
        return out.toString();
    }

    /** A Java string literal: escapes, and non-ASCII as unicode escapes (the source compiles in any encoding). */
    static String java(String text) {
        return "\"" + escape(text) + "\"";
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder();
        for (char ch : text.toCharArray()) {
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (ch < 0x20 || ch > 0x7e) {
                        out.append(String.format("\\u%04x", (int) ch));
                    } else {
                        out.append(ch);
                    }
                }
            }
        }
        return out.toString();
    }

    /** Text safe inside a javadoc comment. */
    private static String javadoc(String text) {
        String one = text == null ? "" : text.replace("*/", "* /").replace('\n', ' ');
        return escape(one.length() > 100 ? one.substring(0, 100) + "..." : one).replace("\\\"", "'");
    }
}
