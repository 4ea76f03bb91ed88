package dev.plc.plan;

import dev.plc.plan.compat.CompatibilityReport;
import java.util.List;
import java.util.stream.Collectors;

/** Human-readable renderings of a {@link ChangePlan}: the MCP text summary and the CLI report. */
public final class PlanReport {

    private PlanReport() {
    }

    public static String summary(ChangePlan p) {
        StringBuilder out = new StringBuilder();
        out.append(p.planId()).append(": ").append(p.migrationType()).append(" change for ").append(p.dialect()).append(" (")
                .append(p.framework()).append("), ").append(p.steps().size()).append(" steps over ")
                .append(p.steps().stream().mapToInt(ChangePlan.Step::release).max().orElse(1)).append(" release(s), ")
                .append(hazards(p)).append(", ").append(p.impactedCode().size()).append(" code reference(s).");
        if (p.requiresApproval()) {
            out.append(" DESTRUCTIVE: steps ").append(p.approval().covers()).append(" destroy data; write_migration needs approval=")
                    .append(p.approval().token()).append(" and only with the user's consent.");
        }
        if (p.compatibility() != null) {
            out.append("\n").append(compatibility(p.compatibility()));
        }
        if (p.verification() != null) {
            out.append("\n").append(verification(p.verification()));
        }
        for (ChangePlan.Step s : p.steps()) {
            out.append("\n").append(s.number()).append(". [release ").append(s.release()).append(", ").append(s.phase()).append("] ")
                    .append(s.title()).append(s.sql().isEmpty() ? " (code only)" : "").append(s.transactional() ? "" : " (non-transactional)");
        }
        return out.toString();
    }

    /** How many hazards of the change as written the plan's steps avoid, and how many are left to review (no step avoids them). */
    static String hazards(ChangePlan p) {
        long avoided = p.hazards().stream().filter(h -> h.mitigatedBy() != null).count();
        long review = p.hazards().size() - avoided;
        return avoided + " hazard(s) avoided" + (review == 0 ? "" : ", " + review + " to review");
    }

    /** One line: queries found/checked/unchecked, failing per state (current code, and changed code when known), and what breaks. */
    public static String compatibility(CompatibilityReport c) {
        String states = c.states().stream().map(s -> "state " + s.state() + " " + s.failing() + "/" + s.checked()
                        + (c.changedQueriesChecked() == null ? "" : " (changed code " + s.changedFailing() + "/" + s.changedChecked() + ")"))
                .collect(Collectors.joining(", "));
        int breaking = c.breaking().size();
        return "Compatibility: " + c.queriesFound() + " queries found, " + c.queriesChecked() + " checked, " + c.queriesUnchecked()
                + " unchecked; failing per state: " + (states.isEmpty() ? "none checked" : states) + (breaking == 0
                ? "; no query breaks in a state where its code runs." : "; " + breaking + " query(ies) BREAK in a state where their code runs.")
                + " Rollout: " + c.rollout() + "." + performance(c, false) + performance(c, true);
    }

    /** The query-plan findings, or ({@code hints}) the N+1 hints, counted with their file:line; empty when there are none. */
    private static String performance(CompatibilityReport c, boolean hints) {
        List<CompatibilityReport.PerformanceFinding> these = c.performance().stream().filter(f -> f.rule().equals("n-plus-one") == hints).toList();
        if (these.isEmpty()) {
            return "";
        }
        String at = " (" + these.stream().map(f -> f.file() + ":" + f.line()).distinct().collect(Collectors.joining(", ")) + ").";
        return hints ? " N+1: " + these.size() + " relation read(s) inside loops" + at : " Performance: " + these.size() + " query(ies) lose an index or have none" + at;
    }

    /** One line: whether the plan was proven on seeded rows, on how many, how long it took; then each difference. */
    public static String verification(Verification v) {
        StringBuilder out = new StringBuilder("Proof on seeded rows: ");
        if (!v.ran()) {
            return out.append("NOT RUN (").append(v.notRun()).append(")").append(v.rowsSeeded() > 0 ? ", " + v.rowsSeeded() + " rows seeded" : "")
                    .append(", ").append(v.durationMs()).append(" ms").toString();
        }
        long accepted = v.differences().stream().filter(Verification.Difference::accepted).count();
        out.append(v.ok() ? "ok" : "FAILED").append(accepted > 0 ? " (" + accepted + " difference(s) accepted)" : "").append(", ").append(v.rowsSeeded()).append(" rows seeded in ").append(String.join(", ", v.tables()))
                .append("; schema ").append(v.schemaEqual() ? "equal" : "DIFFERS").append(", data ").append(v.dataEqual() ? "equal" : "DIFFERS")
                .append(" (change as written vs. the plan's releases); ").append(v.durationMs()).append(" ms");
        for (Verification.Difference d : v.differences()) {
            out.append("\n  [").append(d.name()).append("]").append(d.accepted() ? " (accepted) " : " ").append(d.message());
        }
        return out.toString();
    }

    public static String full(ChangePlan p) {
        StringBuilder out = new StringBuilder();
        out.append("Plan ").append(p.planId()).append(": ").append(p.description()).append('\n')
                .append("Type: ").append(p.migrationType()).append(", dialect ").append(p.dialect()).append(", framework ")
                .append(p.framework()).append('\n');
        p.assumptions().forEach(a -> out.append("Assumption: ").append(a).append('\n'));
        if (!p.hazards().isEmpty()) {
            out.append("\nHazards of the naive change:\n");
            for (ChangePlan.Hazard h : p.hazards()) {
                out.append("  [").append(h.severity()).append("] ").append(h.rule()).append(": ").append(h.message()).append('\n')
                        .append("      instead: ").append(h.safeAlternative())
                        .append(h.mitigatedBy() == null ? "" : " (" + h.mitigatedBy() + ")").append('\n');
            }
        }
        if (!p.prechecks().isEmpty()) {
            out.append("\nPrechecks (read-only, on production or a replica):\n");
            p.prechecks().forEach(c -> out.append("  ").append(c.name()).append(" (expect ").append(c.expect()).append("):\n      ")
                    .append(c.sql()).append('\n'));
        }
        out.append("\nSteps:\n");
        for (ChangePlan.Step s : p.steps()) {
            out.append("  ").append(s.number()).append(". [release ").append(s.release()).append(", ").append(s.phase()).append("] ")
                    .append(s.title()).append(s.transactional() ? "" : "  (own migration, no transaction)")
                    .append(s.destructive() ? "  DESTRUCTIVE" : "").append('\n');
            s.sql().forEach(sql -> out.append("      ").append(sql.replace("\n", "\n      ")).append('\n'));
            if (s.appCode() != null) {
                out.append("      code: ").append(s.appCode()).append('\n');
            }
        }
        if (!p.impactedCode().isEmpty()) {
            out.append("\nImpacted code:\n");
            p.impactedCode().forEach(c -> out.append("  ").append(c.file()).append(':').append(c.line()).append("  ").append(c.reason()).append('\n'));
        }
        if (!p.codeChanges().isEmpty()) {
            out.append("\nCode changes (code_changes; --json has the diffs):\n");
            p.codeChanges().forEach(c -> out.append("  release ").append(c.release()).append("  ").append(c.status()).append("  ")
                    .append(c.file()).append(c.lines().isEmpty() ? "" : ":" + c.lines().get(0)).append("  ").append(c.why()).append('\n'));
        }
        if (p.verification() != null) {
            out.append("\n").append(verification(p.verification())).append('\n');
            p.verification().notes().forEach(n -> out.append("  note: ").append(n).append('\n'));
        }
        if (p.compatibility() != null) {
            out.append("\n").append(compatibility(p.compatibility())).append('\n');
            for (CompatibilityReport.Failure f : p.compatibility().failures()) {
                out.append("  state ").append(f.state()).append(" (").append(f.code()).append(" code").append(f.live() ? ", live)" : ", not running then)")
                        .append(": ").append(f.file()).append(':').append(f.line()).append("  ").append(f.error()).append('\n');
            }
            p.compatibility().unchecked().forEach(u -> out.append("  unchecked: ").append(u.file()).append(':').append(u.line()).append("  ")
                    .append(u.reason()).append('\n'));
            if (p.compatibility().explained() != null) {
                out.append("\nQuery plans: ").append(p.compatibility().explained()).append('\n');
            }
            p.compatibility().performance().stream().filter(f -> !f.rule().equals("n-plus-one")).forEach(f -> out.append("  [").append(f.rule())
                    .append("] ").append(f.file()).append(':').append(f.line()).append("  ").append(f.message())
                    .append(f.fix() == null ? "" : "\n      fix: " + f.fix()).append('\n'));
            List<CompatibilityReport.PerformanceFinding> hints = p.compatibility().performance().stream().filter(f -> f.rule().equals("n-plus-one")).toList();
            if (!hints.isEmpty()) {
                out.append("\nN+1 hints (relations of the changed tables read inside loops, from the code):\n");
                hints.forEach(f -> out.append("  [n-plus-one] ").append(f.file()).append(':').append(f.line()).append("  ").append(f.message())
                        .append("\n      fix: ").append(f.fix()).append('\n'));
            }
        }
        out.append("\nRollback (last step first):\n");
        for (ChangePlan.RollbackNote r : p.rollback()) {
            out.append("  step ").append(r.step()).append(": ")
                    .append(r.sql().isEmpty() ? "nothing to run" : r.sql().stream().collect(Collectors.joining(" ")))
                    .append(r.dataLoss() ? "  (loses data)" : "").append(r.note() == null ? "" : "  -- " + r.note()).append('\n');
        }
        p.warnings().forEach(w -> out.append("Warning: ").append(w).append('\n'));
        if (p.requiresApproval()) {
            out.append("\nDESTRUCTIVE: steps ").append(p.approval().covers()).append(" destroy data. Approval token: ")
                    .append(p.approval().token()).append('\n');
        }
        return out.toString();
    }
}
