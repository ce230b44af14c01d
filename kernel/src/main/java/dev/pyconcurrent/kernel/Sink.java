package dev.pyconcurrent.kernel;

import com.google.gson.JsonObject;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * The stdout and stderr buffers of one destination (a cell's parent header), published as
 * {@code stream} messages. A buffer with text waiting is in the router's dirty set, which its
 * flusher drains; a buffer past {@link #CHUNK} is published at once by the writing thread.
 */
final class Sink {
    static final int CHUNK = 1 << 20;

    private final Publisher publisher;
    private final Set<Sink> dirty;
    private final JsonObject parentHeader;
    private final ByteArrayOutputStream outBuf = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBuf = new ByteArrayOutputStream();

    Sink(Publisher publisher, Set<Sink> dirty, JsonObject parentHeader) {
        this.publisher = publisher;
        this.dirty = dirty;
        this.parentHeader = parentHeader;
    }

    void write(boolean isErr, byte[] b, int off, int len) {
        ByteArrayOutputStream buf = isErr ? errBuf : outBuf;
        boolean big;
        synchronized (this) {
            buf.write(b, off, len);
            big = buf.size() >= CHUNK;
        }
        dirty.add(this);
        if (big) publish(isErr);
    }

    /** Publishes everything buffered, stdout first. */
    void flush() {
        publish(false);
        publish(true);
    }

    /** Publishes the complete UTF-8 text buffered for one stream. */
    synchronized void publish(boolean isErr) {
        ByteArrayOutputStream buf = isErr ? errBuf : outBuf;
        if (buf.size() == 0) return;
        byte[] bytes = buf.toByteArray();
        int end = completeUtf8(bytes);
        String text = new String(bytes, 0, end, StandardCharsets.UTF_8);
        buf.reset();
        buf.write(bytes, end, bytes.length - end);
        if (outBuf.size() == 0 && errBuf.size() == 0) dirty.remove(this);
        for (int i = 0; i < text.length(); i += CHUNK) {
            JsonObject c = new JsonObject();
            c.addProperty("name", isErr ? "stderr" : "stdout");
            c.addProperty("text", text.substring(i, Math.min(text.length(), i + CHUNK)));
            publisher.publish(parentHeader, "stream", c);
        }
    }

    /** Removes and returns the pending stdout text after the last newline (an input prompt). */
    synchronized String takePrompt() {
        byte[] bytes = outBuf.toByteArray();
        int nl = bytes.length - 1;
        while (nl >= 0 && bytes[nl] != '\n') nl--;
        String prompt = new String(bytes, nl + 1, bytes.length - nl - 1, StandardCharsets.UTF_8);
        outBuf.reset();
        outBuf.write(bytes, 0, nl + 1);
        return prompt;
    }

    /** The length of the longest prefix that does not end inside a UTF-8 sequence. */
    static int completeUtf8(byte[] b) {
        int n = b.length;
        for (int back = 1; back <= 3 && n - back >= 0; back++) {
            int x = b[n - back] & 0xff;
            if (x < 0x80) return n;               // ASCII: complete
            if (x >= 0xc0) {                      // lead byte: complete when all continuation bytes are here
                int need = x >= 0xf0 ? 4 : x >= 0xe0 ? 3 : 2;
                return back >= need ? n : n - back;
            }
        }
        return n;
    }
}
