package dev.plc;

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
            PlcServer.serve(new FileInputStream(FileDescriptor.in), protocol, Path.of("").toAbsolutePath());
            System.exit(0);
        }
        System.exit(PlcCommand.execute(args));
    }
}
