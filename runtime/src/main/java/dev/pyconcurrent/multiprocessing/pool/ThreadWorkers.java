package dev.pyconcurrent.multiprocessing.pool;

import dev.pyconcurrent.futures.Call;
import dev.pyconcurrent.multiprocessing.dummy.DummyProcess;
import java.util.concurrent.BlockingQueue;

/**
 * {@link ThreadPool}'s workers: daemonic {@link DummyProcess}es named {@code Thread-N (worker)}
 * running {@link WorkerLoop} on the pool's queues directly.
 */
final class ThreadWorkers implements Workers {
    private final Call<?> initializer;
    private final Integer maxtasks;

    ThreadWorkers(Call<?> initializer, Integer maxtasks) {
        this.initializer = initializer;
        this.maxtasks = maxtasks;
    }

    @Override
    public Worker start(BlockingQueue<Object> inqueue, BlockingQueue<Object> outqueue, Runnable exited) {
        ThreadWorker w = new ThreadWorker();
        w.thread = Pool.named(new DummyProcess(() -> {
            WorkerLoop.run(inqueue::take, outqueue::put, initializer, maxtasks);
            w.ended = true;
            exited.run();
        }), "worker");
        w.thread.daemon(true).start();
        return w;
    }

    @Override
    public boolean terminable() {
        return false;
    }

    /**
     * A worker thread. It counts as exited once its loop is over, so that a worker ending after
     * {@code maxtasksperchild} tasks is replaced at once; one that died of an exception (its
     * initializer's) counts once its thread is gone, and is replaced at the pool's next change,
     * as CPython's {@code DummyProcess.exitcode} makes it.
     */
    static final class ThreadWorker implements Worker {
        DummyProcess thread;
        volatile boolean ended;

        @Override
        public boolean exited() {
            return ended || thread.exitcode() != null;
        }

        @Override
        public boolean isAlive() {
            return thread.isAlive();
        }

        @Override
        public void join() {
            thread.join();
        }

        @Override
        public void terminate() {}
    }
}
