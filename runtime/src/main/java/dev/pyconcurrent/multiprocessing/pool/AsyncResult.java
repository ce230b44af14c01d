package dev.pyconcurrent.multiprocessing.pool;

/**
 * Python's {@code multiprocessing.pool.AsyncResult}: what {@code applyAsync}, {@code mapAsync}
 * and {@code starmapAsync} return ({@link ApplyResult}, {@link MapResult}).
 */
public interface AsyncResult<R> {
    /** {@code get()}: waits for the result; a task's exception is raised again, as it was raised. */
    R get();

    /** {@code get(timeout)}: {@code multiprocessing.TimeoutError} if the result is not ready in time. */
    R get(double timeout);

    /** {@code wait()} (renamed: {@code Object.wait} is final). */
    void await();

    /** {@code wait(timeout)}. */
    void await(double timeout);

    /** {@code ready()}. */
    boolean ready();

    /** {@code successful()}: {@code ValueError: <… object at 0x…> not ready} before {@link #ready()}. */
    boolean successful();
}
