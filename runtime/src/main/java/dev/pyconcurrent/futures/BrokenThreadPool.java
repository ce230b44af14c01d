package dev.pyconcurrent.futures;


/** Python's {@code concurrent.futures.thread.BrokenThreadPool}: a worker thread's initializer failed; the pool refuses further work. */
public class BrokenThreadPool extends BrokenExecutor {
    private static final long serialVersionUID = 1L;

    public BrokenThreadPool(Object... args) {
        super(args);
    }

    @Override
    public String pyModule() {
        return "concurrent.futures.thread";
    }
}
