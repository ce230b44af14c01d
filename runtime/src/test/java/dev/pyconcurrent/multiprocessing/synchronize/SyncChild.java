package dev.pyconcurrent.multiprocessing.synchronize;

import static dev.pyconcurrent.multiprocessing.testing.ChildJvm.decode;
import static dev.pyconcurrent.multiprocessing.testing.ChildJvm.readLine;

import dev.pyconcurrent.multiprocessing.sharedmemory.SharedMemory;
import java.nio.ByteBuffer;

/** The child side of {@link CrossProcessTest}: {@code scenario objects…}, results on stdout. */
public final class SyncChild {
    private SyncChild() {}

    public static void main(String[] args) {
        switch (args[0]) {
            case "count" -> {
                count(decode(args[1]), decode(args[2]), Integer.parseInt(args[3]));
                System.out.println("done");
            }
            case "hold" -> {
                Lock lock = decode(args[1]);
                lock.acquire();
                System.out.println("held " + lock);
                readLine();
                lock.release();
                System.out.println("released");
            }
            case "take" -> {
                SemLock lock = decode(args[1]);
                System.out.println("trying");
                System.out.println("got " + lock.acquire());
                lock.release();
            }
            case "event" -> {
                Event e = decode(args[1]);
                System.out.println("waiting");
                System.out.println(e.await(30));
            }
            case "release" -> {
                Semaphore s = decode(args[1]);
                for (int i = 0, n = Integer.parseInt(args[2]); i < n; i++) s.release();
                System.out.println("released");
            }
            case "barrier-action" -> {
                Barrier b = decode(args[1]);
                System.out.println(b.await(30) + " " + b.await(30));
            }
            case "barrier" -> {
                Barrier b = decode(args[1]);
                for (int i = 0, n = Integer.parseInt(args[2]); i < n; i++) System.out.println(b.await(30));
            }
            case "notify" -> {
                Condition c = decode(args[1]);
                readLine();
                try (var held = c.enter()) {
                    c.signalAll();
                }
                System.out.println("notified");
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
        System.out.flush();
        System.exit(0);
    }

    /** {@code n} read-increment-writes of the int at 0 of {@code counter}, each under {@code lock}. */
    static void count(SemLock lock, SharedMemory counter, int n) {
        ByteBuffer b = counter.buf();
        for (int i = 0; i < n; i++) {
            lock.acquire();
            b.putInt(0, b.getInt(0) + 1);
            lock.release();
        }
    }
}
