package dev.plc.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The build's class-data sharing step (package phase, after the shaded jar): starts the server from the jar with
 * {@code -XX:ArchiveClassesAtExit}, does what a client does when it connects (initialize, tools/list, prompts/list,
 * resources/list, a tools/call with a wrong argument), closes stdin, and the JVM writes every class it loaded into
 * the archive next to the jar. The documented launch maps that archive instead of loading and verifying those
 * classes one by one. Then it checks the archive with {@code -Xshare:on} (which refuses to start without it).
 *
 * <p>The archive is an optimisation: when this step fails the build goes on with a warning and the server starts
 * without it. The JVM refuses an archive that does not match the jar (rebuilt, moved) or the JDK, and then starts
 * without it ({@code -Xshare:auto}); the launch sends its warning to stderr.
 */
public final class CdsTraining {

    /** What a client sends after the connect handshake (ids other than those of {@link StdioProbe#CONNECT}). */
    static final List<String> SESSION = List.of(
            "{\"jsonrpc\":\"2.0\",\"id\":11,\"method\":\"prompts/list\",\"params\":{}}",
            "{\"jsonrpc\":\"2.0\",\"id\":13,\"method\":\"resources/list\",\"params\":{}}",
            "{\"jsonrpc\":\"2.0\",\"id\":14,\"method\":\"tools/call\",\"params\":{\"name\":\"inspect_repo\",\"arguments\":{\"no_such_argument\":1}}}");

    private CdsTraining() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 1) {
            System.err.println("usage: CdsTraining <server jar>");
            System.exit(2);
        }
        Path jar = Path.of(args[0]).toAbsolutePath();
        Path archive = ServerLaunch.archiveOf(jar);
        try {
            train(jar, archive);
            System.err.println("[INFO] class-data sharing archive " + archive + " (" + Files.size(archive) / (1024 * 1024) + " MB)");
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(archive);
            } catch (IOException ignored) {
                // nothing more to do: the launch ignores a bad archive
            }
            System.err.println("[WARNING] no class-data sharing archive (" + e.getMessage() + "): the server starts without it, slower");
        }
    }

    static void train(Path jar, Path archive) throws IOException, InterruptedException {
        Files.deleteIfExists(archive);
        String java = ServerLaunch.currentJava();
        List<String> dump = new ArrayList<>();
        dump.add(java);
        dump.add("-XX:ArchiveClassesAtExit=" + archive);
        dump.addAll(ServerLaunch.JVM_OPTIONS);
        dump.add("-jar");
        dump.add(jar.toString());
        // a scratch working directory: the training call must not look at (or write to) the checkout
        Path scratch = Files.createTempDirectory("plc-cds-");
        try {
            StdioProbe.connect(dump, scratch, SESSION, Duration.ofMinutes(2), true);
        } finally {
            Files.deleteIfExists(scratch);
        }
        if (!Files.isRegularFile(archive)) {
            throw new IOException("the training run exited without writing " + archive);
        }
        List<String> strict = new ArrayList<>(ServerLaunch.command(java, jar));
        strict.replaceAll(option -> option.equals("-Xshare:auto") ? "-Xshare:on" : option);
        StdioProbe.connect(strict, null, List.of(), Duration.ofMinutes(1), false);
    }
}
