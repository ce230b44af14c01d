package dev.pyconcurrent.kernel;

import com.google.gson.JsonObject;

import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import dev.pyconcurrent.builtins.KeyboardInterrupt;

/**
 * {@code System.out}, {@code System.err} and {@code System.in} of the kernel's JVM, shared by every
 * cell. A write goes to the cell whose thread group the writing thread belongs to while that cell
 * runs; after the cell has finished (a background thread still printing), to the cell running now,
 * or, when the kernel is idle, to a stream message whose parent is the cell that started the thread.
 * Text is published as {@code stream} messages by a flusher every few milliseconds, at the end of a
 * cell, and synchronously when a buffer grows past a megabyte (so a huge print streams in chunks).
 * A thread finds its cell through its thread group ({@link Cell.Group}); the flusher also
 * {@linkplain Cell#release releases} ended cells whose threads are gone.
 */
final class OutputRouter {
    private static final long FLUSH_INTERVAL_MS = 30;

    private final Publisher publisher;
    /** Ended cells whose threads may still live, until {@link Cell#release} says they are gone. */
    private final Queue<Cell> ended = new ConcurrentLinkedQueue<>();
    private final Set<Sink> dirty = ConcurrentHashMap.newKeySet();
    private final Sink orphan;
    private volatile Cell current;
    private final java.lang.Thread flusher;

    final PrintStream out;
    final PrintStream err;
    final InputStream in;

    OutputRouter(Publisher publisher) {
        this.publisher = publisher;
        this.orphan = newSink(null);
        this.out = new PrintStream(new Dispatch(false), true, StandardCharsets.UTF_8);
        this.err = new PrintStream(new Dispatch(true), true, StandardCharsets.UTF_8);
        this.in = new Input();
        this.flusher = new java.lang.Thread(this::flushLoop, "pyconcurrent-output-flusher");
        this.flusher.setDaemon(true);
        this.flusher.start();
    }

    Sink newSink(JsonObject parentHeader) { return new Sink(publisher, dirty, parentHeader); }

    /** The cell has ended: its group is let go once its threads are gone (checked by the flusher). */
    void ended(Cell cell) {
        ended.add(cell);
    }

    /** Ended cells whose threads are not all gone yet (tests). */
    int endedNotReleased() {
        return ended.size();
    }

    private void releaseEnded() {
        ended.removeIf(Cell::release);
    }

    /** The cell running now (null when idle): where output of threads of finished cells goes. */
    void setCurrent(Cell cell) { current = cell; }

    /** The cell the calling thread belongs to (walking up its thread group's parents), or null. */
    Cell cellOf(java.lang.Thread t) {
        for (ThreadGroup g = t.getThreadGroup(); g != null; g = g.getParent()) {
            if (g instanceof Cell.Group cg) return cg.cell();
        }
        return null;
    }

    /** Where output of the calling thread goes now. */
    Sink target() {
        Cell own = cellOf(java.lang.Thread.currentThread());
        if (own != null && own.running()) return own.sink();
        Cell now = current;
        if (now != null && now.running()) return now.sink();
        return own != null ? own.sink() : orphan;
    }

    /** Publishes every pending buffer. */
    private void flushAll() {
        for (Sink s : dirty) s.flush();
    }

    private void flushLoop() {
        while (true) {
            try {
                java.lang.Thread.sleep(FLUSH_INTERVAL_MS);
                flushAll();
                releaseEnded();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException | Error e) {
                // never let a formatting problem end output
            }
        }
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
                if (cell == null || !cell.running() || !cell.allowStdin()) return -1;
                String prompt = cell.sink().takePrompt();
                cell.sink().flush();
                String line;
                try {
                    line = publisher.requestInput(cell.identities(), cell.parentHeader(), prompt, false);
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
