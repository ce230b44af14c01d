package dev.pyconcurrent.multiprocessing.pool;

import dev.pyconcurrent.builtins.OSError;
import dev.pyconcurrent.builtins.Traceback;
import dev.pyconcurrent.builtins.Tuple;
import dev.pyconcurrent.builtins.TypeError;
import dev.pyconcurrent.futures.Call;
import dev.pyconcurrent.multiprocessing.Context;
import dev.pyconcurrent.multiprocessing.Process;
import dev.pyconcurrent.multiprocessing.ProcessError;
import dev.pyconcurrent.multiprocessing.connection.Connection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;

/**
 * {@link Pool}'s workers: daemonic processes of the pool's context ({@code SpawnPoolWorker-1},
 * {@code ForkServerPoolWorker-1}), each running {@link WorkerLoop} on its end of a pipe. In this
 * JVM a relay thread per worker takes a task from the pool's in-queue, sends it, and puts the
 * answer on the out-queue: one task in flight per worker, so that a worker that dies fails the
 * task it was running (CPython's pool waits forever for it) and is replaced.
 *
 * <p>Tasks are {@code (job, index, kind, function id, args)} tuples, each function sent once per
 * worker; answers are {@code (job, index, success, value)} tuples: values of Python's types take
 * the compact codec; a failed task's exception comes back with a {@link RemoteTraceback} cause
 * (CPython's {@code ExceptionWithTraceback}), an unsendable value as
 * {@link MaybeEncodingError}.
 */
final class ProcessWorkers implements Workers {
    private static final String FN = "fn", FORGET = "forget";
    /** Functions a worker keeps before both sides start over ({@code ("forget",)}). */
    private static final int MAX_FUNCTIONS = 1024;

    private final Context context;
    private final Call<?> initializer;
    private final Integer maxtasks;

    ProcessWorkers(Context context, Call<?> initializer, Integer maxtasks) {
        this.context = context;
        this.initializer = initializer;
        this.maxtasks = maxtasks;
    }

    @Override
    public boolean terminable() {
        return true;
    }

    @Override
    public Worker start(BlockingQueue<Object> inqueue, BlockingQueue<Object> outqueue, Runnable exited) {
        Connection[] ends = context.Pipe();
        Process p = context.Process(ProcessWorkers::child, ends[1], initializer, maxtasks);
        p.name(p.name().replace("Process", "PoolWorker")).daemon(true);
        try {
            p.start();
        } finally {
            ends[1].close();
        }
        ProcessWorker w = new ProcessWorker(p, ends[0]);
        w.relay = new java.lang.Thread(() -> w.relay(inqueue, outqueue, maxtasks, exited), "pyconcurrent-pool-relay " + p.name());
        w.relay.setDaemon(true);
        w.relay.start();
        w.watch();
        return w;
    }

    // ------------------------------------------------------------------ in the worker process

    /** The worker process's target: CPython's {@code worker()} on a pipe end. */
    static void child(Connection conn, Call<?> initializer, Integer maxtasks) throws Exception {
        Map<Integer, Object> functions = new HashMap<>();
        WorkerLoop.run(() -> receive(conn, functions), r -> send(conn, r), initializer, maxtasks);
        conn.close();
    }

    /**
     * The next task: {@code (job, index, kind, function id, args)}, after the definitions of
     * functions not seen yet ({@code ("fn", id, fn)}) and {@code ("forget",)}; None is the sentinel.
     */
    private static Object receive(Connection conn, Map<Integer, Object> functions) {
        while (true) {
            Object m = conn.recv();
            if (m == null) return WorkerLoop.NONE;
            Tuple t = (Tuple) m;
            if (FN.equals(t.get(0))) functions.put((Integer) t.get(1), t.get(2));
            else if (FORGET.equals(t.get(0))) functions.clear();
            else return new Task(((Number) t.get(0)).longValue(), (Integer) t.get(1), Task.Kind.values()[(Integer) t.get(2)],
                    functions.get((Integer) t.get(3)), (Tuple) t.get(4));
        }
    }

    private static void send(Connection conn, Result r) {
        Object value = r.value();
        if (!r.success() && value instanceof Throwable t && t.getCause() == null) {
            t.initCause(new RemoteTraceback("\n\"\"\"\n" + Traceback.format(t) + "\"\"\""));
        }
        try {
            conn.send(Tuple.of(r.job(), r.index(), r.success(), value));
        } catch (RuntimeException e) {
            if (e instanceof OSError) throw e;
            conn.send(Tuple.of(r.job(), r.index(), false, new MaybeEncodingError(e, value)));
        }
    }

    // ------------------------------------------------------------------ in this JVM

    /** One worker process and the relay thread that feeds it. */
    static final class ProcessWorker implements Worker {
        final Process process;
        private final Connection conn;
        /** The functions this worker has received, by identity, with their ids. */
        private final Map<Object, Integer> sent = new IdentityHashMap<>();
        java.lang.Thread relay;

        ProcessWorker(Process process, Connection conn) {
            this.process = process;
            this.conn = conn;
        }

        /**
         * Feeds the worker one task at a time until the sentinel, its {@code maxtasks}, or its
         * death. The worker's exit interrupts this thread (see {@link #watch}): a pipe end moved
         * to a process that died before using it never links, so a send or receive there would
         * wait forever.
         */
        void relay(BlockingQueue<Object> inqueue, BlockingQueue<Object> outqueue, Integer maxtasks, Runnable exited) {
            int done = 0;
            Task task = null;
            try {
                while (maxtasks == null || done < maxtasks) {
                    Object m = next(inqueue);
                    if (m == null) {
                        outqueue.offer(new Result(Result.IDLE_WORKER_LOST, 0, false, null));
                        break;
                    }
                    if (m == WorkerLoop.NONE) {
                        conn.send(null);
                        break;
                    }
                    task = (Task) m;
                    try {
                        send(task);
                    } catch (TypeError e) {
                        outqueue.offer(new Result(task.job(), task.index(), false, e)); // not serializable: CPython's put() error
                        task = null;
                        continue;
                    }
                    Tuple t = (Tuple) conn.recv();
                    outqueue.offer(new Result(((Number) t.get(0)).longValue(), (Integer) t.get(1), (Boolean) t.get(2), t.get(3)));
                    task = null;
                    done++;
                }
            } catch (RuntimeException e) {
                // EOFError / OSError / KeyboardInterrupt: the worker process is gone
                if (task != null) outqueue.offer(died(task));
            } finally {
                conn.close();
                awaitExit();
                exited.run();
            }
        }

        /**
         * {@code process.join()}, through the interrupt that the worker's exit sends this thread
         * ({@link #watch}): it may arrive during the join, which must not end the relay before
         * {@code exited} tells the pool to replace the worker.
         */
        private void awaitExit() {
            while (true) {
                java.lang.Thread.interrupted();
                try {
                    process.join();
                    return;
                } catch (dev.pyconcurrent.builtins.KeyboardInterrupt e) {
                    // the exit's own interrupt: join again
                }
            }
        }

        /**
         * Sends a task as codec values: the function goes once per worker (Java serialization
         * of a lambda costs more than the task), then its id.
         */
        private void send(Task task) {
            Integer id = -1;
            if (task.fn() != null) {
                id = sent.get(task.fn());
                if (id == null) {
                    if (sent.size() == MAX_FUNCTIONS) {
                        conn.send(Tuple.of(FORGET));
                        sent.clear();
                    }
                    id = sent.size();
                    conn.send(Tuple.of(FN, id, task.fn()));
                    sent.put(task.fn(), id);
                }
            }
            conn.send(Tuple.of(task.job(), task.index(), task.kind().ordinal(), id, task.args()));
        }

        /** The next message for this worker, or null once the worker has ended while idle. */
        private Object next(BlockingQueue<Object> inqueue) {
            while (true) {
                try {
                    return inqueue.take();
                } catch (InterruptedException e) {
                    if (process.exitcode() != null) return null;
                }
            }
        }

        /** Interrupts the relay when the worker process exits. */
        void watch() {
            Long pid = process.pid();
            if (pid != null) ProcessHandle.of(pid).ifPresentOrElse(h -> h.onExit().thenRun(relay::interrupt), relay::interrupt);
        }

        private Result died(Task task) {
            awaitExit();
            return new Result(task.job(), task.index(), false, new ProcessError(
                    "pool worker " + process.name() + " ended abruptly (exitcode " + process.exitcode() + ") while running a task"));
        }

        @Override
        public boolean exited() {
            return process.exitcode() != null;
        }

        @Override
        public boolean isAlive() {
            return process.isAlive();
        }

        @Override
        public void join() {
            process.join();
            try {
                relay.join();
            } catch (InterruptedException e) {
                throw dev.pyconcurrent.builtins.KeyboardInterrupt.interrupted(e);
            }
        }

        @Override
        public void terminate() {
            process.terminate();
        }
    }
}
