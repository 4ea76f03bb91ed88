package dev.plc.migration;

import dev.plc.plan.ChangePlan;
import java.util.List;
import java.util.Optional;

/** How one migration framework names and lays out the files of a step. */
interface Layout {

    /** The version in a migration file name of this framework, if the name is one. */
    Optional<String> versionOf(String fileName);

    /** The files for one step. */
    List<PlannedFile> files(StepFile step);

    /**
     * One plan step as it goes into files.
     *
     * @param location   the repo-relative folder of the migrations
     * @param version    the version the step's migration gets
     * @param slug       the file name part after the version
     * @param header     comment lines (without comment markers) that say which plan step this is
     * @param down       the statements that undo the step (empty: nothing to undo), null when no down file is wanted
     * @param downNote   what the down script cannot restore, or null
     * @param repoHasUndo Flyway: the repo keeps U files next to its V files
     */
    record StepFile(ChangePlan.Step step, String location, String version, String slug, List<String> header, List<String> down,
                    String downNote, boolean repoHasUndo) {
    }

    static String comment(List<String> lines) {
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            for (String part : line.split("\n")) {
                out.append("-- ").append(part).append('\n');
            }
        }
        return out.toString();
    }

    static String statements(List<String> sql) {
        return String.join("\n\n", sql) + "\n";
    }

    static String downHeader(StepFile f) {
        StringBuilder out = new StringBuilder();
        out.append(comment(List.of("undoes step " + f.step().number() + ": " + f.step().title())));
        if (f.downNote() != null) {
            out.append(comment(List.of("NOTE: " + f.downNote())));
        }
        return out.toString();
    }

    static String downBody(StepFile f) {
        StringBuilder out = new StringBuilder(downHeader(f));
        if (f.down().isEmpty()) {
            out.append("-- nothing to undo for this step\nSELECT 1;\n");
        } else {
            out.append(statements(f.down()));
        }
        return out.toString();
    }
}
