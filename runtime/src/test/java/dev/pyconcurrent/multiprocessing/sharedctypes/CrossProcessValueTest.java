package dev.pyconcurrent.multiprocessing.sharedctypes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pyconcurrent.multiprocessing.testing.ChildJvm;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Values and arrays shared with real child JVMs. */
class CrossProcessValueTest {
    @Test
    void twoJvmsIncrementAValueUnderItsLockExactly() throws Exception {
        Synchronized v = Sharedctypes.Value("i", 0);
        try (ChildJvm child = new ChildJvm(ValueChild.class, "increment", v, "1000000")) {
            ValueChild.increment(v, 1_000_000);
            child.expect("done");
        }
        assertEquals(2_000_000, v.value());
    }

    @Test
    void arrayWrittenByAChildIsSeenHere() throws Exception {
        SynchronizedArray a = Sharedctypes.Array("q", 5);
        try (ChildJvm child = new ChildJvm(ValueChild.class, "fill", a)) {
            child.expect("[0, 1, 4, 9, 16]");
        }
        assertEquals(List.of(0L, 1L, 4L, 9L, 16L), a.toList());
    }
}
