package dev.pyconcurrent.multiprocessing.dummy.connection;

import dev.pyconcurrent.builtins.KeyboardInterrupt;
import dev.pyconcurrent.queue.Queue;
import dev.pyconcurrent.time.Timeout;

/** One direction of a dummy connection: a {@code queue.Queue} whose {@code not_empty} {@link #poll} waits on, as CPython's does. */
final class Channel extends Queue<Object> {
    /** CPython's {@code Connection.poll(timeout)}: items there now, else one wait of at most {@code timeout} for a put. */
    boolean poll(double timeout) {
        if (qsize() > 0) return true;
        if (timeout <= 0) return false;
        mutex.lock();
        try {
            notEmpty.awaitNanos(Timeout.waitNanos(timeout));
        } catch (InterruptedException e) {
            throw KeyboardInterrupt.interrupted(e);
        } finally {
            mutex.unlock();
        }
        return qsize() > 0;
    }
}
