package dev.pyconcurrent.multiprocessing.sharedctypes;

import dev.pyconcurrent.builtins.TypeError;
import dev.pyconcurrent.multiprocessing.sharedmemory.ResourceTracker;
import dev.pyconcurrent.multiprocessing.sharedmemory.SharedMemory;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.nio.ByteBuffer;

/**
 * A ctypes simple value ({@code c_int(5)}) in shared memory: what {@code RawValue} returns and a
 * {@link Synchronized} wraps. It crosses processes as its segment, so a child sees and changes
 * the same value. Reads and writes of one value are single memory accesses, with no lock.
 */
public final class CValue implements SharedValue, Serializable {
    private static final long serialVersionUID = 1L;

    final CType type;
    private final SharedMemory shm;
    private transient ByteBuffer buf;

    CValue(CType type, Object... args) {
        if (args.length > 1) throw new TypeError("__init__ expected at most 1 argument, got " + args.length);
        this.type = type;
        this.shm = ResourceTracker.createPrivate(this, type.size);
        this.buf = shm.buf();
        if (args.length == 1) value(args[0]);
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        buf = shm.buf();
    }

    public CType type() {
        return type;
    }

    @Override
    public Object value() {
        return type.get(buf, 0);
    }

    @Override
    public void value(Object v) {
        type.put(buf, 0, v);
    }

    /** {@code c_int(5)}. */
    @Override
    public String toString() {
        return type.repr(value());
    }
}
