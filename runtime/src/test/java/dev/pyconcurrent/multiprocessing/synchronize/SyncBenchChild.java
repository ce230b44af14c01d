package dev.pyconcurrent.multiprocessing.synchronize;

import dev.pyconcurrent.multiprocessing.testing.ChildJvm;

/** The other side of {@link SyncBench}'s ping-pong: {@code n} times take {@code a}, give {@code b}. */
public final class SyncBenchChild {
    private SyncBenchChild() {}

    public static void main(String[] args) {
        Semaphore a = ChildJvm.decode(args[0]), b = ChildJvm.decode(args[1]);
        for (int i = 0, n = Integer.parseInt(args[2]); i < n; i++) {
            a.acquire();
            b.release();
        }
        System.out.println("done");
        System.exit(0);
    }
}
