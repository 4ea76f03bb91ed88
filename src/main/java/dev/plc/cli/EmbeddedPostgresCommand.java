package dev.plc.cli;

import dev.plc.db.ScratchDatabaseException;
import dev.plc.db.ScratchDatabases;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "embedded-postgres", mixinStandardHelpOptions = true,
        description = {"The embedded PostgreSQL used when no PostgreSQL server is reachable: one per user, shared by commands and servers,",
                "stopped after PLC_EMBEDDED_POSTGRES_IDLE seconds without a scratch database (default 600; 0 = each process its own).",
                "status: where it lives and whether it runs; stop: stop it now (it starts again on next need)."})
final class EmbeddedPostgresCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", defaultValue = "status", paramLabel = "status|stop")
    String action;

    @Override
    public Integer call() throws ScratchDatabaseException {
        ScratchDatabases scratch = ScratchDatabases.fromEnvironment();
        Optional<ScratchDatabases.EmbeddedStatus> status = scratch.embeddedPostgres();
        if (status.isEmpty()) {
            System.out.println("No shared embedded PostgreSQL here: each process starts its own and stops it at exit"
                    + " (PLC_EMBEDDED_POSTGRES_IDLE=0, or Windows).");
            return ExitCode.OK;
        }
        switch (action) {
            case "status" -> {
                ScratchDatabases.EmbeddedStatus s = status.get();
                System.out.println("Embedded PostgreSQL: " + (s.running() ? "running on localhost:" + s.port() : "not running"));
                System.out.println("Folder: " + s.home());
                System.out.println("Scratch databases on it now: " + s.openLeases());
                System.out.println("Last used: " + (s.lastUsed() == null ? "never" : s.lastUsed()));
                System.out.println("Stops after " + s.idle().toSeconds() + " s without a scratch database (PLC_EMBEDDED_POSTGRES_IDLE)");
            }
            case "stop" -> System.out.println(scratch.stopEmbeddedPostgres() ? "Stopped the embedded PostgreSQL in " + status.get().home()
                    : "The embedded PostgreSQL was not running.");
            default -> {
                System.err.println("embedded-postgres takes 'status' or 'stop', not '" + action + "'");
                return ExitCode.USAGE;
            }
        }
        return ExitCode.OK;
    }
}
