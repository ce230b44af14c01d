package dev.pyconcurrent.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit extension ({@code @ExtendWith(NoChildLeft.class)}) asserting that a test leaves no child
 * process running: after it, every OS child of this JVM (waited for up to 10 s each) has ended,
 * except the idle warm JVMs of multiprocessing's forkserver pool, which belong to no test.
 */
public final class NoChildLeft implements AfterEachCallback {
    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        List<Long> idle = idleWarmChildren();
        List<ProcessHandle> left = ProcessHandle.current().children().filter(p -> !idle.contains(p.pid())).toList();
        for (ProcessHandle p : left) {
            try {
                p.onExit().get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                // reported below
            }
        }
        String alive = left.stream().filter(ProcessHandle::isAlive)
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).collect(Collectors.joining("\n"));
        for (ProcessHandle p : left) p.destroyForcibly(); // do not let one leak fail every later test
        assertEquals("", alive, "child processes left running");
    }

    @SuppressWarnings("unchecked")
    private static List<Long> idleWarmChildren() throws ReflectiveOperationException {
        // package-private on purpose: the pool is no public API
        Class<?> pool = Class.forName("dev.pyconcurrent.multiprocessing.Forkserver");
        Method idle = pool.getDeclaredMethod("idlePids");
        idle.setAccessible(true);
        return (List<Long>) idle.invoke(null);
    }
}
