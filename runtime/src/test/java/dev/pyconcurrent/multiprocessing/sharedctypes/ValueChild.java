package dev.pyconcurrent.multiprocessing.sharedctypes;

import static dev.pyconcurrent.multiprocessing.testing.ChildJvm.decode;

/** The child side of {@link CrossProcessValueTest}: {@code scenario objects…}, results on stdout. */
public final class ValueChild {
    private ValueChild() {}

    public static void main(String[] args) {
        switch (args[0]) {
            case "increment" -> {
                increment(decode(args[1]), Integer.parseInt(args[2]));
                System.out.println("done");
            }
            case "fill" -> {
                SynchronizedArray a = decode(args[1]);
                for (int i = 0; i < a.len(); i++) a.set(i, i * i);
                System.out.println(a.toList());
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
        System.out.flush();
        System.exit(0);
    }

    /** Python's {@code with v.get_lock(): v.value += 1}, {@code n} times. */
    static void increment(Synchronized v, int n) {
        for (int i = 0; i < n; i++) {
            try (var held = v.enter()) {
                v.getObj().value((int) v.getObj().value() + 1);
            }
        }
    }
}
