package dev.pyconcurrent.futures;

import dev.pyconcurrent.builtins.Action0;
import dev.pyconcurrent.builtins.Action1;
import dev.pyconcurrent.builtins.Action2;
import dev.pyconcurrent.builtins.Action3;

/**
 * The {@code initializer=f, initargs=(…)} parameters that the options of
 * {@link ThreadPoolExecutor}, {@link ProcessPoolExecutor} and {@code multiprocessing.pool.Pool}
 * share: each setter returns the options themselves ({@code O}), so the calls chain with the
 * pool's other parameters.
 *
 * @param <O> the options class itself
 */
public abstract class InitializerOptions<O extends InitializerOptions<O>> {
    private Call<?> initializer;

    protected InitializerOptions() {}

    @SuppressWarnings("unchecked")
    private O self() {
        return (O) this;
    }

    /** {@code initializer=f}: run by each worker when it starts. */
    public O initializer(Action0 fn) {
        return initializer(Call.of(fn));
    }

    /** {@code initializer=f, initargs=(a,)}. */
    public <A> O initializer(Action1<A> fn, A a) {
        return initializer(Call.of(fn, a));
    }

    /** {@code initializer=f, initargs=(a, b)}. */
    public <A, B> O initializer(Action2<A, B> fn, A a, B b) {
        return initializer(Call.of(fn, a, b));
    }

    /** {@code initializer=f, initargs=(a, b, c)}. */
    public <A, B, C> O initializer(Action3<A, B, C> fn, A a, B b, C c) {
        return initializer(Call.of(fn, a, b, c));
    }

    /** The initializer and its arguments as one {@link Call} (null: none). */
    public O initializer(Call<?> call) {
        this.initializer = call;
        return self();
    }

    /** The initializer set, or null. */
    public Call<?> initializerCall() {
        return initializer;
    }
}
