package dev.plc.lint.rules;

import dev.plc.db.Dialect;
import dev.plc.lint.rule.Finding;
import dev.plc.lint.rule.LintContext;
import dev.plc.lint.rule.Rule;
import dev.plc.lint.rule.Severity;
import dev.plc.sql.SqlStatement;
import dev.plc.sql.Verb;
import java.util.List;
import java.util.Set;

/** ALTER SCHEMA ... RENAME TO: instant in the catalog, breaks every query and search_path that names the schema. */
public final class RenamingSchema implements Rule {

    @Override
    public String id() {
        return "renaming-schema";
    }

    @Override
    public Set<Dialect> dialects() {
        return POSTGRES;
    }

    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "ALTER SCHEMA ... RENAME TO";
    }

    @Override
    public String explanation() {
        return "Renaming a schema is instant in the database but breaks everything that names it: every qualified "
                + "query of the running application, the search_path of its roles and connection strings, other "
                + "services, grants scripts, and the migration tool's own history table if it lives there. Instances "
                + "still on the old code fail until every one is redeployed. Create the new schema, move the objects "
                + "over (ALTER TABLE ... SET SCHEMA) once the code finds them under both names, or keep the old "
                + "schema name.";
    }

    @Override
    public String safeAlternative() {
        return "CREATE SCHEMA IF NOT EXISTS billing;\n"
                + "-- release code that uses search_path = billing, legacy_billing; then move the tables, one by one:\n"
                + "ALTER TABLE legacy_billing.invoices SET SCHEMA billing;\n"
                + "-- later release, once the old schema is empty: DROP SCHEMA legacy_billing;";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext ctx) {
        if (s.kind().verb() != Verb.ALTER || !"SCHEMA".equals(s.kind().object()) || s.kind().target() == null) {
            return List.of();
        }
        int rename = s.clause().indexOf(0, "RENAME", "TO");
        if (rename < 0 || ctx.createdEarlier("SCHEMA", s.kind().target().name())) {
            return List.of();
        }
        String from = s.clause().qualifiedName(2);
        String to = s.clause().qualifiedName(rename + 2);
        return List.of(finding(s, ctx,
                "Renaming schema " + from + " to " + to + " breaks every query, search_path and grant that names "
                        + from + ": instances of the application still on the old code fail until every one is redeployed.",
                "Keep " + from + " while the code moves over:\n    CREATE SCHEMA IF NOT EXISTS " + to + ";\n"
                        + "    -- release code that finds its tables in both schemas (search_path = " + to + ", " + from
                        + "); then, table by table:\n    ALTER TABLE " + from + ".<table> SET SCHEMA " + to + ";\n"
                        + "    -- later release, once " + from + " is empty: DROP SCHEMA " + from + ";"));
    }
}
