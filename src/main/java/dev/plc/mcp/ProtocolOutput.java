package dev.plc.mcp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The server's stdout: the SDK's transport writes its messages here, and {@link ProtocolInput} writes the errors it
 * answers itself. Bytes are held until a line is complete and each line is written whole, so two writers never
 * interleave inside a message.
 */
final class ProtocolOutput extends OutputStream {

    private static final Logger LOG = LoggerFactory.getLogger(ProtocolOutput.class);

    private final OutputStream out;
    private final LineBuffer pending = new LineBuffer();
    private final InFlight inFlight;

    /** @param inFlight told of every response written, so the end of stdin can wait for the answers still due */
    ProtocolOutput(OutputStream out, InFlight inFlight) {
        this.out = out;
        this.inFlight = inFlight;
    }

    /** A byte buffer whose array can be read without a copy (a result can be megabytes). */
    private static final class LineBuffer extends ByteArrayOutputStream {
        LineBuffer() {
            super(1024);
        }

        byte[] bytes() {
            return buf;
        }
    }

    /** Writes the completed line and tells {@link InFlight} what it answered. */
    private void writeLine() throws IOException {
        pending.writeTo(out);
        inFlight.written(pending.bytes(), pending.size());
        pending.reset();
    }

    @Override
    public synchronized void write(int b) throws IOException {
        pending.write(b);
        if (b == '\n') {
            writeLine();
            out.flush();
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        int start = off;
        for (int i = off; i < off + len; i++) {
            if (b[i] == '\n') {
                pending.write(b, start, i + 1 - start);
                writeLine();
                start = i + 1;
            }
        }
        pending.write(b, start, off + len - start);
        if (start > off) {
            out.flush();
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        // a partial line stays pending until its end arrives: flushing it could let another message in between
        out.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        if (pending.size() > 0) {
            pending.write('\n');
            pending.writeTo(out);
            pending.reset();
        }
        out.close();
    }

    /** Writes a JSON-RPC error response as one line, between the SDK's messages. */
    synchronized void error(JsonNode id, int code, String message) {
        try {
            out.write((ProtocolInput.errorLine(id, code, message) + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            LOG.warn("could not write an error response: {}", e.getMessage());
        }
    }
}
