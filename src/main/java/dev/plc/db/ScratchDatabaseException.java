package dev.plc.db;

/** No throwaway database could be made; the message says what was tried and how to fix it. */
public final class ScratchDatabaseException extends Exception {

    public ScratchDatabaseException(String message, Throwable cause) {
        super(message, cause);
    }

    public ScratchDatabaseException(String message) {
        super(message);
    }
}
