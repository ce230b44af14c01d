package dev.pyconcurrent.maven.check;

import java.util.Map;
import java.util.ServiceLoader;

/**
 * Finds the kernel to check notebooks with: a {@link Provider} registered as a service
 * ({@code META-INF/services/dev.pyconcurrent.maven.check.KernelFactories$Provider}) on the
 * plugin's class path. The plugin ships the one driving the pyconcurrent kernel
 * ({@code pyconcurrent}, the default); a build may add another as a plugin dependency and name
 * it in {@code <kernel><provider>…</provider></kernel>}.
 */
public final class KernelFactories {
    private KernelFactories() {}

    /** A source of kernels, configured from the {@code <kernel>} map of the plugin configuration. */
    public interface Provider {
        String name();

        Kernel.Factory create(Map<String, String> settings) throws Kernel.KernelException;
    }

    public static Kernel.Factory load(Map<String, String> settings, ClassLoader loader) throws Kernel.KernelException {
        String wanted = settings.getOrDefault("provider", "pyconcurrent");
        StringBuilder seen = new StringBuilder();
        for (Provider p : ServiceLoader.load(Provider.class, loader)) {
            if (wanted.equals(p.name())) return p.create(settings);
            seen.append(' ').append(p.name());
        }
        throw new Kernel.KernelException("no kernel provider named " + wanted + " (found:" + seen + ")");
    }
}
