package dev.pyconcurrent.kernel;

import com.google.gson.JsonObject;
import dev.pyconcurrent.kernel.wire.Channel;
import dev.pyconcurrent.kernel.wire.ConnectionInfo;
import dev.pyconcurrent.kernel.wire.Message;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The kernel's ZeroMQ side alone: a DEALER as the front end, no kernel behind the sockets. */
class SocketsTest {
    @Test
    void aBatchEndedOnAnInterruptedThreadSendsItsMessagesAndKeepsTheInterrupt() throws Exception {
        Sockets sockets = new Sockets(new ConnectionInfo("tcp", "127.0.0.1", 0, 0, 0, 0, 0, "hmac-sha256", "secret"),
                new PrintStream(OutputStream.nullOutputStream()));
        ConnectionInfo bound = sockets.bind();
        CompletableFuture<Message> request = new CompletableFuture<>();
        java.lang.Thread io = new java.lang.Thread(() -> sockets.loop((socket, m) -> request.complete(m)), "io");
        io.start();
        Channel codec = new Channel("hmac-sha256", "secret");
        try (ZContext zmq = new ZContext(1)) {
            ZMQ.Socket dealer = zmq.createSocket(SocketType.DEALER);
            dealer.setReceiveTimeOut(30_000);
            dealer.connect(bound.address(bound.shellPort()));
            codec.send(dealer, Message.create("kernel_info_request", "session", "test", new JsonObject()));
            Message m = request.get(30, TimeUnit.SECONDS);
            // a cell's thread may end its answer with an interrupt meant for its code still set
            java.lang.Thread.currentThread().interrupt();
            sockets.batch(() -> sockets.send(Sockets.SHELL, Message.reply(m, "kernel_info_reply", new JsonObject())));
            assertTrue(java.lang.Thread.interrupted(), "the interrupt is kept for the thread's own code");
            assertEquals("kernel_info_reply", codec.receive(dealer).msgType(), "the answer left");
        } finally {
            java.lang.Thread.interrupted();
            sockets.stop();
            io.join(30_000);
            sockets.close();
        }
    }
}
