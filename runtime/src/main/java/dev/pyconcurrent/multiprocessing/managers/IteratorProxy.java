package dev.pyconcurrent.multiprocessing.managers;

import dev.pyconcurrent.builtins.StopIteration;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * CPython's {@code IteratorProxy} (what {@code PoolProxy.imap} returns): a
 * {@code java.util.Iterator} whose items come one call each ({@code __next__}).
 */
public class IteratorProxy<E> extends BaseProxy implements Iterator<E>, Iterable<E> {
    private static final long serialVersionUID = 1L;
    private transient E next;
    private transient boolean fetched;
    private transient boolean done;

    protected IteratorProxy() {}

    @Override
    public boolean hasNext() {
        if (!fetched && !done) {
            try {
                next = callmethod("__next__");
                fetched = true;
            } catch (StopIteration e) {
                done = true;
            }
        }
        return fetched;
    }

    @Override
    public E next() {
        if (!hasNext()) throw new NoSuchElementException();
        fetched = false;
        E e = next;
        next = null;
        return e;
    }

    @Override
    public Iterator<E> iterator() {
        return this;
    }
}
