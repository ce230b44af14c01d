package dev.pyconcurrent.notebooks;

import dev.pyconcurrent.kernel.client.ExecuteResult;
import dev.pyconcurrent.kernel.client.KernelClient;
import dev.pyconcurrent.kernel.client.Output;
import dev.pyconcurrent.maven.check.Kernel;
import dev.pyconcurrent.maven.check.KernelFactories;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@code check} goal's kernel: the pyconcurrent kernel in a JVM of its own, driven over the
 * Jupyter protocol by {@link KernelClient}. Its class path is the plugin realm's (the kernel, the
 * runtime and their dependencies come in as this artifact's dependencies), or the {@code classpath}
 * setting; {@code jvmArgs} (space-separated) are added to the kernel's JVM.
 *
 * <p>A cell that runs past its timeout is reported with the thread dump taken at that moment (the
 * cell still running); the check goal then interrupts and stops the kernel.
 */
public final class PyconcurrentKernelProvider implements KernelFactories.Provider {
    @Override
    public String name() {
        return "pyconcurrent";
    }

    @Override
    public Kernel.Factory create(Map<String, String> settings) throws Kernel.KernelException {
        String cp = settings.getOrDefault("classpath", realmClassPath());
        List<String> jvmArgs = settings.containsKey("jvmArgs")
                ? List.of(settings.get("jvmArgs").trim().split("\\s+")) : List.of();
        return wd -> new ClientKernel(wd, cp, jvmArgs);
    }

    private static String realmClassPath() throws Kernel.KernelException {
        ClassLoader loader = PyconcurrentKernelProvider.class.getClassLoader();
        List<String> entries = new ArrayList<>();
        if (loader instanceof URLClassLoader u) {
            for (URL url : u.getURLs()) {
                try {
                    entries.add(Path.of(url.toURI()).toString());
                } catch (URISyntaxException | IllegalArgumentException e) {
                    // not a file: not for a class path
                }
            }
        }
        if (entries.isEmpty()) entries.add(System.getProperty("java.class.path"));
        if (entries.isEmpty() || entries.get(0).isEmpty()) {
            throw new Kernel.KernelException("cannot tell the kernel's class path; set <kernel><classpath>");
        }
        return String.join(File.pathSeparator, entries);
    }

    /** How long after the goal's timeout the client itself interrupts a cell nobody interrupted. */
    static final long LATE_INTERRUPT_MILLIS = 30_000;

    static final class ClientKernel implements Kernel {
        private final Path workingDirectory;
        private final String classPath;
        private final List<String> jvmArgs;
        private volatile KernelClient client;
        private volatile String lastDump = "";
        private final ExecutorService requests = Executors.newSingleThreadExecutor(r -> {
            java.lang.Thread t = new java.lang.Thread(r, "pyconcurrent-check-request");
            t.setDaemon(true);
            return t;
        });

        ClientKernel(Path workingDirectory, String classPath, List<String> jvmArgs) throws KernelException {
            this.workingDirectory = workingDirectory;
            this.classPath = classPath;
            this.jvmArgs = jvmArgs;
            this.client = start();
        }

        private KernelClient start() throws KernelException {
            KernelClient.Options o = KernelClient.options().classPath(classPath).workingDirectory(workingDirectory)
                    .startupTimeout(Duration.ofSeconds(120));
            jvmArgs.forEach(o::jvmArg);
            try {
                return KernelClient.start(o);
            } catch (RuntimeException e) {
                throw new KernelException("the pyconcurrent kernel did not start: " + e.getMessage(), e);
            }
        }

        @Override
        public Execution execute(String code, double timeoutSeconds) throws KernelException, InterruptedException {
            // KernelClient.execute interrupts a cell at its own deadline; the check goal wants the
            // thread dump of the cell as it hangs, before any interrupt. So the request runs with
            // a later deadline on a helper thread, and the dump is taken at the goal's timeout.
            long millis = (long) Math.ceil(timeoutSeconds * 1000);
            KernelClient c = client;
            CompletableFuture<ExecuteResult> pending = CompletableFuture.supplyAsync(
                    () -> c.execute(code, Duration.ofMillis(millis + LATE_INTERRUPT_MILLIS)), requests);
            ExecuteResult r;
            try {
                r = pending.get(millis, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                lastDump = dump();
                return Execution.timedOut(Outputs.NONE);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                throw new KernelException(cause.getMessage() + "\n" + c.kernelLog(), cause);
            }
            Output error = r.error();
            Outputs out = new Outputs(r.stdout(), r.stderr(), r.result(),
                    error == null ? null : error.ename(), error == null ? null : error.evalue(),
                    error == null ? List.of() : error.traceback());
            return r.timedOut() ? Execution.timedOut(out) : Execution.completed(out);
        }

        @Override
        public void interrupt() throws KernelException {
            try {
                client.interrupt();
            } catch (RuntimeException e) {
                throw new KernelException(e.getMessage(), e);
            }
        }

        /** The dump taken when the cell timed out (the cell still running), else one taken now. */
        @Override
        public String threadDump() {
            return lastDump.isEmpty() ? dump() : lastDump;
        }

        private String dump() {
            Process p = client.process();
            if (p == null || !p.isAlive()) return "";
            try {
                Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                        String.valueOf(p.pid()), "Thread.print").redirectErrorStream(true).start();
                byte[] text = jcmd.getInputStream().readAllBytes();
                jcmd.waitFor(30, TimeUnit.SECONDS);
                return new String(text, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "jcmd failed: " + e.getMessage();
            } catch (InterruptedException e) {
                java.lang.Thread.currentThread().interrupt();
                return "";
            }
        }

        @Override
        public void restart() throws KernelException {
            client.close();
            lastDump = "";
            client = start();
        }

        @Override
        public void close() {
            client.close();
            requests.shutdownNow();
        }
    }
}
