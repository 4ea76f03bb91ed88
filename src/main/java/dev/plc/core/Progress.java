package dev.plc.core;

/** Receives progress of long work (the MCP layer turns it into progress notifications, the CLI into stderr lines). */
@FunctionalInterface
public interface Progress {

    Progress NONE = (done, total, message) -> { };

    void report(int done, int total, String message);
}
