package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.builtins.KeyboardInterrupt;
import dev.pyconcurrent.builtins.Tuple;
import dev.pyconcurrent.multiprocessing.connection.Connection;
import java.util.List;

/**
 * The owner's side of one {@link Feed}: a sender thread moves items from the queue to the feed's
 * socket while the feed has credit, and the hub's thread for the socket reads the feed's
 * requests ({@code more}, {@code back}, {@code stop}; protocol in {@link Feed}).
 */
final class FeedServer {
    private final Items items;
    private final Connection conn;
    private final Thread sender;
    /** Items sent so far. Guarded by this. */
    private long sent;
    /** Items the feed may hold unread (sent after its buffer was last known empty). Guarded by this. */
    private long ahead;
    /** Items the feed asked for and not sent yet. Guarded by this. */
    private int credit;
    private boolean stopped;

    /** Wakes every feed of the queue: items came back. */
    private final Runnable wakeFeeds;

    FeedServer(Items items, Connection conn, Runnable wakeFeeds) {
        this.items = items;
        this.conn = conn;
        this.wakeFeeds = wakeFeeds;
        this.sender = new Thread(null, this::send, "pyconcurrent-mp-queue-feeder", 0);
        sender.setDaemon(true);
    }

    /**
     * Serves the feed until its process closes it or ends; {@code recallOthers} is called when the
     * feed asks for more of an empty queue (other feeds may hold its items).
     */
    void serve(Runnable recallOthers) {
        sender.start();
        try {
            while (true) {
                Tuple m = (Tuple) conn.recv();
                switch ((String) m.get(0)) {
                    case "more" -> {
                        more(((Number) m.get(1)).longValue());
                        if (items.empty()) recallOthers.run();
                    }
                    case "back" -> back((List<?>) m.get(1), (List<?>) m.get(2), ((Number) m.get(3)).longValue());
                    default -> stop(); // then the feed's last "back", and end of file
                }
            }
        } finally {
            synchronized (this) {
                stopped = true;
                notifyAll();
            }
            sender.interrupt();
        }
    }

    /** The feed's buffer was empty after {@code received} items: up to {@link Feed#WINDOW} in flight again, counting those on their way. */
    private synchronized void more(long received) {
        ahead = sent - received;
        credit = (int) Math.max(0, Feed.WINDOW - ahead);
        notifyAll();
    }

    private void back(List<?> bytes, List<?> seqs, long received) {
        List<Items.Item> returned = new java.util.ArrayList<>(bytes.size());
        for (int i = 0; i < bytes.size(); i++) returned.add(new Items.Item((byte[]) bytes.get(i), ((Number) seqs.get(i)).longValue()));
        items.putBack(returned);
        synchronized (this) {
            ahead = sent - received;
        }
        wakeFeeds.run();
    }

    /** No more items; {@code stopped} follows the last one sent, so none is in flight after it. The feed then gives back what it holds. */
    private synchronized void stop() {
        stopped = true;
        credit = 0;
        conn.send(Tuple.of("stopped"));
    }

    /** Asks the feed to give back what it holds unread, if it may hold any; no items until its next {@code more}. */
    synchronized void recall() {
        if (stopped || ahead == 0) return;
        credit = 0;
        ahead = 0; // what it holds comes back
        conn.send(Tuple.of("recall"));
    }

    /** An item was put or given back (called without the queue's lock). */
    synchronized void wake() {
        notifyAll();
    }

    /**
     * The sender's loop. It waits here, not in the queue's {@code get}: a sender waiting there
     * would take the first item given back by a recall, ahead of the consumer the recall is for.
     */
    private void send() {
        try {
            while (true) {
                Items.Item item;
                synchronized (this) {
                    while ((credit == 0 || items.empty()) && !stopped) wait();
                    if (stopped) return;
                    try {
                        item = items.get(false);
                    } catch (dev.pyconcurrent.queue.Empty e) {
                        continue; // another consumer took it
                    }
                    credit--;
                    sent++;
                    ahead++;
                    conn.send(Tuple.of("item", item.bytes, item.seq));
                }
            }
        } catch (InterruptedException | KeyboardInterrupt e) {
            // the feed stopped or its process ended
        } catch (RuntimeException e) {
            conn.close(); // the socket failed: the feed's process ended
        }
    }
}
