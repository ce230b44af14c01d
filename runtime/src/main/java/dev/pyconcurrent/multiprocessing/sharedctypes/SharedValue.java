package dev.pyconcurrent.multiprocessing.sharedctypes;

/** What {@code Value(...)} returns: a {@link Synchronized} wrapper, or with {@code lock=False} the raw {@link CValue}. */
public interface SharedValue {
    /** {@code .value}. */
    Object value();

    /** {@code .value = v}. */
    void value(Object v);
}
