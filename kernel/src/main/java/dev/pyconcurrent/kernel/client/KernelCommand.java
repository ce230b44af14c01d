package dev.pyconcurrent.kernel.client;

import com.google.gson.JsonObject;
import dev.pyconcurrent.kernel.wire.ConnectionInfo;
import dev.pyconcurrent.kernel.wire.Message;
import dev.pyconcurrent.os.JavaCommand;

import java.nio.file.Path;
import java.util.List;

/**
 * The command that starts a pyconcurrent kernel: this JVM's {@code java}, the kernel's JVM flags,
 * then {@code -jar} the kernel jar or its main class on a class path. Used by the kernelspec
 * installer ({@code Main install}), its AppCDS training run and {@link KernelClient}.
 */
public final class KernelCommand {
    /** The kernel's main class (named, not referenced: the client does not depend on the kernel). */
    public static final String MAIN_CLASS = "dev.pyconcurrent.kernel.Main";

    /**
     * JVM options of the kernelspec and of {@code KernelClient}: C1 only starts fast; a young
     * generation large enough for javac's garbage keeps a cell's compilation from paying for
     * several collections (measured: about 2x faster trivial cells); the parallel collector's
     * young pauses are a quarter of the serial one's (median 2.3–2.7 vs 8.7–10.6 ms, one every
     * ~36 cells; GC time per 1500 cells 335–354 vs 667–705 ms). JShell's internals are opened to
     * the kernel so it can forget the class files of snippets no later snippet can name
     * ({@code SnippetClassFiles}: without it a trivial cell gets slower with every cell before it),
     * and javac's to it so it can sweep the symbol tables JShell's javac contexts keep ({@code ReplSymbols}).
     * Native access lets the runtime's FFM paths (JDK 22+: subprocess launch, futex locks; see
     * {@code dev.pyconcurrent.os.NativeAccess}) run in the kernel and, as {@code JavaCommand} passes
     * the option on, in its children; JDK 17 accepts the option and ignores it.
     *
     * <p>The kernel's own code, and the ZeroMQ and JSON code it runs a cell through, is compiled
     * after a twentieth of the usual calls ({@code CompileThresholdScaling} for those packages
     * only; {@code quiet} first keeps the JVM from echoing the commands on stdout, where the
     * kernel announces its ports): most of it runs once per cell, so with the default threshold
     * (200 calls) a session's first couple of hundred cells went through it in the interpreter
     * (measured, cells 51–250: the kernel's own stages around JShell 0.2–0.3 ms shorter p50, start-up unchanged).
     */
    public static final List<String> JVM_FLAGS = List.of(
            "-XX:+UseParallelGC", "-Xms384m", "-Xmn256m", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-XX:-UseGCOverheadLimit",
            "-XX:CompileCommand=quiet", "-XX:CompileCommand=CompileThresholdScaling,dev.pyconcurrent.*::*,0.05",
            "-XX:CompileCommand=CompileThresholdScaling,org.zeromq.*::*,0.05", "-XX:CompileCommand=CompileThresholdScaling,zmq.*::*,0.05",
            "-XX:CompileCommand=CompileThresholdScaling,com.google.gson.*::*,0.05",
            "--add-opens=jdk.jshell/jdk.jshell=ALL-UNNAMED", "--add-opens=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED",
            "--add-opens=jdk.compiler/com.sun.tools.javac.code=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED");

    /** What a kernel started with free ports prints on stdout once bound, then the ports as JSON (never the key). */
    public static final String READY = "pyconcurrent-kernel-ready ";

    /** The line a kernel that chose its ports prints for its launcher: {@link #READY}, then the ports as JSON, without the key. */
    public static String readyLine(ConnectionInfo bound) {
        JsonObject ports = bound.toJson();
        ports.remove("key");
        return READY + Message.text(ports);
    }

    private KernelCommand() {}

    /** {@code java flags… -jar jar}. */
    public static JavaCommand ofJar(Path jar, List<String> flags) {
        return JavaCommand.ofThisJvm().flags(flags).jar(jar);
    }

    /** {@code java flags… -cp classPath dev.pyconcurrent.kernel.Main}. */
    public static JavaCommand ofClassPath(String classPath, List<String> flags) {
        return JavaCommand.ofThisJvm().flags(flags).classPath(classPath).mainClass(MAIN_CLASS);
    }
}
