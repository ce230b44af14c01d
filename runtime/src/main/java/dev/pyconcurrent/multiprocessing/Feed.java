package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.builtins.KeyboardInterrupt;
import dev.pyconcurrent.builtins.OSError;
import dev.pyconcurrent.builtins.Tuple;
import dev.pyconcurrent.multiprocessing.connection.Connection;
import dev.pyconcurrent.multiprocessing.connection.Hub;
import dev.pyconcurrent.queue.Empty;
import dev.pyconcurrent.time.Timeout;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How a process other than the owner gets from an unbounded queue: the owner streams items on one
 * socket ({@link FeedServer}) up to {@link #WINDOW} ahead of the gets, so that a get finds its item
 * already here, as a CPython reader finds it in the pipe, instead of a round trip per item (one
 * wake-up on each side, 30–40 µs on a loaded machine).
 *
 * <p>Items streamed here but not got yet would be out of reach of the queue's other consumers:
 * when one of them is about to wait on an empty queue, the owner recalls them ({@code recall}),
 * and a reader thread here sends back whatever was not got ({@code back}), at once, whether or not
 * this process is in a get. They go back to the head of the queue. At close and at exit the same
 * happens through a handshake ({@code stop} → {@code stopped}, after which no item is in flight).
 *
 * <p>Protocol (codec tuples): here → owner {@code ("more", received)}: the buffer was empty after
 * {@code received} items, send up to {@link #WINDOW} more; {@code ("back", [bytes], [put numbers], received)};
 * {@code ("stop",)}. Owner → here: {@code ("item", bytes, put number)}, {@code ("recall",)},
 * {@code ("stopped",)}. The put numbers put given-back items back in their places.
 */
final class Feed {
    /** Items streamed ahead of the gets at most. */
    static final int WINDOW = 256;
    private static final Set<Feed> OPEN = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Feed::closeAll, "pyconcurrent-mp-feeds-exit"));
    }

    private final Connection conn;
    /** Items streamed here and not got yet, each with the number of its put in the owner. */
    private final ArrayDeque<Tuple> buffer = new ArrayDeque<>();
    private final Thread reader;
    /** Items received so far. Guarded by this. */
    private long received;
    /** A {@code more} is outstanding: the owner streams. Guarded by this. */
    private boolean asked;
    /** The stream has ended: stopped by {@link #close} or the owner gone. Guarded by this. */
    private boolean ended;

    Feed(String owner, long id) {
        conn = Hub.connect(owner, Tuple.of("queue-feed", id));
        reader = new Thread(null, this::read, "pyconcurrent-mp-queue-feed", 0);
        reader.setDaemon(true);
        OPEN.add(this);
        reader.start();
    }

    /**
     * {@code get(block, timeout)} (timeout < 0: none): the next item streamed here; {@code queue.Empty}
     * if none came in time. Nothing is sent while this object's lock is held: the reader thread
     * must always be able to take what the owner writes, or both sides could block in writes.
     */
    byte[] take(boolean block, double timeout) {
        long deadline = block && timeout >= 0 ? System.nanoTime() + Timeout.remainingNanos(timeout) : 0;
        while (true) {
            Tuple more;
            synchronized (this) {
                if (!buffer.isEmpty()) {
                    byte[] b = (byte[]) buffer.poll().get(1);
                    if (buffer.isEmpty()) asked = false; // the next get asks again: one request per window, not per item
                    return b;
                }
                if (ended) throw new OSError("handle is closed");
                more = ask();
                if (more == null) {
                    await(block, timeout, deadline);
                    continue; // an item, or a recall that wants a new request
                }
            }
            conn.send(more);
        }
    }

    /** Waits for the reader's news, or raises {@code queue.Empty} when the time is up. Called with the lock held. */
    private void await(boolean block, double timeout, long deadline) {
        long nanos = deadline - System.nanoTime();
        if (!block || (timeout >= 0 && nanos <= 0)) throw new Empty();
        try {
            if (timeout < 0) wait();
            else java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, nanos);
        } catch (InterruptedException e) {
            throw KeyboardInterrupt.interrupted(e);
        }
    }

    /** Items here and not got yet. */
    synchronized int buffered() {
        return buffer.size();
    }

    /** The request for the next window, once per empty buffer, or null. Called with the lock held. */
    private Tuple ask() {
        if (asked || ended) return null;
        asked = true;
        return Tuple.of("more", received);
    }

    private void read() {
        try {
            while (true) {
                Tuple m = (Tuple) conn.recv();
                String kind = (String) m.get(0);
                if (kind.equals("stopped")) break;
                if (kind.equals("item")) {
                    synchronized (this) {
                        buffer.add(m);
                        received++;
                        notifyAll();
                    }
                    continue;
                }
                Tuple back;
                synchronized (this) { // recalled: a get waiting here asks again
                    back = giveBack();
                    notifyAll();
                }
                conn.send(back);
            }
            Tuple back;
            synchronized (this) {
                back = giveBack();
            }
            conn.send(back);
        } catch (RuntimeException e) {
            // the owner is gone (or this end was closed at exit): nothing more comes
        } finally {
            synchronized (this) {
                ended = true;
                notifyAll();
            }
            OPEN.remove(this);
            conn.close();
        }
    }

    /** Takes every item not got, as the {@code back} message (the stream stops until the next {@code more}). Called with the lock held. */
    private Tuple giveBack() {
        List<byte[]> bytes = new ArrayList<>(buffer.size());
        List<Long> seqs = new ArrayList<>(buffer.size());
        for (Tuple item : buffer) {
            bytes.add((byte[]) item.get(1));
            seqs.add(((Number) item.get(2)).longValue());
        }
        buffer.clear();
        asked = false;
        return Tuple.of("back", bytes, seqs, received);
    }

    /** Stops the stream and gives back what was not got; waits (up to 5 s) for the owner's {@code stopped}. */
    void close() {
        synchronized (this) {
            if (ended) return;
        }
        try {
            conn.send(Tuple.of("stop"));
        } catch (RuntimeException e) {
            conn.close(); // the owner is gone: the reader ends at once
        }
        try {
            reader.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        conn.close();
    }

    /** At exit: no reader may stay blocked in a native read (it holds the JVM's exit up to 300 ms), and items go back. */
    private static void closeAll() {
        for (Feed f : OPEN) f.close();
    }
}
