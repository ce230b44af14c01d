package dev.pyconcurrent.multiprocessing.sharedctypes;

import dev.pyconcurrent.multiprocessing.synchronize.SemLock;
import java.util.List;

/** What {@code Array(typecode, n)} returns: a shared {@link CArray} whose items are read and written under its lock. */
public class SynchronizedArray extends SynchronizedBase<CArray> implements SharedArray {
    private static final long serialVersionUID = 1L;

    SynchronizedArray(CArray obj, SemLock lock) {
        super(obj, lock);
    }

    @Override
    public SynchronizedArray enter() {
        super.enter();
        return this;
    }

    /** {@code len(a)} (no lock: the length is fixed). */
    @Override
    public int len() {
        return obj.len();
    }

    @Override
    public Object get(int i) {
        return read(() -> obj.get(i));
    }

    @Override
    public void set(int i, Object v) {
        write(() -> obj.set(i, v));
    }

    @Override
    public Object getSlice(int start, int stop) {
        return read(() -> obj.getSlice(start, stop));
    }

    @Override
    public void setSlice(int start, int stop, List<?> values) {
        write(() -> obj.setSlice(start, stop, values));
    }

    @Override
    public List<Object> toList() {
        return read(obj::toList);
    }
}
