package dev.pyconcurrent.multiprocessing.synchronize;

import dev.pyconcurrent.multiprocessing.sharedctypes.Sharedctypes;
import dev.pyconcurrent.multiprocessing.sharedmemory.SharedMemory;
import dev.pyconcurrent.multiprocessing.testing.ChildJvm;
import java.util.List;

/**
 * The child side of {@link LifecycleTest}: makes one of each shared object, prints its pid,
 * then either exits when stdin says so or, with {@code wait}, parks on a lock it cannot get.
 */
public final class LifecycleChild {
    private LifecycleChild() {}

    static final List<Object> KEEP = new java.util.ArrayList<>();

    public static void main(String[] args) {
        KEEP.addAll(List.of(new Lock(), new RLock(), new Semaphore(2), new BoundedSemaphore(), new Condition(), new Event(),
                new Barrier(2), Sharedctypes.Value("d", 1.5), Sharedctypes.Array("i", 3), new SharedMemory(null, true, 64)));
        System.out.println(ProcessHandle.current().pid());
        if (args.length > 0 && args[0].equals("wait")) {
            SemLock lock = ChildJvm.decode(args[1]);
            System.out.println("waiting");
            lock.acquire(); // killed here
        }
        ChildJvm.readLine();
        System.exit(0);
    }
}
