package dev.pyconcurrent.maven.check;

import dev.pyconcurrent.maven.notebook.Outputs;
import java.util.List;
import java.util.Map;

/**
 * A test kernel provider ({@code <kernel><provider>echo</provider></kernel>}): a cell's Java
 * source {@code print:TEXT} prints TEXT, {@code raise:NAME:MESSAGE} raises, {@code hang} times out.
 */
public final class EchoKernelProvider implements KernelFactories.Provider {
    @Override
    public String name() {
        return "echo";
    }

    @Override
    public Kernel.Factory create(Map<String, String> settings) {
        return wd -> new FakeKernel(code -> {
            if (code.startsWith("print:")) return new Outputs(code.substring(6) + "\n", "", null, null, null, List.of());
            if (code.startsWith("raise:")) {
                String[] p = code.split(":", 3);
                return new Outputs("", "", null, p[1], p[2], List.of());
            }
            if (code.equals("hang")) return FakeKernel.HANG;
            return Outputs.NONE;
        });
    }
}
