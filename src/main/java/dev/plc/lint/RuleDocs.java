package dev.plc.lint;

import dev.plc.db.Dialect;
import dev.plc.lint.rule.Rule;
import java.util.List;

/**
 * The rule catalogue as documentation: a JSON-friendly list, one markdown page per rule (problem / safe
 * alternative, after squawk's docs), and the whole catalogue as one markdown file (skill/references/rules.md).
 */
public final class RuleDocs {

    /** One rule, as the plc://rules resource lists it. */
    public record RuleDoc(String id, List<String> dialects, String severity, String summary, String explanation,
                          String safeAlternative) {
    }

    private RuleDocs() {
    }

    public static List<RuleDoc> catalogue() {
        return Rules.all().stream().map(RuleDocs::doc).toList();
    }

    public static RuleDoc doc(Rule rule) {
        return new RuleDoc(rule.id(), rule.dialects().stream().map(Dialect::id).toList(), rule.severity().id(),
                rule.summary(), rule.explanation(), rule.safeAlternative());
    }

    /** The page of one rule. */
    public static String markdown(Rule rule) {
        return "# " + rule.id() + "\n\n" + body(rule, "##");
    }

    private static String body(Rule rule, String heading) {
        RuleDoc d = doc(rule);
        return "**" + d.summary() + "** (" + d.severity() + "; " + String.join(", ", d.dialects()) + ")\n\n"
                + heading + " Problem\n\n" + d.explanation().strip() + "\n\n"
                + heading + " Safe alternative\n\n```sql\n" + d.safeAlternative().strip() + "\n```\n";
    }

    /** Every rule on one page, in catalogue order. Generated: do not edit skill/references/rules.md by hand. */
    public static String catalogueMarkdown() {
        StringBuilder out = new StringBuilder("""
                # Lint rules of persistence-layer-change

                <!-- Generated from Rules.all(); do not edit. Regenerate with:
                     mvn test -Dtest=SkillFilesTest -Dplc.updateSkill=true -->

                `run_checks` (and `java -jar persistence-layer-change-mcp.jar check`) flags these in new or changed
                migrations; `plan_change` reports the same ids as hazards. A finding can be suppressed on the
                statement with `-- plc:ignore <rule-id> <reason>` (on the line above it); a suppression without a reason is itself a
                finding (`suppression-needs-reason`).

                | id | severity | dialects | catches |
                |----|----------|----------|---------|
                """);
        for (Rule rule : Rules.all()) {
            RuleDoc d = doc(rule);
            out.append("| [").append(d.id()).append("](#").append(d.id()).append(") | ").append(d.severity()).append(" | ")
                    .append(String.join(", ", d.dialects())).append(" | ").append(d.summary().replace("|", "\\|")).append(" |\n");
        }
        for (Rule rule : Rules.all()) {
            out.append("\n## ").append(rule.id()).append("\n\n").append(body(rule, "###"));
        }
        return out.toString();
    }
}
