package dev.plc.inspect;

import dev.plc.apply.ApplyResult;
import dev.plc.repo.DataAccessLayer;
import dev.plc.repo.Evidence;
import dev.plc.repo.MigrationFramework;
import dev.plc.repo.Validation;
import dev.plc.schema.SchemaSnapshot;
import java.util.List;
import java.util.stream.Collectors;

/** Human-readable renderings of a {@link RepoInspection}: a short summary (MCP text content) and a full report (CLI). */
public final class InspectionReport {

    private InspectionReport() {
    }

    public static String summary(RepoInspection r) {
        StringBuilder out = new StringBuilder();
        if (r.primaryFramework() == null) {
            out.append("No migration framework found.");
        } else {
            MigrationFramework p = r.migrationFrameworks().get(0);
            out.append("Migrations: ").append(p.name()).append(", ").append(p.count()).append(" in ")
                    .append(String.join(", ", p.locations())).append(", last ").append(p.lastVersion())
                    .append(", next ").append(p.nextVersion()).append(p.hasDown() ? ", with down scripts" : "").append('.');
        }
        out.append(" Dialect: ").append(r.dialect().name()).append(" (").append(r.dialect().confidence()).append(").");
        if (!r.dataAccess().isEmpty()) {
            out.append(" Data access: ").append(r.dataAccess().stream().map(DataAccessLayer::name).collect(Collectors.joining(", "))).append('.');
        }
        out.append(' ').append(schemaLine(r));
        r.recommendations().forEach(rec -> out.append("\nRecommendation: ").append(rec));
        r.warnings().forEach(w -> out.append("\nWarning: ").append(w));
        return out.toString();
    }

    private static String schemaLine(RepoInspection r) {
        RepoInspection.SchemaSource s = r.schemaSource();
        return switch (s.status()) {
            case "read" -> "Schema: " + r.schema().tables().size() + " tables ("
                    + r.schema().tables().stream().map(SchemaSnapshot.Table::name).collect(Collectors.joining(", ")) + "), read from "
                    + ("live".equals(s.origin()) ? "the live database" : s.migrationsApplied() + " migrations applied to a throwaway "
                    + s.database().dialect() + " " + s.database().version() + " (" + s.database().kind()
                    + (s.database().approximation() ? ", APPROXIMATION of " + s.database().target() : "") + ")") + ".";
            case "failed" -> "Schema: NOT read: migrations failed at " + where(s.failure()) + ": " + s.failure().message();
            default -> "Schema: not read: " + s.reason() + ".";
        };
    }

    private static String where(ApplyResult.Failure f) {
        return f.file() == null ? "(no file)" : f.file() + (f.line() > 0 ? ":" + f.line() : "");
    }

    /** The full report the CLI prints. */
    public static String full(RepoInspection r) {
        StringBuilder out = new StringBuilder();
        out.append("Repository: ").append(r.repo()).append(" (").append(r.filesScanned()).append(" files, ")
                .append(r.millis()).append(" ms)\n\n");
        out.append("Migration frameworks").append(r.primaryFramework() == null ? ": none found\n" : ":\n");
        for (MigrationFramework f : r.migrationFrameworks()) {
            out.append(f.name().equals(r.primaryFramework()) ? "  * " : "  - ").append(f.name())
                    .append(": ").append(f.count()).append(" migrations in ").append(String.join(", ", f.locations())).append('\n')
                    .append("    naming ").append(f.naming().pattern()).append(" (e.g. ").append(f.naming().example()).append(")\n")
                    .append("    last version ").append(f.lastVersion()).append(", next ").append(f.nextVersion())
                    .append(", down/undo scripts: ").append(f.hasDown() ? "yes" : "no").append('\n');
            evidence(out, f.evidence(), 3);
            f.notes().forEach(n -> out.append("    note: ").append(n).append('\n'));
        }
        out.append("\nDialect: ").append(r.dialect().name()).append(" (confidence ").append(r.dialect().confidence()).append(")\n");
        evidence(out, r.dialect().evidence(), 3);
        if (!r.dialect().others().isEmpty()) {
            out.append("    also seen: ").append(String.join(", ", r.dialect().others())).append('\n');
        }
        out.append("\nData access:").append(r.dataAccess().isEmpty() ? " none found\n" : "\n");
        for (DataAccessLayer d : r.dataAccess()) {
            out.append("  - ").append(d.name()).append(" (").append(d.language()).append(", ").append(d.fileCount())
                    .append(" files) in ").append(String.join(", ", d.locations())).append('\n');
            evidence(out, d.evidence(), 2);
        }
        out.append("\nValidations:").append(r.validations().isEmpty() ? " none\n" : "\n");
        for (Validation v : r.validations()) {
            out.append("  - ").append(v.name()).append(": ").append(v.command()).append(" (").append(v.source())
                    .append(", timeout ").append(v.timeoutS()).append(" s)\n");
        }
        out.append("\n").append(schemaLine(r)).append('\n');
        if (r.schema() != null) {
            for (SchemaSnapshot.Table t : r.schema().tables()) {
                out.append("  ").append(t.name()).append('\n');
                for (SchemaSnapshot.Column c : t.columns()) {
                    out.append("    ").append(c.name()).append(' ').append(c.type()).append(c.nullable() ? "" : " not null")
                            .append(c.defaultValue() == null ? "" : " default " + c.defaultValue())
                            .append(c.identity() ? " identity" : "").append('\n');
                }
                if (t.primaryKey() != null) {
                    out.append("    primary key ").append(t.primaryKey().columns()).append('\n');
                }
                t.uniqueKeys().forEach(k -> out.append("    unique ").append(k.name()).append(' ').append(k.columns()).append('\n'));
                t.indexes().forEach(i -> out.append("    ").append(i.unique() ? "unique index " : "index ").append(i.name())
                        .append(' ').append(i.columns()).append('\n'));
                t.foreignKeys().forEach(fk -> out.append("    foreign key ").append(fk.name()).append(' ').append(fk.columns())
                        .append(" -> ").append(fk.referencedTable()).append(fk.referencedColumns()).append('\n'));
                t.checks().forEach(c -> out.append("    check ").append(c.name()).append(' ').append(c.condition()).append('\n'));
            }
        }
        if (r.schemaSource().failure() != null && r.schemaSource().failure().statement() != null) {
            out.append("  failing statement: ").append(r.schemaSource().failure().statement()).append('\n');
        }
        if (!r.recommendations().isEmpty() || !r.warnings().isEmpty()) {
            out.append('\n');
        }
        r.recommendations().forEach(rec -> out.append("Recommendation: ").append(rec).append('\n'));
        r.warnings().forEach(w -> out.append("Warning: ").append(w).append('\n'));
        return out.toString();
    }

    private static void evidence(StringBuilder out, List<Evidence> evidence, int max) {
        evidence.stream().limit(max).forEach(e -> out.append("    at ").append(e)
                .append(e.text() == null ? "" : "  " + e.text()).append('\n'));
    }
}
