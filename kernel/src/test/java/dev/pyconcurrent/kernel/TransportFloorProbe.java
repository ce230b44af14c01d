package dev.pyconcurrent.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.pyconcurrent.kernel.client.ExecuteResult;
import dev.pyconcurrent.kernel.client.KernelClient;
import dev.pyconcurrent.kernel.client.KernelCommand;
import dev.pyconcurrent.kernel.wire.Channel;
import dev.pyconcurrent.kernel.wire.ConnectionInfo;
import dev.pyconcurrent.kernel.wire.Message;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The floor under a cell's overhead (a diagnostic, not a test): empty cells back to back through
 * the Java client, against the kernel or against a <em>null kernel</em> that evaluates nothing and
 * answers each request (busy, input, reply, idle) on the thread that received it, in a JVM with the
 * kernel's options. What the null kernel takes is what this transport and client cost with no
 * kernel work at all. {@code -Dpre=N} first runs N empty cells against another kernel of the same
 * kind, so the client's JIT compiler has done its work before the measured cells.
 * Run: {@code java [-Dpre=2000] [-Dcells=250] -cp kernel/target/test-classes:kernel/target/pyconcurrent-kernel.jar
 * dev.pyconcurrent.kernel.TransportFloorProbe kernel.jar null|kernel}; prints the p10/p50/p90 of
 * the last 200 cells.
 */
public final class TransportFloorProbe {
    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--null-kernel")) {
            serveNull(Path.of(args[1]));
            return;
        }
        KernelClient.Options o = KernelClient.options().jar(Path.of(args[0]));
        if (args[1].equals("null")) {
            List<String> cmd = new ArrayList<>(KernelCommand.ofClassPath(System.getProperty("java.class.path"), KernelCommand.JVM_FLAGS).toList());
            int main = cmd.indexOf(KernelCommand.MAIN_CLASS);
            cmd.set(main, TransportFloorProbe.class.getName());
            cmd.add(main + 1, "--null-kernel");
            o.command(cmd);
        }
        int pre = Integer.getInteger("pre", 0), cells = Integer.getInteger("cells", 250);
        if (pre > 0) emptyCells(o, pre);
        long[] last = Arrays.copyOfRange(emptyCells(o, cells), cells - 200, cells);
        Arrays.sort(last);
        System.out.printf("%s, %d cells before on another kernel: empty cells %d–%d back to back, p10 %d µs, p50 %d µs, p90 %d µs%n",
                args[1], pre, cells - 199, cells, last[20] / 1000, last[100] / 1000, last[180] / 1000);
    }

    /** The round trips of {@code n} empty cells on a kernel started with {@code o}, after one cell. */
    private static long[] emptyCells(KernelClient.Options o, int n) {
        long[] times = new long[n];
        try (KernelClient k = KernelClient.start(o)) {
            k.execute("", Duration.ofSeconds(60));
            for (int i = 0; i < n; i++) {
                long s = System.nanoTime();
                ExecuteResult r = k.execute("", Duration.ofSeconds(30));
                times[i] = System.nanoTime() - s;
                if (!r.ok()) throw new AssertionError(r);
            }
        }
        return times;
    }

    /** The null kernel: binds as the kernel does (the ready line for the client), answers until shutdown_request. */
    private static void serveNull(Path connectionFile) throws Exception {
        ConnectionInfo info = ConnectionInfo.read(connectionFile);
        Channel codec = new Channel(info.signatureScheme(), info.key());
        try (ZContext zmq = new ZContext(1)) {
            String at = info.transport() + "://" + info.ip();
            ZMQ.Socket shell = zmq.createSocket(SocketType.ROUTER), control = zmq.createSocket(SocketType.ROUTER),
                    stdin = zmq.createSocket(SocketType.ROUTER), iopub = zmq.createSocket(SocketType.PUB), hb = zmq.createSocket(SocketType.REP);
            System.out.println(KernelCommand.readyLine(info.withPorts(shell.bindToRandomPort(at), iopub.bindToRandomPort(at),
                    stdin.bindToRandomPort(at), control.bindToRandomPort(at), hb.bindToRandomPort(at))));
            System.out.flush();
            int count = 0;
            try (ZMQ.Poller poller = zmq.createPoller(2)) {
                poller.register(shell, ZMQ.Poller.POLLIN);
                poller.register(control, ZMQ.Poller.POLLIN);
                while (true) {
                    poller.poll(1000);
                    for (ZMQ.Socket s : new ZMQ.Socket[] {shell, control}) {
                        for (Message m; (m = codec.receiveNow(s)) != null; ) {
                            codec.send(iopub, Message.publish(m.header, "null", "status", Replies.status("busy")));
                            JsonObject r = new JsonObject();
                            r.addProperty("status", "ok");
                            switch (m.msgType()) {
                                case "execute_request" -> {
                                    JsonObject in = new JsonObject();
                                    in.addProperty("code", Message.str(m.content, "code", ""));
                                    in.addProperty("execution_count", ++count);
                                    codec.send(iopub, Message.publish(m.header, "null", "execute_input", in));
                                    r.addProperty("execution_count", count);
                                    r.add("user_expressions", new JsonObject());
                                    r.add("payload", new JsonArray());
                                    codec.send(s, Message.reply(m, "execute_reply", r));
                                }
                                case "kernel_info_request" -> {
                                    r.addProperty("protocol_version", Message.PROTOCOL_VERSION);
                                    codec.send(s, Message.reply(m, "kernel_info_reply", r));
                                }
                                case "shutdown_request" -> {
                                    codec.send(s, Message.reply(m, "shutdown_reply", r));
                                    return;
                                }
                                default -> { }
                            }
                            codec.send(iopub, Message.publish(m.header, "null", "status", Replies.status("idle")));
                        }
                    }
                }
            }
        }
    }
}
