package dev.pyconcurrent.maven.check;

import dev.pyconcurrent.kernel.client.ExecuteResult;
import dev.pyconcurrent.kernel.client.KernelClient;
import dev.pyconcurrent.kernel.client.Output;
import dev.pyconcurrent.maven.notebook.Outputs;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The {@link Kernel} the {@code check} goal uses: a pyconcurrent kernel process driven over
 * ZeroMQ by the kernel module's {@link KernelClient}. A cell that runs past its timeout gets its
 * thread dump taken at the timeout ({@code jcmd <pid> Thread.print}), then is interrupted.
 */
public final class PyconcurrentKernel implements Kernel {
    private final Supplier<KernelClient> starter;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "pyconcurrent-kernel-watchdog");
        t.setDaemon(true);
        return t;
    });
    /** How much longer than the cell's timeout the client itself waits (our watchdog interrupts first). */
    private static final Duration CLIENT_GRACE = Duration.ofSeconds(15);
    private volatile KernelClient client;
    private volatile String lastDump;

    PyconcurrentKernel(Supplier<KernelClient> starter) throws KernelException {
        this.starter = starter;
        this.client = start();
    }

    private KernelClient start() throws KernelException {
        try {
            return starter.get();
        } catch (RuntimeException e) {
            throw new KernelException(e.getMessage(), e);
        }
    }

    @Override
    public Execution execute(String code, double timeoutSeconds) throws KernelException {
        lastDump = null;
        long millis = Math.max(1, (long) (timeoutSeconds * 1000));
        AtomicBoolean expired = new AtomicBoolean();
        // Our own deadline: at the timeout, dump the threads while the cell still hangs, then
        // interrupt it; the client's deadline (later) is only a backstop.
        ScheduledFuture<?> watchdog = timer.schedule(() -> {
            expired.set(true);
            lastDump = dumpNow();
            try {
                client.interrupt();
            } catch (RuntimeException ignored) {
                // the client's own deadline still applies
            }
        }, millis, TimeUnit.MILLISECONDS);
        ExecuteResult r;
        try {
            r = client.execute(code, Duration.ofMillis(millis).plus(CLIENT_GRACE));
        } catch (RuntimeException e) {
            throw new KernelException(e.getMessage() + tail(), e);
        } finally {
            watchdog.cancel(false);
        }
        Outputs outputs = outputs(r);
        return r.timedOut() || expired.get() ? Execution.timedOut(outputs) : Execution.completed(outputs);
    }

    static Outputs outputs(ExecuteResult r) {
        Output error = r.error();
        return new Outputs(r.stdout(), r.stderr(), r.result(),
                error == null ? null : error.ename(), error == null ? null : error.evalue(),
                error == null || error.traceback() == null ? List.of() : error.traceback());
    }

    @Override
    public void interrupt() throws KernelException {
        try {
            client.interrupt();
        } catch (RuntimeException e) {
            throw new KernelException(e.getMessage(), e);
        }
    }

    @Override
    public String threadDump() {
        String d = lastDump;
        return d != null ? d : dumpNow();
    }

    /** {@code jcmd <pid> Thread.print} on the kernel process. */
    private String dumpNow() {
        Process kernel = client.process();
        if (kernel == null || !kernel.isAlive()) return "(no thread dump: the kernel process is not running)";
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process p = new ProcessBuilder(jcmd.toString(), String.valueOf(kernel.pid()), "Thread.print")
                    .redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS)) p.destroyForcibly();
            return javaThreads(new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return "(no thread dump: " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(no thread dump: interrupted)";
        }
    }

    /**
     * The dump's Java threads with a stack (the JVM's own, the kernel's protocol threads and the
     * header are left out): what the cell and the threads it started were doing.
     */
    static String javaThreads(String dump) {
        StringBuilder out = new StringBuilder();
        for (String block : dump.split("\n\\s*\n")) {
            String b = block.strip();
            if (!b.startsWith("\"") || !b.contains("\tat ")) continue;
            String name = b.substring(1, Math.max(1, b.indexOf('"', 1)));
            if (JVM_THREADS.contains(name) || name.startsWith("pyconcurrent-heartbeat") || name.startsWith("reaper-")
                    || name.startsWith("iothread-") || name.startsWith("process reaper")) continue;
            out.append(b).append("\n\n");
        }
        return out.length() == 0 ? dump : out.toString();
    }

    private static final java.util.Set<String> JVM_THREADS = java.util.Set.of(
            "Reference Handler", "Finalizer", "Signal Dispatcher", "Common-Cleaner", "Attach Listener", "Notification Thread");

    private String tail() {
        String log = client.kernelLog();
        return log == null || log.isBlank() ? "" : "\nkernel log:\n" + log;
    }

    @Override
    public void restart() throws KernelException {
        client.close();
        client = start();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        client.close();
    }

    /**
     * The provider registered for the plugin: {@code <kernel>} settings {@code classpath} (extra
     * entries, e.g. the project's classes, appended), {@code jvmArgs} (space-separated, added to
     * the kernel JVM's), {@code startupTimeout} (seconds, default 60).
     */
    public static final class Provider implements KernelFactories.Provider {
        @Override
        public String name() {
            return "pyconcurrent";
        }

        @Override
        public Factory create(Map<String, String> settings) {
            String classPath = kernelClassPath(PyconcurrentKernel.class.getClassLoader(), settings.get("classpath"));
            List<String> jvmArgs = settings.get("jvmArgs") == null ? List.of()
                    : Arrays.stream(settings.get("jvmArgs").trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
            Duration startup = Duration.ofSeconds(Long.parseLong(settings.getOrDefault("startupTimeout", "60")));
            return workingDirectory -> new PyconcurrentKernel(() -> {
                KernelClient.Options o = KernelClient.options().classPath(classPath).workingDirectory(workingDirectory)
                        .startupTimeout(startup);
                jvmArgs.forEach(o::jvmArg);
                return KernelClient.start(o);
            });
        }
    }

    /**
     * Repository paths of the plugin's own dependencies (JSON, Markdown, Asciidoctor and JRuby),
     * which the kernel does not need: left off its class path, so JShell does not index them.
     * ASM's core jar stays (the kernel weaves stop points with it); JRuby's other ASM jars go.
     */
    private static final List<String> NOT_FOR_THE_KERNEL = List.of(
            "/com/fasterxml/", "/org/commonmark/", "/org/asciidoctor/", "/org/jruby/", "/com/github/jnr/", "/org/ow2/asm/asm-",
            "/com/headius/", "/joda-time/", "/me/qmx/", "/org/yaml/", "/org/crashub/", "/org/apache/maven/");

    /**
     * The class path for the kernel JVM: the plugin's own (it holds the kernel, the runtime and
     * their dependencies; a Maven plugin realm is a URLClassLoader) less the plugin itself and
     * its rendering dependencies, else this JVM's; plus {@code extra}.
     */
    static String kernelClassPath(ClassLoader loader, String extra) {
        List<String> entries = new ArrayList<>();
        if (loader instanceof URLClassLoader urls && urls.getURLs().length > 0) {
            String self = PyconcurrentKernel.class.getProtectionDomain().getCodeSource().getLocation().toString();
            for (URL u : urls.getURLs()) {
                String path = u.toString().replace('\\', '/');
                if (path.equals(self) || NOT_FOR_THE_KERNEL.stream().anyMatch(path::contains)) continue;
                try {
                    entries.add(Path.of(u.toURI()).toString());
                } catch (URISyntaxException | IllegalArgumentException e) {
                    entries.add(u.getPath());
                }
            }
        } else {
            entries.add(System.getProperty("java.class.path"));
        }
        if (extra != null && !extra.isBlank()) entries.add(extra.trim());
        return String.join(File.pathSeparator, entries);
    }
}
