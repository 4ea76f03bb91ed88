package dev.plc.app;

import dev.plc.cli.PlcCommand;
import dev.plc.mcp.PlcServer;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.file.Path;

/** Entry point: no arguments (or {@code serve}) serves MCP over stdio; otherwise the command line. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length == 0 || (args.length == 1 && args[0].equals("serve"))) {
            // before any class can log or print: stdout is the protocol channel, everything else goes to stderr
            OutputStream protocol = new FileOutputStream(FileDescriptor.out);
            System.setOut(System.err);
            // the start-up work that can run beside this thread's, on the second core (see ProtocolWarmup)
            dev.plc.mcp.ProtocolWarmup.start();
            PlcServer.serve(new FileInputStream(FileDescriptor.in), protocol, Path.of("").toAbsolutePath());
            System.exit(0);
        }
        // the command line prints reports and database errors: no password from a URL reaches the terminal or a CI log
        System.setOut(dev.plc.logging.RedactingOutput.wrap(new FileOutputStream(FileDescriptor.out)));
        System.setErr(dev.plc.logging.RedactingOutput.wrap(new FileOutputStream(FileDescriptor.err)));
        int code = PlcCommand.execute(args);
        System.out.flush();
        System.err.flush();
        System.out.close();
        System.err.close();
        System.exit(code);
    }
}
