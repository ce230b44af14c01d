package dev.pyconcurrent.multiprocessing.pool;

import dev.pyconcurrent.builtins.Action1;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Python's {@code multiprocessing.pool.MapResult}: the result of {@code mapAsync} and
 * {@code starmapAsync}, a list filled chunk by chunk. It is ready once every chunk has
 * answered; a failed chunk makes the first exception the outcome. A map over nothing is ready
 * at once, without calling the callback (as in CPython).
 */
public class MapResult<R> extends ApplyResult<List<R>> {
    final int chunksize;
    private int numberLeft;

    MapResult(Pool pool, int chunksize, int length, Action1<? super List<R>> callback, Action1<? super Throwable> errorCallback) {
        super(pool, callback, errorCallback);
        this.success = true;
        this.value = new ArrayList<>(Collections.nCopies(length, null));
        this.chunksize = chunksize;
        if (chunksize <= 0) {
            numberLeft = 0;
            event.set();
            cache.remove(job);
        } else {
            numberLeft = length / chunksize + (length % chunksize != 0 ? 1 : 0);
        }
    }

    /** CPython's {@code MapResult._set}: stores chunk {@code i}, or the first exception. */
    @Override
    @SuppressWarnings("unchecked")
    public synchronized void set(int i, boolean ok, Object result) {
        numberLeft--;
        if (ok && success) {
            List<Object> values = (List<Object>) value;
            List<?> chunk = (List<?>) result;
            for (int k = 0; k < chunk.size(); k++) values.set(i * chunksize + k, chunk.get(k));
        } else if (!ok && success) {
            success = false;
            value = result;
        }
        if (numberLeft == 0) finish();
    }
}
