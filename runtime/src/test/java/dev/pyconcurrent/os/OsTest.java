package dev.pyconcurrent.os;

import static dev.pyconcurrent.testing.CPython.assertPrints;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.pyconcurrent.builtins.Py;
import org.junit.jupiter.api.Test;

class OsTest {
    @Test
    void processFactsHoldAsInCPython() {
        assertPrints("builtins", "os_facts", () -> {
            Py.print(Os.getpid() > 0, Os.getppid() > 0, Os.cpuCount() >= Os.processCpuCount() && Os.processCpuCount() >= 1);
            Py.print(Py.typeName(Os.cpuCount()), Py.typeName(Os.processCpuCount()));
        });
        assertEquals(ProcessHandle.current().pid(), Os.getpid());
    }

    @Test
    void countsLinuxCpuLists() {
        assertEquals(4, Os.countCpuList("0-3"));
        assertEquals(7, Os.countCpuList("0-3,8,10-11\n"));
        assertEquals(1, Os.countCpuList("5"));
        assertNull(Os.countCpuList(""));
        assertNull(Os.countCpuList("x-y"));
    }
}
