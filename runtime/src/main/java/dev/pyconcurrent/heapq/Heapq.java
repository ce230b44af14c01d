package dev.pyconcurrent.heapq;

import dev.pyconcurrent.builtins.IndexError;
import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.TypeError;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * Python's {@code heapq} algorithms (the C accelerator {@code _heapq} of CPython 3.13) over a
 * {@code List}, ordered by {@link Py#lt} only. Kept step for step as CPython's (swap-based
 * {@code siftdown}, bubble-to-leaf {@code siftup}), so that items that compare equal come out
 * in CPython's order and an unorderable item raises the same {@code TypeError} at the same
 * point, leaving the list as CPython leaves it. Used by {@code queue.PriorityQueue} and
 * {@code sched.Scheduler}. A caller whose items have a cheaper total order of their own (the
 * scheduler's events) passes it as {@code lt}; the algorithm, and so the order, stays the same.
 */
public final class Heapq {
    private Heapq() {}

    /** {@code heapq.heappush(heap, item)}: appends, then sifts the new item towards the root. */
    public static <E> void heappush(List<E> heap, E item) {
        heappush(heap, item, Py::lt);
    }

    /** {@link #heappush(List, Object)} ordered by {@code lt} instead of Python's {@code <}. */
    public static <E> void heappush(List<E> heap, E item, BiPredicate<? super E, ? super E> lt) {
        if (heap == null) throw new TypeError("heappush() argument 1 must be list, not None");
        heap.add(item);
        siftdown(heap, 0, heap.size() - 1, lt);
    }

    /** {@code heapq.heappop(heap)}: the smallest item; {@code IndexError: index out of range} when empty. */
    public static <E> E heappop(List<E> heap) {
        return heappop(heap, Py::lt);
    }

    /** {@link #heappop(List)} ordered by {@code lt} instead of Python's {@code <}. */
    public static <E> E heappop(List<E> heap, BiPredicate<? super E, ? super E> lt) {
        if (heap == null) throw new TypeError("heappop() argument must be list, not None");
        int n = heap.size();
        if (n == 0) throw new IndexError("index out of range");
        E last = heap.remove(n - 1);
        if (n == 1) return last;
        E result = heap.set(0, last);
        siftup(heap, 0, lt);
        return result;
    }

    /** {@code heapq.heapify(heap)}: in place, bottom-up (CPython's cache-friendly order gives the same heap). */
    public static <E> void heapify(List<E> heap) {
        heapify(heap, Py::lt);
    }

    /** {@link #heapify(List)} ordered by {@code lt} instead of Python's {@code <}. */
    public static <E> void heapify(List<E> heap, BiPredicate<? super E, ? super E> lt) {
        if (heap == null) throw new TypeError("heapify() argument must be list, not None");
        for (int i = (heap.size() >> 1) - 1; i >= 0; i--) siftup(heap, i, lt);
    }

    private static <E> void siftdown(List<E> heap, int startpos, int pos, BiPredicate<? super E, ? super E> lt) {
        E newitem = heap.get(pos);
        while (pos > startpos) {
            int parentpos = (pos - 1) >> 1;
            E parent = heap.get(parentpos);
            if (!lt.test(newitem, parent)) break;
            heap.set(parentpos, newitem);
            heap.set(pos, parent);
            pos = parentpos;
        }
    }

    private static <E> void siftup(List<E> heap, int pos, BiPredicate<? super E, ? super E> lt) {
        int endpos = heap.size();
        int startpos = pos;
        int limit = endpos >> 1;
        while (pos < limit) {
            int childpos = 2 * pos + 1;
            if (childpos + 1 < endpos && !lt.test(heap.get(childpos), heap.get(childpos + 1))) childpos++;
            E child = heap.get(childpos);
            heap.set(childpos, heap.get(pos));
            heap.set(pos, child);
            pos = childpos;
        }
        siftdown(heap, startpos, pos, lt);
    }
}
