package dev.plc.cli;

import dev.plc.core.Progress;
import picocli.CommandLine.Option;

/** Options every command shares. */
final class RepoOptions {

    @Option(names = "--repo", paramLabel = "DIR", description = "The repository (default: the current directory).")
    String repo;

    @Option(names = "--json", description = "Print the tool's structured JSON result instead of the report.")
    boolean json;

    @Option(names = "--quiet", description = "No progress lines on stderr.")
    boolean quiet;

    Progress progress() {
        return quiet ? Progress.NONE : (done, total, message) -> System.err.println("[" + done + "/" + total + "] " + message);
    }
}
