package dev.pyconcurrent.multiprocessing.sharedctypes;

import dev.pyconcurrent.multiprocessing.synchronize.SemLock;

/**
 * What {@code Value(typecode, v)} returns: a shared {@link CValue} whose {@code value} is read
 * and written under its lock. A read-modify-write ({@code v.value += 1}) needs the lock held
 * around it, as in Python: {@code try (var held = v.enter()) { v.value((int) v.value() + 1); }}.
 */
public class Synchronized extends SynchronizedBase<CValue> implements SharedValue {
    private static final long serialVersionUID = 1L;

    Synchronized(CValue obj, SemLock lock) {
        super(obj, lock);
    }

    @Override
    public Synchronized enter() {
        super.enter();
        return this;
    }

    @Override
    public Object value() {
        return read(obj::value);
    }

    @Override
    public void value(Object v) {
        write(() -> obj.value(v));
    }
}
