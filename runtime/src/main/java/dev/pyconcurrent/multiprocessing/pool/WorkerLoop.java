package dev.pyconcurrent.multiprocessing.pool;

import dev.pyconcurrent.builtins.BaseException;
import dev.pyconcurrent.builtins.EOFError;
import dev.pyconcurrent.builtins.OSError;
import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.PyException;
import dev.pyconcurrent.futures.Call;

/**
 * CPython's {@code multiprocessing.pool.worker}: runs the initializer, then tasks until the
 * sentinel, the end of its input, or {@code maxtasks} tasks. The same loop runs in a thread
 * of a {@link ThreadPool} and in a process worker; only where tasks come from differs.
 */
final class WorkerLoop {
    private WorkerLoop() {}

    /** Python's {@code None} in the pool's queues: the sentinel. */
    static final Object NONE = new Object() {
        @Override
        public String toString() {
            return "None";
        }
    };

    /** Where a worker takes its next message ({@code get}, blocking). */
    @FunctionalInterface
    interface Source {
        Object get() throws InterruptedException;
    }

    /** Where a worker puts a result ({@code put}). */
    @FunctionalInterface
    interface Sink {
        void put(Result r) throws InterruptedException;
    }

    /**
     * {@code worker(inqueue, outqueue, initializer, initargs, maxtasks)}: an exception of the
     * initializer propagates (the worker dies, as in CPython); a task's exception becomes its
     * failed {@link Result}, except what Python's {@code except Exception} does not catch
     * ({@code KeyboardInterrupt}, {@code SystemExit}), which ends the worker.
     */
    static void run(Source in, Sink out, Call<?> initializer, Integer maxtasks) throws Exception {
        if (initializer != null) initializer.invoke();
        int completed = 0;
        while (maxtasks == null || completed < maxtasks) {
            Object message;
            try {
                message = in.get();
            } catch (EOFError | OSError e) {
                break;
            }
            if (message == NONE) break;
            Task task = (Task) message;
            Result result;
            try {
                result = new Result(task.job(), task.index(), true, task.run());
            } catch (Throwable t) {
                if (!isException(t)) throw Py.rethrow(t);
                result = new Result(task.job(), task.index(), false, t);
            }
            out.put(result);
            completed++;
        }
    }

    /** Python's {@code isinstance(t, Exception)}: any Java throwable but the BaseExceptions outside {@code Exception}. */
    static boolean isException(Throwable t) {
        return !(t instanceof BaseException) || t instanceof PyException;
    }
}
