package dev.pyconcurrent.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.pyconcurrent.kernel.client.KernelClient;
import dev.pyconcurrent.kernel.client.KernelCommand;
import dev.pyconcurrent.kernel.wire.ConnectionInfo;
import dev.pyconcurrent.kernel.wire.Message;
import dev.pyconcurrent.os.JavaCommand;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command line: {@code java -jar pyconcurrent-kernel.jar <connection-file>} runs the kernel;
 * {@code java -jar pyconcurrent-kernel.jar install [--user | --sys-prefix | --prefix DIR] [--name NAME]
 * [--jvm-arg ARG]… [--cds]} writes the kernelspec ({@code kernels/pyconcurrent/kernel.json}) where {@code jupyter kernelspec list}
 * finds it.
 */
public final class Main {
    public static final String KERNEL_NAME = "pyconcurrent";
    public static final String DISPLAY_NAME = "Java (pyconcurrent)";

    private Main() {}

    public static void main(String[] args) throws Exception {
        if (args.length >= 1 && args[0].equals("install")) {
            Path dir = install(List.of(args).subList(1, args.length));
            System.out.println("Installed kernelspec " + KERNEL_NAME + " in " + dir);
            return;
        }
        if (args.length != 1 || args[0].startsWith("-")) {
            System.err.println("usage: java -jar pyconcurrent-kernel.jar <connection-file>\n"
                    + "       java -jar pyconcurrent-kernel.jar install [--user | --sys-prefix | --prefix DIR] [--name NAME] [--jvm-arg ARG]... [--cds]");
            System.exit(2);
        }
        run(Path.of(args[0]));
    }

    /** Runs a kernel for a connection file; ports given as 0 are chosen by the kernel and written back to the file. */
    public static void run(Path connectionFile) throws IOException {
        PrintStream log = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true, StandardCharsets.UTF_8);
        ConnectionInfo info = ConnectionInfo.read(connectionFile);
        Kernel kernel = new Kernel(info, log);
        ConnectionInfo bound = kernel.bind();
        if (!bound.equals(info)) bound.write(connectionFile);
        if (!bound.equals(info)) {
            // Ports chosen by the kernel: the line a launcher (KernelClient) waits for (never the key).
            JsonObject ports = bound.toJson();
            ports.remove("key");
            PrintStream stdout = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
            stdout.println(KernelCommand.READY + Message.text(ports));
        }
        kernel.serve();
        kernel.close();
        System.exit(0);   // (not halt: a -XX:ArchiveClassesAtExit training run dumps its archive at exit)
    }

    /** Writes kernel.json into the kernelspec directory chosen by the options and returns that directory. */
    public static Path install(List<String> options) throws IOException {
        Path base = null;
        String name = KERNEL_NAME;
        boolean cds = false;
        List<String> jvmArgs = new ArrayList<>();
        for (int i = 0; i < options.size(); i++) {
            String o = options.get(i);
            switch (o) {
                case "--user" -> base = userDataDir();
                case "--sys-prefix" -> base = Path.of("/usr/local/share/jupyter");
                case "--prefix" -> base = Path.of(options.get(++i)).resolve("share/jupyter");
                case "--name" -> name = options.get(++i);
                case "--jvm-arg" -> jvmArgs.add(options.get(++i));
                case "--cds" -> cds = true;
                default -> throw new IllegalArgumentException("unknown option " + o);
            }
        }
        if (base == null) base = userDataDir();
        Path dir = base.resolve("kernels").resolve(name);
        Files.createDirectories(dir);
        Path jar = jarPath();
        if (cds && jar != null) {
            Path archive = dir.resolve("kernel.jsa");
            trainClassDataSharing(jar, archive, jvmArgs);
            if (Files.exists(archive)) jvmArgs.add("-XX:SharedArchiveFile=" + archive);
        }
        List<String> flags = new ArrayList<>(KernelCommand.JVM_FLAGS);
        flags.addAll(jvmArgs);
        JavaCommand command = jar != null ? KernelCommand.ofJar(jar, flags)
                : KernelCommand.ofClassPath(System.getProperty("java.class.path"), flags);
        JsonArray argv = new JsonArray();
        command.toList().forEach(argv::add);
        argv.add("{connection_file}");
        JsonObject spec = new JsonObject();
        spec.add("argv", argv);
        spec.addProperty("display_name", DISPLAY_NAME);
        spec.addProperty("language", "java");
        spec.addProperty("interrupt_mode", "message");
        spec.add("env", new JsonObject());
        JsonObject md = new JsonObject();
        md.addProperty("debugger", false);
        spec.add("metadata", md);
        Files.writeString(dir.resolve("kernel.json"), Message.text(spec) + "\n", StandardCharsets.UTF_8);
        return dir;
    }

    /**
     * AppCDS: runs a kernel once with {@code -XX:ArchiveClassesAtExit} (a cell, a completion, shutdown)
     * so the classes of the JVM, JShell's compiler, ZeroMQ and the runtime are mapped from the
     * archive at the next start. A JVM that cannot use the archive (another JDK) ignores it.
     */
    static void trainClassDataSharing(Path jar, Path archive, List<String> extraJvmArgs) {
        List<String> jvm = new ArrayList<>(KernelCommand.JVM_FLAGS);
        jvm.addAll(extraJvmArgs);
        jvm.add("-XX:ArchiveClassesAtExit=" + archive);
        try (KernelClient k = KernelClient.start(KernelClient.options().jar(jar).jvmArgs(jvm))) {
            k.execute("Py.print(List.of(1, 2).size()); Display.html(\"<b>x</b>\");", java.time.Duration.ofSeconds(120));
            JsonObject c = new JsonObject();
            c.addProperty("code", "Str");
            c.addProperty("cursor_pos", 3);
            k.request("complete_request", c, java.time.Duration.ofSeconds(60));
        } catch (RuntimeException e) {
            System.err.println("AppCDS training failed, installing without an archive: " + e.getMessage());
        }
    }

    static Path userDataDir() {
        String xdg = System.getenv("JUPYTER_DATA_DIR");
        if (xdg != null && !xdg.isEmpty()) return Path.of(xdg);
        String home = System.getProperty("user.home");
        if (System.getProperty("os.name", "").toLowerCase().contains("mac")) return Path.of(home, "Library", "Jupyter");
        String dataHome = System.getenv("XDG_DATA_HOME");
        return (dataHome == null || dataHome.isEmpty() ? Path.of(home, ".local", "share") : Path.of(dataHome)).resolve("jupyter");
    }

    /** The kernel's jar, or null when the kernel runs from a class path (classes directories, tests). */
    static Path jarPath() {
        String own = JavaCommand.classPathOf(Main.class);
        return own.endsWith(".jar") && !own.contains(java.io.File.pathSeparator) ? Path.of(own).toAbsolutePath() : null;
    }
}
