package dev.plc.check;

import dev.plc.core.PlcException;
import dev.plc.db.Dialect;
import dev.plc.plan.DdlReader;
import dev.plc.plan.Operation;
import dev.plc.plan.impact.ImpactFinder;
import dev.plc.plan.impact.ImpactedCode;
import dev.plc.plan.impact.SchemaReference;
import dev.plc.sql.SqlScript;
import dev.plc.sql.SqlStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The repo's code that uses what the new migrations drop or rename. */
final class ImpactCheck implements Check {

    @Override
    public String name() {
        return "impact";
    }

    @Override
    public CheckReport.Check run(CheckContext ctx) {
        List<SchemaReference> references = statementReferences(ctx);
        if (ctx.dropped != null) {
            // what the database says went away, which the statements may not name (DROP SCHEMA ... CASCADE, a DO block)
            for (SchemaReference gone : ctx.dropped) {
                if (references.stream().noneMatch(r -> covers(r, gone))) {
                    references.add(gone);
                }
            }
        }
        if (references.isEmpty()) {
            return new CheckReport.Check("impact", CheckStatus.PASS, "the new migrations drop or rename nothing"
                    + (ctx.dropped == null ? " (read from their statements only: data_safety did not read the database after them)" : ""), 0, List.of());
        }
        List<ImpactedCode> impacted = new ImpactFinder().find(ctx.index, references,
                ImpactFinder.Options.defaults().withMigrationLocations(Set.copyOf(ctx.framework.locations())));
        List<CheckReport.Finding> findings = impacted.stream().map(i -> CheckReport.Finding.error(i.file(), i.line(), "impact", i.reason(),
                "update this code (and deploy it) before the migration that drops or renames " + i.table()
                        + (i.column() == null ? "" : "." + i.column()))).toList();
        return new CheckReport.Check("impact", findings.isEmpty() ? CheckStatus.PASS : CheckStatus.FAIL, references.size() + " dropped or renamed object(s)", 0, findings);
    }

    /** Whether {@code named} (from a statement) already covers {@code gone} (from the catalog): the same table, and column when it names one. */
    static boolean covers(SchemaReference named, SchemaReference gone) {
        return named.table().equalsIgnoreCase(gone.table())
                && (named.column() == null || gone.column() != null && named.column().equalsIgnoreCase(gone.column()));
    }

    /** The drops and renames the new migrations' statements name. */
    static List<SchemaReference> statementReferences(CheckContext ctx) {
        List<SchemaReference> references = new ArrayList<>();
        for (Migrations.Migration m : ctx.changed) {
            references.addAll(statementReferences(m, ctx.dialect));
        }
        return references;
    }

    /** The drops and renames the statements of {@code m} name. */
    static List<SchemaReference> statementReferences(Migrations.Migration m, Dialect dialect) {
        List<SchemaReference> references = new ArrayList<>();
        DdlReader reader = new DdlReader(dialect);
        for (SqlStatement statement : SqlScript.split(m.sql(), dialect)) {
            List<Operation> ops;
            try {
                ops = reader.read(statement.text());
            } catch (PlcException notAChange) {
                continue; // DML, SET, DO blocks: no table or column goes away
            }
            for (Operation op : ops) {
                switch (op.kind()) {
                    case DROP_COLUMN, RENAME_COLUMN -> references.add(new SchemaReference(op.table(), op.column(), op.kind().id()));
                    case DROP_TABLE, RENAME_TABLE -> references.add(new SchemaReference(op.table(), null, op.kind().id()));
                    default -> { }
                }
            }
        }
        return references;
    }
}
