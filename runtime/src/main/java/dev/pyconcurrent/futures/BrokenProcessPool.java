package dev.pyconcurrent.futures;

/**
 * Python's {@code concurrent.futures.process.BrokenProcessPool}: a worker process of a
 * {@link ProcessPoolExecutor} ended abruptly (killed, or its initializer failed); the pool's
 * pending futures fail with it and it refuses further work.
 */
public class BrokenProcessPool extends BrokenExecutor {
    private static final long serialVersionUID = 1L;

    public BrokenProcessPool(Object... args) {
        super(args);
    }

    @Override
    public String pyModule() {
        return "concurrent.futures.process";
    }
}
