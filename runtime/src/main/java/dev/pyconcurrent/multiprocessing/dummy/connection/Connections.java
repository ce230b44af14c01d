package dev.pyconcurrent.multiprocessing.dummy.connection;

import dev.pyconcurrent.builtins.Tuple;
import dev.pyconcurrent.queue.Queue;

/**
 * The module-level functions of {@code multiprocessing.dummy.connection} (the class
 * {@link Connection} taking the module's name, as in {@code multiprocessing.connection}):
 * {@code Client} and {@code Pipe}.
 */
public final class Connections {
    private Connections() {}

    /** {@code Client(address)}: connects to the {@link Listener} whose {@code address} this is. */
    public static Connection Client(Queue<Tuple> address) {
        Channel in = new Channel();
        Channel out = new Channel();
        address.put(Tuple.of(out, in));
        return new Connection(in, out);
    }

    /** {@code Pipe()}: two connected ends. */
    public static Connection[] Pipe() {
        Channel a = new Channel();
        Channel b = new Channel();
        return new Connection[] {new Connection(a, b), new Connection(b, a)};
    }

    /** {@code Pipe(duplex)}: both ends can send either way whatever {@code duplex} says, as in CPython's dummy. */
    public static Connection[] Pipe(boolean duplex) {
        return Pipe();
    }
}
