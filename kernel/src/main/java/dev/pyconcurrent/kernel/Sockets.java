package dev.pyconcurrent.kernel;

import com.google.gson.JsonObject;
import dev.pyconcurrent.kernel.wire.Channel;
import dev.pyconcurrent.kernel.wire.ConnectionInfo;
import dev.pyconcurrent.kernel.wire.Message;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.io.PrintStream;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The kernel's ZeroMQ side. One I/O thread ({@link #loop}) waits on the shell, control and stdin
 * ROUTER sockets, decodes requests and hands them to the {@link Handler}; replies and published
 * messages from any thread are queued in an outbox, which the I/O thread drains (another thread
 * wakes it through an inproc socket), or which the thread that ends a {@link #batch} (a cell's
 * answer) drains itself, so the answer leaves without waking the I/O thread. The heartbeat has
 * its own thread and REP socket. Nothing here runs user code, so every channel answers while a
 * cell hangs.
 *
 * <p>Invariant: the four sockets (jeromq's are not thread-safe) are used only with
 * {@link #socketsLock} held, which the I/O thread lets go while it waits on their file
 * descriptors. A socket's descriptor only tells that its commands changed (ZeroMQ's ZMQ_FD), so
 * whoever used the sockets checks their events before the I/O thread waits again: the I/O thread
 * takes every message waiting, and a batch's thread wakes it if a request came in meanwhile.
 */
final class Sockets implements Publisher {
    static final int SHELL = 0, CONTROL = 1, STDIN = 2, IOPUB = 3;
    /** How many signatures replay protection remembers (ipykernel's digest_history_size). */
    static final int DIGEST_HISTORY = 1 << 16;

    /** Handles one decoded request on the I/O thread; it must not block. */
    interface Handler {
        void handle(int socket, Message m);
    }

    /** A message on its way out: its frames if the thread that made it encoded it (in a {@link #batch}), else null. */
    private record Out(int socket, Message message, byte[][] frames) {}

    private final ConnectionInfo info;
    private final Channel codec;
    private final PrintStream log;
    private final ZContext zmq = new ZContext(1);
    private final ZMQ.Socket[] sockets = new ZMQ.Socket[4];
    private ZMQ.Socket hb;
    private ZMQ.Socket wakeOut;
    private ZMQ.Socket wakeIn;
    private final ConcurrentLinkedQueue<Out> outbox = new ConcurrentLinkedQueue<>();
    /**
     * Messages queued and not yet sent: only the one that finds none pending wakes the I/O thread
     * (messages queued together then cost one wake-up, not one each; whoever drains the outbox
     * drains it until empty).
     */
    private final AtomicInteger unsent = new AtomicInteger();
    /** How deep the calling thread is in {@link #batch}es (its messages then leave at the end, sent by it). */
    private final ThreadLocal<int[]> batchDepth = ThreadLocal.withInitial(() -> new int[1]);
    private final ConcurrentLinkedQueue<Runnable> ioTasks = new ConcurrentLinkedQueue<>();
    /** Held while a thread uses the shell, control, stdin or iopub socket (see the invariant above). */
    private final java.util.concurrent.locks.ReentrantLock socketsLock = new java.util.concurrent.locks.ReentrantLock();
    /** The sockets the I/O thread receives from, in the order it handles what they bring. */
    private static final int[] POLLED = {CONTROL, SHELL, STDIN};
    private final String session = UUID.randomUUID().toString();
    private volatile CompletableFuture<String> pendingInput;
    private volatile boolean stopping;
    private volatile java.lang.Thread ioThread;
    private volatile java.lang.Thread heartbeat;

    Sockets(ConnectionInfo info, PrintStream log) {
        this.info = info;
        this.codec = new Channel(info.signatureScheme(), info.key())
                .rejectingReplays(DIGEST_HISTORY).parsingContentUpTo(Kernel.MAX_REQUEST_BYTES);
        this.log = log;
    }

    /** Binds the sockets (a port of 0 = any free port) and returns the connection info with the bound ports. */
    ConnectionInfo bind() {
        int[] ports = new int[5];
        int[] wanted = {info.shellPort(), info.controlPort(), info.stdinPort(), info.iopubPort(), info.hbPort()};
        SocketType[] types = {SocketType.ROUTER, SocketType.ROUTER, SocketType.ROUTER, SocketType.PUB};
        for (int i = 0; i < 4; i++) {
            sockets[i] = zmq.createSocket(types[i]);
            sockets[i].setLinger(1000);
            ports[i] = bindOne(sockets[i], wanted[i]);
        }
        sockets[IOPUB].setSndHWM(100_000);
        hb = zmq.createSocket(SocketType.REP);
        // the heartbeat's thread looks at `stopping` this often, so it ends before the context closes
        hb.setReceiveTimeOut(500);
        ports[4] = bindOne(hb, wanted[4]);
        String wake = "inproc://pyconcurrent-wake-" + UUID.randomUUID();
        wakeIn = zmq.createSocket(SocketType.PULL);
        wakeIn.bind(wake);
        wakeOut = zmq.createSocket(SocketType.PUSH);
        wakeOut.connect(wake);
        return info.withPorts(ports[0], ports[3], ports[2], ports[1], ports[4]);
    }

    private int bindOne(ZMQ.Socket s, int port) {
        if (port == 0) return s.bindToRandomPort(info.transport() + "://" + info.ip());
        s.bind(info.address(port));
        return port;
    }

    /** A message's frames as received, and its socket. */
    private record In(int socket, List<byte[]> frames) {}

    /** Runs the I/O loop on the calling thread until {@link #stop}; starts the heartbeat. */
    void loop(Handler handler) {
        ioThread = java.lang.Thread.currentThread();
        heartbeat = Kernel.daemon(this::heartbeat, "pyconcurrent-heartbeat");
        heartbeat.start();
        try (java.nio.channels.Selector selector = java.nio.channels.Selector.open()) {
            for (int i : POLLED) sockets[i].getFD().register(selector, java.nio.channels.SelectionKey.OP_READ);
            wakeIn.getFD().register(selector, java.nio.channels.SelectionKey.OP_READ);
            while (!stopping) {
                try {
                    while (wakeIn.recv(ZMQ.DONTWAIT) != null) { /* drain */ }
                    List<In> in = take();
                    for (In m : in) handle(m, handler);
                    if (!ioTasks.isEmpty()) {
                        // a task sees every request already waiting on the shell socket (stop_on_error)
                        for (In m : take()) handle(m, handler);
                        Runnable task;
                        while ((task = ioTasks.poll()) != null) task.run();
                    } else if (in.isEmpty() && (wakeIn.getEvents() & ZMQ.Poller.POLLIN) == 0) {
                        selector.select(1000);
                        selector.selectedKeys().clear();
                    }
                } catch (VirtualMachineError e) {
                    // e.g. OutOfMemoryError caused by a cell: the cell's garbage goes, the kernel stays
                    log.println("pyconcurrent kernel: I/O loop survived " + e);
                }
            }
        } catch (java.io.IOException e) {
            log.println("pyconcurrent kernel: I/O loop ended: " + e);
        }
        flush();
    }

    /** Sends what is queued, then takes every message waiting on the polled sockets (their frames). */
    private List<In> take() {
        List<In> in = new java.util.ArrayList<>();
        socketsLock.lock();
        try {
            drainOutbox();
            for (int i : POLLED) {
                for (byte[] first; (first = sockets[i].recv(ZMQ.DONTWAIT)) != null; ) {
                    List<byte[]> frames = new java.util.ArrayList<>();
                    frames.add(first);
                    while (sockets[i].hasReceiveMore()) frames.add(sockets[i].recv());
                    in.add(new In(i, frames));
                }
            }
        } finally {
            socketsLock.unlock();
        }
        return in;
    }

    /** Decodes and handles one message (outside the sockets' lock: a handler may queue replies). */
    private void handle(In in, Handler handler) {
        Message m;
        try {
            m = codec.decode(in.frames);
        } catch (Channel.BadMessage e) {
            log.println("pyconcurrent kernel: dropped a message on " + channelName(in.socket) + ": " + e.getMessage());
            return;
        }
        try {
            if (in.socket == STDIN) onStdin(m);
            else handler.handle(in.socket, m);
        } catch (RuntimeException | Error e) {
            log.println("pyconcurrent kernel: error handling " + m.msgType() + ": " + e);
            e.printStackTrace(log);
        }
    }

    /**
     * Sends what is queued on the calling thread; if a request came in meanwhile (the sends may
     * have taken the command that tells of it from a socket's descriptor), wakes the I/O thread.
     */
    private void flush() {
        uninterrupted(() -> {
            CellTrace.markInCell(CellTrace.Stage.FLUSHING);
            socketsLock.lock();
            try {
                CellTrace.markInCell(CellTrace.Stage.FLUSH_LOCKED);
                drainOutbox();
                for (int i : POLLED) {
                    if ((sockets[i].getEvents() & ZMQ.Poller.POLLIN) != 0) {
                        wake();
                        return;
                    }
                }
            } finally {
                socketsLock.unlock();
            }
        });
    }

    /**
     * Runs {@code r} with the calling thread's interrupt status cleared, then sets it again: jeromq
     * refuses a send on an interrupted thread (EINTR, the message lost, the status cleared), and
     * a cell's thread may carry an interrupt meant for its own code.
     */
    private static void uninterrupted(Runnable r) {
        boolean interrupted = java.lang.Thread.interrupted();
        try {
            r.run();
        } finally {
            if (interrupted) java.lang.Thread.currentThread().interrupt();
        }
    }

    /** Runs {@code task} on the I/O thread once every request waiting on the shell socket has been taken. */
    void onIoThread(Runnable task) {
        ioTasks.add(task);
        wake();
    }

    static String channelName(int socket) {
        return switch (socket) {
            case SHELL -> "shell";
            case CONTROL -> "control";
            case STDIN -> "stdin";
            default -> "iopub";
        };
    }

    private void drainOutbox() {
        Out o;
        while ((o = outbox.poll()) != null) {
            unsent.decrementAndGet();
            try {
                Channel.send(sockets[o.socket], o.frames != null ? o.frames : codec.encode(o.message));
                if (CellTrace.ON) traceSent(o.message);
            } catch (RuntimeException e) {
                log.println("pyconcurrent kernel: cannot send " + o.message.msgType() + ": " + e);
            }
        }
    }

    private void traceSent(Message m) {
        CellTrace.sent(m.parentMsgId(), m.msgType(), m.msgType().equals("status") && "idle".equals(Message.str(m.content, "execution_state", "")), log);
    }

    /** Queues a message for {@code socket}; callable from any thread. */
    void send(int socket, Message m) {
        boolean batched = batchDepth.get()[0] > 0;
        // a batch's messages are encoded here, and sent by this thread at the batch's end; others
        // by the I/O thread, so the thread that made them goes on at once (a stream's output)
        outbox.add(new Out(socket, m, batched ? codec.encode(m) : null));
        // (counted after adding: the I/O thread may take it first; the count then returns to 0
        // without a wake-up, and the next message finds 0 and wakes it)
        if (unsent.getAndIncrement() == 0 && java.lang.Thread.currentThread() != ioThread && !batched) wake();
    }

    /**
     * Runs {@code r}, whose messages leave when it ends, sent by the calling thread itself (a
     * cell's result, reply and idle status: waking the I/O thread for them cost a scheduling
     * delay, 0.2–0.5 ms p50 and 4 ms p90 on two busy cores). Until then they wait, and so may
     * other threads' messages queued meanwhile, which leave with them.
     */
    void batch(Runnable r) {
        int[] depth = batchDepth.get();
        depth[0]++;
        try {
            r.run();
        } finally {
            if (--depth[0] == 0 && java.lang.Thread.currentThread() != ioThread && !outbox.isEmpty()) flush();
        }
    }

    private void wake() {
        uninterrupted(() -> {
            synchronized (wakeOut) {
                wakeOut.send(new byte[] {1}, ZMQ.DONTWAIT);
            }
        });
    }

    private void heartbeat() {
        while (!stopping) {
            try {
                byte[] ping = hb.recv();
                if (ping == null) continue;
                hb.send(ping);
            } catch (VirtualMachineError e) {
                log.println("pyconcurrent kernel: heartbeat survived " + e);
            } catch (RuntimeException e) {
                if (!stopping) log.println("pyconcurrent kernel: heartbeat: " + e);
                return;
            }
        }
    }

    @Override
    public void publish(JsonObject parentHeader, String msgType, JsonObject content) {
        send(IOPUB, Message.publish(parentHeader, session, msgType, content));
    }

    private void onStdin(Message m) {
        if (!m.msgType().equals("input_reply")) {
            log.println("pyconcurrent kernel: unexpected " + m.msgType() + " on stdin");
            return;
        }
        CompletableFuture<String> f = pendingInput;
        if (f != null) f.complete(Message.str(m.content, "value", ""));
    }

    @Override
    public String requestInput(List<byte[]> identities, JsonObject parentHeader, String prompt, boolean password)
            throws InterruptedException {
        CompletableFuture<String> f = new CompletableFuture<>();
        pendingInput = f;
        JsonObject c = new JsonObject();
        c.addProperty("prompt", prompt);
        c.addProperty("password", password);
        Message req = Message.publish(parentHeader, session, "input_request", c);
        send(STDIN, new Message(identities, req.header, parentHeader, null, c, null));
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof InterruptedException ie) throw ie;   // the cell was interrupted
            return null;
        } finally {
            pendingInput = null;
        }
    }

    @Override
    public void cancelInput() {
        CompletableFuture<String> f = pendingInput;
        if (f != null) f.completeExceptionally(new InterruptedException());
    }

    /** Ends the I/O loop after it has sent what is queued. */
    void stop() {
        stopping = true;
    }

    /**
     * Closes every socket once the heartbeat's thread has ended (waited for up to 5 s); call after
     * {@link #loop} returned. No thread may be inside a socket while the context closes: jeromq
     * then waits for that socket for ever. The caller exits the JVM.
     */
    void close() {
        stopping = true;
        java.lang.Thread hb = heartbeat;
        if (hb != null) {
            try {
                hb.join(5_000);
            } catch (InterruptedException e) {
                java.lang.Thread.currentThread().interrupt();
            }
        }
        try {
            zmq.close();
        } catch (RuntimeException ignored) {
        }
    }
}
