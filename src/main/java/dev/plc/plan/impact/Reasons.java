package dev.plc.plan.impact;

import java.util.Locale;

/** The sentence each finding carries: what the code does with the table or column, then what the change asks of it. */
final class Reasons {

    private Reasons() {
    }

    /** @param doing what the code does, e.g. "reads orders.status in SQL" */
    static String reason(String kind, Target target, String doing) {
        String change = target.reference.change();
        String c = change.toLowerCase(Locale.ROOT);
        String what = target.isColumn() ? "column" : "table";
        String advice;
        if (kind.equals("jooq-generated")) {
            advice = "after " + change + " regenerate the jOOQ classes from the migrated schema, then fix the code that uses this "
                    + (target.isColumn() ? "field" : "class");
        } else if (c.contains("rename")) {
            advice = "after " + change + " it must use the new name (or both, during the rollout: ship code that tolerates both names first)";
        } else if (c.contains("drop_not_null") || c.contains("drop not null")) {
            advice = "after " + change + " it must tolerate null values";
        } else if (c.contains("drop")) {
            advice = "after " + change + " this reference fails: remove it in a release that ships before the " + what + " is dropped";
        } else if (c.contains("type")) {
            advice = "after " + change + " check that its Java/host type, casts, comparisons and lengths still fit the new type";
        } else if (c.contains("not_null") || c.contains("not null")) {
            advice = "after " + change + " every insert and update here must supply a non-null value (backfill and write it before the constraint)";
        } else {
            advice = "check that it still works after " + change;
        }
        return doing + "; " + advice + ".";
    }
}
