package dev.pyconcurrent.multiprocessing.managers;

import static dev.pyconcurrent.testing.CPython.assertPrints;
import static dev.pyconcurrent.testing.CPython.assertRaises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pyconcurrent.builtins.AssertionError;
import dev.pyconcurrent.builtins.AttributeError;
import dev.pyconcurrent.builtins.IndexError;
import dev.pyconcurrent.builtins.KeyError;
import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.RuntimeError;
import dev.pyconcurrent.builtins.Tuple;
import dev.pyconcurrent.builtins.ValueError;
import dev.pyconcurrent.multiprocessing.AuthenticationError;
import dev.pyconcurrent.multiprocessing.ProcessError;
import dev.pyconcurrent.queue.Empty;
import dev.pyconcurrent.queue.Full;
import java.util.ArrayList;
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

    @Test
    void dictProxy() {
        try (SyncManager m = Multiprocessing.Manager()) {
            assertPrints(T, "dict_proxy", () -> {
                DictProxy<String, Object> d = m.dict();
                d.put("a", 1);
                d.setitem("b", List.of(1, 2));
                Py.print(d, d.size(), d.getitem("a"), d.get("x"), d.getOrDefault("x", 0), d.containsKey("a"), d.containsKey("x"));
                Py.print(d.items(), d.keys(), d.values(), d.copy(), Py.typeName(d.copy()));
                Py.print(d.setdefault("c", 3), d.pop("c"), d.pop("zz", null), d.popitem(), d);
                d.update(Map.of("k", "v"));
                Py.print(d, d.getvalue());
                d.delitem("k");
                Py.print(d);
                d.clear();
                Py.print(d, d.size());
            });
            assertRaises(KeyError.class, T, "dict_missing_key", () -> {
                m.dict().getitem("x");
            });
            assertRaises(KeyError.class, T, "dict_del_missing", () -> {
                m.dict().delitem("x");
            });
            assertRaises(KeyError.class, T, "dict_popitem_empty", () -> {
                m.dict().popitem();
            });
        }
    }

    @Test
    void listProxy() {
        try (SyncManager m = Multiprocessing.Manager()) {
            assertPrints(T, "list_proxy", () -> {
                ListProxy<Object> l = m.list();
                l.append(3);
                l.extend(List.of(1, 2));
                l.insert(0, 9);
                Py.print(l, l.size(), l.get(0), l.getitem(-1), l.count(1), l.index(2), l.contains(2), l.contains(7));
                l.sort();
                Py.print(l, l.pop(), l.pop(0), l);
                l.reverse();
                l.setitem(0, "z");
                Py.print(l, new ArrayList<>(l), l.getvalue());
                l.remove((Object) "z");
                l.delitem(0);
                Py.print(l, l.equals(List.of()), l.getvalue().equals(List.of()));
            });
            assertRaises(IndexError.class, T, "list_index_error", () -> {
                m.list(List.of(1)).get(5);
            });
            assertRaises(IndexError.class, T, "list_pop_empty", () -> {
                m.list().pop();
            });
            assertRaises(ValueError.class, T, "list_index_missing", () -> {
                m.list(List.of(1)).index(5);
            });
            assertRaises(ValueError.class, T, "list_remove_missing", () -> {
                m.list(List.of(1)).callmethod("remove", 5);
            });
        }
    }

    @Test
    void namespaceValueArray() {
        try (SyncManager m = Multiprocessing.Manager()) {
            assertPrints(T, "namespace_value_array", () -> {
                NamespaceProxy ns = m.Namespace();
                ns.set("x", 1).set("y", "a");
                Py.print(ns.get("x"), ns.get("y"), ns);
                ns.delete("x");
                Py.print(ns);
                ValueProxy<Double> v = m.Value("d", 1.5);
                Py.print(v.value(), v.get());
                v.value(2.5);
                v.set(3.5);
                Py.print(v.value(), v);
                ArrayProxy a = m.Array("i", List.of(1, 2, 3));
                a.set(0, 7);
                Py.print(a.size(), a.get(0), a.get(-1), a);
            });
            assertRaises(AttributeError.class, T, "namespace_missing", () -> {
                m.Namespace().get("x");
            });
            assertRaises(IndexError.class, T, "array_index_error", () -> {
                m.Array("i", List.of(1)).get(3);
            });
        }
    }

    @Test
    void syncProxies() {
        try (SyncManager m = Multiprocessing.Manager()) {
            assertPrints(T, "sync_proxies", () -> {
                AcquirerProxy lock = m.Lock();
                Py.print(lock.acquire(), lock.acquire(false), lock.acquire(true, 0.01));
                lock.release();
                try (var held = lock.enter()) {
                    Py.print("in lock");
                }
                AcquirerProxy r = m.RLock();
                Py.print(r.acquire(), r.acquire());
                r.release();
                r.release();
                AcquirerProxy s = m.Semaphore(2);
                Py.print(s.acquire(), s.acquire(), s.acquire(false));
                EventProxy e = m.Event();
                Py.print(e.isSet(), e.await(0.01));
                e.set();
                Py.print(e.isSet(), e.await());
                e.clear();
                Py.print(e.isSet());
                ConditionProxy c = m.Condition();
                try (var held = c.enter()) {
                    Py.print(c.await(0.01), c.awaitFor(() -> true), c.awaitFor(() -> 0, 0.01));
                    c.signal();
                    c.signalAll();
                }
                BarrierProxy b = m.Barrier(1);
                Py.print(b.parties(), b.nWaiting(), b.broken(), b.await());
                b.abort();
                Py.print(b.broken());
                b.reset();
                Py.print(b.broken());
            });
            assertPrints(T, "unserializable_result", () -> {
                RemoteError e = assertThrows(RemoteError.class, () -> m.Lock().getvalue());
                Py.print(Py.typeName(e), Py.str(e).startsWith("\n" + "-".repeat(75) + "\nUnserializable message: Traceback"));
            });
            assertRaises(RuntimeError.class, T, "lock_release_unlocked", () -> {
                m.Lock().release();
            });
            assertRaises(ValueError.class, T, "bounded_semaphore_overflow", () -> {
                m.BoundedSemaphore(1).release();
            });
        }
    }

    @Test
    void queueProxy() {
        try (SyncManager m = Multiprocessing.Manager()) {
            assertPrints(T, "queue_proxy", () -> {
                QueueProxy<Object> q = m.Queue();
                q.put(1);
                q.putNowait("two");
                Py.print(q.qsize(), q.empty(), q.full(), q.get(), q.getNowait(), q.empty());
                QueueProxy<String> j = m.JoinableQueue(1);
                j.put("x");
                Py.print(j.full(), j.get());
                j.taskDone();
                j.join();
                Py.print("joined");
            });
            assertRaises(Empty.class, T, "queue_empty", () -> {
                m.Queue().getNowait();
            });
            assertRaises(Empty.class, T, "queue_get_timeout", () -> {
                m.Queue().get(true, 0.01);
            });
            assertRaises(Full.class, T, "queue_full", () -> {
                QueueProxy<Integer> q = m.Queue(1);
                q.put(1);
                q.putNowait(2);
            });
            assertRaises(ValueError.class, T, "task_done_too_many", () -> {
                m.JoinableQueue().taskDone();
            });
        }
    }

    @Test
    void lifeCycleErrors() {
        assertRaises(AssertionError.class, T, "after_shutdown", () -> {
            SyncManager m = Multiprocessing.Manager();
            m.shutdown();
            m.dict();
        });
        assertRaises(AssertionError.class, T, "unstarted", () -> new SyncManager().list());
        assertRaises(ProcessError.class, T, "start_twice", () -> {
            try (SyncManager m = Multiprocessing.Manager()) {
                m.start();
            }
        });
        assertRaises(ProcessError.class, T, "start_after_shutdown", () -> {
            SyncManager m = new SyncManager();
            m.start();
            m.shutdown();
            m.start();
        });
        assertRaises(ProcessError.class, T, "enter_after_shutdown", () -> {
            SyncManager m = new SyncManager();
            m.start();
            m.shutdown();
            try (SyncManager entered = m.enter()) {
                Py.print("unreachable");
            }
        });
        assertRaises(ProcessError.class, T, "get_server_started", () -> {
            try (SyncManager m = Multiprocessing.Manager()) {
                m.getServer();
            }
        });
        SyncManager m = Multiprocessing.Manager();
        m.shutdown();
        m.shutdown();
        assertEquals(BaseManager.SHUTDOWN, m.state.value);
        assertEquals(List.of(), Multiprocessing.activeChildren());
    }

    @Test
    void authentication() {
        assertRaises(AuthenticationError.class, T, "wrong_authkey", () -> {
            try (SyncManager m = new SyncManager(null, "right".getBytes()).enter()) {
                new SyncManager(m.address(), "wrong".getBytes()).connect();
            }
        });
        assertPrints(T, "connect_and_share", () -> {
            try (SyncManager m = new SyncManager(Tuple.of("127.0.0.1", 0), "k".getBytes()).enter()) {
                DictProxy<String, Integer> d = m.dict(Map.of("a", 1));
                SyncManager other = new SyncManager(m.address(), "k".getBytes());
                other.connect();
                Tuple address = (Tuple) m.address();
                Py.print(Py.typeName(address), address.get(0), d, other.dict(Map.of("b", 2)));
            }
        });
    }

    @Test
    void textsWithoutServer() {
        assertPrints(T, "remote_error_str", () -> {
            RemoteError e = new RemoteError("tb\n");
            Py.print(Py.repr(Py.str(e)), Py.repr(e));
        });
        assertPrints(T, "token_repr", () -> Py.print(new Token("dict", "/tmp/x", "7f")));
        assertPrints(T, "manager_repr", () -> {
            SyncManager m = new SyncManager();
            Py.print(m.toString().split(" object at")[0], m.address());
        });
    }
}
