package dev.plc.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Compiles a repo's Java sources with javac against the test classpath, as the repo's own build would. */
public final class Javac {

    /** The classpath the tests run with (surefire's, else this JVM's). */
    public static final String CLASSPATH = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));

    private Javac() {
    }

    /** Every .java file below the roots that exist, compiled into {@code out}: javac's errors, or "" when it compiled. */
    public static String compile(List<Path> roots, Path out) throws IOException {
        List<String> sources = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(f -> f.toString().endsWith(".java")).forEach(f -> sources.add(f.toString()));
            }
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of("-proc:none", "-nowarn", "-d", out.toString(), "-cp", CLASSPATH));
        args.addAll(sources);
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int rc = javac.run(null, new PrintStream(OutputStream.nullOutputStream()), new PrintStream(errors, true, StandardCharsets.UTF_8),
                args.toArray(String[]::new));
        return rc == 0 ? "" : errors.toString(StandardCharsets.UTF_8);
    }
}
