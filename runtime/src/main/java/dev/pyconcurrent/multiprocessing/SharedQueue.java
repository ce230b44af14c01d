package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.Tuple;
import dev.pyconcurrent.multiprocessing.connection.Connection;
import dev.pyconcurrent.multiprocessing.connection.Hub;
import dev.pyconcurrent.multiprocessing.connection.Wire;
import java.io.Serializable;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What {@link Queue}, {@link SimpleQueue} and {@link JoinableQueue} share: a queue owned by the
 * JVM that made it and reached from the others through its {@link Hub}.
 *
 * <p>CPython's queues are an OS pipe that every process inherits; the JDK can pass no
 * descriptor, so here the items live in the owner ({@code queue.Queue} of serialized items: a
 * {@code get} returns a copy, as in CPython) and a queue sent to another process arrives as a
 * proxy holding the owner's address. A proxy's {@code put} on an unbounded queue is one message
 * on its own socket, not answered (CPython's feeder thread: the item shows up shortly after, in
 * order); its gets read items the owner streams ahead on a third socket ({@link Feed}: recalled
 * when another consumer would wait for them). Every other operation is a request answered by the
 * owner on a second socket. Items are serialized in the caller ({@link Wire}), so an
 * unserializable item fails at {@code put()}.
 */
abstract class SharedQueue<E> implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Map<Long, SharedQueue<?>> OWNED = new ConcurrentHashMap<>();

    static {
        Hub.register("queue", SharedQueue::serve);
        Hub.register("queue-feed", SharedQueue::serveFeed);
    }

    private final int maxsize;
    /** The items, in the owner; null in a proxy. */
    private final transient Items items;
    /** The feeds streaming this queue's items to other processes, in the owner. */
    private final transient Set<FeedServer> feeds;
    /** The owner's hub and this queue's id there, for proxies. */
    private volatile String owner;
    private volatile long id;
    private transient volatile Connection requests;
    private transient volatile Connection puts;
    private transient Feed feed;
    transient volatile boolean closed;

    SharedQueue(int maxsize) {
        this.maxsize = Math.max(maxsize, 0);
        this.items = new Items(this.maxsize);
        this.feeds = ConcurrentHashMap.newKeySet();
    }

    /** A proxy of the queue {@code id} owned by the JVM whose hub is {@code owner}. */
    SharedQueue(int maxsize, String owner, long id) {
        this.maxsize = maxsize;
        this.items = null;
        this.feeds = null;
        this.owner = owner;
        this.id = id;
    }

    // ------------------------------------------------------------------ operations

    void doPut(E item, boolean block, double timeout) {
        byte[] b = Wire.dumps(item);
        if (items != null) {
            if (timeout < 0) items.put(new Items.Item(b), block);
            else items.put(new Items.Item(b), block, timeout);
            wakeFeeds();
        } else if (maxsize == 0) {
            oneWay(Tuple.of("put", b));
        } else {
            call(Tuple.of("put", b, block, timeout));
        }
    }

    @SuppressWarnings("unchecked")
    E doGet(boolean block, double timeout) {
        byte[] b;
        if (items != null) b = getHere(block, timeout);
        else if (maxsize == 0) b = feed().take(block, timeout);
        else b = (byte[]) call(Tuple.of("get", block, timeout));
        return (E) Wire.loads(b);
    }

    /** A get in the owner: before waiting on an empty queue, the items streamed ahead to other processes come back. */
    private byte[] getHere(boolean block, double timeout) {
        if (block && !feeds.isEmpty() && items.empty()) recall(null);
        return (timeout < 0 ? items.get(block) : items.get(block, timeout)).bytes;
    }

    /** After a put: the feeds' senders wait for items outside the queue (see {@link FeedServer}). */
    private void wakeFeeds() {
        for (FeedServer f : feeds) f.wake();
    }

    private void recall(FeedServer except) {
        for (FeedServer f : feeds) {
            if (f != except) f.recall();
        }
    }

    int doQsize() {
        return items != null ? items.qsize() : buffered() + (Integer) call(Tuple.of("qsize"));
    }

    boolean doEmpty() {
        return items != null ? items.empty() : buffered() == 0 && (Boolean) call(Tuple.of("empty"));
    }

    /** Items streamed to this proxy and not got yet. */
    private synchronized int buffered() {
        return feed == null ? 0 : feed.buffered();
    }

    boolean doFull() {
        return items != null ? items.full() : (Boolean) call(Tuple.of("full"));
    }

    void doTaskDone() {
        if (items != null) items.taskDone();
        else call(Tuple.of("task_done"));
    }

    void doJoin() {
        if (items != null) items.join();
        else call(Tuple.of("join"));
    }

    /** Closes this object's sockets (a proxy's); the queue itself lives on in its owner. */
    void closeSockets() {
        for (Connection c : new Connection[] {requests, puts}) {
            if (c != null) c.close();
        }
        Feed f;
        synchronized (this) {
            f = feed;
        }
        if (f != null) f.close();
    }

    // ------------------------------------------------------------------ the proxy's side

    private synchronized Connection requests() {
        if (requests == null) requests = Hub.connect(owner, Tuple.of("queue", id));
        return requests;
    }

    private synchronized Feed feed() {
        if (feed == null) feed = new Feed(owner, id);
        return feed;
    }

    private void oneWay(Tuple message) {
        Connection c;
        synchronized (this) {
            if (puts == null) puts = Hub.connect(owner, Tuple.of("queue", id));
            c = puts;
        }
        synchronized (c) {
            c.send(message);
        }
    }

    /** A request and its answer: {@code ("ok", value)}, or the exception the owner raised, raised here. */
    private Object call(Tuple request) {
        Connection c = requests();
        Tuple answer;
        synchronized (c) {
            c.send(request);
            answer = (Tuple) c.recv();
        }
        if (answer.get(0).equals("ok")) return answer.get(1);
        throw (RuntimeException) Wire.loads((byte[]) answer.get(1));
    }

    // ------------------------------------------------------------------ the owner's side

    /** Serves one proxy's socket until it closes. */
    private static void serve(Connection c, Tuple request) {
        SharedQueue<?> q = OWNED.get(((Number) request.get(1)).longValue());
        if (q == null) {
            c.close();
            return;
        }
        try {
            while (true) {
                Tuple r = (Tuple) c.recv();
                String op = (String) r.get(0);
                if (op.equals("put") && r.size() == 2) {
                    q.items.put(new Items.Item((byte[]) r.get(1)));
                    q.wakeFeeds();
                    continue;
                }
                Object result;
                try {
                    result = q.answer(op, r);
                } catch (RuntimeException e) {
                    c.send(Tuple.of("err", Wire.dumps(e)));
                    continue;
                }
                c.send(Tuple.of("ok", result));
            }
        } catch (dev.pyconcurrent.builtins.EOFError | dev.pyconcurrent.builtins.OSError e) {
            c.close(); // the proxy's process closed or ended
        }
    }

    /** Streams the queue's items to a proxy's {@link Feed} until it stops or its process ends. */
    private static void serveFeed(Connection c, Tuple request) {
        SharedQueue<?> q = OWNED.get(((Number) request.get(1)).longValue());
        if (q == null) {
            c.close();
            return;
        }
        FeedServer f = new FeedServer(q.items, c, q::wakeFeeds);
        q.feeds.add(f);
        try {
            f.serve(() -> q.recall(f));
        } catch (dev.pyconcurrent.builtins.EOFError | dev.pyconcurrent.builtins.OSError e) {
            // the proxy's process ended
        } finally {
            q.feeds.remove(f);
            c.close();
        }
    }

    private Object answer(String op, Tuple r) {
        switch (op) {
            case "put": {
                double timeout = ((Number) r.get(3)).doubleValue();
                Items.Item item = new Items.Item((byte[]) r.get(1));
                if (timeout < 0) items.put(item, (Boolean) r.get(2));
                else items.put(item, (Boolean) r.get(2), timeout);
                wakeFeeds();
                return null;
            }
            case "get": return getHere((Boolean) r.get(1), ((Number) r.get(2)).doubleValue());
            case "qsize": return items.qsize();
            case "empty": return items.empty();
            case "full": return items.full();
            case "task_done":
                items.taskDone();
                return null;
            case "join":
                items.join();
                return null;
            default: throw new IllegalStateException("unknown queue request " + op);
        }
    }

    /** Serialized, the owner's queue becomes a proxy (registered with the hub on first use); a proxy stays one. Protected: a private writeReplace would not apply to subclasses. */
    protected final Object writeReplace() {
        if (items != null && owner == null) {
            synchronized (this) {
                if (owner == null) {
                    id = Hub.newId();
                    OWNED.put(id, this);
                    owner = Hub.get().address();
                }
            }
        }
        return new Ref(getClass().getName(), maxsize, owner, id);
    }

    /** A queue on its way to another process; back in the owner it resolves to the queue itself. */
    private record Ref(String type, int maxsize, String owner, long id) implements Serializable {
        private Object readResolve() {
            SharedQueue<?> mine = owner.equals(Hub.runningAddress()) ? OWNED.get(id) : null;
            if (mine != null) return mine;
            if (type.equals(SimpleQueue.class.getName())) return new SimpleQueue<>(maxsize, owner, id);
            if (type.equals(JoinableQueue.class.getName())) return new JoinableQueue<>(maxsize, owner, id);
            return new Queue<>(maxsize, owner, id);
        }
    }

    /** {@code <multiprocessing.queues.Queue object at 0x…>}. */
    @Override
    public String toString() {
        return "<multiprocessing.queues." + getClass().getSimpleName() + " object at " + Py.addressOf(this) + ">";
    }
}
