package dev.plc.cli;

/** Every exit code of the command line, in one place. */
public final class ExitCode {

    /** The command did its job and found nothing wrong. */
    public static final int OK = 0;
    /** The command ran, and what it checked is not right (e.g. migrations failed to apply). */
    public static final int FINDINGS = 1;
    /** Bad usage or bad arguments. */
    public static final int USAGE = 2;
    /** A database or tool we need was unavailable, or an internal error. */
    public static final int ERROR = 3;

    private ExitCode() {
    }
}
