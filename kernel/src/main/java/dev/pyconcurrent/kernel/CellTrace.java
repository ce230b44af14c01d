package dev.pyconcurrent.kernel;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Where a main-shell cell's time goes, with {@code PYCONCURRENT_KERNEL_TRACE} set: each stage marks
 * its {@link System#nanoTime()} (on Linux the monotonic clock every process shares, so a client's
 * timestamps line up with these), and once the cell's {@code idle} status has been handed to
 * ZeroMQ the thread that handed it over logs one line: the request's arrival as an absolute time, then every
 * stage's time after it in microseconds. Off, a mark is one read of a final static field.
 *
 * <p>One cell at a time: a subshell's cell is not traced (its marks would mix with the main shell's);
 * of a request with {@code user_expressions}, the JShell stages are those of its last evaluation.
 */
final class CellTrace {
    static final boolean ON = System.getenv("PYCONCURRENT_KERNEL_TRACE") != null;

    /** The stages, in the order a cell passes them. */
    enum Stage {
        /** the request's frames decoded on the I/O thread (absolute) */
        RECEIVED,
        /** the cell's thread took it */
        DISPATCHED,
        /** busy and execute_input queued, the cell set up: its code about to run */
        THREAD,
        /** the session's lock held, completeness analysis next */
        LOCKED,
        /** the snippet's source split off ({@code analyzeCompletion}) */
        ANALYSED,
        /** the snippet's classes handed to the class loader (JShell compiled them) */
        LOAD,
        /** loaded (woven, written for children, defined) */
        LOADED,
        /** the snippet's code ended ({@code CellControl.invoke}) */
        INVOKED,
        /** {@code JShell.eval} returned */
        EVALUATED,
        /** the cell's thread set the outcome */
        FINISHED,
        /** the cell's clean-up done (output flushed) */
        CLEANED,
        /** the execute_reply queued */
        REPLIED,
        /** the idle status queued, the batch's thread about to take the sockets' lock */
        FLUSHING,
        /** that thread holds the sockets' lock, the batch's messages next */
        FLUSH_LOCKED,
        /** the execute_reply handed to ZeroMQ (by the cell's thread, at its batch's end) */
        REPLY_SENT,
        /** the idle status handed to ZeroMQ */
        IDLE_SENT
    }

    private static final Stage[] STAGES = Stage.values();
    private static final AtomicLongArray AT = new AtomicLongArray(STAGES.length);
    /** The msg_id of the traced request, so the sending thread knows which reply and idle to mark. */
    private static volatile String traced;
    /** The traced cell's own thread: JShell's stages are marked only there (not for a subshell's cell). */
    private static volatile java.lang.Thread cellThread;

    private CellTrace() {}

    /** Starts tracing the request {@code msgId} that arrived at {@code receivedAt}. */
    static void begin(String msgId, long receivedAt) {
        for (int i = 0; i < STAGES.length; i++) AT.set(i, 0);
        AT.set(Stage.RECEIVED.ordinal(), receivedAt);
        traced = msgId;
        mark(Stage.DISPATCHED);
    }

    static void mark(Stage s) {
        if (ON) AT.set(s.ordinal(), System.nanoTime());
    }

    /** Marks the traced cell's code about to run (call on the cell's thread). */
    static void cellThread() {
        if (!ON) return;
        cellThread = java.lang.Thread.currentThread();
        mark(Stage.THREAD);
    }

    /** Marks a stage of JShell's work if the calling thread is the traced cell's. */
    static void markInCell(Stage s) {
        if (ON && java.lang.Thread.currentThread() == cellThread) mark(s);
    }

    /** After a message was handed to ZeroMQ (sockets' lock held): marks the traced cell's reply or idle; logs after idle. */
    static void sent(String parentMsgId, String msgType, boolean idle, PrintStream log) {
        if (!parentMsgId.equals(traced)) return;
        if (msgType.equals("execute_reply")) {
            mark(Stage.REPLY_SENT);
        } else if (idle && AT.get(Stage.REPLIED.ordinal()) != 0) {
            mark(Stage.IDLE_SENT);
            traced = null;
            log.println(line());
        }
    }

    private static String line() {
        long t0 = AT.get(0);
        StringBuilder sb = new StringBuilder("cell trace: received ").append(t0).append(" ns;");
        for (int i = 1; i < STAGES.length; i++) {
            long t = AT.get(i);
            sb.append(' ').append(STAGES[i].name().toLowerCase()).append(' ').append(t == 0 ? "-" : String.valueOf((t - t0) / 1000));
        }
        return sb.append(" µs").toString();
    }
}
