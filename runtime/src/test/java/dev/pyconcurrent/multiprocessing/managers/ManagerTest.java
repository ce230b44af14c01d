package dev.pyconcurrent.multiprocessing.managers;

import static dev.pyconcurrent.testing.CPython.assertPrints;
import static dev.pyconcurrent.testing.CPython.assertRaises;

import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.multiprocessing.Multiprocessing;
import dev.pyconcurrent.multiprocessing.WarmForkserver;
import dev.pyconcurrent.testing.NoChildLeft;
import dev.pyconcurrent.testing.NoThreadLeft;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** SyncManager and its proxies against reference/mp_managers.py (python3.13), with the server in a child JVM. */
@ExtendWith({NoThreadLeft.class, NoChildLeft.class, WarmForkserver.class})
class ManagerTest {
    static final String T = "mp_managers";

    @Test
    void proxyReprs() {
        assertPrints(T, "proxy_reprs", () -> {
            try (SyncManager m = Multiprocessing.Manager()) {
                DictProxy<String, Object> d = m.dict();
                ListProxy<Integer> l = m.list(List.of(1, 2));
                NamespaceProxy ns = m.Namespace(Map.of("a", 1, "b", "x"));
                ValueProxy<Integer> v = m.Value("i", 5);
                ArrayProxy a = m.Array("i", List.of(1, 2, 3));
                for (Object p : List.of(d, l, ns, v, a, m.Lock(), m.RLock(), m.Semaphore(2), m.BoundedSemaphore(2), m.Condition(),
                        m.Event(), m.Barrier(2), m.Queue(), m.JoinableQueue())) {
                    Py.print(Py.repr(p));
                }
                Py.print(d, l, ns, v, a);
                Py.print(((BaseProxy) m.Queue()).typeName(), d.typeName(), l.typeName());
            }
        });
    }
}
