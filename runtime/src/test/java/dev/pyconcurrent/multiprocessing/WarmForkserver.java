package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.multiprocessing.connection.Hub;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For test classes whose workers are forkserver's warm JVMs; list it after
 * {@code NoThreadLeft} and {@code NoChildLeft}. Before the class: this JVM's hub and a filled
 * pool exist (they live as long as the JVM, so they are not a first test's leak). After each
 * test: the pool is refilled (replacement JVMs are the forkserver's, not the test's). After the
 * class: the pool is emptied (other test classes check that this JVM has no child left).
 */
public final class WarmForkserver implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Hub.get();
        Multiprocessing.getContext("forkserver");
        Forkserver.awaitFilled();
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        Forkserver.awaitFilled();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        Forkserver.shutdown();
    }
}
