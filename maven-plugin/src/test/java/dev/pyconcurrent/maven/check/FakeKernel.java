package dev.pyconcurrent.maven.check;

import dev.pyconcurrent.maven.notebook.Outputs;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** A scripted kernel: each cell's source maps to what it "prints"; {@link #HANG} times out. */
final class FakeKernel implements Kernel {
    static final Outputs HANG = new Outputs("partial\n", "", null, null, null, List.of());

    final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private final Function<String, Outputs> script;
    volatile boolean closed;

    FakeKernel(Function<String, Outputs> script) {
        this.script = script;
    }

    FakeKernel(Map<String, Outputs> script) {
        this(code -> script.getOrDefault(code, Outputs.NONE));
    }

    @Override
    public Execution execute(String code, double timeoutSeconds) throws KernelException {
        calls.add("execute " + code + " timeout=" + timeoutSeconds);
        Outputs o = script.apply(code);
        if (o == null) throw new KernelException("kernel died");
        return o == HANG ? Execution.timedOut(o) : Execution.completed(o);
    }

    @Override
    public void interrupt() {
        calls.add("interrupt");
    }

    @Override
    public String threadDump() {
        calls.add("threadDump");
        return "\"cell-1\" #20 prio=5\n   java.lang.Thread.State: WAITING\n\tat Lock.acquire(Lock.java:10)\n";
    }

    @Override
    public void restart() {
        calls.add("restart");
    }

    @Override
    public void close() {
        calls.add("close");
        closed = true;
    }

    static Outputs out(String stdout) {
        return new Outputs(stdout, "", null, null, null, List.of());
    }

    static Outputs err(String stderr) {
        return new Outputs("", stderr, null, null, null, List.of());
    }

    static Outputs raised(String ename, String evalue) {
        return new Outputs("", "", null, ename, evalue, List.of("Traceback (most recent call last):\n", ename + ": " + evalue + "\n"));
    }
}
