package dev.pyconcurrent.multiprocessing.sharedctypes;

import dev.pyconcurrent.multiprocessing.synchronize.SemLock;

/**
 * Python's {@code multiprocessing.sharedctypes} module functions (also
 * {@code multiprocessing.Value/Array/RawValue/RawArray}): ctypes values and arrays in shared
 * memory that cross to child processes as the same memory. Types are given by typecode
 * ({@code "i"}, {@code "d"}, {@code "c"}…) or as a {@link CType}. The keyword-only {@code lock}
 * is {@link #options()}; {@code synchronized} is {@link #synchronize} (a Java keyword).
 */
public final class Sharedctypes {
    private Sharedctypes() {}

    /** Keyword-only {@code lock=}: {@code True} (a new RLock, the default), {@code False} (no wrapper), or a given lock. */
    public static final class Options {
        private boolean wrap = true;
        private SemLock lock;

        private Options() {}

        public Options lock(boolean lock) {
            this.wrap = lock;
            this.lock = null;
            return this;
        }

        public Options lock(SemLock lock) {
            this.wrap = true;
            this.lock = lock;
            return this;
        }
    }

    public static Options options() {
        return new Options();
    }

    /** {@code RawValue(typecode)}: a zeroed value. */
    public static CValue RawValue(String typecode) {
        return new CValue(CType.of(typecode));
    }

    /** {@code RawValue(typecode, v)}. */
    public static CValue RawValue(String typecode, Object value) {
        return new CValue(CType.of(typecode), value);
    }

    public static CValue RawValue(CType type, Object value) {
        return new CValue(type, value);
    }

    /** {@code RawArray(typecode, size_or_initializer)}: a size, or a list / Java array / {@code bytes} / {@code str} of items. */
    public static CArray RawArray(String typecode, Object sizeOrInitializer) {
        return new CArray(CType.of(typecode), sizeOrInitializer);
    }

    public static CArray RawArray(CType type, Object sizeOrInitializer) {
        return new CArray(type, sizeOrInitializer);
    }

    /** {@code Value(typecode)}: zero, under a new RLock. */
    public static Synchronized Value(String typecode) {
        return new Synchronized(RawValue(typecode), null);
    }

    /** {@code Value(typecode, v)}: under a new RLock. */
    public static Synchronized Value(String typecode, Object value) {
        return new Synchronized(RawValue(typecode, value), null);
    }

    /** {@code Value(c_int, v)}: the type given as a ctypes type. */
    public static Synchronized Value(CType type, Object value) {
        return new Synchronized(RawValue(type, value), null);
    }

    /** {@code Value(typecode, v, lock=…)}: the raw value for {@code lock=False}. */
    public static SharedValue Value(String typecode, Object value, Options options) {
        CValue raw = RawValue(typecode, value);
        return options.wrap ? new Synchronized(raw, options.lock) : raw;
    }

    /** {@code Array(typecode, size_or_initializer)}: a {@link SynchronizedString} for {@code 'c'}. */
    public static SynchronizedArray Array(String typecode, Object sizeOrInitializer) {
        return synchronize(RawArray(typecode, sizeOrInitializer), null);
    }

    /** {@code Array(c_int, size_or_initializer)}: the type given as a ctypes type. */
    public static SynchronizedArray Array(CType type, Object sizeOrInitializer) {
        return synchronize(RawArray(type, sizeOrInitializer), null);
    }

    /** {@code Array(typecode, size_or_initializer, lock=…)}: the raw array for {@code lock=False}. */
    public static SharedArray Array(String typecode, Object sizeOrInitializer, Options options) {
        CArray raw = RawArray(typecode, sizeOrInitializer);
        return options.wrap ? synchronize(raw, options.lock) : raw;
    }

    /** {@code copy(obj)}: a new shared value with the same contents. */
    public static CValue copy(CValue obj) {
        return new CValue(obj.type, obj.value());
    }

    public static CArray copy(CArray obj) {
        return new CArray(obj);
    }

    /** {@code synchronized(obj)}: wrapped with a new RLock. */
    public static Synchronized synchronize(CValue obj) {
        return synchronize(obj, null);
    }

    /** {@code synchronized(obj, lock)}. */
    public static Synchronized synchronize(CValue obj, SemLock lock) {
        return new Synchronized(obj, lock);
    }

    public static SynchronizedArray synchronize(CArray obj) {
        return synchronize(obj, null);
    }

    public static SynchronizedArray synchronize(CArray obj, SemLock lock) {
        return obj.type == CType.c_char ? new SynchronizedString(obj, lock) : new SynchronizedArray(obj, lock);
    }
}
