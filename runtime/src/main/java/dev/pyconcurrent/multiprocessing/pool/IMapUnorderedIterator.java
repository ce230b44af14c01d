package dev.pyconcurrent.multiprocessing.pool;

/** Python's {@code multiprocessing.pool.IMapUnorderedIterator}: {@link Pool#imapUnordered}'s results in the order they come. */
public class IMapUnorderedIterator<R> extends IMapIterator<R> {
    IMapUnorderedIterator(Pool pool, boolean chunked) {
        super(pool, chunked);
    }

    @Override
    public void set(int i, boolean success, Object value) {
        cond.acquire();
        try {
            items.addLast(new Object[] {success, value});
            index++;
            cond.signal();
            if (ended()) leaveCache();
        } finally {
            cond.release();
        }
    }
}
