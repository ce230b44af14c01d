package dev.pyconcurrent.threading;

import dev.pyconcurrent.builtins.Py;

/**
 * Python's {@code threading.BoundedSemaphore}: a {@link Semaphore} whose counter may not exceed
 * its initial value; releasing beyond it raises {@code ValueError: Semaphore released too many times}.
 */
public class BoundedSemaphore extends Semaphore {
    private final int initialValue;

    /** {@code BoundedSemaphore(1)}. */
    public BoundedSemaphore() {
        this(1);
    }

    /** {@code BoundedSemaphore(value)}. */
    public BoundedSemaphore(int value) {
        super(value, Math.max(value, 0));
        this.initialValue = value;
    }

    /** CPython's {@code _initial_value}. */
    public int initialValue() {
        return initialValue;
    }

    @Override
    public BoundedSemaphore enter() {
        acquire();
        return this;
    }

    /** {@code <threading.BoundedSemaphore at 0x…: value=2/2>}. */
    @Override
    public String toString() {
        return "<threading.BoundedSemaphore at " + Py.addressOf(this) + ": value=" + value() + "/" + initialValue + ">";
    }
}
