package dev.pyconcurrent.sched;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The scheduler's heap: CPython's {@code heapq} algorithm over {@link Event}s, with each event's
 * sort key {@code (time, priority, sequence)} copied into one primitive array beside it (three
 * longs per slot, the time as its bits). A sift then compares keys that sit next to each other
 * in memory instead of dereferencing two scattered {@code Event} records per step, which is what
 * the no-op-delayfunc benchmark spent its time on (docs/performance.adoc). Events have a total
 * order (the sequence is unique), so this heap pops them in the same order as CPython's list
 * heap. Not thread-safe: the scheduler's lock guards it.
 */
final class EventHeap {
    private long[] keys = new long[3 * 16];
    private Event[] events = new Event[16];
    private int size;

    int size() {
        return size;
    }

    Event peek() {
        return events[0];
    }

    /** {@code heapq.heappush}. */
    void push(Event event) {
        if (size == events.length) {
            events = Arrays.copyOf(events, 2 * size);
            keys = Arrays.copyOf(keys, 6 * size);
        }
        put(size, event);
        siftdown(0, size++);
    }

    /** {@code heapq.heappop}; the heap must not be empty. */
    Event pop() {
        Event result = events[0];
        size--;
        if (size > 0) {
            move(size, 0);
            siftup(0);
        }
        events[size] = null;
        return result;
    }

    /** {@code list.remove(event)} (the first event equal to it) then {@code heapify}; false if none is. */
    boolean remove(Event event) {
        int i = 0;
        while (i < size && !(events[i] == event || events[i].equals(event))) i++;
        if (i == size) return false;
        for (int j = i + 1; j < size; j++) move(j, j - 1);
        events[--size] = null;
        for (int j = (size >> 1) - 1; j >= 0; j--) siftup(j);
        return true;
    }

    EventHeap copy() {
        EventHeap copy = new EventHeap();
        copy.keys = keys.clone();
        copy.events = events.clone();
        copy.size = size;
        return copy;
    }

    /** Pops every event: the events in the order they would run (CPython's {@code queue} pops a copy). */
    List<Event> drain() {
        List<Event> out = new ArrayList<>(size);
        while (size > 0) out.add(pop());
        return out;
    }

    private void put(int i, Event e) {
        events[i] = e;
        keys[3 * i] = Double.doubleToRawLongBits(e.time());
        keys[3 * i + 1] = e.priority();
        keys[3 * i + 2] = e.sequence();
    }

    private void move(int from, int to) {
        events[to] = events[from];
        System.arraycopy(keys, 3 * from, keys, 3 * to, 3);
    }

    /**
     * Slot {@code i} &lt; slot {@code j}, exactly as {@link Event#compareTo} orders them (so a NaN
     * time compares equal to any time, and the priority and sequence are not looked at, as in
     * CPython's tuple comparison, where {@code nan == t} and {@code nan < t} are both false).
     */
    private boolean less(int i, int j) {
        double a = Double.longBitsToDouble(keys[3 * i]);
        double b = Double.longBitsToDouble(keys[3 * j]);
        if (a != b) return a < b;
        long p = keys[3 * i + 1];
        long q = keys[3 * j + 1];
        return p != q ? p < q : keys[3 * i + 2] < keys[3 * j + 2];
    }

    /** CPython's {@code _siftdown}: the event at {@code pos} moves up towards {@code startpos} while it is less than its parent. */
    private void siftdown(int startpos, int pos) {
        while (pos > startpos) {
            int parent = (pos - 1) >> 1;
            if (!less(pos, parent)) break;
            swap(pos, parent);
            pos = parent;
        }
    }

    /** CPython's {@code _siftup}: the smaller child moves up until a leaf is reached, then {@link #siftdown}. */
    private void siftup(int pos) {
        int startpos = pos;
        for (int child = 2 * pos + 1; child < size; child = 2 * pos + 1) {
            if (child + 1 < size && !less(child, child + 1)) child++;
            swap(pos, child);
            pos = child;
        }
        siftdown(startpos, pos);
    }

    private void swap(int i, int j) {
        Event e = events[i];
        events[i] = events[j];
        events[j] = e;
        for (int k = 0; k < 3; k++) {
            long t = keys[3 * i + k];
            keys[3 * i + k] = keys[3 * j + k];
            keys[3 * j + k] = t;
        }
    }
}
