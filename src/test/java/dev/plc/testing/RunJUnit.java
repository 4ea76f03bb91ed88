package dev.plc.testing;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs one JUnit 5 test class in this JVM and prints its summary: what a repo's own test run does with a test
 * plan_change wrote. Exit code 0 when every test passed and none was skipped, 1 when one failed, 2 when none ran.
 */
public final class RunJUnit {

    private RunJUnit() {
    }

    public static void main(String[] args) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(DiscoverySelectors.selectClass(args[0])).build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(request, listener);
        TestExecutionSummary summary = listener.getSummary();
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        out.println("found=" + summary.getTestsFoundCount() + " succeeded=" + summary.getTestsSucceededCount() + " failed="
                + summary.getTotalFailureCount() + " skipped=" + summary.getTestsSkippedCount() + " aborted=" + summary.getTestsAbortedCount()
                + " containersFailed=" + summary.getContainersFailedCount());
        summary.printFailuresTo(out, 5);
        out.flush();
        System.exit(summary.getTotalFailureCount() > 0 ? 1 : summary.getTestsSucceededCount() == 0 ? 2 : 0);
    }
}
