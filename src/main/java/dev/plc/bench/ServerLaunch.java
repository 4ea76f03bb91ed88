package dev.plc.bench;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The documented launch command of the MCP server (README, examples/clients/, the skill's start script): the JVM
 * options that make it start fast, and the class-data sharing archive the build writes next to the jar.
 * A test keeps the documents and this list in step.
 */
public final class ServerLaunch {

    /**
     * JVM options of the documented launch, after {@code -XX:SharedArchiveFile=<archive>}.
     * <ul>
     * <li>{@code -Xshare:auto}: the default, spelled out: an archive that is missing or does not match the jar or
     * the JDK is ignored and the server starts without it (slower, never broken).</li>
     * <li>{@code -XX:TieredStopAtLevel=1}: only the quick C1 compiler. C2 spends a core on code that runs once
     * while the server starts; without it long CPU-bound work (linting hundreds of files) runs about half as fast,
     * which a tool call that waits on a database hardly notices.</li>
     * <li>{@code -XX:+UseSerialGC -Xms64m}: one client, small heaps: no GC threads to start, a 64 MB initial heap
     * in which the start needs no collection (the maximum stays the JVM's default).</li>
     * <li>{@code -XX:-UsePerfData}: no hsperfdata file to create in /tmp ({@code jps} does not list the server;
     * {@code jcmd <pid>} still works).</li>
     * <li>{@code -Xlog:disable -Xlog:all=warning:stderr}: the JVM prints its own warnings (an archive that does
     * not match, for one) to stdout, the protocol channel; this sends them to stderr.</li>
     * </ul>
     */
    public static final List<String> JVM_OPTIONS = List.of("-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xms64m",
            "-XX:-UsePerfData", "-Xlog:disable", "-Xlog:all=warning:stderr");

    private ServerLaunch() {
    }

    /** {@code target/persistence-layer-change-mcp.jar} -> {@code target/persistence-layer-change-mcp.jsa}. */
    public static Path archiveOf(Path jar) {
        String name = jar.getFileName().toString();
        String base = name.endsWith(".jar") ? name.substring(0, name.length() - 4) : name;
        return jar.resolveSibling(base + ".jsa");
    }

    /** The documented command for {@code jar}: {@code java -XX:SharedArchiveFile=<archive> <options> -jar <jar>}. */
    public static List<String> command(String java, Path jar) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.add("-XX:SharedArchiveFile=" + archiveOf(jar));
        command.addAll(JVM_OPTIONS);
        command.add("-jar");
        command.add(jar.toString());
        return command;
    }

    /** The {@code java} of the running JVM. */
    public static String currentJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The jar this class was loaded from, when it runs from the built jar (not from target/classes). */
    public static Optional<Path> runningJar() {
        try {
            var source = ServerLaunch.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return Optional.empty();
            }
            Path path = Path.of(source.getLocation().toURI());
            return Files.isRegularFile(path) && path.toString().endsWith(".jar") ? Optional.of(path) : Optional.empty();
        } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
            return Optional.empty();
        }
    }
}
