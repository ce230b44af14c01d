package dev.pyconcurrent.kernel;

import com.google.gson.JsonObject;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

import dev.pyconcurrent.builtins.KeyboardInterrupt;

/**
 * {@code System.out}, {@code System.err} and {@code System.in} of the kernel's JVM, shared by every
 * cell. A write goes to the cell whose thread group the writing thread belongs to while that cell
 * runs; after the cell has finished (a background thread still printing), to the cell running now,
 * or, when the kernel is idle, to a stream message whose parent is the cell that started the thread.
 * Text is published as {@code stream} messages by a flusher every few milliseconds, at the end of a
 * cell, and synchronously when a buffer grows past a megabyte (so a huge print streams in chunks).
 */
final class OutputRouter {
    static final int CHUNK = 1 << 20;
    private static final long FLUSH_INTERVAL_MS = 30;

    private final Publisher publisher;
    private final Map<ThreadGroup, Cell> cells = new WeakHashMap<>();
    private final Set<Sink> dirty = ConcurrentHashMap.newKeySet();
    private final Sink orphan;
    private volatile Cell current;
    private final java.lang.Thread flusher;

    final PrintStream out;
    final PrintStream err;
    final InputStream in;

    OutputRouter(Publisher publisher) {
        this.publisher = publisher;
        this.orphan = new Sink(null);
        this.out = new PrintStream(new Dispatch(false), true, StandardCharsets.UTF_8);
        this.err = new PrintStream(new Dispatch(true), true, StandardCharsets.UTF_8);
        this.in = new Input();
        this.flusher = new java.lang.Thread(this::flushLoop, "pyconcurrent-output-flusher");
        this.flusher.setDaemon(true);
        this.flusher.start();
    }

    Sink newSink(JsonObject parentHeader) { return new Sink(parentHeader); }

    void register(Cell cell) {
        synchronized (cells) { cells.put(cell.group, cell); }
    }

    void setCurrent(Cell cell) { current = cell; }
    Cell current() { return current; }

    /** The cell the calling thread belongs to (walking up its thread group's parents), or null. */
    Cell cellOf(java.lang.Thread t) {
        ThreadGroup g = t.getThreadGroup();
        synchronized (cells) {
            while (g != null) {
                Cell c = cells.get(g);
                if (c != null) return c;
                g = g.getParent();
            }
        }
        return null;
    }

    /** Where output of the calling thread goes now. */
    Sink target() {
        Cell own = cellOf(java.lang.Thread.currentThread());
        if (own != null && own.running) return own.sink;
        Cell now = current;
        if (now != null && now.running) return now.sink;
        return own != null ? own.sink : orphan;
    }

    void flush(Sink s) {
        s.publish(false);
        s.publish(true);
    }

    /** Publishes every pending buffer (for example at the end of a cell). */
    void flushAll() {
        for (Sink s : dirty) flush(s);
    }

    private void flushLoop() {
        while (true) {
            try {
                java.lang.Thread.sleep(FLUSH_INTERVAL_MS);
                flushAll();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException | Error e) {
                // never let a formatting problem end output
            }
        }
    }

    /** The buffers of one destination (a cell's parent header). */
    final class Sink {
        final JsonObject parentHeader;
        private final ByteArrayOutputStream outBuf = new ByteArrayOutputStream();
        private final ByteArrayOutputStream errBuf = new ByteArrayOutputStream();

        Sink(JsonObject parentHeader) { this.parentHeader = parentHeader; }

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

        /** Publishes the complete UTF-8 text buffered for one stream. */
        synchronized void publish(boolean isErr) {
            String text;
            {
                ByteArrayOutputStream buf = isErr ? errBuf : outBuf;
                if (buf.size() == 0) return;
                byte[] bytes = buf.toByteArray();
                int end = completeUtf8(bytes);
                text = new String(bytes, 0, end, StandardCharsets.UTF_8);
                buf.reset();
                buf.write(bytes, end, bytes.length - end);
                if (outBuf.size() == 0 && errBuf.size() == 0) dirty.remove(this);
            }
            if (text.isEmpty()) return;
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

    private final class Dispatch extends OutputStream {
        private final boolean isErr;
        Dispatch(boolean isErr) { this.isErr = isErr; }

        @Override public void write(int b) { write(new byte[] {(byte) b}, 0, 1); }

        @Override public void write(byte[] b, int off, int len) {
            if (len > 0) target().write(isErr, b, off, len);
        }
    }

    /** {@code System.in}: a read by a cell sends an {@code input_request} (prompt = pending stdout text). */
    private final class Input extends InputStream {
        private final ThreadLocal<byte[]> pending = new ThreadLocal<>();
        private final ThreadLocal<Integer> pos = ThreadLocal.withInitial(() -> 0);

        @Override public int read() throws InterruptedIOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n <= 0 ? -1 : one[0] & 0xff;
        }

        @Override public int read(byte[] b, int off, int len) throws InterruptedIOException {
            if (len == 0) return 0;
            byte[] data = pending.get();
            if (data == null || pos.get() >= data.length) {
                Cell cell = cellOf(java.lang.Thread.currentThread());
                if (cell == null || !cell.running || !cell.allowStdin) return -1;
                String prompt = cell.sink.takePrompt();
                flush(cell.sink);
                String line;
                try {
                    line = publisher.requestInput(cell.identities, cell.parentHeader, prompt, false);
                } catch (InterruptedException e) {
                    throw KeyboardInterrupt.interrupted(e);
                }
                if (line == null) return -1;
                data = (line + "\n").getBytes(StandardCharsets.UTF_8);
                pending.set(data);
                pos.set(0);
            }
            int p = pos.get();
            int n = Math.min(len, data.length - p);
            System.arraycopy(data, p, b, off, n);
            pos.set(p + n);
            return n;
        }
    }
}
