package dev.plc.core;

/**
 * A request that cannot be served, with a code that tells the caller what kind of fix it needs. The message
 * says what was wrong and how to fix it; it never carries a stack trace or a secret.
 */
public final class PlcException extends RuntimeException {

    public enum Code {
        /** The caller's arguments are wrong: fix them and call again. */
        INVALID_ARGUMENT,
        /** Something the call names does not exist. */
        NOT_FOUND,
        /** The repository or environment is not in a state that allows the call. */
        FAILED_PRECONDITION,
        /** A database or tool we depend on could not be used. */
        UNAVAILABLE,
        /** The client cancelled the call. */
        CANCELLED,
        /** A bug of ours. */
        INTERNAL
    }

    private final Code code;

    public PlcException(Code code, String message) {
        super(message);
        this.code = code;
    }

    public PlcException(Code code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public Code code() {
        return code;
    }

    public static PlcException invalid(String message) {
        return new PlcException(Code.INVALID_ARGUMENT, message);
    }
}
