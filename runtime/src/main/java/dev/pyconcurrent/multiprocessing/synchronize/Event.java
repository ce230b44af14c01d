package dev.pyconcurrent.multiprocessing.synchronize;

import dev.pyconcurrent.builtins.Py;
import java.io.Serializable;

/**
 * {@code multiprocessing.Event}: a flag shared by threads and processes, CPython's construction
 * (a {@link Condition} over a {@link Lock}, and a {@link Semaphore} as the flag).
 * {@code wait} is {@link #await()}.
 */
public class Event implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Condition cond = new Condition(new Lock());
    private final Semaphore flag = new Semaphore(0);

    public boolean isSet() {
        try (var held = cond.enter()) {
            return peek();
        }
    }

    /** Whether the flag is up, leaving it as it was (the condition's lock held). */
    private boolean peek() {
        if (!flag.acquire(false)) return false;
        flag.release();
        return true;
    }

    public void set() {
        try (var held = cond.enter()) {
            flag.acquire(false);
            flag.release();
            cond.signalAll();
        }
    }

    public void clear() {
        try (var held = cond.enter()) {
            flag.acquire(false);
        }
    }

    /** {@code wait()}: until set; {@code true}. */
    public boolean await() {
        return await(true, 0);
    }

    /** {@code wait(timeout)}: whether the flag is set when it returns. */
    public boolean await(double timeout) {
        return await(false, timeout);
    }

    private boolean await(boolean forever, double timeout) {
        try (var held = cond.enter()) {
            if (!peek()) {
                if (forever) cond.await();
                else cond.await(timeout);
            }
            return peek();
        }
    }

    /** Waiters in {@link #await()}, in all processes. */
    int waiters() {
        return cond.waiters();
    }

    /** {@code <Event at 0x… unset>} / {@code set>}. */
    @Override
    public String toString() {
        return "<Event at " + Py.addressOf(this) + " " + (isSet() ? "set" : "unset") + ">";
    }
}
