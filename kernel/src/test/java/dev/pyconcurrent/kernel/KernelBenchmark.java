package dev.pyconcurrent.kernel;

import dev.pyconcurrent.kernel.client.ExecuteResult;
import dev.pyconcurrent.kernel.client.KernelClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The kernel's figures against issue 6's and 14's targets (a benchmark, not a test): start → first
 * {@code kernel_info_reply} (≤ 2 s), start → first cell done, a trivial cell's ({@code 1 + 1})
 * p50/p90 at cells 51–250 and 1301–1500 (a long session stays within 15 %) and its p50 over
 * JShell's own (≤ 2 ms), an empty cell (the kernel and its transport with nothing to evaluate), a print cell, interrupt → reply of a busy loop (≤ 2 s), RSS after 500 cells.
 * Exits 1 when a target is missed. Beside each cell, a bare ZeroMQ round trip between the same two
 * JVMs ({@link Reference#echo}) shows what of the kernel's overhead its transport alone costs.
 *
 * <p>The reference is JShell as the kernel sets it up (its class path, start-up imports,
 * {@code -proc:none}, {@code $N} values dropped, class files trimmed, javac's symbol tables swept), in a JVM of its own with the
 * kernel's JVM options, evaluating the same 1,500 cells; each cell goes to the kernel and then to
 * the reference, so both see the same load on this shared machine (its speed has varied by a
 * factor of two within an hour) and only their ratio and difference are compared. The 49
 * declarations of the session come first (cells 1–49), so both windows compile against the same
 * live variables and the growth is the session's length alone.
 * Run: {@code java -cp kernel/target/test-classes:kernel/target/pyconcurrent-kernel.jar
 * dev.pyconcurrent.kernel.KernelBenchmark [--adoc FILE] [kernel.jar [jvm args…]]} (jvm args are added to the
 * kernelspec's, an option given again overriding its value, for the kernel and the reference alike);
 * {@code benchmarks/run.sh} runs it and includes the table in docs/performance.adoc.
 */
public final class KernelBenchmark {
    private record Row(String what, String value, String target, Boolean met) {}

    static final int CELLS = 1500;
    private final List<Row> rows = new ArrayList<>();
    private final String loadAtStart = loadAverage();

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals("--reference")) {
            Reference.serve();
            return;
        }
        List<String> rest = new ArrayList<>(List.of(args));
        Path adoc = null;
        if (rest.size() > 1 && rest.get(0).equals("--adoc")) {
            adoc = Path.of(rest.get(1));
            rest = rest.subList(2, rest.size());
        }
        KernelClient.Options o = KernelClient.options();
        if (!rest.isEmpty()) o.jar(Path.of(rest.get(0)));
        List<String> jvmArgs = rest.size() > 1 ? rest.subList(1, rest.size()).stream().filter(a -> !a.equals("-")).toList() : List.of();
        o.jvmArgs(jvmArgs);
        KernelBenchmark b = new KernelBenchmark();
        b.measure(o, jvmArgs);
        b.print(adoc);
        System.exit(b.rows.stream().anyMatch(r -> Boolean.FALSE.equals(r.met())) ? 1 : 0);
    }

    /** The i-th cell (from 0) of the session: 49 declarations, then trivial cells, print cells, trivial cells. */
    static String cell(int i) {
        if (i < 49) return "int v" + i + " = " + i + ";";
        if (i >= 250 && i < 450) return "Py.print(\"x\")";
        if (i >= 50 && i < 250 || i >= 1300) return "1 + 1";
        return "1 + " + i;
    }

    private void measure(KernelClient.Options o, List<String> jvmArgs) throws Exception {
        long t0 = System.nanoTime();
        long[] kernel = new long[CELLS];
        long[] jshell = new long[CELLS];
        long[] zeromq = new long[CELLS];
        try (KernelClient k = KernelClient.start(o); Reference ref = new Reference(jvmArgs)) {
            long ready = System.nanoTime();
            k.execute("1", Duration.ofSeconds(60));
            long firstCell = System.nanoTime();
            row("start → first kernel_info_reply", ms(ready - t0), "≤ 2000 ms", (ready - t0) <= 2_000_000_000L);
            row("start → first cell done", ms(firstCell - t0), "", null);
            String rss = null;
            for (int i = 0; i < CELLS; i++) {
                long s = System.nanoTime();
                ExecuteResult r = k.execute(cell(i), Duration.ofSeconds(30));
                kernel[i] = System.nanoTime() - s;
                if (!r.ok()) throw new AssertionError(r);
                jshell[i] = ref.eval(cell(i));
                zeromq[i] = ref.echo();
                if (i == 499) rss = rss(k.process().pid());
            }
            long[] kEarly = window(kernel, 50, 250), kLate = window(kernel, 1300, 1500);
            long[] jEarly = window(jshell, 50, 250), jLate = window(jshell, 1300, 1500);
            row("trivial cell `1 + 1`, cells 51–250", p(kEarly, 50) + ", p90 " + p(kEarly, 90), "", null);
            row("trivial cell, cells 1301–1500", p(kLate, 50) + ", p90 " + p(kLate, 90), "", null);
            double growth = kLate[100] * 100.0 / kEarly[100] - 100;
            row("growth: cells 1301–1500 over 51–250 (p50)", String.format("%+.0f %%", growth), "≤ 15 %", growth <= 15);
            row("reference: JShell as the kernel's, cells 51–250", p(jEarly, 50) + ", p90 " + p(jEarly, 90), "", null);
            row("the same, cells 1301–1500", p(jLate, 50) + ", p90 " + p(jLate, 90), "", null);
            row("its growth (p50)", String.format("%+.0f %%", jLate[100] * 100.0 / jEarly[100] - 100), "", null);
            long over = kEarly[100] - jEarly[100];
            row("kernel over the reference, cells 51–250 (p50)", ms1(over), "≤ 2 ms", over <= 2_000_000L);
            row("the same, cells 1301–1500 (p50)", ms1(kLate[100] - jLate[100]), "", null);
            long[] zEarly = window(zeromq, 50, 250);
            row("ZeroMQ round trip alone (echo), cells 51–250", p(zEarly, 50) + ", p90 " + p(zEarly, 90), "", null);
            row("kernel over the reference and that round trip (p50)", ms1(over - zEarly[100]), "", null);
            // the kernel with nothing to evaluate: the transport, the kernel's hand-offs and messages, the client
            long[] empty = new long[250];
            for (int i = 0; i < empty.length; i++) {
                long s = System.nanoTime();
                ExecuteResult r = k.execute("", Duration.ofSeconds(30));
                empty[i] = System.nanoTime() - s;
                if (!r.ok()) throw new AssertionError(r);
            }
            long[] emptyWindow = window(empty, 50, 250);
            row("empty cell (no JShell), 200 in a row", p(emptyWindow, 50) + ", p90 " + p(emptyWindow, 90), "", null);
            long[] print = window(kernel, 250, 450);
            row("print cell `Py.print(\"x\")`", p(print, 50) + ", p90 " + p(print, 90), "", null);
            row("kernel RSS after 500 cells", rss, "", null);
            long s = System.nanoTime();
            ExecuteResult r = k.execute("while (true) { }", Duration.ofMillis(500));
            long stopped = System.nanoTime() - s - 500_000_000L;
            if (!"KeyboardInterrupt".equals(r.error() == null ? null : r.error().ename())) throw new AssertionError(r);
            row("busy loop: interrupt → reply", ms(stopped), "≤ 2000 ms", stopped <= 2_000_000_000L);
        }
    }

    /**
     * JShell set up as the kernel's, in a JVM of its own started with the kernel's JVM options:
     * it reads one cell a line on stdin and answers each with the nanoseconds its eval took.
     * Beside it, the floor of the kernel's transport: a ZeroMQ ROUTER (jeromq, one I/O thread,
     * as the kernel's) that sends every message back at once, for a DEALER here ({@link #echo}):
     * the six thread hand-offs a request and its reply cost between two JVMs (application → I/O
     * thread → TCP → I/O thread → application, and back), with nothing of a kernel in between.
     */
    static final class Reference implements AutoCloseable {
        /** What {@link #echo} sends: about a trivial cell's execute_request on the wire. */
        static final byte[] REQUEST = new byte[700];
        private final Process process;
        private final java.io.BufferedWriter in;
        private final java.io.BufferedReader out;
        private org.zeromq.ZContext zmq;
        private org.zeromq.ZMQ.Socket dealer;

        Reference(List<String> jvmArgs) throws java.io.IOException {
            this(jvmArgs, KernelBenchmark.class, "--reference");
            String port = out.readLine();
            if (port == null) throw new java.io.IOException("the reference JShell ended");
            zmq = new org.zeromq.ZContext(1);
            dealer = zmq.createSocket(org.zeromq.SocketType.DEALER);
            dealer.setLinger(0);
            dealer.setReceiveTimeOut(30_000);
            dealer.connect("tcp://127.0.0.1:" + port.trim());
        }

        /** One message there and back through the reference's echo; its nanoseconds. */
        long echo() throws java.io.IOException {
            long s = System.nanoTime();
            dealer.send(REQUEST);
            if (dealer.recv() == null) throw new java.io.IOException("no echo in 30 s");
            return System.nanoTime() - s;
        }

        /** A reference served by {@code main} of {@code mainClass} with {@code arg} (a variant of {@link #serve}). */
        Reference(List<String> jvmArgs, Class<?> mainClass, String arg) throws java.io.IOException {
            List<String> flags = new ArrayList<>(dev.pyconcurrent.kernel.client.KernelCommand.JVM_FLAGS);
            flags.addAll(jvmArgs);
            List<String> cmd = dev.pyconcurrent.os.JavaCommand.ofThisJvm().flags(flags)
                    .classPath(System.getProperty("java.class.path")).mainClass(mainClass.getName()).args(arg).toList();
            process = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            in = new java.io.BufferedWriter(new java.io.OutputStreamWriter(process.getOutputStream(), java.nio.charset.StandardCharsets.UTF_8));
            out = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
        }

        /** Evaluates one cell there; its eval's nanoseconds. */
        long eval(String code) throws java.io.IOException {
            in.write(code);
            in.newLine();
            in.flush();
            String answer = out.readLine();
            if (answer == null) throw new java.io.IOException("the reference JShell ended");
            return Long.parseLong(answer);
        }

        @Override
        public void close() throws Exception {
            if (zmq != null) zmq.close();
            in.close();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
        }

        /** The reference's side: cells' output (a print cell's) goes nowhere, the answers to the real stdout. */
        static void serve() throws java.io.IOException {
            java.io.PrintStream answers = System.out;
            System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
            answers.println(startEcho());
            answers.flush();
            java.io.BufferedReader cells = new java.io.BufferedReader(new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8));
            try (jdk.jshell.JShell js = jdk.jshell.JShell.builder().executionEngine("local").compilerOptions("-proc:none").build()) {
                js.addToClasspath(dev.pyconcurrent.os.JavaCommand.classPathOf(dev.pyconcurrent.builtins.Py.class, CellRunner.class));
                for (String imp : StartupImports.statements(Kernel.class.getClassLoader(), dev.pyconcurrent.builtins.Py.class)) js.eval(imp);
                js.eval("int $warmUp = 1 + 1;");
                SnippetClassFiles classFiles = SnippetClassFiles.of(js, System.err);
                ReplSymbols symbols = ReplSymbols.of(js, System.err);
                java.util.ArrayDeque<jdk.jshell.Snippet> values = new java.util.ArrayDeque<>();
                for (String code; (code = cells.readLine()) != null; ) {
                    long s = System.nanoTime();
                    List<jdk.jshell.SnippetEvent> events = js.eval(code);
                    symbols.afterEval();
                    for (jdk.jshell.SnippetEvent e : events) {
                        if (e.causeSnippet() != null) continue;
                        classFiles.afterEval(e.snippet());
                        if (e.snippet().subKind() != jdk.jshell.Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) continue;
                        values.addLast(e.snippet());
                        while (values.size() > Evaluator.KEPT_VALUES) {
                            jdk.jshell.Snippet dropped = values.removeFirst();
                            js.drop(dropped);
                            classFiles.dropped(dropped);
                        }
                    }
                    answers.println(System.nanoTime() - s);
                    answers.flush();
                }
            }
        }
    }

    /** Starts the echo's ROUTER and its thread (a daemon: it ends with the JVM); the port. */
    private static int startEcho() {
        org.zeromq.ZContext zmq = new org.zeromq.ZContext(1);
        org.zeromq.ZMQ.Socket router = zmq.createSocket(org.zeromq.SocketType.ROUTER);
        int port = router.bindToRandomPort("tcp://127.0.0.1");
        java.lang.Thread echo = new java.lang.Thread(() -> {
            for (byte[] id; (id = router.recv()) != null; ) {
                byte[] body = router.recv();
                router.sendMore(id);
                router.send(body);
            }
        }, "echo");
        echo.setDaemon(true);
        echo.start();
        return port;
    }

    /** The times of runs {@code from} (inclusive) to {@code to}, sorted. */
    private static long[] window(long[] times, int from, int to) {
        long[] w = Arrays.copyOfRange(times, from, to);
        Arrays.sort(w);
        return w;
    }

    private void row(String what, String value, String target, Boolean met) {
        rows.add(new Row(what, value, target, met));
    }

    private void print(Path adoc) throws Exception {
        StringBuilder md = new StringBuilder();
        for (Row r : rows) {
            String verdict = r.met() == null ? "" : r.met() ? "met" : "MISSED";
            System.out.printf("%-38s %-28s %-14s %s%n", r.what(), r.value(), r.target(), verdict);
            md.append("|").append(r.what()).append(" |").append(r.value()).append(" |").append(r.target())
                    .append(" |").append(verdict).append('\n');
        }
        if (adoc == null) return;
        String table = "[cols=\"4,3,2,1\"]\n|===\n|Kernel figure |Measured |Target |Met\n\n" + md + "|===\n";
        Files.createDirectories(adoc.toAbsolutePath().getParent());
        Files.writeString(adoc, "// Written by KernelBenchmark (benchmarks/run.sh); do not edit.\n"
                + "Java " + System.getProperty("java.version") + ", " + Runtime.getRuntime().availableProcessors()
                + " CPUs, load average " + loadAtStart + " at the start.\n\n" + table);
    }

    private static String ms(long nanos) { return String.format("%.0f ms", nanos / 1e6); }

    private static String ms1(long nanos) { return String.format("%.1f ms", nanos / 1e6); }

    private static String p(long[] sorted, int percentile) {
        return String.format("%.1f ms", sorted[Math.min(sorted.length - 1, sorted.length * percentile / 100)] / 1e6);
    }

    private static String rss(long pid) throws Exception {
        String status = Files.readString(Path.of("/proc/" + pid + "/status"));
        long kb = status.lines().filter(l -> l.startsWith("VmRSS")).map(l -> l.replaceAll("\\D", "")).mapToLong(Long::parseLong).findFirst().orElse(0);
        return (kb / 1024) + " MB";
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception e) {
            return "?";
        }
    }
}
