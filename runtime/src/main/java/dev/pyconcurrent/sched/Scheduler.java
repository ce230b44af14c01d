package dev.pyconcurrent.sched;

import dev.pyconcurrent.builtins.Action0;
import dev.pyconcurrent.builtins.Action1;
import dev.pyconcurrent.builtins.Action2;
import dev.pyconcurrent.builtins.Action3;
import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.Tuple;
import dev.pyconcurrent.builtins.ValueError;
import dev.pyconcurrent.time.Time;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Python's {@code sched.scheduler}: runs events at given times on a clock ({@code timefunc},
 * default {@link Time#monotonic()}), waiting with {@code delayfunc} (default
 * {@link Time#sleep(double)}).
 *
 * <p>As CPython's: the events are a heap (CPython's {@code heapq} algorithm, {@link EventHeap})
 * of {@link Event}s ordered by {@code (time, priority, sequence)}; a lock guards the heap and the actions and
 * {@code delayfunc} run outside it, so other threads may enter and cancel events while
 * {@link #run()} runs, and {@code delayfunc(0)} is called after each event. Exceptions from
 * actions propagate out of {@code run()} and leave the scheduler usable.
 *
 * <p>Actions: {@code Action0}…{@code Action3} followed by their arguments (Python's
 * {@code argument=(a, b)}), so that Java checks the argument count at compile time where Python
 * raises {@code TypeError} when the event runs; or, for Python's general form
 * {@code enterabs(time, priority, action, argument, kwargs)}, a {@link KwAction} that receives
 * the argument tuple and the keyword arguments. The action object itself is stored in the
 * {@link Event}, so a method reference shows its name in the repr
 * ({@code action=<function f at 0x…>}).
 */
public class Scheduler {
    /** Python's {@code timefunc}: a clock returning seconds (any unit, consistent with the delays). */
    @FunctionalInterface
    public interface TimeFunc extends Serializable {
        double time() throws Exception;
    }

    /** Python's {@code delayfunc}: waits the given time on {@code timefunc}'s clock. */
    @FunctionalInterface
    public interface DelayFunc extends Serializable {
        void delay(double time) throws Exception;
    }

    /**
     * An action of Python's general form {@code action(*argument, **kwargs)}: it receives both as
     * one {@link Args}. (One parameter, so that a lambda for it never competes with the
     * {@code Action2} overloads.)
     */
    @FunctionalInterface
    public interface KwAction extends Serializable {
        void call(Args args) throws Exception;
    }

    /** The positional and keyword arguments of a {@link KwAction} call. */
    public record Args(Tuple argument, Map<String, Object> kwargs) {}

    private final ReentrantLock lock = new ReentrantLock();
    private final EventHeap heap = new EventHeap();
    private long sequence;
    private TimeFunc timefunc;
    private DelayFunc delayfunc;

    /** {@code scheduler()}: {@code time.monotonic} and {@code time.sleep}. */
    public Scheduler() {
        this(Time::monotonic, Time::sleep);
    }

    /** {@code scheduler(timefunc, delayfunc)}. */
    public Scheduler(TimeFunc timefunc, DelayFunc delayfunc) {
        this.timefunc = timefunc;
        this.delayfunc = delayfunc;
    }

    public TimeFunc timefunc() {
        return timefunc;
    }

    public Scheduler timefunc(TimeFunc timefunc) {
        this.timefunc = timefunc;
        return this;
    }

    public DelayFunc delayfunc() {
        return delayfunc;
    }

    public Scheduler delayfunc(DelayFunc delayfunc) {
        this.delayfunc = delayfunc;
        return this;
    }

    // ------------------------------------------------------------------ enterabs

    /** {@code enterabs(time, priority, action)}: returns the event, the ID for {@link #cancel}. */
    public Event enterabs(double time, int priority, Action0 action) {
        return add(time, priority, action, Tuple.of(), null);
    }

    /** {@code enterabs(time, priority, action, argument=(a,))}. */
    public <A> Event enterabs(double time, int priority, Action1<A> action, A a) {
        return add(time, priority, action, Tuple.of(a), null);
    }

    /** {@code enterabs(time, priority, action, argument=(a, b))}. */
    public <A, B> Event enterabs(double time, int priority, Action2<A, B> action, A a, B b) {
        return add(time, priority, action, Tuple.of(a, b), null);
    }

    /** {@code enterabs(time, priority, action, argument=(a, b, c))}. */
    public <A, B, C> Event enterabs(double time, int priority, Action3<A, B, C> action, A a, B b, C c) {
        return add(time, priority, action, Tuple.of(a, b, c), null);
    }

    /**
     * {@code enterabs(time, priority, action, argument, kwargs)}, the general form: the action
     * receives the argument tuple and the keyword arguments as they are.
     */
    public Event enterabs(double time, int priority, KwAction action, Tuple argument, Map<String, ?> kwargs) {
        return add(time, priority, action, argument, kwargs);
    }

    // ------------------------------------------------------------------ enter

    /** {@code enter(delay, priority, action)}: at {@code timefunc() + delay}. */
    public Event enter(double delay, int priority, Action0 action) {
        return enterabs(now() + delay, priority, action);
    }

    public <A> Event enter(double delay, int priority, Action1<A> action, A a) {
        return enterabs(now() + delay, priority, action, a);
    }

    public <A, B> Event enter(double delay, int priority, Action2<A, B> action, A a, B b) {
        return enterabs(now() + delay, priority, action, a, b);
    }

    public <A, B, C> Event enter(double delay, int priority, Action3<A, B, C> action, A a, B b, C c) {
        return enterabs(now() + delay, priority, action, a, b, c);
    }

    public Event enter(double delay, int priority, KwAction action, Tuple argument, Map<String, ?> kwargs) {
        return enterabs(now() + delay, priority, action, argument, kwargs);
    }

    private Event add(double time, int priority, Object action, Tuple argument, Map<String, ?> kwargs) {
        @SuppressWarnings("unchecked")
        Map<String, Object> kw = kwargs == null ? new LinkedHashMap<>() : (Map<String, Object>) kwargs;
        lock.lock();
        try {
            Event event = new Event(time, priority, sequence++, action, argument, kw);
            heap.push(event);
            return event;
        } finally {
            lock.unlock();
        }
    }

    private double now() {
        try {
            return timefunc.time();
        } catch (Exception e) {
            throw Py.rethrow(e);
        }
    }

    // ------------------------------------------------------------------ cancel, empty, queue

    /**
     * Removes the event (the first one equal to it, as {@code list.remove} finds it).
     *
     * @throws ValueError {@code list.remove(x): x not in list} if it is not queued
     */
    public void cancel(Event event) {
        lock.lock();
        try {
            if (!heap.remove(event)) throw new ValueError("list.remove(x): x not in list");
        } finally {
            lock.unlock();
        }
    }

    /** {@code True} if no event is queued. */
    public boolean empty() {
        lock.lock();
        try {
            return heap.size() == 0;
        } finally {
            lock.unlock();
        }
    }

    /** Python's {@code queue} property: the upcoming events in the order they will run, a new list. */
    public List<Event> queue() {
        EventHeap events;
        lock.lock();
        try {
            events = heap.copy();
        } finally {
            lock.unlock();
        }
        return events.drain();
    }

    // ------------------------------------------------------------------ run

    /** {@code run()}: executes events until none is left, waiting with {@code delayfunc}. */
    public void run() {
        run(true);
    }

    /**
     * {@code run(blocking)}: executes the due events; when the next one is in the future,
     * waits for it if {@code blocking}, else returns the time until it ({@code null}, Python's
     * {@code None}, once the queue is empty). {@code delayfunc(0)} follows each event.
     */
    public Double run(boolean blocking) {
        try {
            while (true) {
                Event event;
                double now;
                boolean delay;
                lock.lock();
                try {
                    if (heap.size() == 0) break;
                    event = heap.peek();
                    now = timefunc.time();
                    delay = event.time() > now;
                    if (!delay) heap.pop();
                } finally {
                    lock.unlock();
                }
                if (delay) {
                    if (!blocking) return event.time() - now;
                    delayfunc.delay(event.time() - now);
                } else {
                    call(event);
                    delayfunc.delay(0);
                }
            }
            return null;
        } catch (Exception e) {
            throw Py.rethrow(e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void call(Event event) throws Exception {
        Object action = event.action();
        Tuple args = event.argument();
        if (action instanceof KwAction k) k.call(new Args(args, event.kwargs()));
        else if (action instanceof Action0 f) f.call();
        else if (action instanceof Action1 f) f.call(args.get(0));
        else if (action instanceof Action2 f) f.call(args.get(0), args.get(1));
        else ((Action3) action).call(args.get(0), args.get(1), args.get(2));
    }

    /** {@code <sched.scheduler object at 0x…>}. */
    @Override
    public String toString() {
        return "<sched.scheduler object at " + Py.addressOf(this) + ">";
    }
}
