package dev.plc.migration;

/** Human-readable rendering of {@link WrittenMigrations}, for the MCP text content and the CLI. */
public final class WriteReport {

    private WriteReport() {
    }

    public static String summary(WrittenMigrations w) {
        StringBuilder out = new StringBuilder();
        if (w.unsupported() != null) {
            out.append(w.unsupported()).append('\n');
            w.sql().forEach(s -> out.append(s).append('\n'));
        } else {
            long written = w.files().stream().filter(f -> f.status().equals("written")).count();
            long updated = w.files().stream().filter(f -> f.status().equals("updated")).count();
            out.append(w.framework()).append(", release ").append(w.release()).append(" of ").append(w.planId()).append(": ")
                    .append(written).append(" file(s) written, ").append(updated > 0 ? updated + " updated, " : "")
                    .append(w.files().size() - written - updated).append(" unchanged.\n");
            w.files().forEach(f -> out.append("  ").append(f.status()).append(' ').append(f.kind()).append(' ').append(f.path()).append('\n'));
        }
        if (!w.code().isEmpty()) {
            out.append("Code:\n");
            w.code().forEach(c -> out.append("  ").append(c.status()).append(' ').append(c.file()).append(" (lines ")
                    .append(c.lines().stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "))).append(")")
                    .append(c.status().equals(CodeChangeWriter.UPDATED) || c.status().equals(CodeChangeWriter.UNCHANGED) ? "" : ": " + c.why()).append('\n'));
        }
        if (!w.nextSteps().isEmpty()) {
            out.append("Next:\n");
            w.nextSteps().forEach(n -> out.append("  - ").append(n).append('\n'));
        }
        w.warnings().forEach(x -> out.append("Warning: ").append(x).append('\n'));
        return out.toString().stripTrailing();
    }
}
