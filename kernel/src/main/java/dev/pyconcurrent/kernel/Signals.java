package dev.pyconcurrent.kernel;

import java.io.PrintStream;

/** SIGINT (interrupt_mode "signal", or Ctrl-C on a terminal) interrupts the running cell. */
final class Signals {
    private Signals() {}

    static void onInterrupt(Runnable action, PrintStream log) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), sig -> action.run());
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            log.println("pyconcurrent kernel: SIGINT not handled: " + e.getMessage());
        }
    }
}
