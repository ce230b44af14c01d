package dev.pyconcurrent.multiprocessing.managers;

import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.TypeError;
import dev.pyconcurrent.multiprocessing.dummy.Array;
import dev.pyconcurrent.multiprocessing.dummy.Namespace;
import dev.pyconcurrent.multiprocessing.pool.Pool;
import dev.pyconcurrent.queue.Queue;
import dev.pyconcurrent.threading.Barrier;
import dev.pyconcurrent.threading.BoundedSemaphore;
import dev.pyconcurrent.threading.Condition;
import dev.pyconcurrent.threading.Event;
import dev.pyconcurrent.threading.Lock;
import dev.pyconcurrent.threading.RLock;
import dev.pyconcurrent.threading.Semaphore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code multiprocessing.managers.SyncManager}: a manager with the types CPython registers,
 * under their Python names: {@link #list()}, {@link #dict()}, {@link #Namespace()},
 * {@link #Value}, {@link #Array}, {@link #Queue()}, {@link #JoinableQueue()}, {@link #Lock()},
 * {@link #RLock()}, {@link #Semaphore()}, {@link #BoundedSemaphore()}, {@link #Condition()},
 * {@link #Event()}, {@link #Barrier}, {@link #Pool()}. The objects are those of
 * {@code threading}, {@code queue} and {@code multiprocessing.pool} living in the server
 * process; {@code multiprocessing.Manager()} returns a started one.
 */
public class SyncManager extends BaseManager {
    private static final Map<String, Registration> BUILTINS = new LinkedHashMap<>();

    static {
        for (String typeid : List.of("Queue", "JoinableQueue", "Event", "Lock", "RLock", "Semaphore", "BoundedSemaphore",
                "Condition", "Barrier", "Pool", "list", "dict", "Value", "Array", "Namespace")) {
            BUILTINS.put(typeid, new Registration(new Builtin(typeid), null, null, proxytype(typeid), true));
        }
        BUILTINS.put("Pool", new Registration(new Builtin("Pool"), null, Map.of("applyAsync", "AsyncResult", "mapAsync",
                "AsyncResult", "starmapAsync", "AsyncResult", "imap", "Iterator", "imapUnordered", "Iterator"), PoolProxy.class, true));
        // types returned by methods of PoolProxy
        BUILTINS.put("Iterator", new Registration(null, null, null, IteratorProxy.class, false));
        BUILTINS.put("AsyncResult", new Registration(null, null, null, AsyncResultProxy.class, false));
    }

    private static Class<?> proxytype(String typeid) {
        return switch (typeid) {
            case "Queue", "JoinableQueue" -> QueueProxy.class;
            case "Event" -> EventProxy.class;
            case "Condition" -> ConditionProxy.class;
            case "Barrier" -> BarrierProxy.class;
            case "list" -> ListProxy.class;
            case "dict" -> DictProxy.class;
            case "Value" -> ValueProxy.class;
            case "Array" -> ArrayProxy.class;
            case "Namespace" -> NamespaceProxy.class;
            case "Pool" -> PoolProxy.class;
            default -> AcquirerProxy.class;
        };
    }

    /**
     * The constructors of the built-in types, one class rather than a lambda each (a fresh
     * server JVM would spin a class per lambda at start).
     */
    private record Builtin(String typeid) implements Registration.Factory {
        @Override
        public Object create(Object[] a) {
            return switch (typeid) {
                case "Queue", "JoinableQueue" -> a.length == 0 ? new Queue<>() : new Queue<>(intArg(a[0]));
                case "Event" -> new Event();
                case "Lock" -> new Lock();
                case "RLock" -> new RLock();
                case "Semaphore" -> a.length == 0 ? new Semaphore() : new Semaphore(intArg(a[0]));
                case "BoundedSemaphore" -> a.length == 0 ? new BoundedSemaphore() : new BoundedSemaphore(intArg(a[0]));
                case "Condition" -> new Condition();
                case "Barrier" -> a.length == 1 ? new Barrier(intArg(a[0])) : new Barrier(intArg(a[0]), ((Number) a[1]).doubleValue());
                case "Pool" -> a.length == 0 ? new Pool() : new Pool(intArg(a[0]));
                case "list" -> a.length == 0 ? new ArrayList<>() : new ArrayList<>((Collection<?>) a[0]);
                case "dict" -> a.length == 0 ? new LinkedHashMap<>() : new LinkedHashMap<>((Map<?, ?>) a[0]);
                case "Value" -> new Value<>((String) a[0], a[1]);
                case "Array" -> new Array((String) a[0], (Iterable<?>) a[1]);
                default -> a.length == 0 ? new Namespace() : new Namespace(namespaceArgs(a[0]));
            };
        }
    }

    static Map<String, Registration> builtins() {
        return BUILTINS;
    }

    /** Whether {@code r} is one of the registrations above (the server has them without being sent them). */
    static boolean isBuiltin(Registration r) {
        return BUILTINS.values().stream().anyMatch(b -> b == r);
    }

    private static int intArg(Object o) {
        if (!(o instanceof Integer || o instanceof Long)) throw new TypeError("'" + Py.typeName(o) + "' object cannot be interpreted as an integer");
        return ((Number) o).intValue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> namespaceArgs(Object o) {
        return (Map<String, ?>) o;
    }

    /** {@code SyncManager()}: unstarted, on a fresh Unix socket, with the current process's authkey. */
    public SyncManager() {
        super();
    }

    /** {@code SyncManager(address, authkey)}. */
    public SyncManager(Object address, byte[] authkey) {
        super(address, authkey);
    }

    /** {@code SyncManager(address=…, authkey=…, ctx=…, shutdown_timeout=…)}. */
    public SyncManager(Options options) {
        super(options);
    }

    @Override
    synchronized Map<String, Registration> registry() {
        Map<String, Registration> all = new LinkedHashMap<>(BUILTINS);
        all.putAll(super.registry());
        return all;
    }

    // ------------------------------------------------------------------ the registered types

    /** {@code list()}. */
    public <E> ListProxy<E> list() {
        return create("list");
    }

    /** {@code list(sequence)}. */
    public <E> ListProxy<E> list(Collection<? extends E> items) {
        return create("list", new ArrayList<>(items));
    }

    /** {@code dict()}. */
    public <K, V> DictProxy<K, V> dict() {
        return create("dict");
    }

    /** {@code dict(mapping)}. */
    public <K, V> DictProxy<K, V> dict(Map<? extends K, ? extends V> items) {
        return create("dict", new LinkedHashMap<>(items));
    }

    /** {@code Namespace()}. */
    public NamespaceProxy Namespace() {
        return create("Namespace");
    }

    /** {@code Namespace(**kwds)}. */
    public NamespaceProxy Namespace(Map<String, ?> kwds) {
        return create("Namespace", new LinkedHashMap<>(kwds));
    }

    /** {@code Value(typecode, value)}: a plain holder in the server (no shared memory). */
    public <T> ValueProxy<T> Value(String typecode, T value) {
        return create("Value", typecode, value);
    }

    /** {@code Array(typecode, sequence)}: an {@code array.array} in the server. */
    public ArrayProxy Array(String typecode, Iterable<?> sequence) {
        List<Object> items = new ArrayList<>();
        sequence.forEach(items::add);
        return create("Array", typecode, items);
    }

    /** {@code Queue()}: a {@code queue.Queue} in the server. */
    public <E> QueueProxy<E> Queue() {
        return create("Queue");
    }

    /** {@code Queue(maxsize)}. */
    public <E> QueueProxy<E> Queue(int maxsize) {
        return create("Queue", maxsize);
    }

    /** {@code JoinableQueue()}: also a {@code queue.Queue} (task_done/join), as in CPython. */
    public <E> QueueProxy<E> JoinableQueue() {
        return create("JoinableQueue");
    }

    /** {@code JoinableQueue(maxsize)}. */
    public <E> QueueProxy<E> JoinableQueue(int maxsize) {
        return create("JoinableQueue", maxsize);
    }

    /** {@code Lock()}: a {@code threading.Lock} in the server. */
    public AcquirerProxy Lock() {
        return create("Lock");
    }

    /** {@code RLock()}. */
    public AcquirerProxy RLock() {
        return create("RLock");
    }

    /** {@code Semaphore()}. */
    public AcquirerProxy Semaphore() {
        return create("Semaphore");
    }

    /** {@code Semaphore(value)}. */
    public AcquirerProxy Semaphore(int value) {
        return create("Semaphore", value);
    }

    /** {@code BoundedSemaphore()}. */
    public AcquirerProxy BoundedSemaphore() {
        return create("BoundedSemaphore");
    }

    /** {@code BoundedSemaphore(value)}. */
    public AcquirerProxy BoundedSemaphore(int value) {
        return create("BoundedSemaphore", value);
    }

    /** {@code Condition()}: over a new RLock in the server. */
    public ConditionProxy Condition() {
        return create("Condition");
    }

    /** {@code Event()}. */
    public EventProxy Event() {
        return create("Event");
    }

    /** {@code Barrier(parties)}. */
    public BarrierProxy Barrier(int parties) {
        return create("Barrier", parties);
    }

    /** {@code Barrier(parties, timeout=t)}. */
    public BarrierProxy Barrier(int parties, double timeout) {
        return create("Barrier", parties, timeout);
    }

    /** {@code Pool()}: a process pool run by the server process. */
    public PoolProxy Pool() {
        return create("Pool");
    }

    /** {@code Pool(processes)}. */
    public PoolProxy Pool(int processes) {
        return create("Pool", processes);
    }
}
