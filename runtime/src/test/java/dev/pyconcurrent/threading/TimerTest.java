package dev.pyconcurrent.threading;

import static dev.pyconcurrent.testing.CPython.assertPrints;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pyconcurrent.builtins.Py;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimerTest extends Support {
    @Test
    void fires() {
        assertPrints(TOPIC, "timer_fires", () -> {
            int n = base();
            Timer t = new Timer(0.01, Support::worker, "timer", 1);
            Py.print(rel(t, n), t.interval(), t.finished().isSet());
            t.start();
            t.join();
            Py.print(t.finished().isSet(), rel(noident(t, t), n));
        });
    }

    @Test
    void cancel() {
        assertPrints(TOPIC, "timer_cancel", () -> {
            Timer t = new Timer(60, Support::worker, "never");
            t.cancel();
            t.start();
            t.join();
            Py.print(t.finished().isSet(), t.isAlive());
            t = new Timer(60, Support::worker);
            t.start();
            t.cancel();
            t.join();
            Py.print(t.finished().isSet(), t.isAlive());
        });
    }

    @Test
    void accessors() {
        Timer t = new Timer(1.5, (a, b, c) -> {}, 1, 2, 3);
        assertEquals(1.5, t.interval());
        assertEquals(List.of(1, 2, 3), t.args());
        assertEquals(List.of(), new Timer(1, Support::worker).args());
    }
}
