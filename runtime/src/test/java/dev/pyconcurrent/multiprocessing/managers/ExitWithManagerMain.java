package dev.pyconcurrent.multiprocessing.managers;

import dev.pyconcurrent.multiprocessing.Multiprocessing;

/**
 * {@code ManagerProcessesTest.exitWithRunningManager}'s JVM: starts a manager, uses it, prints
 * its server's pid and returns from main without {@code shutdown()}: the exit must stop the
 * server rather than wait for it.
 */
public final class ExitWithManagerMain {
    private ExitWithManagerMain() {}

    public static void main(String[] args) {
        SyncManager m = Multiprocessing.Manager();
        m.dict().put("k", 1);
        System.out.println(Multiprocessing.activeChildren().get(0).pid());
    }
}
