package dev.pyconcurrent.multiprocessing.pool;

import java.io.Serializable;

/**
 * A worker's answer to a {@link Task}, CPython's {@code (job, i, (success, value))}: the value
 * (a chunk's list of values for {@code map}) or the exception raised.
 */
record Result(long job, int index, boolean success, Object value) implements Serializable {
    /** The job of the result a relay sends when its worker process ended while idle (no task to fail). */
    static final long IDLE_WORKER_LOST = -1;
}
