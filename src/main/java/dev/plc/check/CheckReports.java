package dev.plc.check;

import dev.plc.core.Version;
import dev.plc.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renderings of a {@link CheckReport}: text, plain file:line lines, and SARIF 2.1.0 for code-scanning UIs. */
public final class CheckReports {

    private CheckReports() {
    }

    public static String text(CheckReport r) {
        StringBuilder out = new StringBuilder(r.ok() ? "OK" : "FAILED");
        if (r.database() != null) {
            out.append(" on ").append(r.database().dialect()).append(' ').append(r.database().version()).append(" (").append(r.database().kind())
                    .append(r.database().approximation() ? ", APPROXIMATION of " + r.database().target() : "").append(')');
        }
        out.append(", ").append(r.newMigrations().size()).append(" new or changed migration(s), ").append(r.millis()).append(" ms\n");
        for (CheckReport.Check c : r.checks()) {
            out.append(String.format("  %-12s %-14s %s (%d ms)%n", c.name(), c.status().id(), c.reason() == null ? "" : c.reason(), c.millis()));
            for (CheckReport.Finding f : c.findings()) {
                out.append("      ").append(line(f)).append('\n');
            }
        }
        return out.toString().stripTrailing();
    }

    public static String lines(CheckReport r) {
        StringBuilder out = new StringBuilder();
        for (CheckReport.Check c : r.checks()) {
            for (CheckReport.Finding f : c.findings()) {
                out.append(line(f)).append('\n');
            }
        }
        return out.toString();
    }

    private static String line(CheckReport.Finding f) {
        String where = f.file() == null ? "" : f.file() + (f.line() > 0 ? ":" + f.line() : "") + ": ";
        return where + f.rule() + ": " + (f.suppressed() ? "[suppressed: " + f.suppressionReason() + "] " : "")
                + (f.approved() ? "[approved: " + f.approval() + "] " : "") + f.severity() + ": "
                + f.message().replace("\n", " | ") + (f.help() == null ? "" : " -- " + f.help());
    }

    public static String sarif(CheckReport r) {
        List<Map<String, Object>> results = new ArrayList<>();
        Map<String, Map<String, Object>> rules = new LinkedHashMap<>();
        for (CheckReport.Check c : r.checks()) {
            for (CheckReport.Finding f : c.findings()) {
                rules.putIfAbsent(f.rule(), Map.of("id", f.rule(), "shortDescription", Map.of("text", f.rule() + " (" + c.name() + ")")));
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("ruleId", f.rule());
                result.put("level", f.severity().equals("error") ? "error" : "warning");
                result.put("message", Map.of("text", f.message() + (f.help() == null ? "" : "\n" + f.help())));
                if (f.file() != null) {
                    Map<String, Object> physical = new LinkedHashMap<>();
                    physical.put("artifactLocation", Map.of("uri", f.file()));
                    if (f.line() > 0) {
                        physical.put("region", Map.of("startLine", f.line()));
                    }
                    result.put("locations", List.of(Map.of("physicalLocation", physical)));
                }
                if (f.suppressed()) {
                    result.put("suppressions", List.of(Map.of("kind", "inSource", "justification", f.suppressionReason())));
                } else if (f.approved()) {
                    result.put("suppressions", List.of(Map.of("kind", "inSource", "justification", "approved: " + f.approval())));
                }
                results.add(result);
            }
        }
        Map<String, Object> driver = new LinkedHashMap<>();
        driver.put("name", "persistence-layer-change");
        driver.put("version", Version.current());
        driver.put("rules", List.copyOf(rules.values()));
        Map<String, Object> sarif = new LinkedHashMap<>();
        sarif.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        sarif.put("version", "2.1.0");
        // a check that could not run is no finding about the code: SARIF says so in the invocation, and the run did not succeed
        List<Map<String, Object>> notifications = new ArrayList<>();
        for (CheckReport.Check c : r.checks()) {
            if (c.status() == CheckStatus.ERROR) {
                notifications.add(Map.of("level", "error", "descriptor", Map.of("id", c.name()),
                        "message", Map.of("text", c.name() + ": " + (c.reason() == null ? "error" : c.reason()))));
            }
        }
        Map<String, Object> invocation = new LinkedHashMap<>();
        invocation.put("executionSuccessful", notifications.isEmpty());
        if (!notifications.isEmpty()) {
            invocation.put("toolExecutionNotifications", notifications);
        }
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("tool", Map.of("driver", driver));
        run.put("invocations", List.of(invocation));
        run.put("results", results);
        sarif.put("runs", List.of(run));
        return Json.pretty(sarif);
    }
}
