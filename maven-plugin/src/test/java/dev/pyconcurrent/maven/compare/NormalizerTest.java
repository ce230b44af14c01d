package dev.pyconcurrent.maven.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NormalizerTest {
    @Test
    void addresses() {
        assertEquals("<object object at 0x…> and <Lock at 0x…>",
                Normalizer.ADDRESSES.apply("<object object at 0x7f3a9c0b2d10> and <Lock at 0xDEADbeef>"));
        assertEquals("0xg", Normalizer.ADDRESSES.apply("0xg"));
    }

    @Test
    void idents() {
        assertEquals("<Thread(worker, started <ident>)> <Thread(d, started daemon <ident>)>",
                Normalizer.IDENTS.apply("<Thread(worker, started 140234234)> <Thread(d, started daemon 12)>"));
        assertEquals("<Thread(w, stopped <ident>)> <Thread(d, stopped daemon <ident>)> owner=<ident> count=2",
                Normalizer.IDENTS.apply("<Thread(w, stopped 140234234)> <Thread(d, stopped daemon 7)> owner=140234 count=2"));
        assertEquals("ident=<ident> native_id: <ident> get_ident() <ident>",
                Normalizer.IDENTS.apply("ident=1402 native_id: 77 get_ident() 5"));
        assertEquals("<Thread(worker, initial)>", Normalizer.IDENTS.apply("<Thread(worker, initial)>"));
    }

    @Test
    void pids() {
        assertEquals("<Process name='P-1' pid=<pid> parent=<pid> started> ppid: <pid>",
                Normalizer.PIDS.apply("<Process name='P-1' pid=4242 parent=4200 started> ppid: 1"));
        assertEquals("rapid=5", Normalizer.PIDS.apply("rapid=5"));
    }

    @Test
    void durations() {
        assertEquals("took <duration>, <duration> and <duration>; <duration>",
                Normalizer.DURATIONS.apply("took 0.0123s, 12 ms and 1.5 seconds; 3e-05 s"));
        assertEquals("v1.5 sets 10 items", Normalizer.DURATIONS.apply("v1.5 sets 10 items"));
    }

    @Test
    void tracebackFramesAreDroppedTheExceptionLineKept() {
        String python = """
                Exception in thread Thread-1 (worker):
                Traceback (most recent call last):
                  File "/usr/lib/python3.13/threading.py", line 1041, in _bootstrap_inner
                    self.run()
                    ~~~~~~~~^^
                  File "<cell 3>", line 2, in worker
                ValueError: boom
                after
                """;
        String java = """
                Exception in thread Thread-1 (worker):
                Traceback (most recent call last):
                  File "Thread.java", line 12, in run
                ValueError: boom
                after
                """;
        String expected = "Exception in thread Thread-1 (worker):\nTraceback (most recent call last):\n  ...\nValueError: boom\nafter\n";
        assertEquals(expected, Normalizer.TRACEBACKS.apply(python));
        assertEquals(expected, Normalizer.TRACEBACKS.apply(java));
    }

    @Test
    void userRegexAndChainOrder() {
        Normalizer user = Normalizer.regex("user", "took (\\d+) tries", "took N tries");
        Normalizer all = Normalizer.chain("all", Normalizer.chain("built-ins", Normalizer.builtIns()), user);
        assertEquals("at 0x… took N tries", all.apply("at 0x1f took 17 tries"));
        assertEquals(null, all.apply(null));
    }

    @Test
    void sortLinesKeepsTheFinalNewline() {
        assertEquals("a\nb\nc\n", Normalizer.sortLines("c\na\nb\n"));
        assertEquals("a\nb", Normalizer.sortLines("b\na"));
        assertEquals("", Normalizer.sortLines(""));
    }
}
