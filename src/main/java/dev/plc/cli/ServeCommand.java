package dev.plc.cli;

import picocli.CommandLine.Command;

/** Documents the default command; the entry point (app.Main) serves before the command line is even parsed. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve MCP over stdio (the default when no command is given). Logs go to stderr; "
                + "PLC_LOG_LEVEL=DEBUG|INFO|WARN sets their level.")
final class ServeCommand implements Runnable {

    @Override
    public void run() {
        throw new IllegalStateException("serve takes no options; run it without arguments");
    }
}
