package dev.pyconcurrent.kernel;

import dev.pyconcurrent.kernel.client.KernelClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link StopContract} against a kernel on this JVM's JDK. */
class StopTest extends StopContract {
    static KernelClient kernel;

    @BeforeAll
    static void start() {
        kernel = KernelClient.start(KernelClient.options().jvmArg("-Xmx512m"));
    }

    @AfterAll
    static void stop() {
        if (kernel != null) kernel.close();
    }

    @Override
    KernelClient kernel() { return kernel; }
}
