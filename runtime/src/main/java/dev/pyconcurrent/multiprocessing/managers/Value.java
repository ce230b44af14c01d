package dev.pyconcurrent.multiprocessing.managers;

/**
 * {@code multiprocessing.managers.Value}: what {@code manager.Value(typecode, value)} holds in
 * the server, the plain holder of {@code multiprocessing.dummy} with {@code get}/{@code set};
 * repr {@code Value('i', 5)} (without dummy's angle brackets).
 */
public class Value<T> extends dev.pyconcurrent.multiprocessing.dummy.Value<T> {
    public Value(String typecode, T value) {
        super(typecode, value);
    }

    /** {@code get()}. */
    public T get() {
        return value();
    }

    /** {@code set(value)}. */
    public void set(T value) {
        value(value);
    }

    @Override
    public String toString() {
        String dummy = super.toString();
        return dummy.substring(1, dummy.length() - 1);
    }
}
