package dev.plc.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts an MCP stdio server, sends it what a client sends when it connects (initialize,
 * notifications/initialized, tools/list) and waits for the tools/list answer: the wall time from spawning the
 * process to that line is the server's cold start as a client sees it. Used by the startup benchmark and by the
 * build's class-data sharing training run.
 */
public final class StdioProbe {

    /** The id of the tools/list request; its answer is the line we wait for. */
    static final int TOOLS_LIST_ID = 2;

    /** initialize, notifications/initialized, tools/list: what every MCP client sends first. */
    static final List<String> CONNECT = List.of(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                    + "\"capabilities\":{},\"clientInfo\":{\"name\":\"plc-startup-probe\",\"version\":\"1\"}}}",
            "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":" + TOOLS_LIST_ID + ",\"method\":\"tools/list\",\"params\":{}}");

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");

    /** What one start gave: the milliseconds to the tools/list answer and that answer's line. */
    public record Answer(long millis, String toolsList) {
    }

    private StdioProbe() {
    }

    /**
     * Spawns {@code command} in {@code directory}, sends {@link #CONNECT} and then {@code more} (further requests),
     * and returns when the tools/list answer and the answers to {@code more} have arrived (the time is until the last
     * of them; with no {@code more}, until the tools/list answer). Then closes stdin and waits for the
     * server to exit on its own ({@code awaitExit}, e.g. so a JVM writes its class-data archive), or ends it.
     * Stderr is discarded; stdout lines other than JSON-RPC are an error (they would break a real client).
     */
    public static Answer connect(List<String> command, Path directory, List<String> more, Duration timeout, boolean awaitExit)
            throws IOException, InterruptedException {
        return connect(command, directory, more, timeout, awaitExit, ProcessBuilder.Redirect.DISCARD);
    }

    /** {@link #connect(List, Path, List, Duration, boolean)}, with the server's stderr sent to {@code stderr}. */
    public static Answer connect(List<String> command, Path directory, List<String> more, Duration timeout, boolean awaitExit,
                                 ProcessBuilder.Redirect stderr) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(stderr);
        if (directory != null) {
            pb.directory(directory.toFile());
        }
        long t0 = System.nanoTime();
        Process process = pb.start();
        try {
            OutputStream stdin = process.getOutputStream();
            StringBuilder lines = new StringBuilder();
            for (String line : CONNECT) {
                lines.append(line).append('\n');
            }
            for (String line : more) {
                lines.append(line).append('\n');
            }
            // the pipe buffers the requests until the server reads them: the clock includes the server's whole start
            stdin.write(lines.toString().getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            Set<Long> awaited = new HashSet<>();
            awaited.add((long) TOOLS_LIST_ID);
            for (String line : more) {
                Matcher id = ID.matcher(line);
                if (id.find()) {
                    awaited.add(Long.parseLong(id.group(1)));
                }
            }
            CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> readAnswers(process, awaited));
            String toolsList;
            try {
                toolsList = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new IOException("no tools/list answer within " + timeout.toSeconds() + " s from " + String.join(" ", command));
            } catch (ExecutionException e) {
                throw new IOException(e.getCause().getMessage(), e.getCause());
            }
            long millis = (System.nanoTime() - t0) / 1_000_000;
            stdin.close();
            if (awaitExit && !process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException("the server did not exit within " + timeout.toSeconds() + " s after its stdin closed");
            }
            return new Answer(millis, toolsList);
        } finally {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        }
    }

    /** Reads stdout until every awaited id is answered; returns the tools/list answer. */
    private static String readAnswers(Process process, Set<Long> awaited) {
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String toolsList = null;
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (!line.startsWith("{")) {
                    throw new IllegalStateException("the server wrote a line that is not JSON-RPC to stdout: " + abbreviate(line));
                }
                if (!line.contains("\"result\"") && !line.contains("\"error\"")) {
                    continue; // a notification or a request of the server's
                }
                Matcher id = ID.matcher(line);
                while (id.find()) {
                    long n = Long.parseLong(id.group(1));
                    if (awaited.remove(n)) {
                        if (n == TOOLS_LIST_ID) {
                            toolsList = line;
                        }
                        break;
                    }
                }
                if (awaited.isEmpty()) {
                    return toolsList;
                }
            }
            throw new IllegalStateException("the server closed stdout before answering " + (toolsList == null ? "tools/list" : "requests " + awaited)
                    + " (exit code " + exitCode(process) + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String exitCode(Process process) {
        try {
            return process.waitFor(2, TimeUnit.SECONDS) ? String.valueOf(process.exitValue()) : "still running";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
