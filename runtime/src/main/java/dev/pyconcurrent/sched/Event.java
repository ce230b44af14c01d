package dev.pyconcurrent.sched;

import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.Tuple;
import java.util.Map;

/**
 * Python's {@code sched.Event} named tuple: one scheduled call of {@code action(*argument,
 * **kwargs)} at {@code time}. Ordered as Python's tuples are, by {@code (time, priority,
 * sequence)}; {@code sequence} (3.10) keeps events of equal time and priority first in, first
 * out. Equal as Python's tuples: field by field.
 *
 * @param time when to run, on the scheduler's {@code timefunc} clock
 * @param priority lower runs first among events of the same time
 * @param sequence the scheduler's counter at entry
 * @param action the callable as given ({@code Action0}…{@code Action3}, {@link Scheduler.KwAction}), kept so its name shows in the repr
 * @param argument the positional arguments
 * @param kwargs the keyword arguments
 */
public record Event(double time, int priority, long sequence, Object action, Tuple argument, Map<String, Object> kwargs)
        implements Comparable<Event> {


    @Override
    public int compareTo(Event o) {
        if (time != o.time) return time < o.time ? -1 : o.time < time ? 1 : 0;
        if (priority != o.priority) return priority < o.priority ? -1 : 1;
        return Long.compare(sequence, o.sequence);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Event e && time == e.time && priority == e.priority && sequence == e.sequence
                && Py.eq(action, e.action) && Py.eq(argument, e.argument) && Py.eq(kwargs, e.kwargs);
    }

    @Override
    public int hashCode() {
        return Double.hashCode(time) * 31 * 31 + priority * 31 + Long.hashCode(sequence);
    }

    /** {@code Event(time=1.0, priority=1, sequence=0, action=<function f at 0x…>, argument=(), kwargs={})}. */
    @Override
    public String toString() {
        return "Event(time=" + Py.repr(time) + ", priority=" + priority + ", sequence=" + sequence + ", action="
                + Py.repr(action) + ", argument=" + Py.repr(argument) + ", kwargs=" + Py.repr(kwargs) + ")";
    }
}
