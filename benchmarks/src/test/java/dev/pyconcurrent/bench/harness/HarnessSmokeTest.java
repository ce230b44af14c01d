package dev.pyconcurrent.bench.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pyconcurrent.bench.harness.Runner.Side;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every workload at a tiny size on CPython 3.13, CPython 3.11 (when installed) and
 * pyconcurrent, each in its own process exactly as the harness does, and checks that every side
 * computed the workload's known result: the harness cannot silently measure nothing.
 */
class HarnessSmokeTest {
    static Stream<Workload> workloads() {
        return Workload.ALL.stream();
    }

    /** What a correct run of {@code w} at size {@code n} returns. */
    static long expected(Workload w, int n) {
        return switch (w.name()) {
            case "queue_pc", "simplequeue_pc", "executor" -> (long) n * (n - 1) / 2; // sum of 0..n-1
            case "subprocess_communicate" -> n * 1_000_000L; // bytes read
            case "mp_manager_dict" -> n - 1; // the last value stored
            default -> n; // counts: acquisitions, actions run, processes exited 0
        };
    }

    @ParameterizedTest
    @MethodSource("workloads")
    void bothSidesComputeTheWorkloadsResult(Workload w) throws Exception {
        int n = w.tinySize();
        long want = expected(w, n);
        Path py313 = Runner.python("3.13");
        assertNotNull(py313, "CPython 3.13 binary not found");
        Side cpython = Runner.python("CPython 3.13", py313, w, n, 0, 1, 0);
        assertEquals(want, cpython.result(), "CPython 3.13 " + w.name());
        Side py311 = Runner.python("CPython 3.11", Runner.python("3.11"), w, n, 0, 1, 0);
        if (py311.available()) assertEquals(want, py311.result(), "CPython 3.11 " + w.name());

        assumeTrue(Runner.java(w.jdk()) != null, "JDK " + w.jdk() + " is not installed");
        Side java = Runner.java(w, n, 1, 1, 0);
        assertTrue(java.available(), "pyconcurrent side missing for " + w.name());
        assertTrue(java.agree(), "pyconcurrent runs disagree for " + w.name());
        assertEquals(want, java.result(), "pyconcurrent " + w.name());
        assertEquals(1, java.seconds().length);
        assertTrue(new Compare.Row(w, n, py311, cpython, java).agree());
    }
}
