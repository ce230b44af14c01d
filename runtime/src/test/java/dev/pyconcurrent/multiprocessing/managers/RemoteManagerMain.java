package dev.pyconcurrent.multiprocessing.managers;

import dev.pyconcurrent.builtins.Tuple;
import dev.pyconcurrent.multiprocessing.testing.ChildJvm;
import dev.pyconcurrent.queue.Queue;
import java.nio.charset.StandardCharsets;

/**
 * The serving side of {@code ManagerProcessesTest.remoteManager}, a JVM of its own (not a
 * multiprocessing child): as the Python docs' remote manager, a queue served on
 * {@code ('127.0.0.1', port)} with the authkey of argv[0]. Prints the port, serves until a line
 * arrives on stdin.
 */
public final class RemoteManagerMain {
    private RemoteManagerMain() {}

    public static void main(String[] args) {
        Queue<Object> queue = new Queue<>();
        BaseManager m = new BaseManager(Tuple.of("127.0.0.1", 0), args[0].getBytes(StandardCharsets.UTF_8));
        m.register("get_queue", () -> queue);
        Server server = m.getServer();
        System.out.println(((Tuple) server.address()).get(1));
        Thread stop = new Thread(() -> {
            ChildJvm.readLine();
            System.exit(0);
        });
        stop.setDaemon(true);
        stop.start();
        server.serveForever();
    }
}
