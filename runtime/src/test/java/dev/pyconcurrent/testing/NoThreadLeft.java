package dev.pyconcurrent.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit extension ({@code @ExtendWith(NoThreadLeft.class)}) asserting that a test leaves no
 * Java thread running: the live threads after it (joined for up to 10 s each) are those before
 * it. The JDK's {@code process reaper} (a cached thread of child-process handling, named
 * {@code process reaper (pid N)} while it waits for a child) is ignored, and so are the common
 * fork-join pool's workers: {@code Process.onExit()} completes through {@code handleAsync}, which on
 * JDK 25 always runs in the common pool (on JDK 17 with one spare CPU, a thread per task), and an
 * idle worker lingers there for a minute after its task.
 */
public final class NoThreadLeft implements BeforeEachCallback, AfterEachCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(NoThreadLeft.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NS).put("before", alive());
    }

    @Override
    public void afterEach(ExtensionContext context) throws InterruptedException {
        @SuppressWarnings("unchecked")
        Set<Thread> before = (Set<Thread>) context.getStore(NS).get("before");
        Set<Thread> extra = alive();
        extra.removeAll(before);
        for (Thread t : extra) t.join(10_000);
        extra.removeIf(t -> !t.isAlive());
        assertEquals(Set.of(), extra, "threads left running");
    }

    private static Set<Thread> alive() {
        Set<Thread> all = new HashSet<>(Thread.getAllStackTraces().keySet());
        // JVM-lifetime infrastructure started on first use: the JDK's process reaper (JDK 17 names a
        // waiting one "process reaper (pid N)"), the common pool's workers and JUnit's timeout watcher
        all.removeIf(t -> !t.isAlive() || t.getName().startsWith("process reaper")
                || t.getName().startsWith("ForkJoinPool.commonPool-worker-")
                || t.getName().equals("junit-jupiter-timeout-watcher"));
        return all;
    }
}
