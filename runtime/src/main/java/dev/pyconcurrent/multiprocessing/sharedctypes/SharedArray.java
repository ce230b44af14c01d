package dev.pyconcurrent.multiprocessing.sharedctypes;

import java.util.List;

/** What {@code Array(...)} returns: a {@link SynchronizedArray} wrapper, or with {@code lock=False} the raw {@link CArray}. */
public interface SharedArray {
    /** {@code len(a)}. */
    int len();

    /** {@code a[i]} (negative from the end); {@code IndexError: invalid index}. */
    Object get(int i);

    /** {@code a[i] = v}. */
    void set(int i, Object v);

    /** {@code a[start:stop]} (Python's clamping): a list, {@code bytes} for {@code c_char}, {@code str} for {@code c_wchar}. */
    Object getSlice(int start, int stop);

    /** {@code a[start:stop] = values}; {@code ValueError: Can only assign sequence of same size}. */
    void setSlice(int start, int stop, List<?> values);

    /** {@code a[:]} as a list. */
    List<Object> toList();
}
