package dev.pyconcurrent.multiprocessing.sharedctypes;

import dev.pyconcurrent.multiprocessing.synchronize.SemLock;

/** What {@code Array('c', …)} returns: a {@link SynchronizedArray} of {@code c_char} with {@code value} and {@code raw}. */
public class SynchronizedString extends SynchronizedArray {
    private static final long serialVersionUID = 1L;

    SynchronizedString(CArray obj, SemLock lock) {
        super(obj, lock);
    }

    @Override
    public SynchronizedString enter() {
        super.enter();
        return this;
    }

    /** {@code value}: the bytes up to the first NUL. */
    public byte[] value() {
        return read(obj::value);
    }

    public void value(byte[] b) {
        write(() -> obj.value(b));
    }

    /** {@code raw}: all the bytes. */
    public byte[] raw() {
        return read(obj::raw);
    }

    public void raw(byte[] b) {
        write(() -> obj.raw(b));
    }
}
