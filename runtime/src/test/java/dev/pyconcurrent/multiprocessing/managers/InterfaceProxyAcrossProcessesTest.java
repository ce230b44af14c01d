package dev.pyconcurrent.multiprocessing.managers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pyconcurrent.multiprocessing.Multiprocessing;
import dev.pyconcurrent.multiprocessing.Process;
import dev.pyconcurrent.multiprocessing.WarmForkserver;
import dev.pyconcurrent.testing.NoChildLeft;
import dev.pyconcurrent.testing.NoThreadLeft;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A registered type seen through an interface, its proxy passed to child processes (the notebook's manager-register cell). */
@ExtendWith({NoThreadLeft.class, NoChildLeft.class, WarmForkserver.class})
class InterfaceProxyAcrossProcessesTest {
    public interface CounterApi {
        int increment();
    }

    public static final class Counter implements CounterApi {
        private int count;

        @Override
        public synchronized int increment() {
            return ++count;
        }
    }

    public static final class CounterManager extends BaseManager {}

    static {
        BaseManager.register(CounterManager.class, "Counter", Counter::new, CounterApi.class);
    }

    static void bump(CounterApi counter, int times) {
        for (int i = 0; i < times; i++) counter.increment();
    }

    @Test
    void childrenCallTheObjectThroughTheInterface() {
        try (CounterManager cm = new CounterManager().enter()) {
            CounterApi counter = cm.create("Counter");
            List<Process> workers = List.of(Multiprocessing.Process(InterfaceProxyAcrossProcessesTest::bump, counter, 10),
                    Multiprocessing.Process(InterfaceProxyAcrossProcessesTest::bump, counter, 10));
            workers.forEach(Process::start);
            workers.forEach(Process::join);
            assertEquals(List.of(0, 0), workers.stream().map(Process::exitcode).toList());
            assertEquals(21, counter.increment());
        }
    }
}
