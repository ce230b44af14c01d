package dev.pyconcurrent.multiprocessing.synchronize;

import dev.pyconcurrent.multiprocessing.sharedctypes.Sharedctypes;
import dev.pyconcurrent.multiprocessing.sharedmemory.SharedMemory;
import dev.pyconcurrent.multiprocessing.testing.ChildJvm;
import java.util.List;

/**
 * The child side of {@link LifecycleTest}: makes one of each shared object, prints its pid, then
 * per scenario parks on a lock it cannot get ({@code wait}), makes a tracked {@code SharedMemory}
 * block ({@code block}) or waits briefly ({@code doorbell}), and exits when stdin says so.
 */
public final class LifecycleChild {
    private LifecycleChild() {}

    static final List<Object> KEEP = new java.util.ArrayList<>();

    public static void main(String[] args) {
        KEEP.addAll(List.of(new Lock(), new RLock(), new Semaphore(2), new BoundedSemaphore(), new Condition(), new Event(),
                new Barrier(2), Sharedctypes.Value("d", 1.5), Sharedctypes.Array("i", 3)));
        System.out.println(ProcessHandle.current().pid());
        switch (args.length == 0 ? "" : args[0]) {
            case "wait" -> {
                SemLock lock = ChildJvm.decode(args[1]);
                System.out.println("waiting");
                lock.acquire(); // killed here
            }
            case "block" -> System.out.println(new SharedMemory(null, true, 64).name());
            case "doorbell" -> System.out.println(new Semaphore(0).acquire(0.01)); // a wait starts the doorbell
            default -> throw new IllegalArgumentException(args.length == 0 ? "no scenario" : args[0]);
        }
        ChildJvm.readLine();
        System.exit(0);
    }
}
