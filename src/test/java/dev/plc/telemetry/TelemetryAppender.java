package dev.plc.telemetry;

import java.nio.file.Path;
import java.util.List;

/** A child process of {@link TelemetryLogTest}: appends N records (from two threads) to the given file. */
public final class TelemetryAppender {

    private TelemetryAppender() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        String name = args[1];
        int count = Integer.parseInt(args[2]);
        Thread[] threads = new Thread[2];
        for (int t = 0; t < threads.length; t++) {
            int thread = t;
            threads[t] = new Thread(() -> {
                TelemetryLog log = new TelemetryLog(file, "child");
                for (int i = thread; i < count; i += threads.length) {
                    log.record(new TelemetryEntry(null, "additive", List.of(), List.of(), "success", null,
                            name + "-" + i + " " + "y".repeat(3000), null));
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
    }
}
