package dev.pyconcurrent.multiprocessing.pool;

import java.util.concurrent.BlockingQueue;

/**
 * The worker side of a {@link Pool}, the one part that differs between {@link ThreadPool}
 * (threads of this JVM) and a process pool (warm JVMs): starts a worker that takes
 * {@link Task}s from the pool's in-queue and puts {@link Result}s on its out-queue, running
 * {@link WorkerLoop} (in a child JVM behind a relay thread, or right here).
 */
interface Workers {
    /**
     * Starts one worker over the pool's queues ({@link WorkerLoop#NONE} in the in-queue is the sentinel
     * that ends it); {@code exited} runs once the worker has ended, so that the pool's worker
     * handler replaces it (CPython waits on process sentinels for that).
     */
    Worker start(BlockingQueue<Object> inqueue, BlockingQueue<Object> outqueue, Runnable exited);

    /**
     * Whether {@code terminate()} ends the workers (processes) and is joined on; threads
     * cannot be ended, so terminating a {@link ThreadPool} leaves a running task to finish on
     * its own, as CPython's {@code hasattr(pool[0], 'terminate')} does.
     */
    boolean terminable();

    /** One started worker: a thread, or a JVM. */
    interface Worker {
        /** {@code exitcode is not None}: the worker has ended. */
        boolean exited();

        boolean isAlive();

        void join();

        /** Ends the worker at once if it can ({@code Process.terminate}); threads cannot, as in CPython. */
        void terminate();
    }
}
